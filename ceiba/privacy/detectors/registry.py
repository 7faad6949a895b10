"""The detectors the scanner runs, in the order findings are listed. An extension
adds its own ``Detector`` subclass to ``DETECTORS``."""

from ceiba.privacy.detectors.base import Detector
from ceiba.privacy.detectors.identifiers import (
    CuiDetector,
    EmailDetector,
    NitDetector,
    PassportDetector,
    PhoneDetector,
    PlateDetector,
)
from ceiba.privacy.detectors.people import (
    AddressDetector,
    BirthDateDetector,
    CoordinatesDetector,
    PersonNameDetector,
)
from ceiba.privacy.detectors.sensitive import sensitive_detectors

DETECTORS: list[Detector] = [
    CuiDetector(),
    NitDetector(),
    PassportDetector(),
    PhoneDetector(),
    EmailDetector(),
    PlateDetector(),
    PersonNameDetector(),
    AddressDetector(),
    BirthDateDetector(),
    CoordinatesDetector(),
    *sensitive_detectors(),
]
