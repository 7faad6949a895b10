"""Text encodings: guess one from the first megabyte, then stream the file as UTF-8.

The choice, reported in ``detection["encoding"]``:

- a byte-order mark decides (UTF-8, UTF-16 LE/BE); UTF-16 without a BOM is recognised
  by its zero bytes on every other position;
- otherwise UTF-8 when the sample is valid UTF-8, or holds valid multi-byte UTF-8
  sequences next to invalid bytes ("mixed": every invalid byte is then read as
  Windows-1252, the usual culprit being a file pasted together from two exports);
- otherwise Windows-1252 (a superset of Latin-1 for printable characters; its five
  unassigned bytes are read as Latin-1).

Decoding never fails: ``Utf8Stream`` counts the bytes it had to read as Windows-1252
(``fallback_bytes``) and the NUL bytes it removed (``nul_bytes``), so the report says
exactly what was done.
"""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ceiba.ingest.raw import ReadError, ReadErrorCode

SAMPLE_BYTES = 1 << 20
_CHUNK = 1 << 22
_MULTIBYTE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CONTROL_RE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE_RE = re.compile("[\udc80-\udcff]")


def _fallback_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


# Undecodable bytes come back from "surrogateescape" as U+DC80..U+DCFF.
_FALLBACK = {0xDC00 + b: _fallback_char(b) for b in range(0x80, 0x100)}


@dataclass(frozen=True)
class EncodingGuess:
    codec: str
    label: str
    bom_length: int = 0


def guess_encoding(head: bytes, *, at_eof: bool) -> EncodingGuess:
    """Choose how to decode a file from its first bytes (see the module docstring)."""
    if head.startswith(codecs.BOM_UTF8):
        return EncodingGuess("utf-8", "utf-8-sig", 3)
    if head.startswith(codecs.BOM_UTF16_LE):
        return EncodingGuess("utf-16-le", "utf-16-le", 2)
    if head.startswith(codecs.BOM_UTF16_BE):
        return EncodingGuess("utf-16-be", "utf-16-be", 2)
    utf16 = _utf16_without_bom(head)
    if utf16:
        return EncodingGuess(utf16, utf16)
    if _is_utf8(head, at_eof=at_eof):
        return EncodingGuess("utf-8", "utf-8")
    if _MULTIBYTE_RE.search(head):
        return EncodingGuess("utf-8", "mixed-utf-8-windows-1252")
    return EncodingGuess("cp1252", "windows-1252")


def _utf16_without_bom(head: bytes) -> str | None:
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _is_utf8(head: bytes, *, at_eof: bool) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        truncated = error.reason == "unexpected end of data" and not at_eof
        return truncated and error.start >= len(head) - 3
    return True


def check_text(sample: str) -> None:
    """Refuse text full of control characters: a binary file or a wrong guess."""
    if len(_CONTROL_RE.findall(sample[:SAMPLE_BYTES])) > max(8, len(sample) // 50):
        raise ReadError(
            ReadErrorCode.UNREADABLE_ENCODING,
            "The file does not read as text in UTF-8, UTF-16 or Windows-1252.",
        )


class Utf8Stream(io.RawIOBase):
    """A file read through ``guess`` and served as UTF-8 bytes without NULs."""

    def __init__(self, path: Path, guess: EncodingGuess) -> None:
        super().__init__()
        self._file = path.open("rb")
        self._file.seek(guess.bom_length)
        self._decoder = codecs.getincrementaldecoder(guess.codec)("surrogateescape")
        self._pending = b""
        self._position = 0
        self._eof = False
        self.raw_bytes_read = guess.bom_length
        self.fallback_bytes = 0
        self.nul_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` whole unless the file ends: pyarrow's CSV reader takes
        each read for a block, and a short one can leave a row straddling two."""
        filled = 0
        while filled < len(buffer):
            while self._position >= len(self._pending) and not self._eof:
                self._pending, self._position = self._next_chunk(), 0
            if self._position >= len(self._pending):
                break
            start = self._position
            size = min(len(buffer) - filled, len(self._pending) - start)
            buffer[filled : filled + size] = self._pending[start : start + size]
            self._position += size
            filled += size
        return filled

    def _next_chunk(self) -> bytes:
        raw = self._file.read(_CHUNK)
        self.raw_bytes_read += len(raw)
        self._eof = not raw
        text = self._decoder.decode(raw, final=self._eof)
        if "\x00" in text:
            self.nul_bytes += text.count("\x00")
            text = text.replace("\x00", "")
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            self.fallback_bytes += len(_SURROGATE_RE.findall(text))
            return text.translate(_FALLBACK).encode("utf-8")

    def close(self) -> None:
        self._file.close()
        super().close()
