"""Packages as the API last serialized them (``ceiba.api.models``): package_show and
package_search read a dataset's stored body in the same query that finds it, and
serialize again only what changed since.

The generation a body is stored with is read *before* its dataset is loaded, so a
body built from data that a change has since replaced never matches the stamp.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import translation

from ceiba.api.ckan.envelope import RawJSON
from ceiba.api.models import PackageBody, PackageStamp
from ceiba.catalog.models import Dataset, DatasetStatus

BODY = PackageBody._meta.db_table
STAMP = PackageStamp._meta.db_table
DATASET = Dataset._meta.db_table
FIND = (
    f"SELECT d.id, COALESCE(s.generation, 0), b.body,"  # noqa: S608 (our table names)
    f" d.status = %s AND d.deleted_at IS NULL"
    f" FROM {DATASET} d LEFT JOIN {STAMP} s ON s.dataset_id = d.id"
    f" LEFT JOIN {BODY} b ON b.dataset_id = d.id AND b.variant = %s"
    f" AND b.generation = COALESCE(s.generation, 0)"
)


@dataclass(frozen=True)
class Stored:
    dataset_id: uuid.UUID
    generation: int
    body: RawJSON | None
    public: bool


def variant(request: HttpRequest) -> str:
    """What a body depends on besides its dataset: language and site address."""
    return f"{translation.get_language()} {request.scheme}://{request.get_host()}"[:300]


def _db_id(value: uuid.UUID) -> object:
    return Dataset._meta.pk.get_db_prep_value(value, connection)


def _rows(where: str, params: list[object], variant: str) -> list[Stored]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"{FIND} WHERE {where}", [DatasetStatus.PUBLISHED, variant, *params]
        )
        rows = cursor.fetchall()
    return [
        Stored(
            dataset_id=uuid.UUID(str(dataset_id)),
            generation=generation,
            body=RawJSON(body.encode()) if body is not None else None,
            public=bool(public),
        )
        for dataset_id, generation, body, public in rows
    ]


def find_one(ref: str, variant: str) -> Stored | None:
    """A dataset named by its id or its name, with its stored body if current."""
    try:
        rows = _rows("d.id = %s", [_db_id(uuid.UUID(ref))], variant)
    except ValueError:
        rows = _rows("d.slug = %s", [ref[:100]], variant)
    return rows[0] if rows else None


def find_many(ids: Iterable[uuid.UUID], variant: str) -> dict[uuid.UUID, Stored]:
    ids = list(ids)
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    rows = _rows(f"d.id IN ({marks})", [_db_id(i) for i in ids], variant)
    return {row.dataset_id: row for row in rows}


def keep(entries: list[tuple[uuid.UUID, int, bytes]], variant: str) -> None:
    """Store bodies (dataset id, generation read before loading it, JSON). Best
    effort: a read must not fail because another request is writing."""
    bodies = [
        PackageBody(dataset_id=i, variant=variant, generation=g, body=b.decode())
        for i, g, b in entries
    ]
    try:
        with transaction.atomic():
            PackageBody.objects.bulk_create(
                bodies,
                update_conflicts=True,
                unique_fields=["dataset", "variant"],
                update_fields=["generation", "body"],
            )
    except DatabaseError:
        pass


def forget(datasets: QuerySet[Dataset]) -> None:
    """Make the stored bodies of ``datasets`` stale by bumping their stamps (one
    statement; a stale body is overwritten by the next one stored)."""
    select, params = datasets.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {STAMP} (dataset_id, generation)"  # noqa: S608
            f" SELECT chosen.pk, 1 FROM ({select}) chosen WHERE true"
            f" ON CONFLICT (dataset_id)"
            f" DO UPDATE SET generation = {STAMP}.generation + 1",
            params,
        )
