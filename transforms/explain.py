"""Why a document came out as it did: every adapter's claim, the winner, each rule that fired."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.registry import Detection, detect_all
from newsnorm.transforms.decode import decode_bytes
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Article, Document


@dataclass(frozen=True, slots=True)
class Explanation:
    """What `newsnorm explain` shows for one input."""

    text: str
    encoding: str | None
    detections: tuple[Detection, ...]
    article: Article | None
    rejection: DocumentRejected | None


def explain_bytes(data: bytes, adapters: Sequence[SourceAdapter]) -> Explanation:
    """Run the pipeline on `data`, keeping every adapter's claim for display."""
    try:
        decoded = decode_bytes(data)
    except DocumentRejected as rejection:
        return Explanation("", None, (), None, rejection)
    detections = tuple(detect_all(Document.from_text(decoded.text), adapters))
    try:
        article = process_text(decoded.text, adapters)
    except DocumentRejected as rejection:
        return Explanation(decoded.text, decoded.encoding, detections, None, rejection)
    return Explanation(decoded.text, decoded.encoding, detections, article, None)
