"""The demo's publishers: real Guatemalan institutions, parents before children."""

from ceiba.demo.catalog.spec import DemoInstitution

_NOTE = (
    "\n\nEn este portal de demostración, los conjuntos de datos de esta institución "
    "contienen cifras generadas, no oficiales."
)

INSTITUTIONS: tuple[DemoInstitution, ...] = (
    DemoInstitution(
        slug="minfin",
        name="Ministerio de Finanzas Públicas",
        acronym="MINFIN",
        kind="ministry",
        place="0101",
        website="https://www.minfin.gob.gt/",
        description="Formula la política fiscal y administra el presupuesto del Estado."
        + _NOTE,
    ),
    DemoInstitution(
        slug="mineduc",
        name="Ministerio de Educación",
        acronym="MINEDUC",
        kind="ministry",
        place="0101",
        website="https://www.mineduc.gob.gt/",
        description="Rector del sistema educativo nacional." + _NOTE,
    ),
    DemoInstitution(
        slug="mspas",
        name="Ministerio de Salud Pública y Asistencia Social",
        acronym="MSPAS",
        kind="ministry",
        place="0101",
        website="https://www.mspas.gob.gt/",
        description="Rector de la salud pública y de la red de servicios de salud."
        + _NOTE,
    ),
    DemoInstitution(
        slug="mingob",
        name="Ministerio de Gobernación",
        acronym="MINGOB",
        kind="ministry",
        place="0101",
        website="https://mingob.gob.gt/",
        description="Responsable del orden público, la seguridad de las personas y "
        "el sistema penitenciario." + _NOTE,
    ),
    DemoInstitution(
        slug="ine",
        name="Instituto Nacional de Estadística",
        acronym="INE",
        kind="decentralized",
        place="0101",
        website="https://www.ine.gob.gt/",
        description="Produce las estadísticas oficiales del país: censos, encuestas "
        "y estadísticas continuas." + _NOTE,
    ),
    DemoInstitution(
        slug="segeplan",
        name="Secretaría de Planificación y Programación de la Presidencia",
        acronym="SEGEPLAN",
        kind="secretariat",
        place="0101",
        website="https://www.segeplan.gob.gt/",
        description="Orienta la planificación del desarrollo, la inversión pública "
        "y la cooperación internacional." + _NOTE,
    ),
    DemoInstitution(
        slug="tse",
        name="Tribunal Supremo Electoral",
        acronym="TSE",
        kind="electoral",
        place="0101",
        website="https://www.tse.org.gt/",
        description="Máxima autoridad en materia electoral." + _NOTE,
    ),
    DemoInstitution(
        slug="maga",
        name="Ministerio de Agricultura, Ganadería y Alimentación",
        acronym="MAGA",
        kind="ministry",
        place="0101",
        website="https://www.maga.gob.gt/",
        description="Atiende la agricultura, la ganadería, la pesca y la seguridad "
        "alimentaria." + _NOTE,
    ),
    DemoInstitution(
        slug="marn",
        name="Ministerio de Ambiente y Recursos Naturales",
        acronym="MARN",
        kind="ministry",
        place="0101",
        website="https://www.marn.gob.gt/",
        description="Protege el ambiente y vela por el uso sostenible de los "
        "recursos naturales." + _NOTE,
    ),
    DemoInstitution(
        slug="micivi",
        name="Ministerio de Comunicaciones, Infraestructura y Vivienda",
        acronym="MICIVI",
        kind="ministry",
        place="0101",
        website="https://www.civ.gob.gt/",
        description="Construye y mantiene la red vial y atiende la vivienda popular."
        + _NOTE,
    ),
    DemoInstitution(
        slug="insivumeh",
        name="Instituto Nacional de Sismología, Vulcanología, Meteorología e "
        "Hidrología",
        acronym="INSIVUMEH",
        kind="other",
        place="0101",
        parent="micivi",
        website="https://insivumeh.gob.gt/",
        description="Vigila el clima, los sismos, los volcanes y los ríos del país."
        + _NOTE,
    ),
    DemoInstitution(
        slug="banguat",
        name="Banco de Guatemala",
        acronym="BANGUAT",
        kind="autonomous",
        place="0101",
        website="https://www.banguat.gob.gt/",
        description="Banco central: vela por la estabilidad del nivel general de "
        "precios." + _NOTE,
    ),
    DemoInstitution(
        slug="organismo-judicial",
        name="Organismo Judicial",
        acronym="OJ",
        kind="judiciary",
        place="0101",
        website="https://www.oj.gob.gt/",
        description="Ejerce la función jurisdiccional por medio de la Corte Suprema "
        "de Justicia y los tribunales." + _NOTE,
    ),
    DemoInstitution(
        slug="congreso",
        name="Congreso de la República",
        acronym="",
        kind="legislature",
        place="0101",
        website="https://www.congreso.gob.gt/",
        description="Organismo Legislativo: decreta, reforma y deroga las leyes."
        + _NOTE,
    ),
    DemoInstitution(
        slug="municipalidad-guatemala",
        name="Municipalidad de Guatemala",
        acronym="MUNIGUATE",
        kind="municipality",
        place="0101",
        website="https://www.muniguate.com/",
        description="Gobierno municipal de la Ciudad de Guatemala." + _NOTE,
    ),
    DemoInstitution(
        slug="municipalidad-quetzaltenango",
        name="Municipalidad de Quetzaltenango",
        acronym="",
        kind="municipality",
        place="0901",
        description="Gobierno municipal de Quetzaltenango." + _NOTE,
    ),
    DemoInstitution(
        slug="municipalidad-mixco",
        name="Municipalidad de Mixco",
        acronym="",
        kind="municipality",
        place="0108",
        description="Gobierno municipal de Mixco, departamento de Guatemala." + _NOTE,
    ),
)
