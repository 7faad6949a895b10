"""People: names, exact addresses, dates of birth and precise coordinates."""

from ceiba.privacy.checksums import words_regex
from ceiba.privacy.detectors.base import (
    Column,
    Detector,
    Finding,
    Stats,
    both,
    share,
)
from ceiba.privacy.detectors.identifiers import LONG, long_text
from ceiba.privacy.headers import header_words
from ceiba.privacy.kinds import Kind
from ceiba.privacy.names import given_names, surnames

# Words that make a value the name of an organisation or a place, not a person.
ORGANISATIONS = (
    r"(?i)\b(escuela|colegio|instituto|liceo|universidad|hospital|centro|"
    r"ministerio|municipalidad|secretar[ií]a|direcci[oó]n|empresa|sociedad|s\.a\.|"
    r"asociaci[oó]n|cooperativa|comit[eé]|iglesia|fundaci[oó]n|banco|consejo|"
    r"programa|proyecto|aldea|caser[ií]o|colonia|municipio|departamento|oficial|"
    r"rural|urbana|mixta|nacional|p[uú]blic[oa])\b"
)
SINGLE_WORD_HEADERS = frozenset(
    {"apellido", "apellidos", "nombres", "primer", "segundo", "nombre1", "nombre2"}
)


def _single_words(column: Column) -> bool:
    """Headers under which one word is a name: ``apellidos``, ``primer nombre``."""
    return bool(set(header_words(column.name, column.title)) & SINGLE_WORD_HEADERS)


class PersonNameDetector(Detector):
    """Two to six words of letters whose first, second or last word is a common
    given name or surname (at least two of the three), or any words of letters
    under a header like ``nombre`` or ``beneficiario``."""

    kind = Kind.PERSON_NAME

    def derived(self, column: Column) -> dict[str, str]:
        return {
            "nm_shape": both(
                "length(v) BETWEEN 2 AND 80",
                "regexp_full_match(v, '[\\pL''][\\pL'' .,-]*')",
            ),
            "nm_w": (
                "CASE WHEN length(v) BETWEEN 5 AND 60 AND contains(v, ' ') AND "
                "regexp_full_match(v, '\\pL[\\pL'' .,-]*') THEN "
                "string_split_regex(lower(v), '[ ,.]+') END"
            ),
        }

    def aggregates(self, column: Column) -> dict[str, str]:
        names = words_regex(given_names() | surnames())
        last = words_regex(surnames())
        score = (
            f"(CAST(regexp_full_match(nm_w[1], {names}) AS INT)"
            f" + CAST(coalesce(regexp_full_match(nm_w[2], {names}), false) AS INT)"
            f" + CAST(regexp_full_match(nm_w[-1], {last}) AS INT))"
        )
        flag = f"nm_w IS NOT NULL AND len(nm_w) BETWEEN 2 AND 6 AND {score} >= 2"
        if self.kind in column.hints:  # the header says so: words of letters
            words = "" if _single_words(column) else " AND contains(v, ' ')"
            shaped = f"nm_shape{words} AND NOT regexp_matches(v, '{ORGANISATIONS}')"
            flag = f"(({shaped}) OR ({flag}))"
        return self.counted(flag, "v")

    def decide(self, column: Column, stats: Stats) -> Finding | None:
        hits = stats.count("person_name_hits")
        hinted = self.kind in column.hints
        if hits and share(hits, stats.values) >= (0.5 if hinted else 0.3):
            return self.finding(column, stats, hits, "header" if hinted else "values")
        return None


STREET = (
    r"(?i)\b(calle|avenida|ave?\.?|callej[oó]n|diagonal|calzada|boulevard|"
    r"bulevar|km\.?|kil[oó]metro|colonia|col\.|residenciales|sector|manzana|mz\.?|"
    r"barrio|aldea|cant[oó]n|caser[ií]o)\b"
)
HOUSE = r"(?i)\b\d{1,3}-\d{1,3}\b|\b(casa|lote|no\.|n[uú]mero)\s*\d+"


class AddressDetector(Detector):
    """A street word and a house number: ``5a. avenida 10-25 zona 1``."""

    kind = Kind.ADDRESS

    def derived(self, column: Column) -> dict[str, str]:
        return {
            "ad_x": both(
                "length(v) > 8",
                f"regexp_matches(v, '{STREET}')",
                f"regexp_matches(v, '{HOUSE}')",
            )
        }

    def aggregates(self, column: Column) -> dict[str, str]:
        return {
            "address_text": f"count(*) FILTER (WHERE ad_x AND length(v) > {LONG * 2})",
            **self.counted("ad_x", "v"),
        }

    def decide(self, column: Column, stats: Stats) -> Finding | None:
        hits = stats.count("address_hits")
        needed = 0.1 if self.kind in column.hints else 0.3
        if hits and share(hits, stats.values) >= needed:
            return self.finding(column, stats, hits)
        text = stats.count("address_text")
        if text:
            return self.finding(column, stats, text, "text")
        return None


class BirthDateDetector(Detector):
    """By header: ``fecha de nacimiento``, ``f_nac``, ``dob``…"""

    kind = Kind.BIRTH_DATE

    def applies(self, column: Column) -> bool:
        return self.kind in column.hints and not column.is_numeric

    def aggregates(self, column: Column) -> dict[str, str]:
        return {"birth_ex1": "min(v)", "birth_ex2": "max(v)"}

    def decide(self, column: Column, stats: Stats) -> Finding | None:
        if not stats.values:
            return None
        examples = stats.examples(self.kind, "birth_ex1", "birth_ex2")
        return Finding(column.name, self.kind, stats.values, examples, "header")


LAT = "(x BETWEEN 13.5 AND 18.0)"
LON = "(x BETWEEN -92.5 AND -88.0)"
PRECISE = "abs(x * 1000 - round(x * 1000)) > 1e-6"  # more than 3 decimals (~100 m)
LATLON_TEXT = r"-?1[3-8]\.\d{4,}\s*[,;]\s*-?(8[89]|9[0-2])\.\d{4,}"


class CoordinatesDetector(Detector):
    """Latitudes and longitudes inside Guatemala with more than 3 decimals."""

    kind = Kind.COORDINATES

    def applies(self, column: Column) -> bool:
        return column.is_float or column.is_text

    def derived(self, column: Column) -> dict[str, str]:
        if column.is_float:
            return {"x": "CAST(c AS DOUBLE)"}
        return {"co_t": long_text(LATLON_TEXT)}

    def aggregates(self, column: Column) -> dict[str, str]:
        if column.is_float:
            return self.counted(f"({LAT} OR {LON}) AND {PRECISE}", "x")
        return self.counted("co_t IS NOT NULL", "co_t")

    def decide(self, column: Column, stats: Stats) -> Finding | None:
        hits = stats.count("coordinates_hits")
        if not hits:
            return None
        if column.is_text:
            return self.finding(column, stats, hits, "text")
        needed = 0.5 if self.kind in column.hints else 0.9
        if share(hits, stats.values) >= needed and (column.hints or hits >= 10):
            return self.finding(column, stats, hits)
        return None
