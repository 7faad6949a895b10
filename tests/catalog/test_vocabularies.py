"""The controlled vocabularies loaded by migration ``catalog.0002_vocabularies``."""

import csv
import importlib
import re
import unicodedata
from pathlib import Path

import pytest
from django.apps import apps as global_apps

from ceiba.catalog.models import (
    Frequency,
    InstitutionKind,
    Licence,
    Place,
    PlaceLevel,
    Theme,
)

pytestmark = pytest.mark.django_db

EU_THEME_CODES = {
    "AGRI",
    "ECON",
    "EDUC",
    "ENER",
    "ENVI",
    "GOVE",
    "HEAL",
    "INTR",
    "JUST",
    "REGI",
    "SOCI",
    "TECH",
    "TRAN",
}

EXPECTED_PERIODS = {
    "TRIENNIAL": 1095,
    "BIENNIAL": 730,
    "ANNUAL": 365,
    "ANNUAL_2": 182,
    "ANNUAL_3": 122,
    "QUARTERLY": 91,
    "BIMONTHLY": 61,
    "MONTHLY": 30,
    "MONTHLY_2": 15,
    "MONTHLY_3": 10,
    "BIWEEKLY": 14,
    "WEEKLY": 7,
    "WEEKLY_2": 4,
    "WEEKLY_3": 2,
    "DAILY": 1,
    "DAILY_2": 1,
    "HOURLY": 1,
    "CONT": None,
    "UPDATE_CONT": None,
    "IRREG": None,
    "UNKNOWN": None,
    "NEVER": None,
    "OTHER": None,
}

LICENCE_IS_OPEN = {
    "CC-BY-4.0": True,
    "CC-BY-SA-4.0": True,
    "CC0-1.0": True,
    "ODbL-1.0": True,
    "ODC-By-1.0": True,
    "PDDL-1.0": True,
    "CC-BY-3.0": True,
    "CC-BY-SA-3.0": True,
    "CC-BY-NC-4.0": False,
    "OGL-UK-3.0": True,
    "other-open": True,
    "other-closed": False,
    "notspecified": False,
}

INSTITUTION_KIND_LABELS = {
    "ministry": "Ministerio",
    "secretariat": "Secretaría",
    "municipality": "Municipalidad",
    "judiciary": "Organismo Judicial",
    "legislature": "Organismo Legislativo",
    "autonomous": "Entidad autónoma",
    "decentralized": "Entidad descentralizada",
    "electoral": "Organismo electoral",
    "state-enterprise": "Empresa pública",
    "other": "Otra institución",
}


