"""Typed Parquet tables built by the tests, as the ingest pipeline would write them.

``BUDGET`` is a small municipal budget table whose rows the tests also keep as
Python dictionaries, so expected results are computed in plain Python.
"""

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ceiba.datastore.query import Limits, SandboxPool

PLACES = [
    ("01", "0101", "Guatemala"),
    ("01", "0108", "Mixco"),
    ("01", "0110", "San José Pinula"),
    ("01", "0115", "Villa Nueva"),
    ("09", "0901", "Quetzaltenango"),
    ("09", "0909", "Almolonga"),
    ("16", "1601", "Cobán"),
    ("16", "1609", "San Pedro Carchá"),
    ("05", "0501", "Escuintla"),
    ("05", "0502", "Santa Lucía Cotzumalguapa"),
]
NOTES = ["Agua potable", "=SUM(A1:A9)", "+50212345678", "-5", "@usuario", "\tTab"]
NOTES += ["\rretorno", "Escuela rural", "Camino vecinal", "Drenaje"]
SCHEMA = pa.schema(
    [
        ("departamento_codigo", pa.string()),
        ("municipio_codigo", pa.string()),
        ("municipio", pa.string()),
        ("anio", pa.int64()),
        ("monto", pa.float64()),
        ("fecha", pa.date32()),
        ("aprobado", pa.bool_()),
        ("actualizado", pa.timestamp("us")),
        ("nota", pa.string()),
    ]
)


def budget_rows(count: int = 157) -> list[dict[str, Any]]:
    """Deterministic rows with ties, negatives and empty cells in every column."""
    rows = []
    for i in range(count):
        departamento, municipio_codigo, municipio = PLACES[i % len(PLACES)]
        rows.append(
            {
                "departamento_codigo": departamento,
                "municipio_codigo": municipio_codigo,
                "municipio": None if i % 23 == 5 else municipio,
                "anio": None if i % 19 == 7 else 2019 + i % 5,
                "monto": None if i % 17 == 3 else float((i * 37) % 41 - 8) * 125.5,
                "fecha": None if i % 13 == 2 else date(2020, 1, 1) + timedelta(i * 3),
                "aprobado": None if i % 11 == 4 else i % 3 == 0,
                "actualizado": datetime(2024, 1, 1, 8) + timedelta(hours=i * 5),
                "nota": None if i % 7 == 6 else NOTES[i % len(NOTES)],
            }
        )
    return rows


def write_table(path: Path, rows: list[dict[str, Any]], schema: pa.Schema) -> Path:
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path, row_group_size=40)
    return path


BUDGET = budget_rows()


@pytest.fixture
def budget_path(tmp_path: Path) -> Path:
    return write_table(tmp_path / "presupuesto.parquet", BUDGET, SCHEMA)


@pytest.fixture
def tables(budget_path: Path) -> dict[str, Path]:
    return {"presupuesto-2024": budget_path}


@pytest.fixture
def pool() -> SandboxPool:
    return SandboxPool(capacity=4)


@pytest.fixture
def limits() -> Limits:
    return Limits(timeout_seconds=10.0, memory_limit="512MB", threads=2)
