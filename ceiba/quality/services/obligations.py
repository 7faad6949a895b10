"""Tagging a dataset with the LAIP obligations it satisfies."""

from collections.abc import Iterable

from django.db import transaction

from ceiba.catalog.models import Dataset
from ceiba.catalog.permissions import Actor, can_edit_dataset
from ceiba.quality.exceptions import ObligationPermissionError, UnknownObligationError
from ceiba.quality.models import Obligation, ObligationDataset


@transaction.atomic
def obligation_dataset_set(
    *, actor: Actor, dataset: Dataset, codes: Iterable[str]
) -> set[str]:
    """Make ``codes`` the obligations ``dataset`` satisfies; returns them."""
    if not can_edit_dataset(actor, dataset):
        raise ObligationPermissionError()
    wanted = set(codes)
    known = set(
        Obligation.objects.filter(code__in=wanted, is_active=True).values_list(
            "code", flat=True
        )
    )
    if wanted - known:
        raise UnknownObligationError(codes=", ".join(sorted(wanted - known)))
    ObligationDataset.objects.filter(dataset=dataset).exclude(
        obligation__in=wanted
    ).delete()
    have = set(
        ObligationDataset.objects.filter(dataset=dataset).values_list(
            "obligation_id", flat=True
        )
    )
    ObligationDataset.objects.bulk_create(
        ObligationDataset(obligation_id=code, dataset=dataset)
        for code in sorted(wanted - have)
    )
    return wanted
