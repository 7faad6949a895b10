"""Sensitive categories, which the law protects specially: by header, and by values
for the categories whose values are recognisable (peoples, religions, diseases).

Numeric columns under such headers are counts in aggregated tables (``Total de
estudiantes``), not data about a person, and are not flagged; an age column where
many values are under 18 is flagged as data about minors.
"""

from ceiba.privacy.checksums import words_regex
from ceiba.privacy.detectors.base import (
    Column,
    Detector,
    Finding,
    Stats,
    both,
    share,
)
from ceiba.privacy.headers import header_words
from ceiba.privacy.kinds import SENSITIVE, Kind

VALUES: dict[str, tuple[str, ...]] = {
    Kind.ETHNICITY: (
        "maya", "garifuna", "xinka", "xinca", "ladino", "ladina", "mestizo",
        "mestiza", "afrodescendiente", "k'iche'", "kiche", "quiche", "q'eqchi'",
        "qeqchi", "kekchi", "kaqchikel", "cakchiquel", "mam", "q'anjob'al",
        "poqomchi'", "tz'utujil", "ixil", "achi", "chuj", "jakalteko", "popti'",
        "akateko", "awakateko", "chalchiteko", "ch'orti'", "itza'", "mopan",
        "poqomam", "sakapulteko", "sipakapense", "tektiteko", "uspanteko",
        "indigena", "no indigena",
    ),
    Kind.RELIGION: (
        "catolica", "catolico", "evangelica", "evangelico", "cristiana",
        "cristiano", "mormon", "testigo de jehova", "adventista", "judia",
        "judio", "musulmana", "musulman", "ateo", "atea", "espiritualidad maya",
        "ninguna religion", "protestante",
    ),
    Kind.HEALTH: (
        "diabetes", "hipertension", "vih", "sida", "vih/sida", "cancer",
        "tuberculosis", "covid-19", "dengue", "malaria", "desnutricion",
        "desnutricion aguda", "desnutricion cronica", "depresion", "epilepsia",
        "asma", "neumonia", "insuficiencia renal", "discapacidad visual",
        "discapacidad auditiva", "discapacidad fisica", "discapacidad intelectual",
    ),
    Kind.SEXUAL_ORIENTATION: (
        "heterosexual", "homosexual", "bisexual", "lesbiana", "gay", "pansexual",
        "asexual", "transgenero", "trans",
    ),
}  # fmt: skip
MIN_VALUES = 5


class SensitiveDetector(Detector):
    """One kind of sensitive category."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def applies(self, column: Column) -> bool:
        if column.is_numeric:
            return self.kind == Kind.MINORS and column.is_integer and _is_age(column)
        if self.kind in column.hints:
            return True
        return column.is_text and self.kind in VALUES

    def derived(self, column: Column) -> dict[str, str]:
        values = VALUES.get(self.kind)
        if not values or not column.is_text:
            return {}
        return {
            f"{self.kind}_v": both(
                "length(v) <= 40", f"regexp_full_match(v, {words_regex(values)}, 'i')"
            )
        }

    def aggregates(self, column: Column) -> dict[str, str]:
        if column.is_numeric:  # ages
            return self.counted("TRY_CAST(v AS INT) BETWEEN 0 AND 17", "v")
        values = {f"{self.kind}_any1": "min(v)", f"{self.kind}_any2": "max(v)"}
        if f"{self.kind}_v" in self.derived(column):
            return {**self.counted(f"{self.kind}_v", "v"), **values}
        return values

    def decide(self, column: Column, stats: Stats) -> Finding | None:
        hits = stats.count(f"{self.kind}_hits")
        if column.is_numeric:
            if share(hits, stats.values) >= 0.2:
                return self.finding(column, stats, hits)
            return None
        if hits >= MIN_VALUES and share(hits, stats.values) >= 0.5:
            return self.finding(column, stats, hits)
        if self.kind in column.hints and stats.values:
            examples = stats.examples(
                self.kind, f"{self.kind}_any1", f"{self.kind}_any2"
            )
            return Finding(column.name, self.kind, stats.values, examples, "header")
        return None


def _is_age(column: Column) -> bool:
    return "edad" in header_words(column.name, column.title) and not column.quantity


def sensitive_detectors() -> list[SensitiveDetector]:
    return [SensitiveDetector(kind) for kind in Kind if kind in SENSITIVE]
