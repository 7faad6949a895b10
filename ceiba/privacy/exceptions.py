"""Errors of the privacy app."""

from django.utils.translation import gettext_lazy as _

from ceiba.common.errors import CeibaError, NotFoundError, ValidationError


class QuasiColumnsError(ValidationError):
    code = "privacy_quasi_columns_unknown"
    message = _(
        "These columns are not in the table: %(columns)s. Write the column names "
        "exactly as in the table's header, separated by commas."
    )


class PersonalDataFoundError(CeibaError):
    code = "personal_data_unreviewed"
    status = 409
    message = _(
        "This dataset cannot be published yet: %(count)s findings of personal data in "
        "its tables need a review. Open “Personal data” on the dataset's page, and "
        "for each finding apply a treatment or record why it may be published."
    )


class FindingNotFoundError(NotFoundError):
    code = "privacy_finding_not_found"
    message = _("There is no such finding of personal data in this dataset.")


class TreatmentError(ValidationError):
    code = "privacy_treatment_invalid"
    message = _("This treatment cannot be applied: %(reason)s")


class ReviewError(ValidationError):
    code = "privacy_review_invalid"
    message = _(
        "Write why this data may be published (for example, “name of a public "
        "official, published by law”), or apply a treatment."
    )
