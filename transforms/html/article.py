"""Turn a cleaned page dump into the article: main-content paragraphs plus page metadata."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from urllib.parse import urlsplit

from newsnorm.transforms.html.mainbody import cut_main_text
from newsnorm.transforms.html.pagedate import choose_date
from newsnorm.transforms.html.reader import HtmlPage
from newsnorm.transforms.records import Article, Removal
from newsnorm.transforms.text import Line, line_key, normalize_text, split_lines

_SHINGLE = 4
# A kept paragraph is in the body when this share of its word 4-grams is.
_MAIN_SHARE = 0.5
# A paragraph repeats others when this share of its word 4-grams is in them.
_REPEAT_SHARE = 0.8
# Short lines (captions, pull quotes, credits) that merely repeat article words are not
# repeats of the story.
_MIN_SHARED_WORDS = 12
# A block repeating the story repeats at least this many of its paragraphs, each for at least
# this share of the paragraph's word 4-grams.
_SOURCE_SHARE = 0.5
_MIN_REPEATED_PARAGRAPHS = 3
# Shares of the main text's characters cut by named rules: beyond the first the article is
# flagged, beyond the second the main text is kept whole.
_NOTABLE_CUT = 0.2
_MOST_CUT = 0.5
# The kind of a removal dropping a paragraph the body already says (a copy of the story).
REPEATED = "repeated_text"


def keep_main_content(article: Article, page: HtmlPage) -> Article:
    """The body is the extractor's main text less what the adapters' named rules cut from the
    page; kept paragraphs outside it (rails, menus, teasers) are dropped and recorded.
    Unchanged when the extractor found no article.

    When the rules would cut most of the main text, it is kept whole and the article says so
    (`main_text_restored`); a cut of a notable share is flagged (`main_text_dropped`).
    """
    if not page.main:
        return article
    story = page.story_lines
    cut = cut_main_text(story, article.removals, page.text)
    warnings = list(article.warnings)
    removals = list(article.removals) + _headline_shown_again(page, article.removals)
    paragraphs: list[str] = list(cut.paragraphs)
    if cut.share_cut > _MOST_CUT:
        paragraphs = list(story)
        applied = set(cut.applied)
        removals = [removal for removal in removals if removal not in applied]
        warnings.append("main_text_restored")
    elif cut.share_cut > _NOTABLE_CUT:
        warnings.append("main_text_dropped")
    # A paragraph other paragraphs already say is a repeat, not page chrome: named as such.
    # It goes only where the dump shows it as a line to record; rows the extractor joined
    # from several of the dump's lines stay.
    repeated = _repeats(paragraphs)
    repeats = _locate(page.text, repeated, tuple(removals), "repeated-article-text", REPEATED)
    removals += repeats
    paragraphs = [p for p in paragraphs if not (p in repeated and _recorded(p, repeats))]
    outside = _outside(article.paragraphs, paragraphs)
    # A comment section the extractor left out (comments, their form and counts) is named as
    # such, not as page chrome.
    comments = [paragraph for paragraph in outside if line_key(paragraph) in page.comment_keys]
    outside = [paragraph for paragraph in outside if line_key(paragraph) not in page.comment_keys]
    removals += _locate(page.text, comments, tuple(removals), "comment-section", "comment_section")
    removals += _locate(page.text, outside, tuple(removals))
    return replace(
        article,
        paragraphs=tuple(paragraphs),
        removals=tuple(sorted(removals, key=lambda removal: removal.start)),
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _headline_shown_again(page: HtmlPage, existing: Sequence[Removal]) -> list[Removal]:
    """The headline the main text repeats is the title, not body text: recorded at the
    dump's line of it (a page's h1 that differs from its stated title stands there), else
    at the dump's title line, so the removal holds the words that went."""
    shown = [line for line in page.main if page.shows_headline(line)]
    if not shown:
        return []
    title = page.text.split("\n", 1)[0]
    own = [line for line in shown if line_key(line) != line_key(title)]
    found = _locate(page.text, own, tuple(existing), "headline-shown-again", "headline")
    if len(found) == len(shown):
        return found
    return [Removal("headline-shown-again", "headline", "removed", 0, len(title), title), *found]


def _outside(kept: Sequence[str], body: Sequence[str]) -> list[str]:
    """Paragraphs the adapters kept that the body does not hold (most of their word
    4-grams, or the whole text when shorter than one)."""
    grams = _grams(" ".join(body))
    text = " ".join(body)
    return [
        paragraph
        for paragraph in kept
        if (_share_in(paragraph, grams) < _MAIN_SHARE if len(paragraph.split()) >= _SHINGLE
            else paragraph not in text)
    ]  # fmt: skip


