"""Quality's writes: scores, daily figures, link checks, notices, obligations."""

from ceiba.quality.services.history import quality_history_publish
from ceiba.quality.services.links import link_results_record, quality_links_check
from ceiba.quality.services.notices import overdue_notices_send
from ceiba.quality.services.obligations import obligation_dataset_set
from ceiba.quality.services.scores import dataset_quality_recompute
from ceiba.quality.services.snapshots import quality_snapshot_refresh

__all__ = [
    "dataset_quality_recompute",
    "link_results_record",
    "obligation_dataset_set",
    "overdue_notices_send",
    "quality_history_publish",
    "quality_links_check",
    "quality_snapshot_refresh",
]
