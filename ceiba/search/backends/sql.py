"""Small helpers for the backends' SQL: placeholders and chunks."""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

Params = list[Any]
Clause = tuple[str, Params]
T = TypeVar("T")

# Keeps each IN (...) list well under every engine's limit on parameters.
CHUNK = 500


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def marks(count: int) -> str:
    return ", ".join(["%s"] * count)
