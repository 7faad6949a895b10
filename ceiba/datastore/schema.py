"""The Table Schema of a table's typed copies (the normalised CSV and Parquet)."""

from typing import Any

# Properties that describe the source text, not the typed copies.
SOURCE_PROPERTIES = frozenset(
    {"decimalChar", "groupChar", "trueValues", "falseValues"}
    | {"missingValues", "bareNumber"}
)


def normalised_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of the typed copies: "." decimals, no group separators, ISO
    dates, true/false, and only "" as missing value."""
    fields = []
    for source_field in schema["fields"]:
        typed = {k: v for k, v in source_field.items() if k not in SOURCE_PROPERTIES}
        if typed.get("type") in ("date", "datetime", "time"):
            typed.pop("format", None)
        fields.append(typed)
    return {**schema, "fields": fields, "missingValues": [""]}
