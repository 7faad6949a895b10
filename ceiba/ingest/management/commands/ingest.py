"""``ceiba ingest FILE --dataset SLUG [--title TITLE]``: publish a table in the
foreground, with a progress bar; exits non-zero with the reason when refused."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from ceiba.catalog.selectors import dataset_get
from ceiba.common.errors import CeibaError
from ceiba.datastore.selectors import datastore_tables_for_distribution
from ceiba.ingest.services import ingest_into_dataset

STAGES = {
    "reading": gettext_lazy("reading"),
    "typing": gettext_lazy("detecting types"),
    "validating": gettext_lazy("validating"),
}


class Command(BaseCommand):
    help = "Add a tabular file to a dataset (or replace the file of the same title)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dataset", required=True, help="The dataset's address name."
        )
        parser.add_argument("--title", default="", help="Default: the file name.")
        parser.add_argument(
            "--user",
            default="",
            help="Act as this user (default: a portal administrator).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("There is no file at %(path)s.") % {"path": path})
        actor = self._actor(options["user"])
        try:
            dataset = dataset_get(slug=options["dataset"], actor=actor)
            with tqdm(unit=_(" rows"), unit_scale=True, disable=None) as bar:
                distribution = ingest_into_dataset(
                    actor=actor,
                    dataset=dataset,
                    path=path,
                    title=options["title"] or path.stem,
                    progress=lambda stage, done, total: _advance(
                        bar, stage, done, total
                    ),
                )
        except CeibaError as error:
            raise CommandError(error.render()) from error
        for table in datastore_tables_for_distribution(distribution_id=distribution.pk):
            self.stdout.write(
                _("Table “%(name)s”: %(rows)d rows, %(errors)d errors.")
                % {
                    "name": table.name,
                    "rows": table.row_count,
                    "errors": table.error_count,
                }
            )

    def _actor(self, username: str) -> Any:
        users = get_user_model().objects
        user = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True, is_active=True).order_by("pk").first()
        )
        if user is None:
            raise CommandError(
                _(
                    "No such user. Create a portal administrator with "
                    "`ceiba createsuperuser`."
                )
            )
        return user


def _advance(bar: tqdm, stage: str, done: int, total: int | None) -> None:
    bar.set_description(str(STAGES.get(stage, stage)))
    bar.total = total
    bar.n = done
    bar.refresh()
