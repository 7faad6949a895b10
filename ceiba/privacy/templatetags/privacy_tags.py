"""The personal-data summary on a dataset's management page."""

from typing import Any

from django import template

from ceiba.catalog.models import Dataset
from ceiba.privacy.selectors import dataset_findings

register = template.Library()


@register.inclusion_tag("privacy/_summary.html")
def privacy_summary(dataset: Dataset) -> dict[str, Any]:
    tables = dataset_findings(dataset=dataset)
    findings = [f for t in tables for f in t.findings]
    return {
        "dataset": dataset,
        "scanned": sum(1 for t in tables if t.scan is not None),
        "tables": len(tables),
        "open_blocking": sum(1 for f in findings if f.is_open and f.blocks),
        "open_warning": sum(1 for f in findings if f.is_open and not f.blocks),
        "reviewed": sum(1 for f in findings if not f.is_open),
    }
