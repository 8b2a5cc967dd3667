"""Turn the user's sources (files and folders) into a stream of input references."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISLNK, S_ISREG
from typing import TypeVar
from urllib.parse import quote_from_bytes, unquote_to_bytes, urlsplit

from newsnorm.flows.engine.stopping import STOP

SYMLINK_OUTSIDE = "symlink_outside"
UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class InputRef:
    """One input to ingest. `size` is None when the path could not be stat-ed.

    `refused` is (reason code, message) for an entry the walk found but must not read
    (a symbolic link leading out of the source folder): it is still yielded so the run
    records it, and its `path` is empty so that no reader can open it by mistake.
    """

    uri: str
    path: str
    size: int | None
    refused: tuple[str, str] | None = None
    # The modification time the listing's `stat` saw (None: not stat-ed): with `size`, what
    # the manifest compares, so a file set aside as unchanged is stat-ed once.
    mtime_ns: int | None = None
    # A regular file's (st_dev, st_ino), from that same `stat`: the file itself, whatever
    # path, link or hard link names it.
    identity: tuple[int, int] | None = None


def count_files(
    sources: Iterable[str], exclude: Path | None = None, follow_symlinks: bool = False
) -> int:
    """The files `iter_inputs` yields, counted (names only, no reading): a listing pass for
    the progress bar's total, which a stop request ends."""
    total = 0
    for _ in iter_inputs(sources, exclude, follow_symlinks):
        total += 1
        if total % 1000 == 0:
            STOP.check()  # a listing of a million files takes a while
    return total


def iter_inputs(
    sources: Iterable[str], exclude: Path | None = None, follow_symlinks: bool = False
) -> Iterator[InputRef]:
    """Every file named or found below a named folder, in a stable order.

    Folders are walked recursively in name order; hidden entries inside them
    (`.git`, `.DS_Store`) are not inputs, nor is the `exclude` folder (the
    warehouse itself, when it sits inside a source). A source that does not exist
    still yields a reference, so the run records it instead of dropping it. A file
    several sources name is yielded once.

    Symbolic links found while walking a folder (not the sources named, which are
    followed: the user asked for them) stay inside that folder unless
    `follow_symlinks` is set:

    - a link (to a file or a folder, or dangling) whose resolved target lies outside
      the folder being walked is not read: it yields a reference refused with
      `symlink_outside`, so it is recorded as rejected rather than silently lost;
    - a link to a file inside the folder is read like the file;
    - a link to a folder inside the folder is not descended: that folder's files are
      walked at their real place (no duplicates, no loops).

    With `follow_symlinks=True` every link is followed, out of the folder too; each
    real folder is walked once, so a link to an ancestor cannot loop forever.

    A folder that cannot be listed (no permission, an I/O error) yields a reference refused
    with `unreadable`, named by the folder's URI with a closing `/` (what sets it apart from
    a file's): its files are unknown, so the run records the folder rather than losing them
    without a word.
    """
    skip = os.path.abspath(exclude) if exclude else None
    named = list(sources)
    # A file named twice (the same folder given twice, a folder and a file or folder inside
    # it, a link to either, a hard link) is one input: read once, counted once. One source
    # alone never repeats a path. A regular file is known by its device and inode; anything
    # else (a refused link, whose path is empty; a missing file) by its URI.
    met: set[object] | None = set() if len(named) > 1 else None
    for source in named:
        path = os.path.abspath(os.path.expanduser(source))
        refs = _walk(path, skip, follow_symlinks) if os.path.isdir(path) else iter([file_ref(path)])
        for ref in refs:
            if met is not None:
                key = ref.uri if ref.identity is None else ref.identity
                if key in met:
                    continue
                met.add(key)
            yield ref


def _walk(root: str, skip: str | None, follow: bool) -> Iterator[InputRef]:
    real_root = os.path.realpath(root)
    real_skip = os.path.realpath(skip) if skip else None
    walked: set[str] = set()
    # os.walk reports a folder it cannot list to `onerror` (default: ignore it), during the
    # step that would have yielded it: each step's failures are yielded before its folder.
    failed: list[OSError] = []
    for directory, folders, names in os.walk(root, onerror=failed.append, followlinks=follow):
        yield from _unlisted(failed)
        if follow:
            real = os.path.realpath(directory)
            if real in walked or real == real_skip:
                folders[:] = []
                continue
            walked.add(real)
        kept: list[str] = []
        for name in sorted(folders):
            full = os.path.join(directory, name)
            if name.startswith(".") or full == skip:
                continue
            if not follow and os.path.islink(full):
                if refused := _outside(full, real_root):
                    yield refused
                continue  # inside the root: walked at its real place
            kept.append(name)
        folders[:] = kept
        for name in sorted(names):
            if name.startswith("."):
                continue
            full = os.path.join(directory, name)
            if follow:
                yield file_ref(full, _walked_uri(full))
            elif (found := _lstat(full)) is not None and S_ISLNK(found.st_mode):
                yield _outside(full, real_root) or file_ref(full, _walked_uri(full))
            else:  # not a link: its lstat is its stat, one system call a file instead of two
                yield _stated(full, _walked_uri(full), found)
    yield from _unlisted(failed)


