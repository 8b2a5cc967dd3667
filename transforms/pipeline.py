"""One input through the transforms: read → detect → clean → split → normalize.

`process_input` is the entry point every caller uses (ingest, reprocess, explain, the golden
tests, the benches): which path an input takes is decided once, in `inputs.input_kind`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.registry import select_adapter
from newsnorm.transforms.dates import in_zone
from newsnorm.transforms.dump.story import find_story
from newsnorm.transforms.errors import AdapterFailed, DocumentRejected
from newsnorm.transforms.html.article import keep_main_content, with_page_metadata
from newsnorm.transforms.html.reader import HtmlPage
from newsnorm.transforms.inputs import InputMeta, PreparedInput, prepare_input
from newsnorm.transforms.jsonrecord import with_record_fields
from newsnorm.transforms.listing import listing_reason
from newsnorm.transforms.picklestate import quick_state
from newsnorm.transforms.records import Article, Document
from newsnorm.transforms.text import line_key
from newsnorm.transforms.walls import consent_wall_reason

# The version of the stages every adapter shares: reading and sniffing, the text-dump story
# finder and titles, HTML main text and metadata, the cleaning machinery. Bump it whenever a
# change to them changes any output (as an adapter bumps its own `version` for its rules):
# `reprocess` re-cleans every article stored by an older one (`articles.pipeline_version`).
PIPELINE_VERSION = 34

# Fewer words than this is a fragment (a headline, a caption, a page of chrome).
MIN_BODY_WORDS = 15


@quick_state
@dataclass(frozen=True, slots=True)
class Processed:
    """An article with the reading facts an audit needs: `text` is what its removal
    offsets index (the decoded input, or an HTML page's dump)."""

    article: Article
    encoding: str
    text: str


def process_input(data: bytes, meta: InputMeta, adapters: Sequence[SourceAdapter]) -> Processed:
    """Turn one input into an Article, or raise DocumentRejected."""
    return clean_input(prepare_input(data, meta), adapters)


def clean_input(prepared: PreparedInput, adapters: Sequence[SourceAdapter]) -> Processed:
    """Clean an input already read (`inputs.prepare_input`), as its kind requires."""
    if prepared.page is not None:
        article = _clean_page(prepared.page, adapters, prepared.url)
        article = _page_date_in_zone(article, prepared.page, prepared.timezone)
    else:
        try:
            article = process_text(prepared.text, adapters)
        except DocumentRejected as err:
            raise _unread_title_said(err, prepared) from err
    if prepared.record is not None:
        article = with_record_fields(article, prepared.record, prepared.timezone)
    return Processed(article, prepared.encoding, prepared.text)


def _unread_title_said(err: DocumentRejected, prepared: PreparedInput) -> DocumentRejected:
    """A JSON record rejected after its title field could not be read says so: its text's
    first line stood in for the title, which may have been the body's only paragraph."""
    if prepared.record is None or not prepared.record.title_unreadable:
        return err
    hint = "the record's title field holds no text newsnorm reads (`--field title=...` names one)"
    return DocumentRejected(err.code, f"{err.message}; {hint}")


def _page_date_in_zone(article: Article, page: HtmlPage, zone: str | None) -> Article:
    """A page date written without a zone, read in `zone` (`--timezone`) when nothing else
    gave an instant; its source says the zone was given, not stated."""
    stated = page.metadata.published
    if zone is None or article.published_at is not None or not stated:
        return article
    instant = in_zone(stated, zone)
    if instant is None:
        return article
    source = f"{page.metadata.published_source or 'page'}+timezone:{zone}"
    return replace(article, published_at=instant, published_at_source=source)


def _clean_page(page: HtmlPage, adapters: Sequence[SourceAdapter], url: str | None) -> Article:
    """Adapters clean a text dump of the article region (so notices a content extractor
    would drop are still seen); paragraphs outside the extracted main content are dropped
    and recorded; page metadata fills title-level fields."""
    if not page.main and not any(line.strip() for line in page.text.splitlines()[1:]):
        raise DocumentRejected("no_article", "the page has no visible text")
    body_keys = frozenset(map(line_key, page.story_lines)) if page.main else None
    # With main text found, the body comes from it: the dump's own paragraphs may be few.
    article = _clean_text(page.text, adapters, check_listing=not page.main, body_keys=body_keys)
    article = with_page_metadata(keep_main_content(article, page), page, url)
    _check_body(article, page.text)
    return article


def process_text(
    text: str,
    adapters: Sequence[SourceAdapter],
    *,
    check_listing: bool = True,
    body_keys: frozenset[str] | None = None,
) -> Article:
    """Clean decoded text with the adapter that claims it; offsets index `text`.

    A text that may be a whole page (no `body_keys` from a page's main content) then goes
    through the story stage (`dump.story.find_story`), after the adapters' rules saw and
    recorded what they know.
    """
    document = Document.from_text(text, body_keys)
    article = _clean_document(document, adapters, check_listing=check_listing)
    if body_keys is None:
        # The lines the rule engine normalized are read there, not normalized again.
        article = find_story(text, article, normalized=document.lines)
    _check_body(article, text)
    return article


def _clean_text(
    text: str,
    adapters: Sequence[SourceAdapter],
    *,
    check_listing: bool,
    body_keys: frozenset[str] | None,
) -> Article:
    document = Document.from_text(text, body_keys)
    return _clean_document(document, adapters, check_listing=check_listing)


def _clean_document(
    document: Document, adapters: Sequence[SourceAdapter], *, check_listing: bool
) -> Article:
    if check_listing and (reason := listing_reason(document)):
        raise DocumentRejected("listing", reason)
    detection = select_adapter(document, adapters)
    adapter = detection.adapter
    try:
        article = adapter.clean(document)
    except (DocumentRejected, AdapterFailed):
        raise
    except Exception as err:  # its rule engine, or a plugin's own `clean`
        raise AdapterFailed.wrapping(adapter.name, "clean", err) from err
    evidence = {item.signal: item for item in (*detection.evidence, *article.evidence)}
    return replace(article, evidence=tuple(evidence.values()))


def _check_body(article: Article, text: str) -> None:
    if not article.paragraphs:
        raise DocumentRejected("no_article", f"{article.title[:60]!r} has no body text")
    if article.word_count < MIN_BODY_WORDS:
        raise DocumentRejected(
            "no_article",
            f"the body has {article.word_count} words; an article needs {MIN_BODY_WORDS}",
        )
    if reason := consent_wall_reason(article, text):
        raise DocumentRejected("no_article", reason)
