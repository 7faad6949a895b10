"""The Solr-style ``q`` and ``fq`` that CKAN clients send, read into our search's
words and conditions (``ceiba.search.conditions``).

Understood: ``field:value`` and ``field:"a value"``; ``+`` (required), ``-``, ``!``
and ``NOT`` (excluded); ``AND``, ``&&``, ``OR`` and ``||`` between clauses, AND when
none is written and before OR; parentheses around clauses, and around the values of
one field (``organization:(mineduc OR mspas)``, ``tags:("a b" OR c)``); date ranges
``metadata_modified:[2024-01-01T00:00:00Z TO NOW]`` (``{}`` for open ends, ``*`` for
none, and NOW date math such as ``NOW-7DAYS/DAY``) on ``metadata_modified`` and
``metadata_created``; ``*:*``. The fields: ``organization``, ``owner_org``, ``tags``,
``groups``, ``res_format``, ``license_id``, ``frequency``, ``name``, ``id``,
``capacity`` (public or private), and ``dataset_type:dataset``, ``state:active``,
always true here. Anything else (other fields, wildcards, unbalanced quotes) is a
Search Query Error that says what works.

In ``q``, words are searched as text: field clauses there are conditions every
result meets, and ``OR`` between words finds any of them.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ceiba.api.ckan import solr_dates
from ceiba.api.ckan.errors import SearchQueryError
from ceiba.search.selectors import (
    ALWAYS,
    AllOf,
    AnyOf,
    Condition,
    FieldIs,
    HasValue,
    InRange,
    IsPublic,
    Not,
)

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
ENTRY_FIELDS = {"name": "name", "id": "id"}
DATE_FIELDS = {"metadata_modified": "updated_at", "metadata_created": "created_at"}
# Clauses every dataset here satisfies.
TRUE_CLAUSES = {
    ("dataset_type", "dataset"),
    ("type", "dataset"),
    ("state", "active"),
    ("site_id", "default"),
    ("*", "*"),
}
MAX_CLAUSES = 50
MAX_DEPTH = 8
TOKEN = re.compile(
    r"""\s*(?:
        (?P<open>\() | (?P<close>\))
      | (?P<op>(?:AND|OR|NOT)(?=[\s()"]|$)|&&|\|\|)
      | (?P<field>[A-Za-z_*][\w.]*):(?=\S)
      | (?P<range>[\[{][^\[\]{}]*[\]}])
      | (?P<quoted>"(?:[^"\\]|\\.)*")
      | (?P<sign>[+!-])(?=\S)
      | (?P<bare>(?:\\.|[^\s()"\[\]{}\\])+)
    )""",
    re.VERBOSE,
)
OPERATORS = {"&&": "AND", "||": "OR"}
VALUES = ("bare", "quoted", "range")
ESCAPED = re.compile(r"\\(.)")
END = re.compile(r"\s*\Z")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


@dataclass(frozen=True)
class Word:
    """Free text in ``q``."""

    text: str


Node = Condition | Word


@dataclass
class Parsed:
    text: list[str] = field(default_factory=list)
    any_word: bool = False  # q joined its words with OR
    where: list[Condition] = field(default_factory=list)  # every one must hold

    def condition(self) -> Condition:
        return self.where[0] if len(self.where) == 1 else AllOf(tuple(self.where))


def _unsupported(what: str) -> SearchQueryError:
    return SearchQueryError(
        detail=_(
            "%(what)s is not supported. Use field:value clauses joined by AND, OR and "
            "NOT, on organization, tags, groups, res_format, license_id, frequency, "
            "name or id, and date ranges such as "
            "metadata_modified:[2024-01-01T00:00:00Z TO *]."
        )
        % {"what": what}
    )


def _unbalanced(source: str) -> SearchQueryError:
    return SearchQueryError(
        detail=_("Unbalanced quotes or parentheses in “%s”.") % source[:200]
    )


def _misplaced(token: Token | None, source: str) -> SearchQueryError:
    if token is None or token.kind in {"open", "close"}:
        return _unbalanced(source)
    return SearchQueryError(
        detail=_("Cannot read the query near “%(near)s”. Check its operators.")
        % {"near": token.text[:100]}
    )


def tokens(source: str) -> Iterator[Token]:
    position = 0
    while not END.match(source, position):
        match = TOKEN.match(source, position)
        if match is None or match.end() == position:
            raise _unbalanced(source)
        position = match.end()
        kind = match.lastgroup or ""
        text = match[kind]
        yield Token(kind, OPERATORS.get(text, text))


def _value(token: Token) -> str:
    text = token.text[1:-1] if token.kind == "quoted" else token.text
    return ESCAPED.sub(r"\1", text)


class Parser:
    """Recursive descent: expression = conjunction (OR conjunction)*, conjunction =
    unary (AND? unary)*, unary = (NOT|-|!|+)* primary, primary = ( expression ) |
    field:value | field:( expression of values ) | word (in q)."""

    def __init__(self, source: str, *, in_q: bool) -> None:
        self.source = source
        self.tokens = list(tokens(source))
        self.at = 0
        self.in_q = in_q
        self.clauses = 0

    def parse(self) -> Node:
        node = self.expression(None, 0)
        if self.at < len(self.tokens):
            raise _misplaced(self.tokens[self.at], self.source)
        return node

    def peek(self, *kinds: str) -> Token | None:
        token = self.tokens[self.at] if self.at < len(self.tokens) else None
        if token is None or (kinds and token.kind not in kinds):
            return None
        return token

    def take(self) -> Token:
        token = self.peek()
        if token is None:  # the query ends too early
            raise _misplaced(self.tokens[-1] if self.tokens else None, self.source)
        self.at += 1
        return token

    def operator(self, name: str) -> bool:
        token = self.peek("op")
        return token is not None and token.text == name

    def expression(self, name: str | None, depth: int) -> Node:
        parts = [self.conjunction(name, depth)]
        while self.operator("OR"):
            self.take()
            parts.append(self.conjunction(name, depth))
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def conjunction(self, name: str | None, depth: int) -> Node:
        parts = [self.unary(name, depth)]
        while self.peek() is not None and not (
            self.peek("close") or self.operator("OR")
        ):
            if self.operator("AND"):
                self.take()
            parts.append(self.unary(name, depth))
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def unary(self, name: str | None, depth: int) -> Node:
        negated = False
        while (token := self.peek("op", "sign")) and token.text not in {"AND", "OR"}:
            self.take()
            negated ^= token.text != "+"
        part = self.primary(name, depth)
        return Not(part) if negated else part  # type: ignore[arg-type]

    def primary(self, name: str | None, depth: int) -> Node:
        token = self.take()
        if token.kind == "open":
            return self.group(name, depth)
        if token.kind == "field" and name is None:
            if self.peek("open"):
                self.take()
                return self.group(token.text, depth)
            value = self.take()
            if value.kind not in VALUES:
                raise _misplaced(value, self.source)
            return self.clause(token.text, value)
        if token.kind in VALUES:
            return self.clause(name, token) if name else self.word(token)
        raise _misplaced(token, self.source)

    def group(self, name: str | None, depth: int) -> Node:
        if depth >= MAX_DEPTH:
            raise _unsupported(_("Nesting parentheses %d deep") % (depth + 1))
        node = self.expression(name, depth + 1)
        if self.peek("close") is None:
            raise _unbalanced(self.source)
        self.take()
        return node

    def word(self, token: Token) -> Node:
        if not self.in_q:
            raise SearchQueryError(
                detail=_("“%s” is not a field:value clause.") % token.text[:100]
            )
        return ALWAYS if token.text == "*" else Word(_value(token))

    def clause(self, name: str, token: Token) -> Node:
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise SearchQueryError(
                detail=_("The query is too long: use at most %(count)d clauses.")
                % {"count": MAX_CLAUSES}
            )
        if token.kind == "range":
            return self.range(name, token)
        value = _value(token)
        if (name, value) in TRUE_CLAUSES:
            return ALWAYS
        if token.kind == "bare" and re.search(r"(?<!\\)[*?]", token.text):
            raise _unsupported(f"“{name}:{token.text[:100]}”")
        return self.field_clause(name, value)

    def field_clause(self, name: str, value: str) -> Node:
        if name in FIELDS:
            facet = FIELDS[name]
            return HasValue(facet, value.upper() if facet == "format" else value)
        if name in ENTRY_FIELDS:
            return FieldIs(ENTRY_FIELDS[name], value)
        if name == "capacity" and value in {"public", "private"}:
            return IsPublic() if value == "public" else Not(IsPublic())
        if name in DATE_FIELDS:
            raise _unsupported(f"“{name}:{value[:100]}”")
        if self.in_q:
            # A colon in what someone typed: search the words.
            words = [] if name == "text" else [name]
            return AllOf(tuple(Word(w) for w in [*words, value]))
        raise _unsupported(_("The field “%s”") % name[:100])

    def range(self, name: str, token: Token) -> Condition:
        if name not in DATE_FIELDS:
            raise _unsupported(f"“{name}:{token.text[:100]}”")
        start, end = solr_dates.date_range(token.text[1:-1])
        return InRange(
            DATE_FIELDS[name],
            start=start,
            end=end,
            include_start=token.text.startswith("["),
            include_end=token.text.endswith("]"),
        )


def _has_words(node: Node) -> bool:
    if isinstance(node, Word):
        return True
    if isinstance(node, Not):
        return _has_words(node.part)
    if isinstance(node, AllOf | AnyOf):
        return any(map(_has_words, node.parts))
    return False


def _split_words(node: Node, parsed: Parsed) -> None:
    """Text and conditions apart: words are searched, field clauses must hold, OR
    between words finds any of them. A word excluded with - or NOT is left out."""
    if isinstance(node, Word):
        parsed.text.append(node.text)
    elif not _has_words(node):
        parsed.where.append(node)  # type: ignore[arg-type]
    elif isinstance(node, AllOf | AnyOf):
        if isinstance(node, AnyOf) and any(isinstance(p, Word) for p in node.parts):
            parsed.any_word = True
        for part in node.parts:
            _split_words(part, parsed)


def parse(source: str, parsed: Parsed, *, in_q: bool = False) -> Parsed:
    """Read ``source`` into ``parsed``; free words count as text only in ``q``."""
    if not source.strip():
        return parsed
    try:
        node = Parser(source, in_q=in_q).parse()
    except SearchQueryError:
        if not in_q or re.search(r"[\w*]:\S", source):
            raise
        parsed.text.append(source)  # typed text, not a query: search its words
        return parsed
    if in_q:
        _split_words(node, parsed)
    else:
        parsed.where.append(node)  # type: ignore[arg-type]
    return parsed
