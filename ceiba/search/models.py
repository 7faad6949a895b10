"""The search index: one entry per live dataset, and its facet values.

Drafts are entries too, marked not ``public``: searches leave them out unless the
caller may see them (``SearchQuery.drafts_of``, ``all_drafts``).

Only the search backends write these tables (raw SQL, in ``backends/``). Each backend
adds its text index in migration 0002: an FTS5 table ``search_fts`` keyed by
``number`` on SQLite, a weighted ``tsvector`` column with a GIN index on PostgreSQL.
"""

from django.db import models

from ceiba.search.documents import MAX_FACET_VALUE_LENGTH


class SearchEntry(models.Model):
    dataset_id = models.UUIDField(primary_key=True)
    # A small integer key: the FTS5 rowid on SQLite, and what facet rows point to.
    number = models.BigIntegerField(unique=True)
    title_sort = models.TextField()
    issued = models.DateTimeField()
    modified = models.DateTimeField()
    download_count = models.BigIntegerField(default=0)
    # The ids of the entry's SearchFacetValues, packed (see backends/base.py): facet
    # counts read them for every match, which is far cheaper than a GROUP BY.
    facet_ids = models.BinaryField(default=b"")
    # A rebuild removes the entries it did not rewrite, i.e. those indexed before it.
    indexed_at = models.DateTimeField()
    # For conditions (search.conditions): the slug, visibility and record dates.
    name = models.TextField(default="")
    public = models.BooleanField(default=True)
    publisher_id = models.BigIntegerField(null=True)
    created_at = models.DateTimeField(null=True)
    updated_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "search_entry"
        indexes = [
            # The sorts of a search without words, covering: a deep page walks the
            # index alone (the visibility first, as every search asks for it).
            models.Index(
                fields=["public", "-issued", "dataset_id"], name="search_entry_issued"
            ),
            models.Index(
                fields=["public", "-modified", "dataset_id"],
                name="search_entry_modified",
            ),
            models.Index(
                fields=["public", "-download_count", "-issued", "dataset_id"],
                name="search_entry_downloads",
            ),
            models.Index(fields=["indexed_at"], name="search_entry_indexed_at"),
            models.Index(fields=["name"], name="search_entry_name"),
            models.Index(fields=["updated_at"], name="search_entry_updated_at"),
        ]

    def __str__(self) -> str:
        return str(self.dataset_id)


class SearchIndexVersion(models.Model):
    """One row counting the index's writes: search results are kept (in the cache)
    under the version they were computed for, so any write makes them stale."""

    number = models.BigIntegerField(default=0)

    class Meta:
        db_table = "search_index_version"

    def __str__(self) -> str:
        return str(self.number)


class SearchFacetValue(models.Model):
    """A facet value seen in the index (theme "salud", place "0101"…). Rows are never
    changed, so an id always means the same value."""

    field = models.CharField(max_length=32)
    value = models.CharField(max_length=MAX_FACET_VALUE_LENGTH)

    class Meta:
        db_table = "search_facet_value"
        constraints = [
            models.UniqueConstraint(
                fields=["field", "value"], name="search_facet_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.field}={self.value}"


class SearchFacet(models.Model):
    """That an entry has a facet value: what filters look up."""

    pk = models.CompositePrimaryKey("entry", "value")
    entry = models.ForeignKey(
        SearchEntry, to_field="number", on_delete=models.CASCADE, db_index=False
    )
    value = models.ForeignKey(
        SearchFacetValue, on_delete=models.PROTECT, db_index=False
    )

    class Meta:
        db_table = "search_facet"
        indexes = [
            models.Index(fields=["value", "entry"], name="search_facet_by_value")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.value_id}"
