"""Reusability (75 points) and contextuality (20 points): may people reuse the
data, and do they know enough about it?"""

from django.utils.translation import gettext_lazy as _

from ceiba.quality.indicators.base import DatasetFacts, Dimension, Indicator


class Licence(Indicator):
    code = "licence"
    dimension = Dimension.REUSABILITY
    points = 20
    title = _("Licence")
    advice = _(
        "The licence is not specified, so nobody knows whether they may reuse the "
        "data. Choose an open licence, such as CC BY 4.0."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.licence_given)


class LicenceVocabulary(Indicator):
    code = "licence_vocabulary"
    dimension = Dimension.REUSABILITY
    points = 10
    title = _("Standard licence")
    advice = _(
        "The licence is not a standard one. Choose a licence from the list (for "
        "example CC BY 4.0) instead of “other licence”, so everyone knows its terms."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.licence_known)


class AccessRights(Indicator):
    code = "access_rights"
    dimension = Dimension.REUSABILITY
    points = 10
    title = _("Access")
    advice = _("Say who may access the data (public, restricted or non-public).")

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.has_access_rights)


class AccessRightsVocabulary(Indicator):
    code = "access_rights_vocabulary"
    dimension = Dimension.REUSABILITY
    points = 5
    title = _("Standard access value")
    advice = _("Choose the access from the list: public, restricted or non-public.")

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.has_access_rights)


class ContactPoint(Indicator):
    code = "contact_point"
    dimension = Dimension.REUSABILITY
    points = 20
    title = _("Contact")
    advice = _(
        "Add a contact e-mail, so people can ask questions about the data or "
        "report an error in it."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.has_contact)


class Publisher(Indicator):
    code = "publisher"
    dimension = Dimension.REUSABILITY
    points = 10
    title = _("Publisher")
    advice = _("Every dataset belongs to an institution; nothing to do.")

    def share(self, facts: DatasetFacts) -> float:
        return 1.0


class Rights(Indicator):
    code = "rights"
    dimension = Dimension.CONTEXTUALITY
    points = 5
    title = _("Rights statement")
    advice = _(
        "The files carry no statement of rights because the licence is not "
        "specified. Choose a licence for the dataset."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.licence_given)


class ByteSize(Indicator):
    code = "byte_size"
    dimension = Dimension.CONTEXTUALITY
    points = 5
    title = _("File size")
    advice = _(
        "The size of some linked files is unknown, so people cannot tell how long "
        "a download takes. Upload the files, or make sure their server gives "
        "their size."
    )

    def share(self, facts: DatasetFacts) -> float:
        return facts.share(facts.sized)


class Issued(Indicator):
    code = "issued"
    dimension = Dimension.CONTEXTUALITY
    points = 5
    title = _("Publication date")
    advice = _(
        "The dataset has no publication date yet: it is set when you publish it."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.has_issued)


class Modified(Indicator):
    code = "modified"
    dimension = Dimension.CONTEXTUALITY
    points = 5
    title = _("Date of the last change")
    advice = _(
        "The dataset has no date of last change yet: it is set when you publish "
        "or update it."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.has_modified)
