"""Controlled vocabularies as plain data, loaded into the database by data migrations.

One module per vocabulary (``themes``, ``frequencies``, ``licences``,
``institution_kinds``, ``places``). They import no Django models, so a migration can
import them and load them through its historical models. Changing a list needs a new
data migration that loads it again; the loaders upsert by ``code``.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A vocabulary term: its code and its Spanish and English labels."""

    code: str
    es: str
    en: str

    @property
    def labels(self) -> dict[str, str]:
        return {"es": self.es, "en": self.en}
