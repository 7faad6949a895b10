"""Resources: our files (uploads) and links of a dataset."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ceiba.api.ckan import lookups
from ceiba.api.ckan.call import Call
from ceiba.api.ckan.errors import MissingParameterError, ParameterError
from ceiba.api.ckan.inputs import ckan_error, kept_id
from ceiba.api.ckan.serializers import resource_dict
from ceiba.catalog import selectors, services
from ceiba.catalog.models import Dataset, Distribution, DistributionKind
from ceiba.common.errors import ValidationError

SEARCH_FIELDS = {"name": "title", "description": "description", "format": "format"}
MAX_RESULTS = 1000


def _shown(call: Call, distribution: Distribution, actor: object) -> dict[str, Any]:
    fresh = lookups.resource_by_id(str(distribution.pk), actor)
    dataset = fresh.dataset
    tabular = lookups.tabular_revisions([dataset])
    position = [d.pk for d in dataset.live_distributions].index(fresh.pk)
    return resource_dict(
        fresh,
        dataset,
        call.absolute,
        position=position,
        tabular=fresh.current_revision_id in tabular,
    )


def resource_show(call: Call) -> dict[str, Any]:
    ref = call.params.text("id").strip()
    if not ref:
        raise MissingParameterError("id")
    actor = call.reader()
    return _shown(call, lookups.resource_by_id(ref, actor), actor)


def _search_filter(terms: list[str]) -> Q:
    condition = Q()
    for term in terms:
        name, sep, value = term.partition(":")
        if not sep or name.strip() not in {*SEARCH_FIELDS, "url"}:
            raise ParameterError(
                "query",
                _("Use field:term, with name, description, format or url: %s")
                % term[:100],
            )
        value = value.strip()
        if name.strip() == "url":
            condition &= Q(access_url__icontains=value) | Q(
                current_revision__filename__icontains=value
            )
        else:
            condition &= Q(**{f"{SEARCH_FIELDS[name.strip()]}__icontains": value})
    return condition


def resource_search(call: Call) -> dict[str, Any]:
    raw = call.params.raw("query")
    terms = [raw] if isinstance(raw, str) else call.params.items("query")
    fields = call.params.mapping("fields")
    terms += [f"{k}:{v}" for k, v in fields.items()]
    offset = call.params.integer("offset", 0)
    limit = call.params.integer("limit", MAX_RESULTS, low=1, high=MAX_RESULTS)
    found = selectors.distribution_list_public().filter(
        _search_filter([str(t) for t in terms if str(t).strip()])
    )
    page = list(found[offset : offset + limit])
    return {
        "count": found.count(),
        "results": [resource_dict(d, d.dataset, call.absolute) for d in page],
    }


def _upload(call: Call) -> Any:
    upload = call.params.files.get("upload")
    if upload is None and call.params.raw("upload") not in (None, ""):
        raise ParameterError("upload", _("Send the file as a multipart form field."))
    return upload


def _add(
    actor: object, dataset: Dataset, values: dict[str, Any], upload: Any
) -> Distribution:
    title = str(values.get("name") or "")
    description = str(values.get("description") or "")
    if upload is not None:
        return services.distribution_add_file(
            actor=actor,
            dataset=dataset,
            source=upload,
            filename=upload.name or title or "archivo",
            title=title,
            description=description,
        )
    url = str(values.get("url") or "").strip()
    if not url:
        raise ValidationError(field_errors={"url": [_("Missing value")]})
    return services.distribution_add_link(
        actor=actor,
        dataset=dataset,
        url=url,
        title=title,
        description=description,
        format=str(values.get("format") or ""),
        distribution_id=kept_id(actor, str(values.get("id") or "")),
    )


def _change(
    actor: object, distribution: Distribution, values: dict[str, Any], upload: Any
) -> Distribution:
    if upload is not None:
        # As on the publishing page: a table goes live once it has been read.
        distribution = services.distribution_replace_file(
            actor=actor,
            distribution=distribution,
            source=upload,
            filename=upload.name or distribution.title,
            activate=False,
        )
    url = values.get("url")
    return services.distribution_update(
        actor=actor,
        distribution=distribution,
        title=str(values.get("name") or distribution.title),
        description=str(values.get("description") or ""),
        url=str(url).strip()
        if url and distribution.kind == DistributionKind.LINK
        else None,
    )


def sync_resources(actor: object, dataset: Dataset, resources: list[dict]) -> None:
    """Make the dataset's files and links those of ``resources`` (CKAN's update):
    known ids are changed, others added as links, missing ones removed."""
    current = {
        str(d.pk): d
        for d in dataset.distributions.filter(deleted_at__isnull=True).select_related(
            "current_revision"
        )
    }
    kept = set()
    for values in resources:
        existing = current.get(str(values.get("id") or ""))
        if existing is not None:
            existing.dataset = dataset
            kept.add(str(existing.pk))
            _change(actor, existing, values, None)
        else:
            _add(actor, dataset, values, None)
    for key, distribution in current.items():
        if key not in kept:
            distribution.dataset = dataset
            services.distribution_remove(actor=actor, distribution=distribution)


def _writes(call: Call, work: Any) -> dict[str, Any]:
    actor = call.writer()
    try:
        with transaction.atomic():
            distribution = work(actor)
    except ValidationError as error:
        raise ckan_error(error) from None
    return _shown(call, distribution, actor)


def resource_create(call: Call) -> dict[str, Any]:
    ref = call.params.text("package_id").strip()
    if not ref:
        raise MissingParameterError("package_id")

    def work(actor: object) -> Distribution:
        dataset = lookups.dataset_by_ref(ref, actor)
        return _add(actor, dataset, call.params.values, _upload(call))

    return _writes(call, work)


def _resource(call: Call, actor: object) -> Distribution:
    ref = call.params.text("id").strip()
    if not ref:
        raise MissingParameterError("id")
    return lookups.resource_by_id(ref, actor)


def resource_update(call: Call) -> dict[str, Any]:
    def work(actor: object) -> Distribution:
        distribution = _resource(call, actor)
        return _change(actor, distribution, call.params.values, _upload(call))

    return _writes(call, work)


def resource_patch(call: Call) -> dict[str, Any]:
    def work(actor: object) -> Distribution:
        distribution = _resource(call, actor)
        values = {
            "name": distribution.title,
            "description": distribution.description,
            **call.params.values,
        }
        return _change(actor, distribution, values, _upload(call))

    return _writes(call, work)


def resource_delete(call: Call) -> None:
    actor = call.writer()
    distribution = _resource(call, actor)
    services.distribution_remove(actor=actor, distribution=distribution)
    return None
