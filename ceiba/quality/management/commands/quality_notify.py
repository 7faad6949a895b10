from typing import Any

from django.core.management.base import BaseCommand

from ceiba.quality.services import overdue_notices_send


class Command(BaseCommand):
    help = (
        "E-mail publishers about their datasets that became out of date (once per "
        "overdue period). Run it daily, e.g. from cron."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = overdue_notices_send()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} e-mails."))
