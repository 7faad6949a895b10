"""The scanner on small tables: what it finds, what it leaves alone, how examples
are masked, and the k-anonymity of chosen columns."""

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ceiba.privacy.exceptions import QuasiColumnsError
from ceiba.privacy.masking import mask
from ceiba.privacy.scan import scan_table


def _scan(tmp_path: Path, quasi=None, **columns):
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table(columns), path)
    scan = scan_table(path, quasi=quasi)
    return scan, {(f.column, f.kind): f for f in scan.findings}


def test_identifiers_names_and_sensitive_columns_are_found(tmp_path):
    _, found = _scan(
        tmp_path,
        dpi=["1234567890101", "8765432122217", "1029384741305", "2345 67890 0101"],
        correo=["ana@gmail.com", "luis@yahoo.es", None, "x@mineduc.gob.gt"],
        telefono=["5555-1234", "+502 2233 4455", "(502) 7777-8888", "502-4444-1111"],
        placa=["P-123ABC", "M 456DEF", "C789GHI", "P123BCD"],
        nombre=["José Pérez López", "María García", "Ana Xol Caal", "Juan Tzul"],
        etnia=["Maya", "Ladino", "Garífuna", "Xinka"],
        fecha_nacimiento=["2010-01-01", "2009-05-05", "1990-01-01", "2012-12-12"],
        direccion=["5a. avenida 10-25 zona 1", "3 calle 4-56 zona 10", "x", "y"],
    )
    assert found[("dpi", "cui")].count == 3  # 2345 67890 0101 fails its check
    assert found[("dpi", "cui")].examples[0].startswith("•••• ••••• ")
    assert found[("correo", "email")].count == 3
    assert found[("telefono", "phone")].count == 4
    assert found[("placa", "plate")].count == 4
    assert found[("nombre", "person_name")].count == 4
    assert ("etnia", "ethnicity") in found
    assert ("fecha_nacimiento", "birth_date") in found
    assert found[("direccion", "address")].count == 2


def test_decoys_are_left_alone(tmp_path):
    _, found = _scan(
        tmp_path,
        codigo=["1234567890123", "9876543210987", "1111111111111", "2222222222222"],
        cod_muni=["0101", "0108", "1601", "2217"],
        monto=[1234.5, 100.25, 99.99, 5000.0],
        municipio=["San José Pinula", "Santa Rosa", "San Marcos", "Puerto Barrios"],
        nombre_establecimiento=[
            "Escuela Oficial Rural Mixta",
            "Colegio Monte María",
            "Hospital Roosevelt",
            "Instituto Normal",
        ],  # fmt: skip
        total_estudiantes=[10, 25, 7, 40],
    )
    assert found == {}


def test_identifiers_inside_free_text(tmp_path):
    _, found = _scan(
        tmp_path,
        observaciones=[
            "Llamar al tel. 5555-1234 por la tarde, gracias",
            "Presentó DPI 1234 56789 0101 en la ventanilla",
            "Respuesta enviada a ana.lopez@gmail.com el lunes",
            "Sin novedad en la atención de este expediente",
        ],
    )
    assert {kind for _, kind in found} == {"phone", "cui", "email"}
    assert all(f.context == "text" for f in found.values())
    assert found[("observaciones", "phone")].examples[0].endswith("••••-••34")


def test_k_anonymity_of_chosen_columns(tmp_path):
    scan, _ = _scan(
        tmp_path,
        quasi=["municipio", "edad"],
        municipio=["Mixco", "Mixco", "Mixco", "Cobán"],
        edad=[30, 30, 30, 41],
    )
    assert scan.k_anonymity.as_json() == {
        "columns": ["municipio", "edad"],
        "k": 1,
        "unique_rows": 1,
        "groups": 2,
        "rows": 4,
    }
    with pytest.raises(QuasiColumnsError):
        _scan(tmp_path, quasi=["sexo"], edad=[1])


def test_masks_keep_only_what_does_not_identify():
    assert mask("cui", "1234567890101") == "•••• ••••• 0101"
    assert mask("email", "ana.lopez@gmail.com") == "a•••@•••••.com"
    assert mask("person_name", "José Pérez") == "J••• P••••"
    assert mask("phone", "5555-1234") == "••••-••34"
    assert mask("birth_date", "1990-05-17") == "1990-••-••"


def test_rare_identifiers_in_free_text_of_large_tables_are_found(tmp_path, monkeypatch):
    from ceiba.privacy import scan as scanner

    monkeypatch.setattr(scanner, "SAMPLE_ROWS", 100)
    notes = ["Solicitud atendida sin novedad en ventanilla"] * 5000
    notes[4321] = "Escribir a juana.perez@gmail.com para avisarle"
    notes[4999] = "Presentó DPI 1234 56789 0101 en la ventanilla"
    _, found = _scan(tmp_path, notas=notes, municipio=["Mixco"] * 5000)
    assert found[("notas", "email")].count == 1
    assert found[("notas", "cui")].count == 1
    assert set(found) == {("notas", "email"), ("notas", "cui")}


def test_large_tables_are_sampled_by_vectors_and_still_read_whole(tmp_path):
    path = tmp_path / "large.parquet"
    duckdb.connect().execute(
        "COPY (SELECT CASE WHEN i = 200000 THEN 'Avisar a ana.lopez@gmail.com hoy'"
        " ELSE 'Solicitud atendida sin novedad alguna' END AS notas,"
        " '1234567890101' AS dpi, i % 7 AS grupo FROM range(250000) t(i))"
        f" TO '{path}' (FORMAT parquet)"
    )
    found = {(f.column, f.kind): f.count for f in scan_table(path).findings}
    assert found == {("notas", "email"): 1, ("dpi", "cui"): 250000}


def test_tables_of_counts_get_no_guessed_k(tmp_path):
    counts, _ = _scan(
        tmp_path,
        departamento=["Guatemala", "Guatemala", "Petén", "Petén"],
        edad=[20, 21, 20, 21],
        defunciones=[120, 98, 15, 11],
    )
    assert counts.k_anonymity is None
    people, _ = _scan(
        tmp_path,
        nombre=["José Pérez", "Ana Xol", "Luis Caal", "Rosa Tzul"],
        departamento=["Guatemala", "Guatemala", "Petén", "Petén"],
        edad=[20, 21, 20, 21],
        ingreso=[1200, 980, 1500, 1100],
    )
    assert people.k_anonymity.k == 1
