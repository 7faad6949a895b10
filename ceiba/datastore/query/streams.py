"""Pieces shared by the export writers: batches, file chunks, inert text."""

from collections.abc import Callable, Iterator
from pathlib import Path

from ceiba.datastore.query.sandbox import Session

BATCH_ROWS = 65_536
FILE_CHUNK = 1 << 20
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    """``text`` made inert for spreadsheets (a leading ``'`` before a formula)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def file_chunks(path: Path, session: Session) -> Iterator[bytes]:
    with path.open("rb") as file:
        while chunk := file.read(FILE_CHUNK):
            session.deadline.check()
            yield chunk


class ExportStream:
    """An iterator of bytes that frees its sandbox and files when done or closed."""

    def __init__(self, chunks: Iterator[bytes], cleanup: Callable[[], None]) -> None:
        self._chunks = chunks
        self._cleanup = cleanup
        self._closed = False

    def __iter__(self) -> "ExportStream":
        return self

    def __next__(self) -> bytes:
        try:
            return next(self._chunks)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()
        self._cleanup()
