"""One record of a source → our catalog, in one transaction, only through
``ceiba.catalog.services``.

A new record becomes a published dataset with links to the source's files; a
changed record a new version (metadata and/or files); an unchanged one (same
content hash) is left alone. The source's issued/modified stay the dataset's dates.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from ceiba.catalog import selectors as catalog_selectors
from ceiba.catalog import services as catalog
from ceiba.catalog.exceptions import DatasetInvalidError, InstitutionNotFoundError
from ceiba.harvest.locks import current_values
from ceiba.harvest.mapping import MappedRecord, changed_fields
from ceiba.harvest.models import HarvestedDataset, RecordAction
from ceiba.harvest.records import SourceFile, SourceRecord

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class LinkState:
    """What a run knows of a record harvested before, loaded once per run."""

    pk: int
    dataset_id: Any
    content_hash: str
    record_hash: str
    withdrawn: bool


@dataclass
class Outcome:
    action: str
    dataset_id: Any = None
    changed: list[str] = field(default_factory=list)


@dataclass
class ApplyContext:
    source: Any
    actor: Any
    links: dict[str, LinkState]
    institutions: dict[str, Any] = field(default_factory=dict)

    def institution(self, slug: str, report: Any) -> Any:
        if not slug:
            return self.source.institution
        if slug not in self.institutions:
            try:
                found = catalog_selectors.institution_get(slug=slug)
            except InstitutionNotFoundError:
                report.add("organisation", slug)
                found = self.source.institution
            self.institutions[slug] = found
        return self.institutions[slug]


def apply_record(
    ctx: ApplyContext, record: SourceRecord, mapped: MappedRecord, report: Any
) -> Outcome:
    link = ctx.links.get(record.identifier)
    if link and link.record_hash == mapped.record_hash and not link.withdrawn:
        return Outcome(RecordAction.UNCHANGED, link.dataset_id)
    with transaction.atomic():
        if link is None:
            outcome = _create(ctx, record, mapped, report)
        else:
            outcome = _update(ctx, record, mapped, link)
    state = ctx.links.setdefault(
        record.identifier, LinkState(0, outcome.dataset_id, "", "", False)
    )
    state.content_hash, state.record_hash = mapped.content_hash, mapped.record_hash
    state.withdrawn = False
    return outcome


def _links(files: list[SourceFile]) -> tuple[Any, ...]:
    return tuple(
        catalog.LinkInput(
            url=f.url, title=f.title, description=f.description, format=f.format
        )
        for f in files
    )


def _wanted_slug(name: str) -> str:
    """The source's name, as our address name if it can be one."""
    return name if name and SLUG_RE.match(name) and len(name) <= 100 else ""


def _import_dataset(
    ctx: ApplyContext, publisher: Any, data: Any, name: str, files: list[SourceFile]
) -> Any:
    """The dataset, its links and its publication as one version; keeps the
    source's name as the address when it is free and valid."""
    links = _links(files)
    if _wanted_slug(name):
        try:
            with transaction.atomic():
                return catalog.dataset_import(
                    actor=ctx.actor,
                    publisher=publisher,
                    data=dataclasses.replace(data, slug=name),
                    links=links,
                )
        except DatasetInvalidError as error:
            if set(error.field_errors) != {"slug"}:
                raise
    return catalog.dataset_import(
        actor=ctx.actor, publisher=publisher, data=data, links=links
    )


def create_records(
    ctx: ApplyContext, pairs: list[tuple[SourceRecord, MappedRecord]], report: Any
) -> list[Outcome]:
    """Records new to us (a page of them) → datasets, in one transaction: all are
    created or none (the caller then applies them one by one)."""
    items = [
        catalog.DatasetImport(
            publisher=ctx.institution(mapped.institution_slug, report),
            data=dataclasses.replace(mapped.data, slug=_wanted_slug(record.name)),
            links=_links(list(mapped.files)),
            issued=mapped.issued,
            modified=mapped.modified,
        )
        for record, mapped in pairs
    ]
    with transaction.atomic():
        datasets = catalog.datasets_import(actor=ctx.actor, items=items)
        links = HarvestedDataset.objects.bulk_create(
            HarvestedDataset(
                source=ctx.source,
                identifier=record.identifier,
                dataset=dataset,
                **_link_fields(record, mapped),
            )
            for (record, mapped), dataset in zip(pairs, datasets, strict=True)
        )
    for (_record, mapped), link in zip(pairs, links, strict=True):
        ctx.links[link.identifier] = LinkState(
            link.pk or 0,
            link.dataset_id,
            mapped.content_hash,
            mapped.record_hash,
            False,
        )
    return [Outcome(RecordAction.NEW, dataset.pk) for dataset in datasets]


def _add_file(ctx: ApplyContext, dataset: Any, file: SourceFile) -> None:
    catalog.distribution_add_link(
        actor=ctx.actor,
        dataset=dataset,
        url=file.url,
        title=file.title,
        description=file.description,
        format=file.format,
    )


