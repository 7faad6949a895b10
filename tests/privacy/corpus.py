"""A labelled corpus made by the tests: tables with personal data of known kinds in
known rows, and decoys that look alike (13-digit budget codes, INE place codes,
amounts, municipality and institution names, file numbers).

``build()`` returns the Parquet path and the labels: for each column, the kinds it
holds (what a scan should find) and, for each kind, which rows hold one.
"""

import random
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ceiba.privacy.checksums import MUNICIPALITY_CODES, cui_check_digit, nit_check_char

CODES = sorted(MUNICIPALITY_CODES)
GIVEN = ["José", "María", "Juan", "Ana", "Carlos", "Rosa", "Luis", "Marta", "Pedro",
         "Sandra", "Byron", "Heidy", "Mynor", "Yesenia", "Lesbia", "Otto", "Elmer",
         "Dulce", "Wilmer", "Floridalma", "Rigoberta", "Nehemías"]  # fmt: skip
SURNAMES = ["Pérez", "García", "López", "Xol", "Caal", "Tzul", "Hernández", "Ajcot",
            "Morales", "Cux", "Chávez", "Sic", "Velásquez", "Pop", "Batz", "Quiñónez",
            "Coyoy", "Ixcot", "Tojín", "Sul"]  # fmt: skip
PLACES = ["Mixco", "San José Pinula", "Santa Catarina Pinula", "Villa Nueva",
          "San Juan Sacatepéquez", "Santa Rosa", "San Marcos", "Puerto Barrios",
          "Santa Lucía Cotzumalguapa", "Concepción Chiquirichapa", "San Pedro Ayampuc",
          "Flores", "Cobán", "Santa Cruz del Quiché", "Antigua Guatemala"]  # fmt: skip
INSTITUTIONS = ["Ministerio de Salud Pública", "Escuela Oficial Rural Mixta No. 12",
                "Hospital Roosevelt", "Colegio Monte María", "Municipalidad de Mixco",
                "Instituto Nacional de Estadística",
                "Centro de Salud Zona 6"]  # fmt: skip
PHONE_FORMATS = ["{a}-{b}", "{a} {b}", "{a}{b}", "+502 {a} {b}", "+502 {a}-{b}",
                 "(502) {a}-{b}", "502-{a}-{b}", "+502{a}{b}"]  # fmt: skip
DOMAINS = ["gmail.com", "hotmail.com", "yahoo.es", "mineduc.gob.gt", "outlook.com"]


def valid_cui(rng: random.Random) -> str:
    while True:
        serial = f"{rng.randrange(10**8):08d}"
        check = cui_check_digit(serial)
        if check < 10:
            return f"{serial}{check}{rng.choice(CODES)}"


def invalid_cui(rng: random.Random) -> str:
    cui = valid_cui(rng)
    if rng.random() < 0.5:  # one digit of the serial changed: the check fails
        i = rng.randrange(8)
        digit = (int(cui[i]) + rng.randrange(1, 10)) % 10
        return cui[:i] + str(digit) + cui[i + 1 :]
    return cui[:9] + rng.choice(["2301", "0099", "0125", "0000", "1745"])


def cui_format(rng: random.Random, cui: str) -> str:
    style = rng.randrange(3)
    if style == 1:
        return f"{cui[:4]} {cui[4:9]} {cui[9:]}"
    if style == 2:
        return f"{cui[:4]}-{cui[4:9]}-{cui[9:]}"
    return cui


def valid_nit(rng: random.Random) -> str:
    body = str(rng.randrange(10**4, 10**9))
    check = nit_check_char(body)
    return f"{body}-{check}" if rng.random() < 0.7 else f"{body}{check}"


def invalid_nit(rng: random.Random) -> str:
    nit = valid_nit(rng)
    wrong = rng.choice([c for c in "0123456789K" if c != nit[-1]])
    return nit[:-1] + wrong


def phone(rng: random.Random) -> str:
    first = rng.choice("234567")
    a, b = f"{first}{rng.randrange(1000):03d}", f"{rng.randrange(10000):04d}"
    return rng.choice(PHONE_FORMATS).format(a=a, b=b)


def name(rng: random.Random) -> str:
    words = [rng.choice(GIVEN)]
    if rng.random() < 0.5:
        words.append(rng.choice(GIVEN))
    words += [rng.choice(SURNAMES), rng.choice(SURNAMES)]
    return " ".join(words)


def email(rng: random.Random) -> str:
    user = f"{rng.choice(GIVEN).lower()}.{rng.randrange(1000)}"
    user = user.encode("ascii", "ignore").decode()
    return f"{user}@{rng.choice(DOMAINS)}"


