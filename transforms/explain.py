"""Why an input came out as it did: every adapter's claim, the winner, each rule that fired."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.registry import Detection, detect_all
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputKind, InputMeta, prepare_input
from newsnorm.transforms.pipeline import clean_input
from newsnorm.transforms.records import Article, Document


@dataclass(frozen=True, slots=True)
class Explanation:
    """What `newsnorm explain` shows for one input. `text` is what the adapters saw (for an
    HTML page, its dump), so removal offsets index it. `skipped`: why ingest would skip it
    unread (a WARC record that is no article page), as ingest words it; set by the reader."""

    text: str
    encoding: str | None
    detections: tuple[Detection, ...]
    article: Article | None
    rejection: DocumentRejected | None
    kind: InputKind | None = None
    skipped: str | None = None


def explain_input(data: bytes, meta: InputMeta, adapters: Sequence[SourceAdapter]) -> Explanation:
    """Run the pipeline on one input exactly as ingest does, keeping every adapter's claim."""
    try:
        prepared = prepare_input(data, meta)
    except DocumentRejected as rejection:
        return Explanation("", None, (), None, rejection)
    detections = tuple(detect_all(Document.from_text(prepared.text), adapters))
    try:
        article = clean_input(prepared, adapters).article
    except DocumentRejected as rejection:
        return Explanation(
            prepared.text, prepared.encoding, detections, None, rejection, prepared.kind
        )
    return Explanation(prepared.text, prepared.encoding, detections, article, None, prepared.kind)
