from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ceiba.quality.services import quality_links_check


class Command(BaseCommand):
    help = (
        "Check the datasets' links to other websites and the harvested portals "
        "(HEAD, then the first bytes), politely, and record the results. Run it "
        "daily, e.g. from cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            help="also addresses checked in the last 20 hours",
        )
        parser.add_argument(
            "--limit", type=int, default=None, help="check at most N addresses"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        results = quality_links_check(force=options["all"], limit=options["limit"])
        failed = [r for r in results if not r.ok]
        self.stdout.write(
            self.style.SUCCESS(
                f"Checked {len(results)} addresses: "
                f"{len(results) - len(failed)} answered, {len(failed)} did not."
            )
        )
        for result in failed[:50]:
            self.stdout.write(
                f"  {result.reason or result.status_code}: {result.target.url}"
            )
