"""Turn the user's sources (files and folders) into a stream of input references."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class InputRef:
    """One input to ingest. `size` is None when the path could not be stat-ed."""

    uri: str
    path: str
    size: int | None


def iter_inputs(sources: Iterable[str], exclude: Path | None = None) -> Iterator[InputRef]:
    """Every file named or found below a named folder, in a stable order.

    Folders are walked recursively in name order; hidden entries inside them
    (`.git`, `.DS_Store`) are not inputs, nor is the `exclude` folder (the
    warehouse itself, when it sits inside a source). A source that does not exist
    still yields a reference, so the run records it instead of dropping it.
    """
    skip = os.path.abspath(exclude) if exclude else None
    for source in sources:
        path = os.path.abspath(os.path.expanduser(source))
        if os.path.isdir(path):
            yield from _walk(path, skip)
        else:
            yield _ref(path)


def _walk(root: str, skip: str | None) -> Iterator[InputRef]:
    for directory, folders, names in os.walk(root):
        folders[:] = sorted(
            name
            for name in folders
            if not name.startswith(".") and os.path.join(directory, name) != skip
        )
        for name in sorted(names):
            if not name.startswith("."):
                yield _ref(os.path.join(directory, name))


def _ref(path: str) -> InputRef:
    try:
        size: int | None = os.stat(path).st_size
    except OSError:
        size = None
    return InputRef(uri=Path(path).as_uri(), path=path, size=size)


def batched(refs: Iterable[InputRef], max_files: int, max_bytes: int) -> Iterator[list[InputRef]]:
    """Group references into batches bounded by file count and total size."""
    batch: list[InputRef] = []
    batch_bytes = 0
    for ref in refs:
        size = ref.size or 0
        if batch and (len(batch) >= max_files or batch_bytes + size > max_bytes):
            yield batch
            batch, batch_bytes = [], 0
        batch.append(ref)
        batch_bytes += size
    if batch:
        yield batch