def _fold(name: str) -> str:
    """A name without accents, in a form that ignores case."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _folded_names(level: str) -> dict[str, str]:
    places = Place.objects.filter(level=level)
    return {place.code: _fold(place.labels["es"]) for place in places}


def test_there_are_the_13_eu_themes() -> None:
    eu_themes = Theme.objects.filter(is_local=False)

    assert {theme.code for theme in eu_themes} == EU_THEME_CODES
    assert all(theme.eu_theme_id is None for theme in eu_themes)


def test_every_local_theme_maps_to_an_eu_theme() -> None:
    local_themes = list(Theme.objects.filter(is_local=True).select_related("eu_theme"))

    assert len(local_themes) >= 16
    for theme in local_themes:
        assert theme.eu_theme is not None, theme.code
        assert not theme.eu_theme.is_local, theme.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", theme.code)
        assert re.fullmatch(r"[a-z]+", theme.icon), theme.code
    assert len({theme.position for theme in local_themes}) == len(local_themes)


def test_the_home_page_order_starts_with_health_and_education() -> None:
    codes = Theme.objects.filter(is_local=True).values_list("code", flat=True)

    assert list(codes[:2]) == ["salud", "educacion"]


def test_frequencies_exist_with_their_expected_periods() -> None:
    periods = dict(Frequency.objects.values_list("code", "period_days"))

    assert {code: periods.get(code, "missing") for code in EXPECTED_PERIODS} == (
        EXPECTED_PERIODS
    )


def test_licences_include_the_spdx_ids_and_say_whether_they_are_open() -> None:
    is_open = dict(Licence.objects.values_list("code", "is_open"))

    assert {code: is_open.get(code, "missing") for code in LICENCE_IS_OPEN} == (
        LICENCE_IS_OPEN
    )


def test_spdx_licences_have_their_canonical_address() -> None:
    licence = Licence.objects.get(code="CC-BY-4.0")

    assert licence.url == "https://creativecommons.org/licenses/by/4.0/"
    spdx = Licence.objects.exclude(
        code__in=["other-open", "other-closed", "notspecified"]
    )
    assert all(licence.url.startswith("https://") for licence in spdx)


def test_institution_kinds_have_spanish_labels() -> None:
    labels = {kind.code: kind.labels["es"] for kind in InstitutionKind.objects.all()}

    assert labels == INSTITUTION_KIND_LABELS


def test_the_country_has_22_departments() -> None:
    country = Place.objects.get(code="GT")
    departments = Place.objects.filter(level=PlaceLevel.DEPARTMENT)

    assert country.level == PlaceLevel.COUNTRY
    assert country.parent_id is None
    assert country.labels == {"es": "Guatemala", "en": "Guatemala"}
    assert [d.code for d in departments] == [f"{n:02d}" for n in range(1, 23)]
    assert all(d.parent_id == "GT" for d in departments)


def test_each_municipality_belongs_to_the_department_of_its_first_two_digits() -> None:
    municipalities = Place.objects.filter(level=PlaceLevel.MUNICIPALITY)

    assert municipalities.count() == 340
    for municipality in municipalities:
        assert re.fullmatch(r"\d{4}", municipality.code)
        assert municipality.parent_id == municipality.code[:2], municipality.code
    assert {m.code for m in municipalities} >= {"0101", "0108", "1420", "2217"}


def test_places_have_readable_unique_slugs() -> None:
    slugs = dict(Place.objects.values_list("code", "slug"))

    assert len(set(slugs.values())) == len(slugs) == 1 + 22 + 340
    assert slugs["GT"] == "guatemala-pais"
    assert slugs["01"] == "guatemala"
    assert slugs["16"] == "alta-verapaz"
    assert slugs["0101"] == "guatemala-guatemala"
    assert slugs["0108"] == "mixco-guatemala"
    assert slugs["2202"] == "el-progreso-jutiapa"


def test_places_match_the_ine_catalogue(shared_dir: Path) -> None:
    path = shared_dir / "data" / "gt" / "limites" / "catalogo_municipios.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    expected_municipalities = {
        f"{int(row['codigo_muni']):04d}": _fold(row["municipio"]) for row in rows
    }
    expected_departments = {
        f"{int(row['codigo_depto']):02d}": _fold(row["departamento"]) for row in rows
    }

    assert _folded_names(PlaceLevel.MUNICIPALITY) == expected_municipalities
    assert _folded_names(PlaceLevel.DEPARTMENT) == expected_departments


@pytest.mark.parametrize(
    "model",
    [Theme, Frequency, Licence, InstitutionKind, Place],
    ids=lambda m: m.__name__,
)
def test_every_label_has_spanish_and_english(model: type) -> None:
    missing = [
        term.code
        for term in model.objects.all()
        if not (term.labels.get("es", "").strip() and term.labels.get("en", "").strip())
    ]

    assert model.objects.exists()
    assert missing == []


def _snapshot() -> dict[str, list[tuple]]:
    return {
        model.__name__: list(model.objects.values_list())
        for model in (Theme, Frequency, Licence, InstitutionKind, Place)
    }


def test_loading_again_changes_nothing() -> None:
    migration = importlib.import_module("ceiba.catalog.migrations.0002_vocabularies")
    before = _snapshot()

    migration.load_vocabularies(global_apps, None)

    assert _snapshot() == before
