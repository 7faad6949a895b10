"""Precision and recall of the scanner on the labelled corpus (tests/privacy/corpus.py).

Two measures, printed with ``-s`` for the closing note:
- per value, for the kinds with many values: a value counts as found when the
  scan reports its column for that kind and the value itself matches;
- per column, for every kind: the (column, kind) findings against the labels.
Goals (issue 7): recall ≥ 0.99 and precision ≥ 0.95 for identifiers with check
digits (CUI, NIT), ≥ 0.9 for names.
"""

from pathlib import Path

import pytest

from ceiba.privacy.scan import row_hits, scan_table
from tests.privacy.corpus import Corpus, build

GOALS = {  # kind: (recall, precision)
    "cui": (0.99, 0.95),
    "nit": (0.99, 0.95),
    "phone": (0.95, 0.95),
    "email": (0.99, 0.99),
    "person_name": (0.9, 0.9),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def found(corpus: Corpus) -> set[tuple[str, str]]:
    scan = scan_table(corpus.path)
    return {(f.column, f.kind) for f in scan.findings}


def _value_counts(corpus: Corpus, found: set, kind: str) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for column in corpus.kinds:
        truth = corpus.positives.get((column, kind), [False] * corpus.rows)
        hits = (
            row_hits(corpus.path, column, kind)
            if (column, kind) in found
            else [False] * corpus.rows
        )
        tp += sum(1 for t, h in zip(truth, hits, strict=True) if t and h)
        fp += sum(1 for t, h in zip(truth, hits, strict=True) if h and not t)
        fn += sum(1 for t, h in zip(truth, hits, strict=True) if t and not h)
    return tp, fp, fn


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


@pytest.mark.parametrize("kind", sorted(GOALS))
def test_precision_and_recall_per_value(corpus: Corpus, found: set, kind: str):
    tp, fp, fn = _value_counts(corpus, found, kind)
    recall, precision = _ratio(tp, tp + fn), _ratio(tp, tp + fp)
    print(f"\n{kind}: values recall {recall:.4f} precision {precision:.4f} "
          f"(tp {tp}, fp {fp}, fn {fn})")  # fmt: skip
    want_recall, want_precision = GOALS[kind]
    assert recall >= want_recall
    assert precision >= want_precision


def test_columns_found_are_exactly_the_labelled_ones(corpus: Corpus, found: set):
    expected = {(c, k) for c, kinds in corpus.kinds.items() for k in kinds}
    missed, extra = expected - found, found - expected
    print(f"\ncolumns: {len(expected & found)} right, missed {sorted(missed)}, "
          f"wrong {sorted(extra)}")  # fmt: skip
    assert not missed
    assert not extra


def test_invalid_identifiers_are_not_counted(corpus: Corpus):
    scan = scan_table(corpus.path)
    counts = {(f.column, f.kind): f.count for f in scan.findings}
    valid = sum(corpus.positives[("dpi_solicitante", "cui")])
    assert counts[("dpi_solicitante", "cui")] == valid


def test_corpus_file_is_made_by_the_test(corpus: Corpus):
    assert Path(corpus.path).stat().st_size > 0


def test_two_pass_scan_of_large_tables_finds_the_same(corpus: Corpus, monkeypatch):
    """Tables larger than the sample are scanned in two passes, and repeated values
    are read once with their counts: the findings and counts do not change."""
    from ceiba.privacy import scan as scanner

    one_pass = {(f.column, f.kind, f.count) for f in scan_table(corpus.path).findings}
    monkeypatch.setattr(scanner, "SAMPLE_ROWS", 500)
    two_pass = {(f.column, f.kind, f.count) for f in scan_table(corpus.path).findings}
    assert two_pass == one_pass
