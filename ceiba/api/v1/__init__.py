"""The native REST API at /api/v1/: typed with Django Ninja, described by OpenAPI 3.1.

``api.py`` builds the API; one module per resource holds its router (``datasets``,
``files``, ``versions``, ``institutions``, ``vocabularies``, ``tables``, ``sql``);
``schemas.py`` declares what goes out, ``present.py`` turns catalog objects into it;
``errors.py`` is the one translator of errors into RFC 9457 problem details.
"""
