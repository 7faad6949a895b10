"""What /api/v1 sends: one output schema per shape (STYLE: ``<Entity><Action>Out``).

Field names are stable English snake_case; labels follow the request's language
(Spanish by default); URLs are absolute.
"""

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field


class Problem(Schema):
    """An error as RFC 9457 problem details (``application/problem+json``)."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: dict[str, list[str]] | None = None


class Term(Schema):
    code: str
    label: str


class PlaceRef(Term):
    level: str


class LicenceOut(Schema):
    code: str
    label: str
    url: str
    is_open: bool


class FrequencyOut(Term):
    labels: dict[str, str]
    period_days: int | None


class ThemeOut(Term):
    labels: dict[str, str]
    eu_theme: str | None
    is_local: bool
    icon: str
    url: str
    datasets_url: str


class PlaceOut(Term):
    labels: dict[str, str]
    level: str
    slug: str
    parent: str | None
    url: str
    datasets_url: str


class PlaceDetailOut(PlaceOut):
    children: list[PlaceOut]


class InstitutionRef(Schema):
    slug: str
    name: str
    acronym: str
    url: str


class InstitutionOut(InstitutionRef):
    kind: Term
    parent: str | None
    place: str | None
    description: str
    website: str
    email: str
    phone: str
    dataset_count: int
    html_url: str
    datasets_url: str


class ValidationSummary(Schema):
    """The public summary of a table's validation against its data dictionary."""

    valid: bool
    error_count: int
    stats: dict[str, Any]


class TableSummaryOut(Schema):
    id: str
    name: str
    position: int
    row_count: int
    byte_size: int
    table_schema: dict[str, Any] = Field(
        description="The data dictionary, as a Frictionless Table Schema."
    )
    validation: ValidationSummary
    revision: int
    url: str
    rows_url: str
    html_url: str


class TableOut(TableSummaryOut):
    dataset: str
    file: str
    file_title: str
    downloads: dict[str, str]
    created_at: datetime


class RevisionOut(Schema):
    number: int
    filename: str
    byte_size: int
    sha256: str
    format: str
    media_type: str
    created_at: datetime
    download_url: str


class DistributionOut(Schema):
    id: str
    title: str
    description: str
    kind: str
    format: str
    media_type: str
    access_url: str
    download_url: str | None
    filename: str
    byte_size: int | None
    sha256: str
    revision: int | None
    created_at: datetime
    updated_at: datetime
    url: str
    tables: list[TableSummaryOut]


class DistributionDetailOut(DistributionOut):
    revisions: list[RevisionOut]


class DatasetSummaryOut(Schema):
    id: str
    slug: str
    title: str
    description: str
    keywords: list[str]
    themes: list[Term]
    publisher: InstitutionRef
    licence: Term
    frequency: Term | None
    places: list[PlaceRef]
    formats: list[str]
    status: str
    issued: datetime | None
    modified: datetime | None
    url: str
    html_url: str
    # From ceiba.quality.selectors.quality_for_datasets; null until scored.
    quality: dict[str, Any] | None = Field(
        None,
        description="Metadata quality score (score, max_score, rating, dimensions, "
        "stars, valid, broken_links, computed_at); null until computed.",
    )
    freshness: dict[str, Any] | None = Field(
        None,
        description="Update regularity (last_data_update, period_days, due_at, "
        "out_of_date); null until computed.",
    )


class DatasetOut(DatasetSummaryOut):
    translations: dict[str, Any]
    access_rights: str
    temporal_start: date | None
    temporal_end: date | None
    contact_name: str
    contact_email: str
    conforms_to: str
    sdg_targets: list[Any]
    legal_basis: str
    source_url: str
    download_count: int
    created_at: datetime
    updated_at: datetime
    distributions: list[DistributionOut]
    files_url: str
    versions_url: str


class PageOut(Schema):
    total: int
    page: int
    page_size: int
    next: str | None
    previous: str | None


class DatasetPageOut(PageOut):
    results: list[DatasetSummaryOut]


class FacetValue(Schema):
    value: str
    count: int


class SearchOut(DatasetPageOut):
    facets: dict[str, list[FacetValue]]


class InstitutionPageOut(PageOut):
    results: list[InstitutionOut]


class VersionOut(Schema):
    number: int
    kind: str
    kind_label: str
    created_at: datetime
    changes: list[dict[str, Any]] = Field(
        description="What changed: {field, before, after} for metadata and "
        "{file, action, …} for files."
    )
    url: str


class VersionDetailOut(VersionOut):
    snapshot: dict[str, Any]


class VersionPageOut(PageOut):
    results: list[VersionOut]


class FieldOut(Schema):
    name: str
    type: str


class RowsOut(Schema):
    table: str
    fields: list[FieldOut]
    rows: list[dict[str, Any]]
    total: int | None
    page_size: int
    next_cursor: str | None
    next: str | None
    took_ms: float


class SqlIn(Schema):
    sql: str = Field(min_length=1, max_length=100_000)


class SqlOut(Schema):
    fields: list[FieldOut]
    rows: list[dict[str, Any]]
    total: int
    took_ms: float


class ApiIndexOut(Schema):
    title: str
    version: str
    openapi: str
    docs: str
    endpoints: dict[str, str]


class ThemeListOut(Schema):
    total: int
    results: list[ThemeOut]


class PlaceListOut(Schema):
    total: int
    results: list[PlaceOut]


class LicenceListOut(Schema):
    total: int
    results: list[LicenceOut]


class FrequencyListOut(Schema):
    total: int
    results: list[FrequencyOut]


class FileListOut(Schema):
    total: int
    results: list[DistributionOut]


class TableListOut(Schema):
    total: int
    results: list[TableSummaryOut]
