"""The dictionaries of common Guatemalan given names and surnames (data files)."""

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _read(filename: str) -> frozenset[str]:
    lines = (DATA / filename).read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip() for line in lines if line.strip() and not line.startswith("#")
    )


@cache
def given_names() -> frozenset[str]:
    return _read("given_names.txt")


@cache
def surnames() -> frozenset[str]:
    return _read("surnames.txt")
