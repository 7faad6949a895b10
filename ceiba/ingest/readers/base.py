"""The reader interface: one subclass per file format, listed in ``registry.py``.

A reader says whether it ``accepts`` a file from its first bytes and extension, and
``read``s it into raw tables through a ``ReadContext`` (where to write, the limits,
progress). Readers raise ``ReadError`` for files they refuse; the registry removes any
file they wrote when they raise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from ceiba.ingest.raw import Progress, RawTable, ReadLimits
from ceiba.ingest.structure import column_names

PROGRESS_EVERY = 50_000


@dataclass
class ProgressTracker:
    """Counts rows across the tables of one file and reports every ~50,000 rows.
    ``estimate(rows)`` may guess the total (from bytes read, or sheet sizes)."""

    callback: Progress
    estimate: Callable[[int], int | None] = lambda rows: None
    rows: int = 0
    _reported: int = 0

    def advance(self, count: int) -> None:
        self.rows += count
        if self.rows - self._reported >= PROGRESS_EVERY:
            self._reported = self.rows
            total = self.estimate(self.rows)
            self.callback(self.rows, max(total, self.rows) if total else None)

    def finish(self, total: int) -> None:
        self.callback(total, total)


@dataclass
class ReadContext:
    filename: str
    out_dir: Path
    progress: Progress
    limits: ReadLimits
    created: list[Path] = field(default_factory=list)
    tracker: ProgressTracker = field(init=False)

    def __post_init__(self) -> None:
        self.tracker = ProgressTracker(self.progress)

    def table_path(self, table_name: str) -> Path:
        """A new Parquet path in ``out_dir`` for the table called ``table_name``;
        remembered so that a failed read can remove what it wrote."""
        slug = column_names([table_name])[0][:40]
        path = self.out_dir / f"{len(self.created) + 1:02d}-{slug}.parquet"
        self.created.append(path)
        return path

    @property
    def stem(self) -> str:
        return Path(self.filename).stem or "tabla"


class Reader:
    """Base of the format readers."""

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()

    def accepts(self, head: bytes, extension: str) -> bool:
        """Whether this reader handles a file starting with ``head``."""
        raise NotImplementedError

    def read(self, path: Path, context: ReadContext) -> list[RawTable]:
        """Write the file's tables as raw Parquet files and describe them."""
        raise NotImplementedError
