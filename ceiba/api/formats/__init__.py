"""The catalog in standard vocabularies over HTTP: DCAT-AP (Turtle, RDF/XML,
JSON-LD), data.json, Frictionless Data Packages, Table Schemas and Atom feeds.

Thin views over ``ceiba.interop``: public reads, cacheable, open to any origin.
"""
