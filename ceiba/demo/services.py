"""Loading the demo catalog, through the catalog's own services.

``demo_load`` is idempotent: institutions and datasets are created only when their
address name (slug) is not taken yet, so a second run adds nothing and a run that
was interrupted resumes where it stopped. Each dataset is written in one
transaction, so a crash never leaves half a dataset.
"""

import datetime as dt
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from ceiba.catalog.exceptions import InstitutionNotFoundError
from ceiba.catalog.models import Dataset, Distribution, Institution, Role
from ceiba.catalog.selectors import dataset_list_for_actor, institution_get
from ceiba.catalog.services import (
    DatasetInput,
    dataset_create,
    dataset_publish,
    dataset_update,
    distribution_add_file,
    distribution_add_link,
    distribution_record_download,
    distribution_replace_file,
    institution_create,
    membership_set,
)
from ceiba.demo.catalog import (
    DATASETS,
    EDITOR_INSTITUTION,
    EDITOR_PASSWORD,
    EDITOR_USERNAME,
    INSTITUTIONS,
    DemoDataset,
    DemoFile,
    DemoInstitution,
)
from ceiba.demo.descriptions import dataset_description
from ceiba.demo.exceptions import DemoCatalogNotEmptyError
from ceiba.demo.files import file_render

SYSTEM_USERNAME = "demo"
LINK_NOTE = (
    "Enlace al sitio oficial de la institución; no es un archivo de demostración."
)
MAX_DOWNLOADS = 300

INSTITUTIONS_BY_SLUG = {i.slug: i for i in INSTITUTIONS}


@dataclass(frozen=True)
class DemoProgress:
    """Reported after each dataset is loaded."""

    done: int
    total: int
    title: str


@dataclass(frozen=True)
class DemoCredentials:
    username: str
    password: str
    institution: str
    role: str


@dataclass
class DemoSummary:
    """What ``demo_load`` did."""

    already_loaded: bool = False
    institutions: int = 0
    datasets: int = 0
    files: int = 0
    replaced_files: int = 0
    links: int = 0
    downloads: int = 0
    editor: DemoCredentials | None = None


@dataclass
class _DatasetLoad:
    dataset: Dataset
    files: list[Distribution] = field(default_factory=list)
    replaced_files: int = 0
    links: int = 0
    downloads: int = 0


def demo_load(*, progress: Callable[[DemoProgress], None] | None = None) -> DemoSummary:
    """Load the demo catalog, or do nothing if it is already loaded.

    Raises DemoCatalogNotEmptyError, without writing anything, when the portal
    already has datasets and the demo was never loaded into it.
    """
    summary = DemoSummary()
    with transaction.atomic():
        actor = _system_user()
        publishers = _institutions(actor, summary)
        summary.editor = _editor(actor, publishers[EDITOR_INSTITUTION])
    missing = _missing_datasets(actor)
    if not missing and not summary.institutions:
        summary.already_loaded = True
        return summary
    for done, spec in enumerate(missing, start=1):
        with transaction.atomic():
            load = _dataset_load(actor, spec, publishers[spec.publisher])
        _count(summary, load)
        if progress is not None:
            progress(DemoProgress(done=done, total=len(missing), title=spec.title))
    return summary


def _system_user() -> AbstractBaseUser:
    """The portal administrator the demo acts as; nobody can sign in with it."""
    model = get_user_model()
    user = model.objects.filter(username=SYSTEM_USERNAME).first()
    if user is not None:
        return user
    user = model.objects.create_superuser(
        username=SYSTEM_USERNAME,
        email="",
        password=None,
        first_name="Catálogo de demostración",
    )
    if dataset_list_for_actor(actor=user).exists():
        raise DemoCatalogNotEmptyError()
    return user


def _institutions(
    actor: AbstractBaseUser, summary: DemoSummary
) -> dict[str, Institution]:
    found: dict[str, Institution] = {}
    for spec in INSTITUTIONS:
        try:
            found[spec.slug] = institution_get(slug=spec.slug)
        except InstitutionNotFoundError:
            found[spec.slug] = _institution_create(actor, spec, found)
            summary.institutions += 1
    return found


def _institution_create(
    actor: AbstractBaseUser, spec: DemoInstitution, found: dict[str, Institution]
) -> Institution:
    return institution_create(
        actor=actor,
        slug=spec.slug,
        name=spec.name,
        acronym=spec.acronym,
        kind_id=spec.kind,
        place_id=spec.place,
        parent_id=found[spec.parent].pk if spec.parent else None,
        website=spec.website,
        email=spec.email,
        description=spec.description,
    )


