"""Work collected per transaction and done once after it commits."""

import pytest
from django.db import transaction

from ceiba.catalog.events import on_commit_collect


def test_outside_a_transaction_the_work_is_done_now():
    flushed = []

    on_commit_collect("test", "a", flushed.append)

    assert flushed == [["a"]]


@pytest.mark.django_db
def test_each_item_once_in_one_call_after_commit(django_capture_on_commit_callbacks):
    flushed = []

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for item in ("a", "b", "a", "c"):
            on_commit_collect("test", item, flushed.append)
        on_commit_collect("other", "a", lambda items: flushed.append(["other"]))
        assert flushed == []

    assert flushed == [["a", "b", "c"], ["other"]]


@pytest.mark.django_db
def test_items_of_a_rolled_back_savepoint_are_dropped(
    django_capture_on_commit_callbacks,
):
    flushed = []

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        on_commit_collect("test", "kept", flushed.append)
        try:
            with transaction.atomic():
                on_commit_collect("test", "dropped", flushed.append)
                on_commit_collect("test", "again", flushed.append)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        with transaction.atomic():
            on_commit_collect("test", "inner", flushed.append)
        on_commit_collect("test", "again", flushed.append)
        on_commit_collect("test", "inner", flushed.append)  # already collected

    assert sorted(item for items in flushed for item in items) == [
        "again",
        "inner",
        "kept",
    ]


@pytest.mark.django_db
def test_a_transaction_after_hooks_ran_collects_anew(
    django_capture_on_commit_callbacks,
):
    """Tests run hooks early and leave them queued: those are not pending."""
    flushed = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            on_commit_collect("test", "a", flushed.append)

    assert flushed == [["a"], ["a"]]
