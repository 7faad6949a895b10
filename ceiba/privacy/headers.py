"""What column headers say: words that announce personal or sensitive data.

Headers are normalised (lower case, no accents, words split on anything that is not
a letter or digit) and matched word by word, so ``Nombre del beneficiario``,
``NOMBRE_BENEFICIARIO`` and ``nombreBeneficiario`` read alike.
"""

import re
import unicodedata

from ceiba.privacy.kinds import Kind

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")

# Each kind: words (or word pairs written "a b") that announce it in a header.
HINTS: dict[str, frozenset[str]] = {
    Kind.CUI: frozenset({"cui", "dpi", "identificacion", "cedula", "documento"}),
    Kind.NIT: frozenset({"nit"}),
    Kind.PASSPORT: frozenset({"pasaporte", "passport"}),
    Kind.PHONE: frozenset(
        {"telefono", "tel", "celular", "cel", "movil", "phone", "whatsapp", "fax"}
    ),
    Kind.EMAIL: frozenset({"correo", "email", "mail", "e mail"}),
    Kind.PLATE: frozenset({"placa", "placas", "matricula"}),
    Kind.PERSON_NAME: frozenset(
        {
            "nombre",
            "nombres",
            "apellido",
            "apellidos",
            "beneficiario",
            "beneficiaria",
            "persona",
            "solicitante",
            "paciente",
            "alumno",
            "estudiante",
            "empleado",
            "trabajador",
            "funcionario",
            "contribuyente",
            "propietario",
            "victima",
            "sindicado",
            "detenido",
            "denunciante",
            "representante",
            "responsable",
            "docente",
            "maestro",
        }
    ),  # fmt: skip
    Kind.ADDRESS: frozenset({"direccion", "domicilio", "residencia", "address"}),
    Kind.BIRTH_DATE: frozenset(
        {"nacimiento", "fecha nac", "f nac", "fnac", "birth", "dob", "nacio"}
    ),
    Kind.COORDINATES: frozenset(
        {
            "lat",
            "latitud",
            "latitude",
            "lon",
            "lng",
            "long",
            "longitud",
            "longitude",
            "coordenada",
            "coordenadas",
            "gps",
            "x",
            "y",
        }
    ),  # fmt: skip
    Kind.HEALTH: frozenset(
        {
            "diagnostico",
            "enfermedad",
            "padecimiento",
            "discapacidad",
            "vih",
            "salud",
            "cie10",
            "cie",
            "morbilidad",
            "embarazo",
            "embarazada",
            "tratamiento",
            "sintomas",
            "covid",
            "resultado prueba",
        }
    ),  # fmt: skip
    Kind.ETHNICITY: frozenset(
        {
            "etnia",
            "etnico",
            "etnica",
            "pueblo",
            "comunidad linguistica",
            "raza",
            "pertenencia etnica",
            "autoidentificacion",
        }
    ),  # fmt: skip
    Kind.RELIGION: frozenset({"religion", "iglesia", "credo", "culto"}),
    Kind.POLITICAL: frozenset(
        {"partido", "afiliacion", "afiliado", "militancia", "comite civico"}
    ),
    Kind.SEXUAL_ORIENTATION: frozenset(
        {"orientacion sexual", "orientacion", "identidad genero", "lgbti", "lgbtiq"}
    ),
    Kind.CRIMINAL_RECORD: frozenset(
        {
            "antecedentes",
            "antecedente",
            "delito",
            "condena",
            "sentencia",
            "penal",
            "sindicado",
            "detenido",
            "recluso",
            "privado libertad",
            "capturado",
        }
    ),  # fmt: skip
    Kind.MINORS: frozenset(
        {
            "menor",
            "menores",
            "nino",
            "nina",
            "ninos",
            "ninas",
            "nna",
            "adolescente",
            "alumno",
            "alumna",
            "estudiante",
            "escolar",
            "infante",
        }
    ),  # fmt: skip
}

# Words after "nombre" that make a header name a place or an organisation.
NOT_A_PERSON = frozenset(
    {
        "municipio", "departamento", "establecimiento", "escuela", "institucion",
        "entidad", "proyecto", "programa", "producto", "lugar", "comunidad",
        "aldea", "caserio", "centro", "empresa", "unidad", "dependencia", "curso",
        "carrera", "puesto", "cargo", "region", "distrito", "sector", "ministerio",
        "partido", "organizacion", "cuenta", "renglon", "insumo", "medicamento",
        "area", "zona", "pais", "categoria", "tipo", "servicio", "hospital",
    }
)  # fmt: skip
# Headers that name quantities or codes, never phone numbers or NITs.
QUANTITY = frozenset(
    {
        "monto", "total", "valor", "precio", "cantidad", "presupuesto", "codigo",
        "cod", "id", "numero", "no", "año", "ano", "anio", "poblacion", "suma",
        "vigente", "devengado", "pagado", "asignado", "correlativo", "costo",
        "expediente", "folio", "boleta", "factura", "orden", "serie", "partida",
        "renglon", "registro", "cuenta", "lote",
    }
)  # fmt: skip


def header_words(*names: str) -> list[str]:
    """The normalised words of one or more headers (a column's name and title)."""
    words: list[str] = []
    for name in names:
        spaced = _CAMEL.sub(" ", name or "")
        ascii_text = (
            unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
        )
        words.extend(w for w in _SPLIT.split(ascii_text.lower()) if w)
    return words


def _phrases(words: list[str]) -> set[str]:
    pairs = {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
    return set(words) | pairs


def header_hints(*names: str) -> set[str]:
    """The kinds a column's headers announce."""
    words = header_words(*names)
    phrases = _phrases(words)
    kinds = {kind for kind, hints in HINTS.items() if phrases & hints}
    if Kind.PERSON_NAME in kinds and set(words) & NOT_A_PERSON:
        kinds.discard(Kind.PERSON_NAME)
    if Kind.COORDINATES in kinds and len(words) > 2 and set(words) & {"x", "y"}:
        kinds.discard(Kind.COORDINATES)  # "x" and "y" alone only
    if Kind.CUI in kinds and set(words) & {"tipo"}:
        kinds.discard(Kind.CUI)  # "tipo de documento"
    return kinds


def is_quantity(*names: str) -> bool:
    return bool(set(header_words(*names)) & QUANTITY)


QUASI_WORDS = frozenset(
    {
        "municipio", "departamento", "edad", "sexo", "genero", "etnia", "pueblo",
        "nacimiento", "ocupacion", "profesion", "estado civil", "escolaridad",
        "nacionalidad", "comunidad linguistica", "aldea", "zona",
    }
)  # fmt: skip


# Quasi-identifiers that describe a person (the others are places).
PERSON_ATTRIBUTES = QUASI_WORDS - {"municipio", "departamento", "aldea", "zona"}


def is_person_attribute(*names: str) -> bool:
    return bool(_phrases(header_words(*names)) & PERSON_ATTRIBUTES)


def is_quasi_identifier(*names: str) -> bool:
    """Headers of columns that, together, may single people out."""
    words = header_words(*names)
    if set(words) & {"id", "total", "cantidad", "monto"}:
        return False
    return bool(_phrases(words) & QUASI_WORDS)
