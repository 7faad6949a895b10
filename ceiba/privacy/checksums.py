"""Check digits of Guatemalan identifiers, in Python and as DuckDB SQL.

CUI (the number on the DPI, RENAP): 13 digits = an 8-digit serial, a check digit,
the department (01–22) and the municipality (01–…) where the person was registered.
The check digit is the sum of the serial's digits weighted 2, 3, …, 9 from the left,
modulo 11 (a remainder of 10 never occurs in a valid CUI). The department and
municipality must be an INE municipality code (``MUNICIPALITY_CODES``).

NIT (SAT): a body of digits and a check character. Weight the body's digits 2, 3, 4…
from the right; the check is ``(11 - sum mod 11) mod 11``, written ``K`` for 10.

The SQL versions take an expression that is already only digits (and ``K`` for the
NIT) and evaluate with fixed-width arithmetic, so DuckDB runs them vectorised.
"""

import re
from collections.abc import Iterable

from ceiba.catalog.vocabularies.places import MUNICIPALITY_NAMES

MUNICIPALITY_CODES: frozenset[str] = frozenset(code for code, _ in MUNICIPALITY_NAMES)
NIT_MAX_BODY = 12


def cui_check_digit(serial: str) -> int:
    return sum(int(d) * w for d, w in zip(serial, range(2, 10), strict=True)) % 11


def cui_is_valid(value: str) -> bool:
    digits = "".join(ch for ch in value if ch not in " -")
    if len(digits) != 13 or not digits.isdigit():
        return False
    if digits[9:13] not in MUNICIPALITY_CODES:
        return False
    return cui_check_digit(digits[:8]) == int(digits[8])


def nit_check_char(body: str) -> str:
    total = sum(int(d) * w for d, w in zip(reversed(body), range(2, 99), strict=False))
    check = (11 - total % 11) % 11
    return "K" if check == 10 else str(check)


def nit_is_valid(value: str) -> bool:
    compact = value.replace("-", "").replace(" ", "").upper()
    if not 2 <= len(compact) <= NIT_MAX_BODY + 1:
        return False
    body, check = compact[:-1], compact[-1]
    if not body.isdigit() or not (check.isdigit() or check == "K"):
        return False
    return nit_check_char(body) == check


_ACCENTED = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]",
             "n": "[nñ]"}  # fmt: skip


def words_regex(words: Iterable[str]) -> str:
    """An RE2 alternation of ``words`` (lower case, without accents) that also
    matches them written with accents, quoted for SQL. ``regexp_full_match`` with it
    is much faster in DuckDB than ``IN`` with hundreds of values."""
    alternatives = (
        "".join(_ACCENTED.get(ch, re.escape(ch)) for ch in word)
        for word in sorted(words)
    )
    return "'" + "|".join(alternatives).replace("'", "''") + "'"


def _digit(expr: str, position: int) -> str:
    return f"(ascii(substr({expr}, {position}, 1)) - 48)"


def _municipalities_per_department() -> list[int]:
    """How many municipalities each department has (INE codes run 01…N in each)."""
    counts = [0] * 22
    for code in MUNICIPALITY_CODES:
        counts[int(code[:2]) - 1] += 1
    return counts


def cui_valid_sql(number: str) -> str:
    """SQL true when ``number`` (a BIGINT made of a CUI's 13 digits) is a valid CUI.

    Integer arithmetic only: far faster in DuckDB than reading the digits as text.
    """
    serial = f"({number} // 100000)"
    weighted = " + ".join(
        f"({serial} // {10 ** (8 - i)} % 10) * {i + 1}" for i in range(1, 9)
    )
    department = f"({number} // 100 % 100)"
    counts = _municipalities_per_department()
    return (
        f"(({weighted}) % 11 = {number} // 10000 % 10 AND {number} % 100 "
        f"BETWEEN 1 AND coalesce({counts}[{department}], 0))"
    )


def nit_valid_sql(compact: str, body: str) -> str:
    """SQL true when ``compact`` (digits then a check digit or K) is a valid NIT;
    ``body`` is its digits but the last, as a BIGINT (weighted by integer arithmetic).
    """
    weighted = " + ".join(
        f"({body} // {10**k} % 10) * {k + 2}" for k in range(NIT_MAX_BODY)
    )
    return (
        f"({body} IS NOT NULL AND ['0', 'K', '9', '8', '7', '6', '5', '4', '3', '2',"
        f" '1'][(({weighted}) % 11)::BIGINT + 1] = right({compact}, 1))"
    )
