from django.utils.translation import gettext_lazy as _

from ceiba.common.errors import (
    CeibaError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)


class DatasetNotFoundError(NotFoundError):
    code = "dataset_not_found"
    message = _(
        "There is no dataset at this address. It may have been renamed or removed."
    )


class DistributionNotFoundError(NotFoundError):
    code = "distribution_not_found"
    message = _("There is no such file in this dataset.")


class InstitutionNotFoundError(NotFoundError):
    code = "institution_not_found"
    message = _("There is no institution at this address.")


class VersionNotFoundError(NotFoundError):
    code = "version_not_found"
    message = _("This dataset has no such version.")


class CatalogPermissionError(PermissionDeniedError):
    code = "catalog_permission_denied"
    message = _("You do not have permission to change this dataset.")


class DatasetInvalidError(ValidationError):
    code = "dataset_invalid"


class DatasetEditConflictError(CeibaError):
    code = "dataset_edit_conflict"
    status = 409
    message = _(
        "Someone else saved changes to this dataset while you were editing it. Your "
        "changes were not saved: they are still in the form. Open the dataset again in "
        "another tab to see the other changes, then make yours again."
    )


class DatasetStateError(CeibaError):
    code = "dataset_state_invalid"
    status = 409


class FileTooLargeError(CeibaError):
    code = "file_too_large"
    status = 413
    message = _(
        "The file is larger than the %(limit)s allowed. Split it into smaller files "
        "or ask the portal administrators to raise the limit."
    )


class EmptyFileError(CeibaError):
    code = "file_empty"
    status = 400
    message = _(
        "The file is empty. Choose the file that holds the data and upload it again."
    )


class UnreadableFileError(CeibaError):
    code = "file_unreadable"
    status = 400
    message = _(
        "The file “%(filename)s” says it is %(format)s but its content is not: "
        "%(reason)s Export it again from the program that made it and upload it again."
    )


class LinkInvalidError(ValidationError):
    code = "link_invalid"
    message = _(
        "The address must start with http:// or https://. Check it and try again."
    )


class ThemeNotFoundError(NotFoundError):
    code = "theme_not_found"
    message = _("There is no such theme.")


class PlaceNotFoundError(NotFoundError):
    code = "place_not_found"
    message = _("There is no such place.")


class RevisionWithheldError(CeibaError):
    code = "revision_withheld"
    status = 410
    message = _(
        "This version of the file is not published: %(reason)s. Download the "
        "current version, or come back later."
    )
