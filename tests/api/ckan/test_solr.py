"""Reading Solr's q and fq: the forms CKAN clients send, clear errors for the rest."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from ceiba.api.ckan import solr
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

ORG = "institution"


def fq(source: str):
    return solr.parse(source, solr.Parsed()).condition()


def q(source: str) -> solr.Parsed:
    return solr.parse(source, solr.Parsed(), in_q=True)


@pytest.mark.parametrize(
    ("source", "condition"),
    [
        ("organization:a", HasValue(ORG, "a")),
        ('tags:"a b"', HasValue("keyword", "a b")),
        (r"tags:a\ b", HasValue("keyword", "a b")),
        ("res_format:csv", HasValue("format", "CSV")),
        ("-organization:a", Not(HasValue(ORG, "a"))),
        ("NOT organization:a", Not(HasValue(ORG, "a"))),
        ("NOT -organization:a", HasValue(ORG, "a")),
        (
            "organization:(a OR b)",
            AnyOf((HasValue(ORG, "a"), HasValue(ORG, "b"))),
        ),
        (
            'tags:("a b" OR c)',
            AnyOf((HasValue("keyword", "a b"), HasValue("keyword", "c"))),
        ),
        (
            "organization:a tags:b OR groups:c",
            AnyOf(
                (
                    AllOf((HasValue(ORG, "a"), HasValue("keyword", "b"))),
                    HasValue("theme", "c"),
                )
            ),
        ),
        (
            "(organization:a || groups:c) && -tags:b",
            AllOf(
                (
                    AnyOf((HasValue(ORG, "a"), HasValue("theme", "c"))),
                    Not(HasValue("keyword", "b")),
                )
            ),
        ),
        ("name:x", FieldIs("name", "x")),
        ("capacity:private", Not(IsPublic())),
        ("*:*", ALWAYS),
        ("+dataset_type:dataset +state:active", AllOf((ALWAYS, ALWAYS))),
        (
            "metadata_created:{2024-01-01T00:00:00Z TO *]",
            InRange(
                "created_at",
                start=datetime(2024, 1, 1, tzinfo=UTC),
                include_start=False,
            ),
        ),
    ],
)
def test_forms(source, condition):
    assert fq(source) == condition


def test_now_and_date_math():
    condition = fq("metadata_modified:[NOW-7DAYS/DAY TO NOW+1MONTH]")
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    assert condition.start == today - timedelta(days=7)
    assert condition.end > timezone.now() + timedelta(days=27)
    end_of_january = fq("metadata_modified:[2024-01-31 TO 2024-01-31+1MONTH]").end
    assert end_of_january == datetime(2024, 2, 29, tzinfo=UTC)


def test_q_words_and_clauses():
    parsed = q("escuelas rurales organization:a -tags:b")
    assert parsed.text == ["escuelas", "rurales"]
    assert parsed.condition() == AllOf(
        (HasValue(ORG, "a"), Not(HasValue("keyword", "b")))
    )
    assert q("escuelas OR salud").any_word
    assert q("text:agua").text == ["agua"]
    assert q("salud (2024").text == ["salud (2024"]  # typed text, not a query


@pytest.mark.parametrize(
    "source",
    [
        "colour:red",
        "organization:",
        "words",
        'tags:"a',
        "tags:a*",
        "(tags:a",
        "tags:a)",
        "tags:a OR",
        "OR tags:a",
        "tags:(organization:a)",
        "metadata_modified:[2024 TO *]",
        "metadata_modified:[NOW-1WEEK TO *]",
        "metadata_modified:[99999-01-01 TO *]",
        "(" * 9 + "tags:a" + ")" * 9,
    ],
)
def test_what_is_not_understood_is_a_search_query_error(source):
    with pytest.raises(SearchQueryError):
        fq(source)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab:()"[]{}*+-!\\ ORANDTNOW', max_size=40))
def test_any_fq_is_understood_or_refused(source):
    try:
        condition = fq(source)
    except SearchQueryError as error:
        assert error.fields["detail"]
    else:
        assert isinstance(condition, Condition)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='ab()"[]{}*+-!\\ ORANDT', max_size=40))
def test_any_q_without_fields_is_searched(source):
    parsed = q(source)
    assert isinstance(parsed.condition(), Condition)
    assert all(isinstance(word, str) for word in parsed.text)
