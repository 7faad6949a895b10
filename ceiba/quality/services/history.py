"""Publishing the quality history as an open dataset of the portal.

The dataset belongs to the institution named by ``CEIBA_QUALITY_HISTORY_INSTITUTION``
(nothing is published when it is empty); its file is replaced through the catalog
services, so every day's history is a version with a stable address.
"""

import hashlib
import logging
import tempfile

from django.conf import settings
from django.contrib.auth import get_user_model

from ceiba.catalog import services as catalog
from ceiba.catalog.models import Dataset, Institution
from ceiba.catalog.selectors import distribution_find_by_title
from ceiba.quality.history import csv_lines, history_rows

logger = logging.getLogger(__name__)

HISTORY_SLUG = "historial-calidad-datos-abiertos"
HISTORY_FILE_TITLE = "Historial diario de la calidad"
HISTORY_FILENAME = "historial-calidad.csv"
_DESCRIPTION = (
    "Cifras diarias de calidad del Portal Nacional de Datos Abiertos, por "
    "institución y para todo el país: número de conjuntos de datos, puntaje de "
    "calidad de los metadatos (método MQA de la Unión Europea, sobre 405 puntos), "
    "estrellas de apertura, conjuntos al día según su frecuencia declarada, tablas "
    "válidas, enlaces rotos, licencias y formatos abiertos, portales cosechados que "
    "no responden. Se genera cada día. "
    "Las definiciones están en la página /calidad/ del portal."
)


def _actor() -> object | None:
    return (
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .order_by("pk")
        .first()
    )


def _history_dataset(actor: object, institution: Institution) -> Dataset:
    dataset = Dataset.objects.filter(slug=HISTORY_SLUG, deleted_at__isnull=True).first()
    if dataset is not None:
        return dataset
    data = catalog.DatasetInput(
        title="Historial de la calidad de los datos abiertos",
        slug=HISTORY_SLUG,
        licence="CC-BY-4.0",
        description=_DESCRIPTION,
        keywords=["calidad", "datos abiertos", "transparencia"],
        frequency="DAILY",
        places=["GT"],
    )
    return catalog.dataset_create(actor=actor, publisher=institution, data=data)


def _store(actor: object, dataset: Dataset, path: str) -> None:
    existing = distribution_find_by_title(dataset=dataset, title=HISTORY_FILE_TITLE)
    with open(path, "rb") as source:
        if existing is None:
            catalog.distribution_add_file(
                actor=actor,
                dataset=dataset,
                source=source,
                filename=HISTORY_FILENAME,
                title=HISTORY_FILE_TITLE,
            )
        else:
            catalog.distribution_replace_file(
                actor=actor,
                distribution=existing,
                source=source,
                filename=HISTORY_FILENAME,
            )


def _unchanged(dataset: Dataset, digest: str) -> bool:
    existing = distribution_find_by_title(dataset=dataset, title=HISTORY_FILE_TITLE)
    revision = existing.current_revision if existing else None
    return revision is not None and revision.sha256 == digest


def quality_history_publish() -> str | None:
    """Regenerate the history file and attach it; returns the dataset's slug."""
    slug = settings.CEIBA_QUALITY_HISTORY_INSTITUTION
    if not slug:
        return None
    institution = Institution.objects.filter(slug=slug, deleted_at__isnull=True).first()
    actor = _actor()
    if institution is None or actor is None:
        logger.warning(
            "quality history not published: no institution %r or no administrator",
            slug,
        )
        return None
    dataset = _history_dataset(actor, institution)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8") as out:
        for line in csv_lines(history_rows()):
            out.write(line)
            digest.update(line.encode())
        out.flush()
        if not _unchanged(dataset, digest.hexdigest()):
            _store(actor, dataset, out.name)
    if not dataset.is_published:
        dataset.refresh_from_db()
        catalog.dataset_publish(actor=actor, dataset=dataset)
    return dataset.slug
