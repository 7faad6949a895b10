"""``ceiba demo``: load the demo catalog once; later runs say it is already there."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from ceiba.common.errors import CeibaError
from ceiba.demo.exceptions import DemoCatalogNotEmptyError
from ceiba.demo.services import DemoCredentials, DemoProgress, DemoSummary, demo_load


class Command(BaseCommand):
    help = gettext_lazy(
        "Load the demo catalog: real institutions with generated, non-official "
        "figures, and a demo publisher account. Does nothing if already loaded."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        with tqdm(desc=_("Demo datasets"), unit="", disable=None, leave=False) as bar:
            try:
                summary = demo_load(progress=lambda step: _advance(bar, step))
            except DemoCatalogNotEmptyError as exc:
                # Not a failure: `make run` goes on serving the existing catalog.
                self.stdout.write(self.style.WARNING(exc.render()))
                return
            except CeibaError as exc:
                raise CommandError(exc.render()) from exc
        if summary.already_loaded:
            self.stdout.write(_("The demo catalog is already loaded: nothing to do."))
        else:
            self._report(summary, time.monotonic() - started)
        if summary.editor is not None:
            self._credentials(summary.editor)

    def _report(self, summary: DemoSummary, seconds: float) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                _("Loaded the demo catalog in %(seconds).1f s.") % {"seconds": seconds}
            )
        )
        lines = [
            _("Institutions created: %(n)d") % {"n": summary.institutions},
            _("Datasets created and published: %(n)d") % {"n": summary.datasets},
            _("Files uploaded: %(n)d, of which %(replaced)d were later replaced")
            % {"n": summary.files, "replaced": summary.replaced_files},
            _("Links added: %(n)d") % {"n": summary.links},
            _("Downloads counted: %(n)d") % {"n": summary.downloads},
        ]
        for line in lines:
            self.stdout.write(f"  {line}")
        self.stdout.write(
            _("Every figure in these files is generated demo data, not official data.")
        )

    def _credentials(self, editor: DemoCredentials) -> None:
        self.stdout.write("")
        self.stdout.write(
            _("Demo publisher account (for demo portals only, never in production):")
        )
        self.stdout.write(
            "  "
            + _("user %(username)s, password %(password)s: %(role)s in %(institution)s")
            % {
                "username": editor.username,
                "password": editor.password,
                "role": editor.role,
                "institution": editor.institution,
            }
        )


def _advance(bar: tqdm, step: DemoProgress) -> None:
    bar.total = step.total
    bar.set_postfix_str(step.title[:30], refresh=False)
    bar.update(1)
