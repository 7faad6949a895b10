"""The Solr-style ``q`` and ``fq`` that CKAN clients send, read into our search's
text and facet filters.

Understood: ``field:value``, ``field:"a value"``, ``+field:value``, ``AND``
between clauses, ``field:(a AND b)``, ``*:*``; the fields ``organization``,
``owner_org``, ``tags``, ``groups``, ``res_format``, ``license_id`` and
``frequency``; ``dataset_type:dataset``, ``state:active`` and ``capacity:public``
(always true here). Anything else (``OR``, ``-`` and ``NOT``, other fields,
unbalanced quotes) is a Search Query Error that says what works.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ceiba.api.ckan.errors import SearchQueryError

# CKAN's field names -> our search facets.
FIELDS = {
    "organization": "institution",
    "owner_org": "institution",
    "tags": "keyword",
    "groups": "theme",
    "res_format": "format",
    "license_id": "licence",
    "frequency": "frequency",
}
# Clauses every dataset here satisfies.
ALWAYS = {
    ("dataset_type", "dataset"),
    ("type", "dataset"),
    ("state", "active"),
    ("capacity", "public"),
    ("site_id", "default"),
}
TOKEN = re.compile(
    r"""\s*(?:
        (?P<op>AND\b|&&|OR\b|\|\||NOT\b)
      | (?P<sign>[+-]?)(?P<field>[A-Za-z_][\w.]*):
        (?: "(?P<quoted>[^"]*)" | \((?P<group>[^()]*)\) | (?P<bare>[^\s()"]+) )
      | (?P<word>"[^"]*"|[^\s"]+)
    )""",
    re.VERBOSE,
)


@dataclass
class Parsed:
    text: list[str] = field(default_factory=list)
    any_word: bool = False  # q joined its words with OR
    filters: dict[str, list[str]] = field(default_factory=dict)

    def add(self, facet: str, value: str) -> None:
        values = self.filters.setdefault(facet, [])
        if value not in values:
            values.append(value)


def _unsupported(what: str) -> SearchQueryError:
    return SearchQueryError(
        detail=_(
            "%(what)s is not supported. Use field:value clauses joined by AND, on "
            "organization, tags, groups, res_format, license_id or frequency."
        )
        % {"what": what}
    )


def _group_values(group: str) -> list[str]:
    parts = [p for p in re.split(r"\s+(?:AND|&&)\s+|\s+", group.strip()) if p]
    if any(p in {"OR", "||", "NOT"} for p in parts):
        raise _unsupported("OR")
    return [p.strip('"') for p in parts]


def _clause(match: re.Match, parsed: Parsed, *, in_q: bool) -> None:
    name, sign = match["field"], match["sign"]
    values = (
        _group_values(match["group"])
        if match["group"] is not None
        else [match["quoted"] if match["quoted"] is not None else match["bare"]]
    )
    if sign == "-":
        raise _unsupported(_("Excluding with -"))
    if name == "*" or (len(values) == 1 and (name, values[0]) in ALWAYS):
        return
    facet = FIELDS.get(name)
    if facet is None:
        if in_q:  # a colon in what someone typed: search the words
            parsed.text.extend([] if name == "text" else [name])
            parsed.text.extend(values)
            return
        raise _unsupported(_("The field “%s”") % name)
    for value in values:
        parsed.add(facet, value.upper() if facet == "format" else value)


def parse(source: str, parsed: Parsed, *, in_q: bool = False) -> Parsed:
    """Read ``source`` into ``parsed``; free words count as text only in ``q``."""
    source = source.strip()
    if source in {"", "*:*", "*"}:
        return parsed
    if source.count('"') % 2 or source.count("(") != source.count(")"):
        raise SearchQueryError(
            detail=_("Unbalanced quotes or parentheses in “%s”.") % source[:200]
        )
    position = 0
    while position < len(source):
        match = TOKEN.match(source, position)
        if match is None or match.end() == position:
            break
        position = match.end()
        if in_q and match["op"] in {"OR", "||"}:
            parsed.any_word = True
        elif match["op"] in {"OR", "||", "NOT"}:
            raise _unsupported(match["op"])
        if match["field"]:
            _clause(match, parsed, in_q=in_q)
        elif match["word"]:
            if not in_q:
                raise SearchQueryError(
                    detail=_("“%s” is not a field:value clause.") % match["word"][:100]
                )
            parsed.text.append(match["word"].strip('"'))
    return parsed