def with_page_metadata(article: Article, page: HtmlPage, url: str | None) -> Article:
    """Prefer what the page states about itself (JSON-LD, meta tags) to what text rules
    guessed, and fill the page fields: url, site, language, dates with their source
    (`pagedate.choose_date`)."""
    meta = page.metadata
    page_url = url or meta.canonical_url
    dated = choose_date(article, meta, page_url)
    original_url = article.original_url
    if meta.canonical_url and page_url and _host(meta.canonical_url) != _host(page_url):
        original_url = original_url or meta.canonical_url
    return replace(
        article,
        authors=meta.authors or article.authors,
        author_organizations=meta.author_organizations or article.author_organizations,
        published_at=dated.published_at,
        published_at_source=dated.source,
        published_on=dated.published_on,
        url=page_url,
        site=meta.site_name or (_host(page_url) if page_url else None),
        language=meta.language,
        original_url=original_url,
        warnings=tuple(
            dict.fromkeys((*article.warnings, *_page_warnings(page, article), *dated.warnings))
        ),
    )


def _page_warnings(page: HtmlPage, article: Article) -> tuple[str, ...]:
    found = []
    if page.title_guessed:
        found.append("title_guessed")
    if page.fast_extraction:
        found.append("main_text_fast")
    credited = page.metadata.authors or page.metadata.author_organizations
    if not (credited or article.authors or article.author_organizations):
        found.append("no_author")
    return tuple(found)


def _repeats(paragraphs: list[str]) -> list[str]:
    """The paragraphs whose words other paragraphs already say: a page may carry the
    whole story again in one hidden block (text-to-speech, app data).

    Longest first, so the block that repeats many paragraphs goes, not the paragraphs.
    Paragraphs repeated verbatim stay: recipes and plans repeat lines on purpose.
    """
    grams = [_grams(paragraph) for paragraph in paragraphs]
    counts: Counter[tuple[str, ...]] = Counter(gram for own in grams for gram in own)
    verbatim = Counter(paragraphs)
    repeated: set[int] = set()
    for index in sorted(range(len(paragraphs)), key=lambda i: -len(paragraphs[i])):
        own = grams[index]
        if len(own) < _MIN_SHARED_WORDS or verbatim[paragraphs[index]] > 1:
            continue
        # Each gram is counted once per paragraph; others still hold it when count > 1.
        if sum(counts[gram] > 1 for gram in own) / len(own) < _REPEAT_SHARE:
            continue
        # A copy of the story spans several of its paragraphs, each mostly; a summary line
        # or a sentence quoted twice repeats one, and rows of one template (a table, a
        # listing) share a few words with many.
        sources = sum(
            len(own & other) >= max(_SHINGLE, _SOURCE_SHARE * len(other))
            for other_index, other in enumerate(grams)
            if other_index != index and other_index not in repeated
        )
        if sources >= _MIN_REPEATED_PARAGRAPHS:
            repeated.add(index)
            counts.subtract(own)
    return [paragraphs[index] for index in sorted(repeated)]


def _locate(
    text: str,
    paragraphs: list[str],
    existing: tuple[Removal, ...],
    rule: str = "outside-main-content",
    kind: str = "page_chrome",
) -> list[Removal]:
    """Removals for dropped paragraphs, at their line in the page dump."""
    if not paragraphs:  # most calls: nothing to place, so no need to key the dump's lines
        return []
    taken = {(removal.start, removal.end) for removal in existing}
    lines = [keyed for keyed in _keyed_lines(text) if (keyed[0].start, keyed[0].end) not in taken]
    found: list[Removal] = []
    # The line saying exactly the paragraph first; else one that opens the same way.
    for which, key_of in enumerate((normalize_text, line_key)):
        wanted = {key_of(paragraph): paragraph for paragraph in paragraphs}
        for keyed in lines if wanted else ():
            line, key = keyed[0], keyed[1 + which]
            if key in wanted and (line.start, line.end) not in taken:
                stripped = line.text.strip()
                start = line.start + (len(line.text) - len(line.text.lstrip()))
                found.append(
                    Removal(rule, kind, "removed", start,
                            start + len(stripped), stripped)
                )  # fmt: skip
                taken.add((line.start, line.end))
                done = wanted.pop(key)
                paragraphs = [paragraph for paragraph in paragraphs if paragraph != done]
    return found


@lru_cache(maxsize=2)
def _keyed_lines(text: str) -> tuple[tuple[Line, str, str], ...]:
    """The dump's lines with both keys `_locate` matches on: a page's dump is keyed once,
    not once for each kind of removal placed in it."""
    lines = split_lines(text)
    return tuple((line, normalize_text(line.text), line_key(line.text)) for line in lines)


def _recorded(paragraph: str, removals: Sequence[Removal]) -> bool:
    """A removal `_locate` recorded for the paragraph (matched as it matches lines)."""
    return any(
        key_of(removal.text) == key_of(paragraph)
        for removal in removals
        for key_of in (normalize_text, line_key)
    )


def _grams(text: str) -> set[tuple[str, ...]]:
    """The text's word 4-grams, lower-cased (zipped shifted lists: a page's paragraphs are
    shingled two or three times, and a slice a gram cost more)."""
    words = text.lower().split()
    return set(zip(*(words[shift:] for shift in range(_SHINGLE)), strict=False))


def _share_in(paragraph: str, grams: set[tuple[str, ...]]) -> float:
    own = _grams(paragraph)
    if not own:
        return 0.0
    return len(own & grams) / len(own)


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
