"""Identifiers: CUI/DPI, NIT, passports, phones, e-mail addresses, vehicle plates.

Whole values are checked in ``d`` (the digits of a number-like value) or ``v``;
inside free text (values longer than ``LONG`` characters) a labelled or
unmistakable form is extracted first. Identifiers with check digits count only
when the check passes, so 13-digit budget codes are not CUIs.
"""

from ceiba.privacy.checksums import cui_valid_sql, nit_valid_sql
from ceiba.privacy.detectors.base import (
    Column,
    Detector,
    Finding,
    Stats,
    both,
    share,
)
from ceiba.privacy.kinds import Kind

LONG = 16  # longer values are free text, searched inside


def long_text(pattern: str, guard: str = "") -> str:
    """SQL: the first match of ``pattern`` inside a long value, else NULL.

    ``guard``, when given, is a cheaper condition the value must meet first (the
    scanner's ``dig`` says a long value has a run of 7 digits)."""
    first = f"{guard} AND " if guard else f"length(v) > {LONG} AND "
    return (
        f"CASE WHEN {first}regexp_matches(v, '{pattern}') "
        f"THEN regexp_extract(v, '{pattern}') END"
    )


class CuiDetector(Detector):
    kind = Kind.CUI

    def applies(self, column: Column) -> bool:
        return column.is_text or column.is_integer

    def derived(self, column: Column) -> dict[str, str]:
        inside = long_text(r"\b\d{4}[ -]?\d{5}[ -]?\d{4}\b", "dig")
        return {
            "cui_x": "CASE WHEN length(d) = 13 THEN d END",
            "cui_t": f"regexp_replace({inside}, '[ -]', '', 'g')",
        }

    def checks(self, column: Column) -> list[dict[str, str]]:
        return [
            {"cui_c": "coalesce(cui_x, cui_t)"},
            {"cui_n": "TRY_CAST(cui_c AS BIGINT)"},
            {"cui_ok": cui_valid_sql("cui_n")},
        ]

    def aggregates(self, column: Column) -> dict[str, str]:
        return {
            "cui_cand": "count(cui_x)",
            "cui_text": "count(*) FILTER (WHERE cui_ok AND cui_x IS NULL)",
            **self.counted("cui_ok", "coalesce(cui_x, cui_t)"),
        }

    def decide(self, column: Column, stats: Stats) -> Finding | None:
        hits, text = stats.count("cui_hits"), stats.count("cui_text")
        whole = hits - text
        needed = 0.2 if self.kind in column.hints else 0.5
        if whole and share(whole, stats.count("cui_cand")) >= needed:
            return self.finding(column, stats, hits)
        if text:
            return self.finding(column, stats, text, "text")
        return None


class NitDetector(Detector):
    kind = Kind.NIT

    def applies(self, column: Column) -> bool:
        return column.is_text or column.is_integer

    def derived(self, column: Column) -> dict[str, str]:
        inside = long_text(r"(?i)\bNIT\b\W{0,3}\d{2,10}-?[0-9K]\b")
        return {
            "nit_x": (
                "CASE WHEN length(v) BETWEEN 2 AND 13 AND regexp_full_match(v, "
                "'[0-9]{1,10}[- ]?[0-9Kk]') THEN upper(regexp_replace(v, '[- ]', '', "
                "'g')) END"
            ),
            "nit_strong": both("nit_x IS NOT NULL", "regexp_matches(v, '-|[Kk]$')"),
            "nit_t": f"upper(regexp_extract({inside}, '\\d{{2,10}}-?[0-9Kk]$'))",
        }

    def checks(self, column: Column) -> list[dict[str, str]]:
        return [
            {"nit_c": "coalesce(nit_x, replace(nit_t, '-', ''))"},
            {"nit_b": "TRY_CAST(nit_c[1:-2] AS BIGINT)"},
            {"nit_ok": nit_valid_sql("nit_c", "nit_b")},
        ]

    def aggregates(self, column: Column) -> dict[str, str]:
        return {
            "nit_cand": "count(nit_x)",
            "nit_strong_hits": "count(*) FILTER (WHERE nit_strong AND nit_ok)",
            "nit_text": "count(*) FILTER (WHERE nit_x IS NULL AND nit_ok)",
            **self.counted("nit_ok", "coalesce(nit_x, nit_t)"),
        }

    def decide(self, column: Column, stats: Stats) -> Finding | None:
        hits, cand = stats.count("nit_hits"), stats.count("nit_cand")
        text = stats.count("nit_text")
        whole = hits - text
        hinted = self.kind in column.hints
        shaped = share(cand, stats.values) >= 0.5
        if whole and hinted and share(whole, cand) >= 0.5:
            return self.finding(column, stats, hits)
        strong = share(stats.count("nit_strong_hits"), cand) >= 0.5
        if whole >= 3 and shaped and not column.quantity and share(whole, cand) >= 0.9:
            return self.finding(column, stats, hits) if strong or whole >= 20 else None
        if text:
            return self.finding(column, stats, text, "text")
        return None


