"""Quality's own tables: scores per dataset, daily figures, checks of file links and
harvested sources, notices and the LAIP article 10 obligations.

Written only by ``ceiba.quality.services``; read through ``ceiba.quality.selectors``.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """The MQA rating bands (``edp-scoring-skos.rdf``)."""

    EXCELLENT = "excellent", _("excellent")
    GOOD = "good", _("good")
    SUFFICIENT = "sufficient", _("sufficient")
    BAD = "bad", _("bad")


class DatasetQuality(models.Model):
    """The stored quality of one dataset: MQA points, stars, freshness, validity.

    ``failed`` lists what to fix: ``[{"code": indicator code, "lost": points}]``;
    the explanation of each code lives in ``ceiba.quality.indicators``. ``due_at`` is
    when the dataset becomes out of date (last data update + declared period + 20 %);
    whether it is out of date is decided when read, against the current time.
    """

    dataset = models.OneToOneField(
        "catalog.Dataset",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="quality",
    )
    publisher = models.ForeignKey(
        "catalog.Institution", on_delete=models.CASCADE, related_name="+"
    )
    is_public = models.BooleanField(default=False)
    score = models.PositiveSmallIntegerField(default=0)
    findability = models.PositiveSmallIntegerField(default=0)
    accessibility = models.PositiveSmallIntegerField(default=0)
    interoperability = models.PositiveSmallIntegerField(default=0)
    reusability = models.PositiveSmallIntegerField(default=0)
    contextuality = models.PositiveSmallIntegerField(default=0)
    rating = models.CharField(max_length=12, choices=Rating.choices)
    stars = models.PositiveSmallIntegerField(default=0)
    failed = models.JSONField(default=list)
    period_days = models.PositiveIntegerField(null=True, blank=True)
    last_data_update = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    table_count = models.PositiveIntegerField(default=0)
    is_valid = models.BooleanField(null=True)
    link_count = models.PositiveIntegerField(default=0)
    broken_links = models.PositiveIntegerField(default=0)
    broken_files = models.JSONField(default=list)
    open_licence = models.BooleanField(default=False)
    open_format = models.BooleanField(default=False)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("dataset quality")
        verbose_name_plural = _("dataset qualities")
        indexes = [
            # Partial: SQLite cannot match a boolean column in an index by
            # equality, but uses an index whose condition the query repeats.
            models.Index(
                fields=["publisher", "due_at"],
                condition=models.Q(is_public=True),
                name="quality_public_by_publisher",
            ),
            models.Index(fields=["is_public", "due_at"]),
            # The few datasets with broken links, for the institution dashboards.
            models.Index(
                fields=["publisher", "-broken_links"],
                condition=models.Q(is_public=True, broken_links__gt=0),
                name="quality_broken_by_publisher",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id}: {self.score}"


class QualitySnapshot(models.Model):
    """The figures of one institution (or of the whole country, institution null)
    on one day. Today's rows are refreshed as datasets change; earlier days are the
    history. Every figure is a count, so the country row is the sum of the others.
    """

    date = models.DateField()
    institution = models.ForeignKey(
        "catalog.Institution",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    datasets = models.PositiveIntegerField(default=0)
    periodic = models.PositiveIntegerField(default=0)
    up_to_date = models.PositiveIntegerField(default=0)
    score_sum = models.PositiveBigIntegerField(default=0)
    stars_sum = models.PositiveBigIntegerField(default=0)
    with_tables = models.PositiveIntegerField(default=0)
    valid = models.PositiveIntegerField(default=0)
    links = models.PositiveIntegerField(default=0)
    broken_links = models.PositiveIntegerField(default=0)
    open_licence = models.PositiveIntegerField(default=0)
    open_format = models.PositiveIntegerField(default=0)
    sources = models.PositiveIntegerField(default=0)
    broken_sources = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("quality snapshot")
        verbose_name_plural = _("quality snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "institution"],
                condition=models.Q(institution__isnull=False),
                name="quality_snapshot_unique_institution_day",
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(institution__isnull=True),
                name="quality_snapshot_unique_country_day",
            ),
        ]
        indexes = [models.Index(fields=["institution", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.institution_id or 'GT'}"


class LinkReason(models.TextChoices):
    """Why a check failed (empty when it answered)."""

    BAD_URL = "bad_url", _("not a valid web address")
    BLOCKED = "blocked", _("address not allowed")
    DNS = "dns", _("unknown host name")
    TIMEOUT = "timeout", _("no answer in time")
    REDIRECT_LOOP = "redirect_loop", _("too many redirects")
    TLS = "tls", _("secure connection failed")
    CONNECTION = "connection", _("connection failed")
    NOT_FOUND = "not_found", _("not found")
    RATE_LIMITED = "rate_limited", _("the server asked to wait")
    SERVER_ERROR = "server_error", _("server error")
    CLIENT_ERROR = "client_error", _("request refused")


class LinkState(models.Model):
    """The latest known state of one checked address: a file link or a harvested
    source (the concrete models add what the address belongs to)."""

    url = models.URLField(max_length=2000)
    checked_at = models.DateTimeField()
    ok = models.BooleanField(default=False)
    is_broken = models.BooleanField(default=False)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=40, blank=True, choices=LinkReason.choices)
    content_type = models.CharField(max_length=200, blank=True)
    byte_size = models.PositiveBigIntegerField(null=True, blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    next_check_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.url}: {self.reason or self.status_code}"


class LinkCheckRecord(models.Model):
    """One check of one address: the history."""

    url = models.URLField(max_length=2000)
    checked_at = models.DateTimeField(db_index=True)
    ok = models.BooleanField(default=False)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=40, blank=True, choices=LinkReason.choices)
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    byte_size = models.PositiveBigIntegerField(null=True, blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    checksum_changed = models.BooleanField(default=False)

    class Meta:
        abstract = True
        ordering = ["-checked_at"]

    def __str__(self) -> str:
        return f"{self.checked_at:%Y-%m-%d %H:%M} {self.url}: {self.status_code}"


class LinkStatus(LinkState):
    """The latest known state of a link distribution (one row per link)."""

    distribution = models.OneToOneField(
        "catalog.Distribution",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="link_status",
    )

    class Meta:
        verbose_name = _("link status")
        verbose_name_plural = _("link statuses")


class LinkCheck(LinkCheckRecord):
    """One check of one file link."""

    distribution = models.ForeignKey(
        "catalog.Distribution", on_delete=models.CASCADE, related_name="link_checks"
    )

    class Meta(LinkCheckRecord.Meta):
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        indexes = [models.Index(fields=["distribution", "-checked_at"])]


class SourceStatus(LinkState):
    """The latest known availability of a harvested source's address."""

    source = models.OneToOneField(
        "harvest.HarvestSource",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="link_status",
    )

    class Meta:
        verbose_name = _("harvested source status")
        verbose_name_plural = _("harvested source statuses")


