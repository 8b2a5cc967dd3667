"""One document through the transforms: decode → detect → clean → split → normalize."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from transforms.adapters.base import SourceAdapter
from transforms.adapters.registry import select_adapter
from transforms.decode import decode_bytes
from transforms.errors import DocumentRejected
from transforms.listing import listing_reason
from transforms.records import Article, Document

# Fewer words than this is a fragment (a headline, a caption, a page of chrome).
MIN_BODY_WORDS = 15


@dataclass(frozen=True, slots=True)
class Processed:
    """An article with the decoding facts an audit needs."""

    article: Article
    encoding: str
    text: str


def process(data: bytes, adapters: Sequence[SourceAdapter]) -> Processed:
    """Turn the raw bytes of one input into an Article, or raise DocumentRejected."""
    decoded = decode_bytes(data)
    return Processed(process_text(decoded.text, adapters), decoded.encoding, decoded.text)


def process_text(text: str, adapters: Sequence[SourceAdapter]) -> Article:
    """Clean decoded text with the adapter that claims it; offsets index `text`."""
    document = Document.from_text(text)
    if reason := listing_reason(document):
        raise DocumentRejected("listing", reason)
    detection = select_adapter(document, adapters)
    article = detection.adapter.clean(document)
    evidence = {item.signal: item for item in (*detection.evidence, *article.evidence)}
    article = replace(article, evidence=tuple(evidence.values()))
    if not article.paragraphs:
        raise DocumentRejected("no_article", f"{article.title[:60]!r} has no body text")
    if article.word_count < MIN_BODY_WORDS:
        raise DocumentRejected(
            "no_article",
            f"the body has {article.word_count} words; an article needs {MIN_BODY_WORDS}",
        )
    return article
