"""Licences, keyed by SPDX identifier, plus CKAN's codes for unlisted licences."""

from dataclasses import dataclass

from ceiba.catalog.vocabularies import Term


@dataclass(frozen=True)
class LicenceTerm(Term):
    url: str = ""
    is_open: bool = True


LICENCES: tuple[LicenceTerm, ...] = (
    LicenceTerm(
        "CC-BY-4.0",
        "Creative Commons Atribución 4.0 Internacional",
        "Creative Commons Attribution 4.0 International",
        url="https://creativecommons.org/licenses/by/4.0/",
    ),
    LicenceTerm(
        "CC-BY-SA-4.0",
        "Creative Commons Atribución-CompartirIgual 4.0 Internacional",
        "Creative Commons Attribution-ShareAlike 4.0 International",
        url="https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    LicenceTerm(
        "CC0-1.0",
        "Creative Commons CC0 1.0 Universal (dominio público)",
        "Creative Commons CC0 1.0 Universal (public domain)",
        url="https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    LicenceTerm(
        "ODbL-1.0",
        "Licencia Abierta de Bases de Datos (ODbL) 1.0",
        "Open Data Commons Open Database License (ODbL) 1.0",
        url="https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    LicenceTerm(
        "ODC-By-1.0",
        "Licencia de Atribución de Open Data Commons (ODC-By) 1.0",
        "Open Data Commons Attribution License (ODC-By) 1.0",
        url="https://opendatacommons.org/licenses/by/1-0/",
    ),
    LicenceTerm(
        "PDDL-1.0",
        "Dedicación y Licencia de Dominio Público de Open Data Commons (PDDL) 1.0",
        "Open Data Commons Public Domain Dedication and License (PDDL) 1.0",
        url="https://opendatacommons.org/licenses/pddl/1-0/",
    ),
    LicenceTerm(
        "CC-BY-3.0",
        "Creative Commons Atribución 3.0 No portada",
        "Creative Commons Attribution 3.0 Unported",
        url="https://creativecommons.org/licenses/by/3.0/",
    ),
    LicenceTerm(
        "CC-BY-SA-3.0",
        "Creative Commons Atribución-CompartirIgual 3.0 No portada",
        "Creative Commons Attribution-ShareAlike 3.0 Unported",
        url="https://creativecommons.org/licenses/by-sa/3.0/",
    ),
    LicenceTerm(
        "CC-BY-NC-4.0",
        "Creative Commons Atribución-NoComercial 4.0 Internacional",
        "Creative Commons Attribution-NonCommercial 4.0 International",
        url="https://creativecommons.org/licenses/by-nc/4.0/",
        is_open=False,
    ),
    LicenceTerm(
        "OGL-UK-3.0",
        "Licencia de Gobierno Abierto del Reino Unido 3.0",
        "Open Government Licence v3.0 (UK)",
        url="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
    LicenceTerm("other-open", "Otra licencia (abierta)", "Other licence (open)"),
    LicenceTerm(
        "other-closed",
        "Otra licencia (no abierta)",
        "Other licence (not open)",
        is_open=False,
    ),
    LicenceTerm(
        "notspecified",
        "Licencia no especificada",
        "Licence not specified",
        is_open=False,
    ),
)
