"""Harvest's errors: what went wrong with a source, in words one can act on."""

from django.utils.translation import gettext_lazy as _

from ceiba.common.errors import CeibaError, NotFoundError, ValidationError


class HarvestError(CeibaError):
    code = "harvest_error"
    status = 502
    message = _("The harvest failed. Try again later.")


class SourceUnreachableError(HarvestError):
    code = "harvest_source_unreachable"
    message = _(
        "The source %(url)s could not be read after %(attempts)d attempts: "
        "%(reason)s Check that the portal is online and try again later."
    )


class SourceResponseTooLargeError(HarvestError):
    code = "harvest_response_too_large"
    message = _(
        "The source sent more than %(limit)s for %(url)s, so the harvest stopped "
        "reading it. Ask its administrators to page their catalog, or raise "
        "CEIBA_HARVEST_MAX_BYTES."
    )


class SourceFormatError(HarvestError):
    code = "harvest_source_format"
    message = _(
        "The source %(url)s did not answer with a catalog we can read: %(reason)s "
        "Check the address and the source type."
    )


class SourceTooSlowError(HarvestError):
    code = "harvest_time_limit"
    message = _(
        "The harvest stopped after %(seconds)d seconds, the time limit of one run. "
        "The next run will go on where it stopped."
    )


class RecordInvalidError(ValidationError):
    code = "harvest_record_invalid"
    message = _("The record could not be mapped: %(reason)s")


class HarvestSourceNotFoundError(NotFoundError):
    code = "harvest_source_not_found"
    message = _("There is no harvest source with this id.")


class HarvestSourceInvalidError(ValidationError):
    code = "harvest_source_invalid"


class HarvestedFieldLockedError(ValidationError):
    code = "harvest_field_locked"
    message = _(
        "This dataset is harvested from %(source)s: change it there. Here you may "
        "only change: %(allowed)s."
    )


class HarvestJobRunningError(CeibaError):
    code = "harvest_job_running"
    status = 409
    message = _("This source is already being harvested. Wait until it finishes.")
