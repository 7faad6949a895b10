"""``ceiba privacy scan FILE [--quasi …]`` prints JSON; unreadable files exit
non-zero with the reason."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

CSV = (
    "Nombre completo;DPI;Teléfono;Municipio;Edad;Sexo\n"
    "José Pérez López;1234567890101;5555-1234;Mixco;34;H\n"
    "María García Xol;8765432122217;+502 2233 4455;Cobán;41;M\n"
    "Ana Lucía Tzul;1029384741305;(502) 7777-8888;Mixco;34;H\n"
).encode("cp1252")


def _run(*args: str) -> dict:
    out = io.StringIO()
    call_command("privacy", *args, stdout=out)
    return json.loads(out.getvalue())


def test_scan_prints_findings_and_k_anonymity(tmp_path):
    path = tmp_path / "registro.csv"
    path.write_bytes(CSV)
    report = _run("scan", str(path), "--quasi", "Municipio,Edad,Sexo")
    assert report["file"] == "registro.csv" and report["rows"] == 3
    kinds = {(f["column"], f["kind"]): f for f in report["findings"]}
    assert set(kinds) >= {
        ("nombre_completo", "person_name"),
        ("dpi", "cui"),
        ("telefono", "phone"),
    }
    cui = kinds[("dpi", "cui")]
    assert cui["count"] == 3 and all(e.startswith("•••• ") for e in cui["examples"])
    assert set(cui) == {"table", "column", "kind", "count", "examples", "context"}
    [k] = report["k_anonymity"]
    assert (k["k"], k["unique_rows"], k["groups"]) == (1, 1, 2)


def test_unknown_quasi_columns_and_unreadable_files_fail(tmp_path):
    path = tmp_path / "registro.csv"
    path.write_bytes(CSV)
    with pytest.raises(CommandError, match="Altura"):
        _run("scan", str(path), "--quasi", "Altura")
    empty = tmp_path / "vacio.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError):
        _run("scan", str(empty))
    with pytest.raises(CommandError):
        _run("scan", str(tmp_path / "missing.csv"))


def test_rescan_scans_tables_that_have_no_scan():
    from ceiba.privacy.models import PrivacyFinding, PrivacyScan
    from tests.factories import make_dataset

    make_dataset("Registro", publish=False, files={"r.csv": CSV})
    PrivacyScan.objects.all().delete()
    PrivacyFinding.objects.all().delete()
    out = io.StringIO()
    call_command("privacy", "rescan", stdout=out)
    assert "1 tabla revisada." in out.getvalue()
    assert PrivacyFinding.objects.filter(kind="cui").exists()
