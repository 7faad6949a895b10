"""Personal-data detectors: one base (``base.py``), the built-ins grouped by topic,
and the registry the scanner reads (``registry.py``)."""
