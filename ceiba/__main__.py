"""The ``ceiba`` command: Django's management commands plus Ceiba's own
(``serve``, ``demo``, and later ``ingest``, ``harvest``…)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceiba.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    # The embedded database lives there: it must exist before the first migrate.
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    execute_from_command_line(["ceiba", *sys.argv[1:]])


if __name__ == "__main__":
    main()
