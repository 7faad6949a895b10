"""Load the controlled vocabularies of ``ceiba.catalog.vocabularies``.

Terms are upserted by code, so a later migration can load a changed list again.
Order follows the foreign keys: EU themes before local themes; places country,
then departments, then municipalities.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from ceiba.catalog.vocabularies import (
    Term,
    frequencies,
    institution_kinds,
    licences,
    places,
    themes,
)


def _upsert(apps: StateApps, model_name: str, rows: Sequence[dict[str, Any]]) -> None:
    model = apps.get_model("catalog", model_name)
    update_fields = [name for name in rows[0] if name != "code"]
    model.objects.bulk_create(
        [model(**row) for row in rows],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=update_fields,
    )


def _row(term: Term, position: int, **fields: Any) -> dict[str, Any]:
    return {"code": term.code, "labels": term.labels, "position": position, **fields}


def _rows(terms: Iterable[Term]) -> list[dict[str, Any]]:
    return [_row(term, i) for i, term in enumerate(terms, start=1)]


def _theme_rows(terms: Iterable[themes.ThemeTerm]) -> list[dict[str, Any]]:
    return [
        _row(t, i, eu_theme_id=t.eu_theme, is_local=t.is_local, icon=t.icon)
        for i, t in enumerate(terms, start=1)
    ]


def _frequency_rows() -> list[dict[str, Any]]:
    return [
        _row(t, i, period_days=t.period_days)
        for i, t in enumerate(frequencies.FREQUENCIES, start=1)
    ]


def _licence_rows() -> list[dict[str, Any]]:
    return [
        _row(t, i, url=t.url, is_open=t.is_open)
        for i, t in enumerate(licences.LICENCES, start=1)
    ]


def _place_rows(terms: Iterable[places.PlaceTerm]) -> list[dict[str, Any]]:
    return [
        _row(t, i, level=t.level, parent_id=t.parent, slug=t.slug)
        for i, t in enumerate(terms, start=1)
    ]


def load_vocabularies(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _upsert(apps, "Theme", _theme_rows(themes.EU_THEMES))
    _upsert(apps, "Theme", _theme_rows(themes.LOCAL_THEMES))
    _upsert(apps, "Frequency", _frequency_rows())
    _upsert(apps, "Licence", _licence_rows())
    _upsert(apps, "InstitutionKind", _rows(institution_kinds.INSTITUTION_KINDS))
    _upsert(apps, "Place", _place_rows([places.COUNTRY]))
    _upsert(apps, "Place", _place_rows(places.DEPARTMENTS))
    _upsert(apps, "Place", _place_rows(places.MUNICIPALITIES))


def unload_vocabularies(
    apps: StateApps, schema_editor: BaseDatabaseSchemaEditor
) -> None:
    """Delete the terms loaded above, children before the terms they point to."""
    groups = [
        ("Place", places.MUNICIPALITIES),
        ("Place", places.DEPARTMENTS),
        ("Place", [places.COUNTRY]),
        ("InstitutionKind", institution_kinds.INSTITUTION_KINDS),
        ("Licence", licences.LICENCES),
        ("Frequency", frequencies.FREQUENCIES),
        ("Theme", themes.LOCAL_THEMES),
        ("Theme", themes.EU_THEMES),
    ]
    for model_name, terms in groups:
        model = apps.get_model("catalog", model_name)
        model.objects.filter(code__in=[term.code for term in terms]).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(load_vocabularies, unload_vocabularies)]
