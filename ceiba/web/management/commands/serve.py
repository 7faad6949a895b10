"""``ceiba serve``: the portal and its background worker, ready in one command.

The web server is granian (HTTP in Rust, the portal in Python worker processes):
the same server for the embedded default and for production, where ``--workers``
is set to the number of cores.
"""

import logging
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Serve the portal (migrating first) with a background worker for tasks."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--port", type=int, default=None, help="Default: $PORT or 8000."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.CEIBA_WEB_WORKERS,
            help="Processes answering requests. Default: $CEIBA_WEB_WORKERS or 1.",
        )
        parser.add_argument(
            "--threads", type=int, default=8, help="Threads per process (default 8)."
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the background worker.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from granian import Granian
        from granian.constants import Interfaces

        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        worker = None if options["no_worker"] else self._start_worker()
        port = options["port"] or int(settings.CEIBA_PORT)
        self.stdout.write(
            _("Ceiba is serving at http://%(host)s:%(port)s/ (Ctrl+C stops it).")
            % {"host": options["host"], "port": port}
        )
        # Each worker imports the application after collectstatic: WhiteNoise scans
        # the static folder when it starts.
        server = Granian(
            "ceiba.wsgi:application",
            address=options["host"],
            port=port,
            interface=Interfaces.WSGI,
            workers=max(options["workers"], 1),
            blocking_threads=max(options["threads"], 1),
            log_access=False,
        )
        try:
            server.serve()
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)

    def _start_worker(self) -> subprocess.Popen | None:
        backend = settings.TASKS["default"]["BACKEND"]
        if not backend.startswith("django_tasks_db"):
            return None
        self.stdout.write(_("Starting the background worker."))
        return subprocess.Popen(  # noqa: S603 - our own interpreter and command
            [sys.executable, "-m", "ceiba", "db_worker", "--verbosity", "0"]
        )
