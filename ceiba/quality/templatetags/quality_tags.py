"""Quality panels other apps' pages include: the dataset page's quality section
and the publisher's list of out-of-date datasets."""

from typing import Any

from django import template

from ceiba.quality.selectors import dataset_quality_view, overdue_for_actor

register = template.Library()


@register.inclusion_tag("quality/_dataset_quality.html", takes_context=True)
def dataset_quality(context: template.Context, dataset: Any) -> dict[str, Any]:
    request = context.get("request")
    actor = getattr(request, "user", None)
    return {
        "dataset": dataset,
        "view": dataset_quality_view(dataset=dataset, actor=actor),
        "stars": range(5),
    }


@register.inclusion_tag("quality/_overdue.html", takes_context=True)
def overdue_datasets(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    actor = getattr(request, "user", None)
    if actor is None or not actor.is_authenticated:
        return {"overdue": []}
    return {"overdue": list(overdue_for_actor(actor=actor, limit=100))}
