"""Kinds of public institution that publish data, in the portal's display order."""

from ceiba.catalog.vocabularies import Term

INSTITUTION_KINDS: tuple[Term, ...] = (
    Term("ministry", "Ministerio", "Ministry"),
    Term("secretariat", "Secretaría", "Secretariat"),
    Term("municipality", "Municipalidad", "Municipality"),
    Term("judiciary", "Organismo Judicial", "Judiciary"),
    Term("legislature", "Organismo Legislativo", "Legislature"),
    Term("autonomous", "Entidad autónoma", "Autonomous entity"),
    Term("decentralized", "Entidad descentralizada", "Decentralised entity"),
    Term("electoral", "Organismo electoral", "Electoral body"),
    Term("state-enterprise", "Empresa pública", "State-owned enterprise"),
    Term("other", "Otra institución", "Other institution"),
)
