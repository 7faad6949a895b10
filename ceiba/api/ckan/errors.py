"""The CKAN Action API's own refusals, as CeibaErrors with CKAN's ``__type``."""

from django.utils.translation import gettext_lazy as _

from ceiba.common.errors import CeibaError, NotFoundError, ValidationError


class UnknownActionError(CeibaError):
    code = "ckan_unknown_action"
    status = 400
    ckan_type = "Bad Request"
    message = _(
        "Bad request - Action name not known: %(action)s. See the list of actions in "
        "the CKAN API documentation of the portal."
    )


class MethodNotAllowedError(CeibaError):
    code = "ckan_method_not_allowed"
    status = 405
    ckan_type = "Bad Request"
    message = _("Bad request - Send this action with POST.")


class MalformedBodyError(CeibaError):
    code = "ckan_malformed_body"
    status = 400
    ckan_type = "Bad Request"
    message = _(
        "Bad request - The request body is not valid JSON: %(detail)s. Send a JSON "
        "object, a form or a multipart form."
    )


class BodyNotObjectError(CeibaError):
    code = "ckan_body_not_object"
    status = 400
    ckan_type = "Bad Request"
    message = _(
        "Bad request - The request body must be a JSON object with the action's "
        'parameters, like {"id": "my-dataset"}.'
    )


class BodyTooLargeError(CeibaError):
    code = "ckan_body_too_large"
    status = 413
    ckan_type = "Bad Request"
    message = _(
        "Bad request - The request body is larger than %(limit)s bytes. Send less "
        "data in one call, or upload large files as multipart forms."
    )


class SearchQueryError(CeibaError):
    code = "ckan_search_query"
    status = 400
    ckan_type = "Search Query Error"
    message = _("Search Query Error: %(detail)s")


class ParameterError(ValidationError):
    """A parameter with a value of the wrong type: CKAN's 409 with the field."""

    code = "ckan_parameter_invalid"

    def __init__(self, name: str, message: str) -> None:
        super().__init__(field_errors={name: [message]})


class MissingParameterError(ValidationError):
    code = "ckan_parameter_missing"

    def __init__(self, name: str) -> None:
        super().__init__(field_errors={name: [str(_("Missing value"))]})


class ResourceNotFoundError(NotFoundError):
    code = "ckan_resource_not_found"
    message = _("Resource was not found.")


class GroupNotFoundError(NotFoundError):
    code = "ckan_group_not_found"
    message = _("Group not found. Check the theme's name with group_list.")


class DatastoreNotFoundError(NotFoundError):
    code = "ckan_datastore_not_found"
    message = _(
        "Resource “%(resource_id)s” was not found in the DataStore: it is not a "
        "table, or its file has not been turned into a table yet."
    )
