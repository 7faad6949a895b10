"""Readers: one per source type, each turning a source's catalog into
``SourceRecord`` objects (see ``registry.py``)."""
