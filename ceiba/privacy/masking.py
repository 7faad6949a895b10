"""Examples shown to reviewers never show a whole identifier: most characters
become ``•`` and only a few that do not identify anyone stay visible."""

from ceiba.privacy.kinds import SENSITIVE, Kind

DOT = "•"
# How many letters or digits stay visible at the end, per kind.
KEEP_LAST = {
    Kind.CUI: 4,  # the department and municipality
    Kind.NIT: 1,
    Kind.PASSPORT: 2,
    Kind.PHONE: 2,
    Kind.PLATE: 1,
}


def mask_tail(value: str, keep: int) -> str:
    """Every letter and digit but the last ``keep`` becomes ``•``."""
    alnum_seen = 0
    out = []
    for char in reversed(value):
        if char.isalnum():
            alnum_seen += 1
            out.append(char if alnum_seen <= keep else DOT)
        else:
            out.append(char)
    return "".join(reversed(out))


def _mask_cui(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) != 13:
        return mask_tail(value, 4)
    return f"{DOT * 4} {DOT * 5} {digits[9:]}"


def _mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    tld = domain.rsplit(".", 1)[-1] if "." in domain else ""
    return f"{local[:1]}{DOT * 3}@{DOT * 5}.{tld}"


def _mask_words(value: str) -> str:
    """Initials only: ``José Pérez`` → ``J••• P••••``."""
    return " ".join(
        word[:1] + DOT * (len(word) - 1) if word else word for word in value.split(" ")
    )


def _mask_digits(value: str) -> str:
    return "".join(DOT if ch.isdigit() else ch for ch in value)


def _mask_date(value: str) -> str:
    """Keep the year only."""
    text = value[:10]
    if len(text) == 10 and text[4] == "-":
        return f"{text[:4]}-{DOT * 2}-{DOT * 2}"
    return mask_tail(text, 4) if len(text) >= 8 else DOT * len(text)


def _mask_coordinate(value: str) -> str:
    whole, _, decimals = value.partition(".")
    return f"{whole}.{decimals[:1]}{DOT * max(0, len(decimals) - 1)}"


def mask(kind: str, value: object) -> str:
    text = str(value).strip()[:80]
    if kind in SENSITIVE:
        return text
    special = {
        Kind.CUI: _mask_cui,
        Kind.EMAIL: _mask_email,
        Kind.PERSON_NAME: _mask_words,
        Kind.ADDRESS: _mask_digits,
        Kind.BIRTH_DATE: _mask_date,
        Kind.COORDINATES: _mask_coordinate,
    }.get(kind)
    if special:
        return special(text)
    return mask_tail(text, KEEP_LAST.get(kind, 2))
