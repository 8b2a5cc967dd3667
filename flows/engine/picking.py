"""The one input of a file that `explain` and `show` look at, named as the warehouse names
it (`FILE#line=N`, `FILE#item=N`, `FILE#<WARC-Record-ID>`, or FILE alone)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from newsnorm.flows.engine.formats import expand
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.sources import file_ref, uri_path


@dataclass(frozen=True, slots=True)
class PickedInput:
    """The input of a file that `explain` shows, and the references of the file's others:
    `others` the inputs ingest reads (and counts as seen), `skipped` the records it skips
    (WARC records that are no article page: counted as skipped, never read as articles)."""

    raw: RawInput
    others: tuple[str, ...]
    skipped: tuple[str, ...] = ()


def pick_input(reference: str, max_bytes: int) -> PickedInput:
    """One input of a file, as ingest would read it: `FILE#<WARC-Record-ID>`, `FILE#line=N`,
    `FILE#item=N`, or FILE alone (its first input; for a WARC, its first HTML response record).

    Raises LookupError naming the inputs there are when the reference matches none.
    """
    path, fragment = _split_reference(reference)
    ref = file_ref(os.path.abspath(path))
    chosen: RawInput | None = None
    others: list[str] = []
    skipped: list[str] = []
    for raw in expand(ref, max_bytes):
        own = raw.uri.removeprefix(ref.uri).removeprefix("#")
        wanted = own == fragment if fragment else not raw.skipped
        if chosen is None and wanted:
            chosen = raw
        elif own:
            (skipped if raw.skipped else others).append(own)
    if chosen is None:
        listed = _listed(others)
        if not fragment and skipped:  # a WARC of no article page: ingest skips every record
            raise LookupError(
                f"no input in {path} that ingest reads: it skips all {len(skipped)} of its "
                f"records ({_listed(skipped)}); explain one with FILE#<its id>"
            )
        held = listed or "none"
        if skipped:
            held += f"; and records ingest skips: {_listed(skipped)}"
        raise LookupError(f"no input #{fragment} in {path}; it holds: {held}")
    return PickedInput(chosen, tuple(others), tuple(skipped))


def _listed(names: list[str]) -> str:
    return ", ".join(names[:10]) + (" …" if len(names) > 10 else "")


def skipped_reason(raw: RawInput) -> str | None:
    """Why ingest skips this input unread, in its words (`inputs.reason` of one it lists as
    `skipped`), or None when ingest reads it."""
    if not raw.skipped:
        return None
    if raw.rejection is not None:
        return str(raw.rejection)
    return "not an article page (a WARC record other than an HTML response): counted as skipped"


def _split_reference(reference: str) -> tuple[str, str]:
    """`FILE#fragment` → (FILE, fragment); FILE may be a path or the `file://` URI that the
    warehouse stores as `source_uri`. A file whose own name holds '#' is taken whole."""
    if reference.startswith("file://"):
        path, _, fragment = reference.partition("#")
        return uri_path(path), fragment
    if "#" not in reference or os.path.exists(reference):
        return reference, ""
    path, _, fragment = reference.rpartition("#")
    return path, fragment
