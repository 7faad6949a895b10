"""An action's parameters, whatever the body they came in, read with CKAN's
conversions: "true"/"false" strings as booleans, numbers as strings, lists given
as JSON arrays, as repeated form fields or as comma-separated text."""

import json
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from ceiba.api.ckan.errors import MissingParameterError, ParameterError

TRUE = {"true", "1", "yes", "on", "t", "y"}
FALSE = {"false", "0", "no", "off", "f", "n", ""}


class Params:
    def __init__(
        self, values: Mapping[str, Any], files: Mapping[str, Any] | None = None
    ):
        self.values = dict(values)
        self.files = dict(files or {})

    def __contains__(self, name: str) -> bool:
        return name in self.values

    def keys(self) -> set[str]:
        return set(self.values)

    def raw(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def text(self, name: str, default: str = "") -> str:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        if isinstance(value, bool | dict | list):
            raise ParameterError(name, _("Must be a string."))
        return str(value)

    def required(self, name: str) -> str:
        value = self.text(name).strip()
        if not value:
            raise MissingParameterError(name)
        return value

    def integer(
        self, name: str, default: int, *, low: int = 0, high: int | None = None
    ) -> int:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        try:
            if isinstance(value, bool | float | dict | list):
                raise ValueError
            number = int(str(value).strip())
        except ValueError:
            raise ParameterError(name, _("Invalid integer")) from None
        if number < low:
            raise ParameterError(
                name, _("Must be a whole number of %(low)d or more.") % {"low": low}
            )
        return number if high is None else min(number, high)

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in TRUE | FALSE:
            return value.strip().lower() in TRUE
        raise ParameterError(name, _("Must be true or false."))

    def items(self, name: str) -> list[Any]:
        """A list: a JSON array, a JSON array written as text, or comma-separated."""
        value = self.values.get(name)
        if value is None or value == "":
            return []
        if isinstance(value, list):
            return value
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    parsed = json.loads(text)
                except ValueError:
                    raise ParameterError(name, _("Must be a list.")) from None
                if isinstance(parsed, list):
                    return parsed
            return [part.strip() for part in text.split(",") if part.strip()]
        raise ParameterError(name, _("Must be a list."))

    def mapping(self, name: str) -> dict[str, Any]:
        value = self.values.get(name)
        if value is None or value == "":
            return {}
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise ParameterError(name, _("Must be a JSON object.")) from None
        if not isinstance(value, dict):
            raise ParameterError(name, _("Must be a JSON object."))
        return value