def _unlisted(failed: list[OSError]) -> Iterator[InputRef]:
    """Refused references for the folders os.walk could not list (emptying `failed`)."""
    for err in failed:
        folder = os.fsdecode(err.filename) if err.filename is not None else ""
        message = f"folder not listed, its files not read: {type(err).__name__}: {err.strerror}"
        refused = (UNREADABLE, message)
        uri = _walked_uri(folder).rstrip("/") + "/"
        yield InputRef(uri=uri, path="", size=None, refused=refused)
    failed.clear()


def _outside(link: str, real_root: str) -> InputRef | None:
    """A refused reference when the symbolic link `link` resolves outside `real_root`."""
    target = os.path.realpath(link)
    if os.path.commonpath([target, real_root]) == real_root:
        return None
    message = (
        f"symbolic link to {target}, outside the source folder {real_root}; "
        "not followed (follow_symlinks / --follow-symlinks reads it)"
    )
    return InputRef(uri=Path(link).as_uri(), path="", size=None, refused=(SYMLINK_OUTSIDE, message))


def file_ref(path: str, uri: str | None = None) -> InputRef:
    """The reference to one file, named by its `file://` URI (as `source_uri` stores it)."""
    try:
        found: os.stat_result | None = os.stat(path)
    except OSError:
        found = None
    return _stated(path, Path(path).as_uri() if uri is None else uri, found)


def uri_path(uri: str) -> str:
    """The OS path of a file named by its stored `file://` URI (its fragment, `#line=N` or a
    record's id, dropped): the inverse of `file_ref` and the walk, which quote the path's
    bytes. A name that is not UTF-8 (Linux allows any bytes) comes back byte for byte, where
    `url2pathname` decoded `%E9` as UTF-8 and named another file."""
    return os.fsdecode(unquote_to_bytes(urlsplit(uri).path))


def _stated(path: str, uri: str, found: os.stat_result | None) -> InputRef:
    if found is None:
        return InputRef(uri=uri, path=path, size=None)
    # A filesystem that reports no inode (0: some SMB, FUSE or Windows mounts) gives none.
    known = S_ISREG(found.st_mode) and found.st_ino != 0
    identity = (found.st_dev, found.st_ino) if known else None
    return InputRef(uri, path, found.st_size, mtime_ns=found.st_mtime_ns, identity=identity)


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def _walked_uri(path: str) -> str:
    """`Path(path).as_uri()` of a walked file's path (absolute, normalized: a walked folder
    joined with a name), without building a Path: ~4 µs a file, 0.4 s of a 100,000-file
    rescan. Equal on every such path (tests/flows/test_unchanged_rescan.py)."""
    return "file://" + quote_from_bytes(os.fsencode(path))


def batched(
    refs: Iterable[InputRef], max_files: int, max_bytes: int, grown_files: int = 0
) -> Iterator[list[InputRef]]:
    """Group references into batches bounded by file count and total size.

    Once `grown_files` references are batched, batches take up to max(`max_files`,
    `grown_files`) files: a small run keeps its small batches (an early first commit,
    little lost to a stop), a long one spreads each commit's fixed cost over more inputs.
    """
    batch: list[InputRef] = []
    batch_bytes = 0
    done = 0  # references in the batches yielded so far
    for ref in refs:
        size = ref.size or 0
        limit = max_files if done < grown_files else max(max_files, grown_files)
        if batch and (len(batch) >= limit or batch_bytes + size > max_bytes):
            yield batch
            done += len(batch)
            batch, batch_bytes = [], 0
        batch.append(ref)
        batch_bytes += size
    if batch:
        yield batch


Item = TypeVar("Item")


def with_next(items: Iterable[Item]) -> Iterator[tuple[Item, Item | None]]:
    """Each item with the one after it (None after the last): a batch's commit asks for the
    next batch's files (flows/engine/batch.py, `ChunkCarry.expect`). An item may be None."""
    iterator = iter(items)
    current: Item | object = next(iterator, _END)
    while current is not _END:
        following = next(iterator, _END)
        yield current, (None if following is _END else following)  # type: ignore[misc]
        current = following


_END = object()
