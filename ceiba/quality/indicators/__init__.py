"""The indicators of the EU Metadata Quality Assessment
(``../shared/standards/mqa.md``)."""
