"""A catalog that exercises every field the catalog model has, built through the
catalog services (with the ingest hooks, so the CSV file becomes a table)."""

import datetime as dt
from pathlib import Path

import pytest

from ceiba.catalog import services
from tests.factories import committed, make_dataset, make_institution, portal_admin

SITE = "https://datos.example.gt"
BUDGET = (
    b"departamento,municipio,anio,monto,fecha\n"
    b"01,0101,2024,1234.50,2024-12-31\n"
    b"01,0102,2024,99.00,2024-11-30\n"
    b"05,0501,2023,10.25,2023-01-01\n"
)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def standards(shared_dir: Path) -> Path:
    return shared_dir / "standards"


@committed
def _add_link(dataset, url: str, title: str):
    return services.distribution_add_link(
        actor=portal_admin(), dataset=dataset, url=url, title=title, format="JSON"
    )


@committed
def _update_description(dataset, description: str):
    data = services.DatasetInput(
        title=dataset.title,
        licence=dataset.licence_id,
        slug=dataset.slug,
        description=description,
        title_en=dataset.translations.get("en", {}).get("title", ""),
        description_en=dataset.translations.get("en", {}).get("description", ""),
        keywords=dataset.keywords,
        themes=[t.code for t in dataset.themes.all()],
        access_rights=dataset.access_rights,
        frequency=dataset.frequency_id or "",
        temporal_start=dataset.temporal_start,
        temporal_end=dataset.temporal_end,
        places=[p.code for p in dataset.places.all()],
        contact_name=dataset.contact_name,
        contact_email=dataset.contact_email,
        conforms_to=dataset.conforms_to,
        sdg_targets=dataset.sdg_targets,
        legal_basis=dataset.legal_basis,
        source_url=dataset.source_url,
    )
    return services.dataset_update(
        actor=portal_admin(),
        dataset=dataset,
        data=data,
        expected_lock_version=dataset.lock_version,
    )


def make_full_dataset():
    """A dataset with every field filled, a table, a PDF, a link and 4 versions."""
    institution = make_institution(
        "minfin",
        name="Ministerio de Finanzas Públicas",
        acronym="MINFIN",
        website="https://www.minfin.gob.gt/",
        email="datos@minfin.gob.gt",
        phone="+502 2374-3000",
    )
    dataset = make_dataset(
        "Presupuesto municipal",
        publisher=institution,
        slug="presupuesto-municipal",
        description="Presupuesto aprobado y ejecutado por municipio, año y mes, "
        "según el Sistema de Contabilidad Integrada.",
        title_en="Municipal budget",
        description_en="Approved and executed budget by municipality and year.",
        keywords=["presupuesto", "municipios", "finanzas"],
        themes=["finanzas-publicas", "gobierno"],
        access_rights="PUBLIC",
        frequency="MONTHLY",
        temporal_start=dt.date(2020, 1, 1),
        temporal_end=dt.date(2024, 12, 31),
        places=["GT", "01", "0101"],
        contact_name="Dirección de Datos Abiertos",
        contact_email="abiertos@minfin.gob.gt",
        conforms_to="https://www.minfin.gob.gt/normas/presupuesto",
        sdg_targets=["16.6", "17.1"],
        legal_basis="Ley de Acceso a la Información Pública, artículo 10",
        source_url="https://www.minfin.gob.gt/datos/presupuesto",
        licence="CC-BY-4.0",
        files={"presupuesto.csv": BUDGET, "metodologia.pdf": PDF},
    )
    _add_link(dataset, "https://www.minfin.gob.gt/api/presupuesto.json", "API")
    dataset = _update_description(
        dataset, dataset.description + " Cifras en quetzales."
    )
    dataset.refresh_from_db()
    return dataset


def make_plain_dataset():
    """A dataset with only what is required (no description, no contact…), under
    a licence with no EU or SPDX URI."""
    institution = make_institution(
        "muni-mixco", name="Municipalidad de Mixco", acronym="", kind="municipality"
    )
    return make_dataset(
        "Mercados municipales", publisher=institution, licence="other-open"
    )


@pytest.fixture
def full_dataset(db):
    return make_full_dataset()


@pytest.fixture
def full_catalog(db):
    return [make_full_dataset(), make_plain_dataset()]
