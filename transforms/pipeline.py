"""One document through the transforms: decode → detect → clean → split → normalize."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.registry import select_adapter
from newsnorm.transforms.decode import decode_bytes, decode_html_bytes
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.html.article import keep_main_content, with_page_metadata
from newsnorm.transforms.html.reader import read_page
from newsnorm.transforms.listing import listing_reason
from newsnorm.transforms.records import Article, Document
from newsnorm.transforms.text import line_key

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


def process_page(
    data: bytes, adapters: Sequence[SourceAdapter], url: str | None = None
) -> Processed:
    """An HTML page → Article. Adapters clean a text dump of the article region (so notices
    a content extractor would drop are still seen); paragraphs outside the extracted main
    content are dropped and recorded; page metadata fills title-level fields. Offsets index
    the dump, which `Processed.text` holds."""
    decoded = decode_html_bytes(data)
    page = read_page(decoded.text, url)
    if not page.main and not any(line.strip() for line in page.text.splitlines()[1:]):
        raise DocumentRejected("no_article", "the page has no visible text")
    body_keys = frozenset(line_key(line) for line in page.main) if page.main else None
    article = process_text(page.text, adapters, check_listing=not page.main, body_keys=body_keys)
    article = with_page_metadata(keep_main_content(article, page), page, url)
    _check_body(article)
    return Processed(article, decoded.encoding, page.text)


def process_text(
    text: str,
    adapters: Sequence[SourceAdapter],
    *,
    check_listing: bool = True,
    body_keys: frozenset[str] | None = None,
) -> Article:
    """Clean decoded text with the adapter that claims it; offsets index `text`."""
    document = Document.from_text(text, body_keys)
    if check_listing and (reason := listing_reason(document)):
        raise DocumentRejected("listing", reason)
    detection = select_adapter(document, adapters)
    article = detection.adapter.clean(document)
    evidence = {item.signal: item for item in (*detection.evidence, *article.evidence)}
    article = replace(article, evidence=tuple(evidence.values()))
    _check_body(article)
    return article


def _check_body(article: Article) -> None:
    if not article.paragraphs:
        raise DocumentRejected("no_article", f"{article.title[:60]!r} has no body text")
    if article.word_count < MIN_BODY_WORDS:
        raise DocumentRejected(
            "no_article",
            f"the body has {article.word_count} words; an article needs {MIN_BODY_WORDS}",
        )
