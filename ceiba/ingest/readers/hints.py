"""Decimal and thousands separators, as the data shows them, for the typing step.

Only unambiguous numbers vote: "1.234,56" says decimal "," and thousands ".";
"415,210,000.00" says decimal "." and thousands ","; "68.53" says decimal "."; "1,5"
says decimal ","; "1,234" and "1.234" (three digits after the separator) say
nothing. The hint is the majority of at least three votes (a stray
"2532566,2329566" in a phone column says nothing); ``detection["number_formats"]``
keeps the counts.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

_GROUPED_COMMA = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_GROUPED_POINT = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_SIMPLE = re.compile(r"^[-+]?\d+([.,])(\d+)$")
MAX_VOTES = 200_000
MIN_VOTES = 3


class NumberFormatCounter:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._seen = 0

    def add(self, cell: str | None) -> None:
        if not cell or self._seen >= MAX_VOTES or not cell[-1:].isdigit():
            return
        if "," not in cell and "." not in cell:
            return
        text = cell.strip()
        self._seen += 1
        if _GROUPED_COMMA.match(text) and (text.count(",") > 1 or "." in text):
            self.counts["thousands_comma"] += 1
            self.counts["decimal_point"] += "." in text
        elif _GROUPED_POINT.match(text) and (text.count(".") > 1 or "," in text):
            self.counts["thousands_point"] += 1
            self.counts["decimal_comma"] += "," in text
        elif match := _SIMPLE.match(text):
            separator, decimals = match.groups()
            if len(decimals) != 3:
                key = "decimal_point" if separator == "." else "decimal_comma"
                self.counts[key] += 1

    def detection(self) -> dict[str, Any]:
        counts = self.counts
        return {
            "decimal_hint": _majority(counts["decimal_point"], counts["decimal_comma"]),
            "thousands_hint": _majority(
                counts["thousands_point"], counts["thousands_comma"]
            ),
            "number_formats": dict(sorted(counts.items())),
        }


def _majority(points: int, commas: int) -> str | None:
    if points == commas or max(points, commas) < MIN_VOTES:
        return None
    return "." if points > commas else ","
