"""Spanish and English are complete: nothing untranslated or fuzzy, all compiled."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "ceiba" / "locale"


@pytest.mark.parametrize("language", ["es", "en"])
def test_catalogue_is_complete(language: str):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists()


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path: Path):
    """Extract the strings again and compare with the committed Spanish catalogue."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed; .ci/run installs it")
    copy = tmp_path / "ceiba"
    shutil.copytree(ROOT / "ceiba", copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "es",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "ceiba.settings",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(tmp_path),
        },
    )
    fresh = polib.pofile(str(copy / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(LOCALE / "es" / "LC_MESSAGES" / "django.po"))
    known = {(e.msgctxt, e.msgid) for e in committed if e.msgstr or e.msgstr_plural}
    missing = sorted(e.msgid for e in fresh if (e.msgctxt, e.msgid) not in known)
    assert missing == [], "run `make messages` and translate these strings"
