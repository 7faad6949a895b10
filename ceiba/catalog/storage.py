"""Storing uploaded bytes: streamed, hashed, content-addressed and immutable.

A blob is written to a temporary file while its SHA-256 is computed, then moved
into place under ``blobs/<aa>/<bb>/<sha256>`` in one step, so a reader never sees a
half-written file and the same bytes uploaded twice are stored once.
"""

import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat

from ceiba.catalog.exceptions import EmptyFileError, FileTooLargeError

CHUNK_BYTES = 1024 * 1024
HEAD_BYTES = 64 * 1024


@dataclass(frozen=True)
class StoredBlob:
    storage_name: str
    byte_size: int
    sha256: str
    head: bytes


def blob_store(source: IO[bytes]) -> StoredBlob:
    """Stream ``source`` into storage. Raises FileTooLargeError or EmptyFileError."""
    limit = settings.CEIBA_MAX_UPLOAD_BYTES
    digest = hashlib.sha256()
    size = 0
    head = b""
    with tempfile.TemporaryFile() as spool:
        while chunk := source.read(CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                raise FileTooLargeError(limit=filesizeformat(limit))
            if len(head) < HEAD_BYTES:
                head += chunk[: HEAD_BYTES - len(head)]
            digest.update(chunk)
            spool.write(chunk)
        if size == 0:
            raise EmptyFileError()
        sha256 = digest.hexdigest()
        name = f"blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}"
        if not default_storage.exists(name):
            spool.seek(0)
            name = default_storage.save(name, File(spool, name=sha256))
    return StoredBlob(storage_name=name, byte_size=size, sha256=sha256, head=head)


def blob_open(storage_name: str) -> IO[bytes]:
    return default_storage.open(storage_name, "rb")


@contextmanager
def blob_local_path(storage_name: str) -> Iterator[Path]:
    """A local path to a blob: the file itself on disk, else a temporary copy."""
    try:
        local = Path(default_storage.path(storage_name))
    except NotImplementedError:  # remote storage (S3): work on a local copy
        local = None
    if local is not None:
        yield local
        return
    with tempfile.NamedTemporaryFile(suffix=".blob") as copy:
        with default_storage.open(storage_name, "rb") as source:
            while chunk := source.read(CHUNK_BYTES):
                copy.write(chunk)
        copy.flush()
        yield Path(copy.name)
