"""E-mailing publishers about their out-of-date datasets, once per overdue period.

A notice row is claimed before the e-mail is sent and given back if sending fails,
so two runs (or a run and a retry) never send the same notice twice.
"""

import datetime as dt
import logging
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ceiba.catalog.models import Institution, Membership, Role
from ceiba.quality.models import DatasetQuality, OverdueNotice

logger = logging.getLogger(__name__)


def _pending(now: dt.datetime) -> dict[int, list[dict[str, Any]]]:
    already = OverdueNotice.objects.filter(
        dataset_id=OuterRef("dataset_id"), due_at=OuterRef("due_at")
    )
    rows = (
        DatasetQuality.objects.filter(is_public=True, due_at__lt=now)
        .exclude(Exists(already))
        .order_by("publisher_id", "due_at")
        .values(
            "dataset_id",
            "due_at",
            "publisher_id",
            "last_data_update",
            "dataset__title",
            "dataset__slug",
        )  # fmt: skip
    )
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["publisher_id"]].append(row)
    return grouped


def _recipients(institution: Institution) -> list[str]:
    emails = Membership.objects.filter(
        institution=institution,
        role__in=[Role.EDITOR, Role.ADMIN],
        user__is_active=True,
    ).values_list("user__email", flat=True)
    found = sorted({e for e in emails if e})
    return found or ([institution.email] if institution.email else [])


def _message(institution: Institution, rows: list[dict[str, Any]]) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Out-of-date datasets of %(institution)s") % {
            "institution": institution.name
        }
        body = render_to_string(
            "quality/email/overdue.txt",
            {
                "institution": institution,
                "datasets": [
                    {
                        **row,
                        "url": settings.SITE_URL
                        + reverse("web:publish-dataset", args=[row["dataset__slug"]]),
                    }
                    for row in rows
                ],
                "dashboard": settings.SITE_URL
                + reverse("web:quality-institution", args=[institution.slug]),
            },
        )
    return subject, body


def _claim(
    rows: list[dict[str, Any]], recipients: list[str], now: dt.datetime
) -> list[OverdueNotice] | None:
    try:
        with transaction.atomic():
            return OverdueNotice.objects.bulk_create(
                OverdueNotice(
                    dataset_id=row["dataset_id"],
                    due_at=row["due_at"],
                    sent_at=now,
                    recipients=recipients,
                )
                for row in rows
            )
    except IntegrityError:
        return None  # another run is sending these


def overdue_notices_send(*, now: dt.datetime | None = None) -> int:
    """E-mail each institution's editors the datasets that became out of date
    since they were last told. Returns how many e-mails were sent."""
    now = now or timezone.now()
    sent = 0
    pending = _pending(now)
    institutions = Institution.objects.in_bulk(list(pending))
    for publisher_id, rows in pending.items():
        institution = institutions[publisher_id]
        recipients = _recipients(institution)
        if not recipients:
            continue
        claimed = _claim(rows, recipients, now)
        if not claimed:
            continue
        subject, body = _message(institution, rows)
        try:
            send_mass_mail(
                [
                    (subject, body, settings.DEFAULT_FROM_EMAIL, [to])
                    for to in recipients
                ]
            )
        except Exception:  # noqa: BLE001 - give the claim back; retried next run
            logger.exception("out-of-date notice to %s failed", institution.slug)
            OverdueNotice.objects.filter(pk__in=[n.pk for n in claimed]).delete()
            continue
        sent += len(recipients)
    return sent
