"""Themes: the 13 EU data themes, and the local themes the portal shows.

EU codes are those of http://publications.europa.eu/resource/authority/data-theme,
with their official English and Spanish labels. Local themes are listed in the order
of the home page; each maps to one EU theme for DCAT-AP.
"""

from dataclasses import dataclass

from ceiba.catalog.vocabularies import Term

EU_THEME_BASE = "http://publications.europa.eu/resource/authority/data-theme/"


@dataclass(frozen=True)
class ThemeTerm(Term):
    eu_theme: str | None = None
    icon: str = ""

    @property
    def is_local(self) -> bool:
        return self.eu_theme is not None


EU_THEMES: tuple[ThemeTerm, ...] = (
    ThemeTerm(
        "AGRI",
        "Agricultura, pesca, silvicultura y alimentación",
        "Agriculture, fisheries, forestry and food",
    ),
    ThemeTerm("ECON", "Economía y finanzas", "Economy and finance"),
    ThemeTerm("EDUC", "Educación, cultura y deporte", "Education, culture and sport"),
    ThemeTerm("ENER", "Energía", "Energy"),
    ThemeTerm("ENVI", "Medio ambiente", "Environment"),
    ThemeTerm("GOVE", "Gobierno y sector público", "Government and public sector"),
    ThemeTerm("HEAL", "Salud", "Health"),
    ThemeTerm("INTR", "Asuntos internacionales", "International issues"),
    ThemeTerm(
        "JUST",
        "Justicia, sistema judicial y seguridad pública",
        "Justice, legal system and public safety",
    ),
    ThemeTerm("REGI", "Regiones y ciudades", "Regions and cities"),
    ThemeTerm("SOCI", "Población y sociedad", "Population and society"),
    ThemeTerm("TECH", "Ciencia y tecnología", "Science and technology"),
    ThemeTerm("TRAN", "Transporte", "Transport"),
)

LOCAL_THEMES: tuple[ThemeTerm, ...] = (
    ThemeTerm("salud", "Salud", "Health", eu_theme="HEAL", icon="heart"),
    ThemeTerm("educacion", "Educación", "Education", eu_theme="EDUC", icon="book"),
    ThemeTerm(
        "seguridad",
        "Seguridad ciudadana",
        "Public safety",
        eu_theme="JUST",
        icon="shield",
    ),
    ThemeTerm("economia", "Economía", "Economy", eu_theme="ECON", icon="chart"),
    ThemeTerm(
        "finanzas-publicas",
        "Finanzas públicas",
        "Public finance",
        eu_theme="ECON",
        icon="coins",
    ),
    ThemeTerm(
        "trabajo",
        "Trabajo y empleo",
        "Labour and employment",
        eu_theme="ECON",
        icon="briefcase",
    ),
    ThemeTerm(
        "agricultura",
        "Agricultura y alimentación",
        "Agriculture and food",
        eu_theme="AGRI",
        icon="sprout",
    ),
    ThemeTerm(
        "ambiente",
        "Ambiente y recursos naturales",
        "Environment and natural resources",
        eu_theme="ENVI",
        icon="tree",
    ),
    ThemeTerm("energia", "Energía", "Energy", eu_theme="ENER", icon="bolt"),
    ThemeTerm(
        "infraestructura",
        "Infraestructura y vivienda",
        "Infrastructure and housing",
        eu_theme="REGI",
        icon="building",
    ),
    ThemeTerm("transporte", "Transporte", "Transport", eu_theme="TRAN", icon="bus"),
    ThemeTerm(
        "territorio",
        "Territorio y ordenamiento",
        "Territory and land use",
        eu_theme="REGI",
        icon="map",
    ),
    ThemeTerm(
        "poblacion",
        "Población y demografía",
        "Population and demographics",
        eu_theme="SOCI",
        icon="users",
    ),
    ThemeTerm(
        "desarrollo-social",
        "Desarrollo social",
        "Social development",
        eu_theme="SOCI",
        icon="hands",
    ),
    ThemeTerm("justicia", "Justicia", "Justice", eu_theme="JUST", icon="scale"),
    ThemeTerm(
        "gobierno",
        "Gobierno y transparencia",
        "Government and transparency",
        eu_theme="GOVE",
        icon="landmark",
    ),
    ThemeTerm(
        "cultura",
        "Cultura y deporte",
        "Culture and sport",
        eu_theme="EDUC",
        icon="palette",
    ),
    ThemeTerm(
        "ciencia-tecnologia",
        "Ciencia y tecnología",
        "Science and technology",
        eu_theme="TECH",
        icon="flask",
    ),
    ThemeTerm(
        "relaciones-exteriores",
        "Relaciones exteriores",
        "Foreign affairs",
        eu_theme="INTR",
        icon="globe",
    ),
)