def _create(
    ctx: ApplyContext, record: SourceRecord, mapped: MappedRecord, report: Any
) -> Outcome:
    publisher = ctx.institution(mapped.institution_slug, report)
    dataset = _import_dataset(
        ctx, publisher, mapped.data, record.name, list(mapped.files)
    )
    catalog.dataset_dates_set(
        actor=ctx.actor, dataset=dataset, issued=mapped.issued, modified=mapped.modified
    )
    HarvestedDataset.objects.create(
        source=ctx.source,
        identifier=record.identifier,
        dataset=dataset,
        **_link_fields(record, mapped),
    )
    return Outcome(RecordAction.NEW, dataset.pk)


def _link_fields(record: SourceRecord, mapped: MappedRecord) -> dict[str, Any]:
    return {
        "original": record.original,
        "original_format": record.original_format,
        "unmapped": mapped.unmapped,
        "mapped": mapped.content,
        "content_hash": mapped.content_hash,
        "record_hash": mapped.record_hash,
        "source_page": mapped.page[:2000],
        "source_issued": mapped.issued,
        "source_modified": mapped.modified,
        "harvested_at": timezone.now(),
        "withdrawn_at": None,
    }


def _kept_local(ctx: ApplyContext, dataset: Any, data: Any) -> Any:
    """The source's values, but the fields local editors may change stay ours."""
    allowed = [n for n in ctx.source.editable_fields or [] if hasattr(data, n)]
    if not allowed:
        return dataclasses.replace(data, slug=dataset.slug)
    now = current_values(dataset)
    kept = {name: now[name] for name in allowed if name in now}
    return dataclasses.replace(data, slug=dataset.slug, **kept)


def _sync_files(ctx: ApplyContext, dataset: Any, files: list[SourceFile]) -> None:
    """Make the dataset's links those of the source, matched by address."""
    live = {d.access_url: d for d in dataset.live_distributions}
    wanted = {f.url: f for f in files}
    for url, distribution in live.items():
        if url not in wanted:
            catalog.distribution_remove(actor=ctx.actor, distribution=distribution)
    for url, file in wanted.items():
        distribution = live.get(url)
        if distribution is None:
            _add_file(ctx, dataset, file)
        elif (distribution.title, distribution.description) != (
            file.title or distribution.title,
            file.description,
        ):
            catalog.distribution_update(
                actor=ctx.actor,
                distribution=distribution,
                title=file.title or distribution.title,
                description=file.description,
            )


def _update(
    ctx: ApplyContext, record: SourceRecord, mapped: MappedRecord, link: LinkState
) -> Outcome:
    stored = HarvestedDataset.objects.select_for_update().get(pk=link.pk)
    dataset = catalog_selectors.dataset_get_by_id(
        dataset_id=link.dataset_id, actor=ctx.actor
    )
    action = RecordAction.UNCHANGED
    if link.withdrawn or dataset.deleted_at is not None:
        catalog.dataset_restore(actor=ctx.actor, dataset=dataset)
        action = RecordAction.RESTORED
    changed = changed_fields(stored.mapped, mapped.content)
    if stored.content_hash != mapped.content_hash and changed:
        if [name for name in changed if name != "files"]:
            catalog.dataset_update(
                actor=ctx.actor,
                dataset=dataset,
                data=_kept_local(ctx, dataset, mapped.data),
                expected_lock_version=dataset.lock_version,
            )
        if "files" in changed:
            _sync_files(ctx, dataset, mapped.files)
        action = action if action == RecordAction.RESTORED else RecordAction.UPDATED
    if not dataset.is_published and dataset.deleted_at is None:
        catalog.dataset_publish(actor=ctx.actor, dataset=dataset)
    catalog.dataset_dates_set(
        actor=ctx.actor, dataset=dataset, issued=mapped.issued, modified=mapped.modified
    )
    for name, value in _link_fields(record, mapped).items():
        setattr(stored, name, value)
    stored.save()
    return Outcome(action, dataset.pk, changed)


def withdraw(ctx: ApplyContext, identifier: str, link: LinkState) -> Outcome:
    """The source no longer lists the record: soft-delete the dataset (reversible:
    the harvest restores it if the record comes back, an administrator can too)."""
    with transaction.atomic():
        stored = HarvestedDataset.objects.select_for_update().get(pk=link.pk)
        dataset = catalog_selectors.dataset_get_by_id(
            dataset_id=link.dataset_id, actor=ctx.actor
        )
        if dataset.deleted_at is None:
            catalog.dataset_delete(actor=ctx.actor, dataset=dataset)
        stored.withdrawn_at = timezone.now()
        stored.save(update_fields=["withdrawn_at"])
    link.withdrawn = True
    return Outcome(RecordAction.WITHDRAWN, link.dataset_id)