class SourceCheck(LinkCheckRecord):
    """One check of one harvested source's address."""

    source = models.ForeignKey(
        "harvest.HarvestSource", on_delete=models.CASCADE, related_name="link_checks"
    )

    class Meta(LinkCheckRecord.Meta):
        verbose_name = _("harvested source check")
        verbose_name_plural = _("harvested source checks")
        indexes = [models.Index(fields=["source", "-checked_at"])]


class OverdueNotice(models.Model):
    """An e-mail sent about an out-of-date dataset, once per overdue period
    (``due_at`` identifies the period: a new data update moves it)."""

    dataset = models.ForeignKey(
        "catalog.Dataset", on_delete=models.CASCADE, related_name="+"
    )
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField()
    recipients = models.JSONField(default=list)

    class Meta:
        verbose_name = _("out-of-date notice")
        verbose_name_plural = _("out-of-date notices")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "due_at"], name="overdue_notice_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id} due {self.due_at:%Y-%m-%d}"


class Obligation(models.Model):
    """A category of information the LAIP (Decreto 57-2008, article 10) obliges
    every institution to publish proactively. Loaded by a migration, editable."""

    code = models.SlugField(max_length=40, primary_key=True)
    article = models.CharField(_("article"), max_length=10, default="10")
    numeral = models.PositiveSmallIntegerField(_("numeral"))
    name_es = models.CharField(_("name in Spanish"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    max_age_days = models.PositiveIntegerField(
        _("maximum age in days"),
        null=True,
        blank=True,
        help_text=_(
            "Data older than this counts as stale, whatever the dataset's declared "
            "frequency. Leave empty to use only the declared frequency."
        ),
    )
    is_active = models.BooleanField(_("in force"), default=True)

    class Meta:
        ordering = ["article", "numeral"]
        verbose_name = _("publication obligation")
        verbose_name_plural = _("publication obligations")

    def __str__(self) -> str:
        return f"{self.article}.{self.numeral} {self.name_es}"

    @property
    def name(self) -> str:
        if (get_language() or "es").startswith("en") and self.name_en:
            return self.name_en
        return self.name_es


class ObligationDataset(models.Model):
    """A dataset tagged as satisfying an obligation for its publisher."""

    obligation = models.ForeignKey(
        Obligation, on_delete=models.CASCADE, related_name="datasets"
    )
    dataset = models.ForeignKey(
        "catalog.Dataset", on_delete=models.CASCADE, related_name="obligations"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dataset for an obligation")
        verbose_name_plural = _("datasets for obligations")
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "dataset"], name="obligation_dataset_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.obligation_id} ← {self.dataset_id}"
