"""The catalog in the vocabularies other portals speak: DCAT-AP, data.json,
schema.org, Frictionless Data Package, Atom. Pure mappings, read by `api` and `web`
and read back by harvesting."""
