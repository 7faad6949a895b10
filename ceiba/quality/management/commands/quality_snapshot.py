from typing import Any

from django.core.management.base import BaseCommand

from ceiba.quality.services import quality_history_publish, quality_snapshot_refresh


class Command(BaseCommand):
    help = (
        "Store today's quality figures (run once a day, e.g. from cron) and "
        "regenerate the quality history published as open data."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = quality_snapshot_refresh()
        published = quality_history_publish()
        self.stdout.write(self.style.SUCCESS(f"Stored {rows} figure rows."))
        if published:
            self.stdout.write(f"Quality history published in dataset {published}.")
