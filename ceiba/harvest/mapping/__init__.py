"""Mapping of the sources' records and vocabularies to ours."""

from ceiba.harvest.mapping.records import (
    MappedRecord,
    MappingOptions,
    UnmappedReport,
    changed_fields,
    map_record,
)

__all__ = [
    "MappedRecord",
    "MappingOptions",
    "UnmappedReport",
    "changed_fields",
    "map_record",
]
