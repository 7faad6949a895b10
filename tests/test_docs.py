"""Docs stay honest: every setting the code reads is documented."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_environment_variable_is_documented():
    settings_source = (ROOT / "ceiba" / "settings.py").read_text()
    names = set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', settings_source))
    assert "CEIBA_DATA_DIR" in names
    documented = (ROOT / "docs" / "operators" / "configuration.md").read_text()
    missing = sorted(n for n in names if f"`{n}`" not in documented)
    assert missing == []


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()