def _editor(actor: AbstractBaseUser, institution: Institution) -> DemoCredentials:
    """The demo publisher account, an editor of ``institution``."""
    model = get_user_model()
    if not model.objects.filter(username=EDITOR_USERNAME).exists():
        editor = model.objects.create_user(
            username=EDITOR_USERNAME,
            email=f"{EDITOR_USERNAME}@ceiba.demo.example",
            password=EDITOR_PASSWORD,
            first_name="Editora de demostración",
        )
        membership_set(
            actor=actor, user=editor, institution=institution, role=Role.EDITOR
        )
    return DemoCredentials(
        username=EDITOR_USERNAME,
        password=EDITOR_PASSWORD,
        institution=institution.name,
        role=str(Role.EDITOR.label),
    )


def _missing_datasets(actor: AbstractBaseUser) -> list[DemoDataset]:
    slugs = [spec.slug for spec in DATASETS]
    present = set(
        dataset_list_for_actor(actor=actor)
        .filter(slug__in=slugs)
        .values_list("slug", flat=True)
    )
    return [spec for spec in DATASETS if spec.slug not in present]


def _dataset_load(
    actor: AbstractBaseUser, spec: DemoDataset, publisher: Institution
) -> _DatasetLoad:
    """Create, fill and publish one dataset, then replace files and edit it later."""
    institution = INSTITUTIONS_BY_SLUG[spec.publisher]
    data = _dataset_input(spec, institution, final=False)
    load = _DatasetLoad(dataset_create(actor=actor, publisher=publisher, data=data))
    for demo_file in spec.files:
        load.files.append(_file_add(actor, load.dataset, demo_file))
    for link in spec.links:
        distribution_add_link(
            actor=actor,
            dataset=load.dataset,
            url=link.url,
            title=link.title,
            description=LINK_NOTE,
            format=link.format,
        )
        load.links += 1
    dataset_publish(actor=actor, dataset=load.dataset)
    load.downloads = _downloads_record(spec, load.files[0])
    load.replaced_files = _files_replace(actor, spec, load.files)
    if spec.is_updated_later:
        load.dataset.refresh_from_db()
        dataset_update(
            actor=actor,
            dataset=load.dataset,
            data=_dataset_input(spec, institution, final=True),
            expected_lock_version=load.dataset.lock_version,
        )
    return load


def _dataset_input(
    spec: DemoDataset, institution: DemoInstitution, *, final: bool
) -> DatasetInput:
    """The dataset's metadata when first published, or after its later edit."""
    years = spec.years
    if years and spec.has_replacements and not final:
        years = (years[0], years[1] - 1)
    keywords = [*spec.keywords, *(spec.later_keywords if final else ())]
    return DatasetInput(
        title=spec.title,
        slug=spec.slug,
        licence=spec.licence,
        description=dataset_description(spec, institution, final=final),
        keywords=keywords,
        themes=list(spec.themes),
        frequency=spec.frequency,
        temporal_start=dt.date(years[0], 1, 1) if years else None,
        temporal_end=dt.date(years[1], 12, 31) if years else None,
        places=list(spec.places),
        contact_name=institution.contact_name,
        contact_email=institution.email,
        sdg_targets=list(spec.sdg_targets),
        legal_basis=spec.legal_basis,
    )


def _file_add(
    actor: AbstractBaseUser, dataset: Dataset, demo_file: DemoFile
) -> Distribution:
    earlier = bool(demo_file.earlier_filename)
    return distribution_add_file(
        actor=actor,
        dataset=dataset,
        source=io.BytesIO(file_render(demo_file, earlier=earlier)),
        filename=demo_file.earlier_filename or demo_file.filename,
        title=demo_file.title,
    )


def _files_replace(
    actor: AbstractBaseUser, spec: DemoDataset, distributions: list[Distribution]
) -> int:
    """Upload the newer revision of each file first published with fewer years."""
    replaced = 0
    for demo_file, distribution in zip(spec.files, distributions, strict=True):
        if demo_file.earlier_filename:
            distribution_replace_file(
                actor=actor,
                distribution=distribution,
                source=io.BytesIO(file_render(demo_file)),
                filename=demo_file.filename,
            )
            replaced += 1
    return replaced


def _downloads_record(spec: DemoDataset, distribution: Distribution) -> int:
    """Count a varied, repeatable number of downloads, so "most downloaded" lists
    have something to show."""
    rng = random.Random(f"ceiba-demo-descargas:{spec.slug}")  # noqa: S311 - not secret
    count = min(MAX_DOWNLOADS, int(rng.paretovariate(1.3) * 6))
    for _ in range(count):
        distribution_record_download(distribution=distribution)
    return count


def _count(summary: DemoSummary, load: _DatasetLoad) -> None:
    summary.datasets += 1
    summary.files += len(load.files)
    summary.replaced_files += load.replaced_files
    summary.links += load.links
    summary.downloads += load.downloads
