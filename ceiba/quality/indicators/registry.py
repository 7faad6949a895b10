"""The MQA indicators Ceiba scores, in the order of the MQA's table (405 points).

A new indicator is one class on ``Indicator`` listed here.
"""

from ceiba.quality.indicators import accessibility, findability, reusability
from ceiba.quality.indicators import interoperability as interop
from ceiba.quality.indicators.base import Dimension, Indicator

INDICATORS: tuple[Indicator, ...] = (
    findability.Keywords(),
    findability.Themes(),
    findability.Spatial(),
    findability.Temporal(),
    accessibility.AccessUrlWorks(),
    accessibility.DownloadUrl(),
    accessibility.DownloadUrlWorks(),
    interop.Format(),
    interop.MediaType(),
    interop.FormatFromVocabulary(),
    interop.NonProprietary(),
    interop.MachineReadable(),
    interop.DcatApCompliance(),
    reusability.Licence(),
    reusability.LicenceVocabulary(),
    reusability.AccessRights(),
    reusability.AccessRightsVocabulary(),
    reusability.ContactPoint(),
    reusability.Publisher(),
    reusability.Rights(),
    reusability.ByteSize(),
    reusability.Issued(),
    reusability.Modified(),
)
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
MAX_POINTS = sum(indicator.points for indicator in INDICATORS)
DIMENSION_MAX = {
    dimension: sum(i.points for i in INDICATORS if i.dimension == dimension)
    for dimension in Dimension
}
