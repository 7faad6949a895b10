from ceiba.catalog.models.datasets import AccessRights, Dataset, DatasetStatus
from ceiba.catalog.models.distributions import (
    Distribution,
    DistributionKind,
    DistributionRevision,
    WithholdReason,
)
from ceiba.catalog.models.institutions import Institution, Membership, Role
from ceiba.catalog.models.versions import Version, VersionKind
from ceiba.catalog.models.vocabularies import (
    Frequency,
    InstitutionKind,
    Licence,
    Place,
    PlaceLevel,
    Theme,
)

__all__ = [
    "AccessRights",
    "Dataset",
    "DatasetStatus",
    "Distribution",
    "DistributionKind",
    "DistributionRevision",
    "WithholdReason",
    "Frequency",
    "Institution",
    "InstitutionKind",
    "Licence",
    "Membership",
    "Place",
    "PlaceLevel",
    "Role",
    "Theme",
    "Version",
    "VersionKind",
]
