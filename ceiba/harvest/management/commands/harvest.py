"""``ceiba harvest add|run|list``: manage harvest sources from the command line.

ceiba harvest add --type ckan --url URL --institution SLUG [--schedule daily]
ceiba harvest run ID        (in the foreground, with a progress bar)
ceiba harvest run --due     (every scheduled source that is due: for cron)
ceiba harvest list
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from ceiba.common.errors import CeibaError
from ceiba.harvest import selectors
from ceiba.harvest.actor import harvest_actor
from ceiba.harvest.models import Schedule, SourceType
from ceiba.harvest.services import (
    harvest_run,
    harvest_source_create,
    harvest_sources_due,
)


class Command(BaseCommand):
    help = "Harvest other portals' catalogs: add a source, run it, list sources."

    def add_arguments(self, parser: Any) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        add = commands.add_parser("add", help="Register a source; prints its id.")
        add.add_argument("--type", required=True, choices=SourceType.values)
        add.add_argument("--url", required=True)
        add.add_argument("--institution", required=True, help="Institution slug.")
        add.add_argument("--name", default="", help="Default: the institution's.")
        add.add_argument("--schedule", default=Schedule.MANUAL, choices=Schedule.values)
        add.add_argument("--organisation", action="append", default=[])
        add.add_argument("--tag", action="append", default=[])
        add.add_argument("--default-licence", default="")
        run = commands.add_parser("run", help="Harvest a source now.")
        run.add_argument("id", nargs="?", type=int)
        run.add_argument("--due", action="store_true", help="Every due source.")
        commands.add_parser("list", help="List the sources and their last run.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except CeibaError as error:
            raise CommandError(_explain(error)) from error

    def _add(self, options: dict[str, Any]) -> None:
        values: dict[str, Any] = {
            "schedule": options["schedule"],
            "filter_organisations": options["organisation"],
            "filter_tags": options["tag"],
        }
        if options["name"]:
            values["name"] = options["name"]
        if options["default_licence"]:
            values["default_licence_id"] = options["default_licence"]
        source = harvest_source_create(
            actor=harvest_actor(),
            url=options["url"],
            type=options["type"],
            institution=options["institution"],
            **values,
        )
        self.stdout.write(str(source.pk))

    def _run(self, options: dict[str, Any]) -> None:
        if options["due"]:
            sources = harvest_sources_due()
        elif options["id"] is not None:
            sources = [selectors.harvest_source_get(source_id=options["id"])]
        else:
            raise CommandError(_("Give a source id, or --due."))
        for source in sources:
            self._run_one(source)

    def _run_one(self, source: Any) -> None:
        with tqdm(desc=source.name[:40], unit=_(" datasets"), disable=None) as bar:

            def progress(done: int, total: int | None) -> None:
                bar.total = total
                bar.n = done
                bar.refresh()

            job = harvest_run(source=source, progress=progress)
        self.stdout.write(
            _(
                "%(state)s: %(new)d new, %(updated)d updated, %(unchanged)d "
                "unchanged, %(withdrawn)d withdrawn, %(failed)d failed."
            )
            % {
                "state": job.get_state_display(),
                "new": job.new,
                "updated": job.updated,
                "unchanged": job.unchanged,
                "withdrawn": job.withdrawn,
                "failed": job.failed,
            }
        )
        if job.error:
            self.stderr.write(job.error)

    def _list(self, options: dict[str, Any]) -> None:
        for source in selectors.harvest_source_list():
            job = source.last_job
            last = (
                f"{job.created_at:%Y-%m-%d %H:%M} {job.get_state_display()}"
                if job
                else _("never harvested")
            )
            self.stdout.write(
                f"{source.pk}\t{source.type}\t{source.dataset_count}\t{last}\t"
                f"{source.name}\t{source.url}"
            )


def _explain(error: CeibaError) -> str:
    details = " ".join(
        f"{name}: {' '.join(str(m) for m in messages)}"
        for name, messages in (getattr(error, "field_errors", None) or {}).items()
    )
    return f"{error.render()} {details}".strip()
