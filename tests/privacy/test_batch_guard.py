"""The publish guard asked about many datasets at once (harvested pages): the same
answers as one by one, in one query when none has findings."""

import pytest

from ceiba.catalog.guards import publish_guards_run_many
from ceiba.privacy.exceptions import PersonalDataFoundError
from ceiba.privacy.selectors import datasets_with_open_findings
from ceiba.privacy.services import datasets_privacy_guard
from tests.factories import make_dataset
from tests.privacy.test_gate import BUDGET, REGISTER

pytestmark = pytest.mark.django_db


def test_only_datasets_with_open_findings_are_looked_at_closer():
    register = make_dataset("Beneficiarios", publish=False, files={"b.csv": REGISTER})
    budget = make_dataset("Presupuesto", publish=False, files={"p.csv": BUDGET})
    links = make_dataset("Enlaces", publish=False)

    found = datasets_with_open_findings(datasets=[links, register, budget])

    assert found == [register]


def test_a_batch_is_refused_when_one_dataset_has_blocking_findings():
    register = make_dataset("Beneficiarios", publish=False, files={"b.csv": REGISTER})
    budget = make_dataset("Presupuesto", publish=False, files={"p.csv": BUDGET})

    with pytest.raises(PersonalDataFoundError):
        datasets_privacy_guard(datasets=[budget, register])
    with pytest.raises(PersonalDataFoundError):
        publish_guards_run_many(datasets=[budget, register])


def test_a_batch_without_findings_takes_one_query(django_assert_num_queries):
    datasets = [
        make_dataset(f"Presupuesto {n}", publish=False, files={"p.csv": BUDGET})
        for n in range(3)
    ]

    with django_assert_num_queries(1):
        publish_guards_run_many(datasets=datasets)