@dataclass
class Corpus:
    path: Path
    rows: int
    # column → kinds a scan should report for it
    kinds: dict[str, set[str]] = field(default_factory=dict)
    # (column, kind) → rows holding a value of that kind
    positives: dict[tuple[str, str], list[bool]] = field(default_factory=dict)


def _labelled(
    rows: int, rng: random.Random, make_yes, make_no, share: float
) -> tuple[list[str], list[bool]]:
    labels = [rng.random() < share for _ in range(rows)]
    return [make_yes() if yes else make_no() for yes in labels], labels


def _free_text(
    rng: random.Random, rows: int
) -> tuple[list[str], dict[str, list[bool]]]:
    texts, marks = [], {"cui": [], "phone": [], "email": []}
    fillers = ["Solicitud atendida sin novedad en la ventanilla.",
               "Se entregó el expediente 2024-118 al departamento jurídico.",
               "Compra de insumos lote 12345 proveedor 977.",
               "Pago de Q1,250.00 registrado el 31/12/2024."]  # fmt: skip
    for _ in range(rows):
        roll = rng.random()
        for kind in marks:
            marks[kind].append(False)
        if roll < 0.1:
            texts.append(
                f"Presentó DPI {cui_format(rng, valid_cui(rng))} en ventanilla."
            )
            marks["cui"][-1] = True
        elif roll < 0.2:
            texts.append(f"Llamar al tel. {phone(rng)} por la tarde.")
            marks["phone"][-1] = True
        elif roll < 0.3:
            texts.append(f"Respuesta enviada a {email(rng)} el lunes.")
            marks["email"][-1] = True
        else:
            texts.append(rng.choice(fillers))
    return texts, marks


def build(folder: Path, rows: int = 2000, seed: int = 7) -> Corpus:
    rng = random.Random(seed)
    corpus = Corpus(path=folder / "corpus.parquet", rows=rows)
    columns: dict[str, pa.Array] = {}

    def add(column: str, kind: str | None, values: list, labels: list[bool] | None):
        columns[column] = pa.array(values)
        corpus.kinds[column] = {kind} if kind else set()
        if kind:
            corpus.positives[(column, kind)] = labels or [True] * rows

    values, labels = _labelled(
        rows,
        rng,
        lambda: cui_format(rng, valid_cui(rng)),
        lambda: invalid_cui(rng),
        0.9,
    )
    add("dpi_solicitante", "cui", values, labels)
    values, labels = _labelled(
        rows, rng, lambda: valid_nit(rng), lambda: invalid_nit(rng), 0.9
    )
    add("nit_proveedor", "nit", values, labels)
    add("telefono", "phone", [phone(rng) for _ in range(rows)], None)
    add("contacto", "phone", [phone(rng) for _ in range(rows)], None)
    add("correo", "email", [email(rng) for _ in range(rows)], None)
    add("beneficiario", "person_name", [name(rng) for _ in range(rows)], None)
    add("responsable", "person_name", [name(rng) for _ in range(rows)], None)
    add("lista_b", "person_name", [name(rng) for _ in range(rows)], None)  # no header
    texts, marks = _free_text(rng, rows)
    columns["observaciones"] = pa.array(texts)
    corpus.kinds["observaciones"] = set(marks)
    for kind, hits in marks.items():
        corpus.positives[("observaciones", kind)] = hits
    # Decoys: nothing personal, some of it shaped like identifiers.
    budget = [f"{rng.randrange(10**12, 10**13)}" for _ in range(rows)]
    add("codigo_presupuestario", None, budget, None)
    add("cod_muni", None, [rng.choice(CODES) for _ in range(rows)], None)
    add("cod_depto", None, [rng.choice(CODES)[:2] for _ in range(rows)], None)
    add("monto", None, [round(rng.uniform(0, 10**6), 2) for _ in range(rows)], None)
    add("monto_entero", None, [rng.randrange(10**8) for _ in range(rows)], None)
    add("cantidad", None, [rng.randrange(5000) for _ in range(rows)], None)
    files = [rng.randrange(2 * 10**7, 8 * 10**7) for _ in range(rows)]
    add("numero_expediente", None, files, None)
    add("municipio", None, [rng.choice(PLACES) for _ in range(rows)], None)
    add("establecimiento", None, [rng.choice(INSTITUTIONS) for _ in range(rows)], None)
    schools = [rng.choice(INSTITUTIONS) for _ in range(rows)]
    add("nombre_establecimiento", None, schools, None)
    add("nombre_municipio", None, [rng.choice(PLACES) for _ in range(rows)], None)
    years = [2015 + rng.randrange(10) for _ in range(rows)]
    add("anio", None, years, None)
    pq.write_table(pa.table(columns), corpus.path)
    return corpus
