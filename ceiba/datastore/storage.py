"""Where tables live on disk: ``<CEIBA_DATA_DIR>/datastore/<revision>/<n>.<kind>``."""

from pathlib import Path

from django.conf import settings


def datastore_root() -> Path:
    return settings.DATA_DIR / "datastore"


def table_paths(revision_id: int, position: int, edition: str = "") -> dict[str, Path]:
    """The raw (all text), typed Parquet and normalised CSV files of one table.

    A data dictionary edit writes new typed files under a new ``edition`` name, so
    that readers of the previous files are never disturbed; the raw file stays.
    """
    folder = datastore_root() / str(revision_id)
    stem = f"{position}.{edition}" if edition else str(position)
    return {
        "raw": folder / f"{position}.raw.parquet",
        "parquet": folder / f"{stem}.parquet",
        "csv": folder / f"{stem}.csv",
    }


def table_path(name: str) -> Path:
    return datastore_root() / name


def relative_name(path: Path) -> str:
    return str(path.relative_to(datastore_root()))