PHONE_IN_TEXT = (
    r"(?i)(tel[eé]fono|tel|cel|celular|whatsapp|m[oó]vil|\+502)\W{0,4}"
    r"[2-7]\d{3}[ -]?\d{4}\b|\b[2-7]\d{3}-\d{4}\b"
)


class PhoneDetector(Detector):
    kind = Kind.PHONE

    def applies(self, column: Column) -> bool:
        return column.is_text or column.is_integer

    def derived(self, column: Column) -> dict[str, str]:
        return {
            "ph_x": (
                "CASE WHEN (length(d) = 8 OR (length(d) = 11 AND d[1:3] = '502')) "
                "AND right(d, 8)[1] BETWEEN '2' AND '7' THEN right(d, 8) END"
            ),
            # written with separators, a country code or parentheses
            "ph_fmt": both("d IS NOT NULL", "length(d) < length(v)"),
            "ph_t": long_text(PHONE_IN_TEXT, "dig"),
        }

    def aggregates(self, column: Column) -> dict[str, str]:
        return {
            "phone_fmt": "count(*) FILTER (WHERE ph_x IS NOT NULL AND ph_fmt)",
            "phone_text": "count(ph_t)",
            **self.counted("ph_x IS NOT NULL OR ph_t IS NOT NULL", "coalesce(ph_t, v)"),
        }

    def decide(self, column: Column, stats: Stats) -> Finding | None:
        hits, text = stats.count("phone_hits"), stats.count("phone_text")
        whole, formatted = hits - text, stats.count("phone_fmt")
        if self.kind in column.hints and share(whole, stats.values) >= 0.3:
            return self.finding(column, stats, whole)
        if share(formatted, stats.values) >= 0.3:
            return self.finding(column, stats, whole)
        bare = share(whole, stats.values) >= 0.9 and whole >= 3
        if bare and not column.quantity and not column.hints:
            return self.finding(column, stats, whole)
        if text:
            return self.finding(column, stats, text, "text")
        return None


EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"


class EmailDetector(Detector):
    kind = Kind.EMAIL

    def derived(self, column: Column) -> dict[str, str]:
        return {
            "em_x": (  # a whole value first: a full match is the faster test
                f"CASE WHEN NOT contains(v, '@') THEN NULL "
                f"WHEN regexp_full_match(v, '{EMAIL}') THEN v "
                f"ELSE nullif(regexp_extract(v, '{EMAIL}'), '') END"
            )
        }

    def aggregates(self, column: Column) -> dict[str, str]:
        return {
            "email_text": f"count(*) FILTER (WHERE em_x IS NOT NULL AND length(v) > "
            f"length(em_x) + {LONG})",
            **self.counted("em_x IS NOT NULL", "em_x"),
        }

    def decide(self, column: Column, stats: Stats) -> Finding | None:
        hits = stats.count("email_hits")
        if not hits:
            return None
        text = share(stats.count("email_text"), hits) > 0.5
        return self.finding(column, stats, hits, "text" if text else "values")


PLATE = r"(?i)(P|M|C|A|U|O|TC|TRC|CD|CC|MI|TE|DIS)[ -]?\d{3}[ -]?[A-Z]{3}"
PLATE_IN_TEXT = r"\b(P|M|C|A|U|O|TC|TRC|CD|CC|MI|TE|DIS)-\d{3}[A-Z]{3}\b"


class PlateDetector(Detector):
    kind = Kind.PLATE

    def derived(self, column: Column) -> dict[str, str]:
        return {
            "pl_x": (
                f"CASE WHEN length(v) BETWEEN 6 AND 10 AND "
                f"regexp_full_match(v, '{PLATE}') THEN v END"
            ),
            "pl_t": long_text(PLATE_IN_TEXT),
        }

    def aggregates(self, column: Column) -> dict[str, str]:
        return {
            "plate_text": "count(pl_t)",
            **self.counted(
                "pl_x IS NOT NULL OR pl_t IS NOT NULL", "coalesce(pl_x, pl_t)"
            ),
        }

    def decide(self, column: Column, stats: Stats) -> Finding | None:
        hits, text = stats.count("plate_hits"), stats.count("plate_text")
        needed = 0.2 if self.kind in column.hints else 0.5
        if hits - text and share(hits - text, stats.values) >= needed:
            return self.finding(column, stats, hits)
        if text:
            return self.finding(column, stats, text, "text")
        return None


class PassportDetector(Detector):
    """Passport numbers have no public check digit: the header must say so."""

    kind = Kind.PASSPORT

    def applies(self, column: Column) -> bool:
        return self.kind in column.hints and (column.is_text or column.is_integer)

    def derived(self, column: Column) -> dict[str, str]:
        return {
            "pp_x": (
                "CASE WHEN length(v) BETWEEN 6 AND 12 AND "
                "regexp_full_match(v, '[A-Za-z]{0,2}[0-9]{6,9}') THEN v END"
            )
        }

    def aggregates(self, column: Column) -> dict[str, str]:
        return self.counted("pp_x IS NOT NULL", "pp_x")

    def decide(self, column: Column, stats: Stats) -> Finding | None:
        hits = stats.count("passport_hits")
        if hits and share(hits, stats.values) >= 0.5:
            return self.finding(column, stats, hits)
        return None
