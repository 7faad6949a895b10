"""``ceiba privacy scan FILE [--quasi COL,COL…]``: find personal data in any tabular
file and print the findings as JSON; ``ceiba privacy rescan [--dataset SLUG]``:
scan the catalog's tables again and store the findings.

It lives in the ingest app because reading any file goes through the ingest
pipeline (the privacy app sits below ingest and cannot read files itself).
"""

import json
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ceiba.common.errors import CeibaError
from ceiba.ingest.pipeline import ingest_file
from ceiba.privacy.scan import scan_table
from ceiba.privacy.services import privacy_rescan


class Command(BaseCommand):
    help = "Find personal data in a tabular file, or scan the catalog's tables again."

    def add_arguments(self, parser: Any) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        scan = actions.add_parser("scan", help="Scan a file and print JSON.")
        scan.add_argument("file", type=Path)
        scan.add_argument(
            "--quasi",
            default="",
            help="Quasi-identifier columns for k-anonymity, separated by commas.",
        )
        rescan = actions.add_parser("rescan", help="Scan the catalog's tables again.")
        rescan.add_argument("--dataset", default="", help="Only this dataset.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rescan":
            count = privacy_rescan(dataset_slug=options["dataset"])
            self.stdout.write(
                ngettext("%(count)d table scanned.", "%(count)d tables scanned.", count)
                % {"count": count}
            )
            return
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("There is no file at %(path)s.") % {"path": path})
        quasi = [c.strip() for c in options["quasi"].split(",") if c.strip()]
        try:
            report = scan_file(path, quasi)
        except CeibaError as error:
            raise CommandError(error.render()) from error
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))


def scan_file(path: Path, quasi: list[str]) -> dict[str, Any]:
    """The file's tables, each scanned; quasi-identifiers by name or by title."""
    tables: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="ceiba-privacy-") as work:
        for table in ingest_file(path, filename=path.name, out_dir=Path(work)):
            fields = table.schema.get("fields", [])
            titles = {f["name"]: f.get("title", "") for f in fields}
            by_title = {f.get("title", ""): f["name"] for f in fields}
            names = [by_title.get(c, c) for c in quasi] if quasi else None
            scan = scan_table(table.parquet, titles=titles, quasi=names)
            tables.append({"table": table.name, **scan.as_json()})
    findings = [
        {"table": t["table"], **finding} for t in tables for finding in t["findings"]
    ]
    return {
        "file": path.name,
        "rows": sum(t["rows"] for t in tables),
        "findings": findings,
        "k_anonymity": [
            {"table": t["table"], **t["k_anonymity"]}
            for t in tables
            if t["k_anonymity"] is not None
        ],
    }
