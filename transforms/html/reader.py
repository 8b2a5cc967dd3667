"""Read an HTML page into what the text pipeline cleans, plus its main-content lines."""

from __future__ import annotations

import gc
import re
from collections import Counter
from dataclasses import dataclass, replace
from html import unescape
from typing import Any

from lxml import etree
from lxml.html import defs

from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.html.blocks import needs_fast_extraction
from newsnorm.transforms.html.dateguess import guess_published
from newsnorm.transforms.html.dump import page_lines
from newsnorm.transforms.html.facts import PageFacts, first_named, read_facts
from newsnorm.transforms.html.flatten import PARSER_DEPTH, flattened, parse_halted
from newsnorm.transforms.html.metadata import PageMetadata, metadata_of
from newsnorm.transforms.html.nodes import BeautifulSoup, parse_page, release
from newsnorm.transforms.html.revisions import revision_days
from newsnorm.transforms.text import line_key, normalize_text

# How much of the page around the main content the adapters see, in blocks.
_LINES_ABOVE = 12
_LINES_BELOW = 15
# A page line this long found inside a main line places the article ('Share' or 'Home' alone
# could be anywhere).
_MIN_INNER_WORDS = 6
# Meta names that carry a page's date (dc.date, article:modified_time, sailthru.date,
# pubdate, lastmod), not an expiry's, an event's or a birth's ('update' holds 'date').
_DATE_META = re.compile(r"date|time|publish|modif|created|issued|lastmod", re.IGNORECASE)
_OTHER_DATE_META = re.compile(r"expir|start|end|birth|zone|read", re.IGNORECASE)
# How trafilatura.load_html and lxml.html.fromstring read a page's start (extraction_tree).
_DOCUMENT_START = 4096
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SLASHED_DOCTYPE = re.compile(r"^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.IGNORECASE)
_FULL_HTML = re.compile(r"^\s*<(?:html|!doctype)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """`text` is the article region as a scraper would dump it (headline first, one block
    per paragraph), so syndication notices are seen even where a content extractor would
    drop them; `main` holds the lines the content extractor judged to be the article."""

    text: str
    main: tuple[str, ...]
    metadata: PageMetadata
    # True when the page names no headline (no title statement, no h1): the dump's first
    # line stands in.
    title_guessed: bool = False
    # The headline as the page shows it, normalized whole (text.normalize_text): a line of
    # `main` saying exactly it is the title shown again, which the body leaves out (recorded
    # at its dump line); one that only opens the same way is the story's.
    headline_keys: frozenset[str] = frozenset()
    # Keys of the lines in the page's reader-comment sections that hold no main-content line.
    comment_keys: frozenset[str] = frozenset()
    # True when the page holds too many blocks for trafilatura's fallbacks (html/blocks.py):
    # `main` comes from its fast mode.
    fast_extraction: bool = False

    @property
    def story_lines(self) -> tuple[str, ...]:
        """The main-content lines without the headline shown again."""
        return tuple(line for line in self.main if not self.shows_headline(line))

    def shows_headline(self, line: str) -> bool:
        """The line says the headline, whole."""
        return normalize_text(line) in self.headline_keys


def read_page(html: str, url: str | None = None) -> HtmlPage:
    """Parse once with lxml: the dump and the metadata readers walk its mirror (nodes.py),
    trafilatura, the strongest generic extractor we measured, which draws the body
    boundaries, and htmldate, which guesses a date when the page states none, read the tree.

    No cycle collection while the page is read: the mirror's thousands of objects live until
    `release` and reference counting frees them; meanwhile they only made the collector run,
    full passes over every object of the process included (1.8 / 2.9 ms of CPU a
    scrapinghub / fundus page, 7-8% of the HTML path). It is resumed only if it was enabled:
    a caller on the same thread that paused it keeps it paused."""
    was_enabled = gc.isenabled()
    try:
        gc.disable()
        soup, root = _parse_whole(html)
        try:
            return _read(soup, root, html, url)
        finally:
            release(soup)
    finally:
        if was_enabled:
            gc.enable()


def _parse_whole(html: str) -> tuple[BeautifulSoup, Any]:
    """The page parsed to its end: one nested past the parser's depth limit is parsed again
    flattened (html/flatten.py), not read up to where the parser stopped."""
    soup, root = parse_page(html)
    if root is None or not parse_halted(root):
        return soup, root
    release(soup)
    soup, root = parse_page(flattened(html))
    if root is not None and parse_halted(root):  # the flattening missed: say why, never guess
        release(soup)
        raise DocumentRejected(
            "no_article", f"the page nests elements past {PARSER_DEPTH:,} levels, deeper than "
            "the HTML parser reads",
        )  # fmt: skip
    return soup, root


def _read(soup: BeautifulSoup, root: Any, html: str, url: str | None) -> HtmlPage:
    facts = read_facts(soup, url)
    metadata = metadata_of(facts)
    tree = extraction_tree(root, html)
    fast = tree is not None and needs_fast_extraction(tree)
    main = main_lines(tree, url, fast=fast) if tree is not None else []
    comments: list[list[str]] = []
    lines = article_region(page_lines(soup, comments), main)
    if tree is not None and metadata.published is None:
        metadata = replace(metadata, guessed=_guess(tree, url, facts, lines, comments))
    heading = _first_heading(facts)
    title = metadata.title or heading or (lines[0] if lines else "")
    # The headline shown again in the page (its h1) is the title, not body text.
    # Entities the h1 spells out ('SQL &#x26; AI', double-escaped) are decoded in the main
    # text: a title cut shorter than the h1 no longer stands for it there.
    shown = heading or title
    repeats = frozenset(map(normalize_text, (title, shown, unescape(shown))))
    # The dump leaves out only the title's own lines (it opens with the title): an h1 that
    # says something else stays, so the body's removal of it is recorded at its line.
    own = {line_key(title), line_key(unescape(title))}
    lines = [line for line in lines if line_key(line) not in own]
    text = "\n\n".join([title, *lines]) + "\n"
    guessed = not (metadata.title or heading)
    return HtmlPage(
        text, tuple(main), metadata, title_guessed=guessed, headline_keys=repeats,
        comment_keys=_comment_keys(comments, main), fast_extraction=fast,
    )  # fmt: skip


def _guess(
    tree: Any, url: str | None, facts: PageFacts, region: list[str], comments: list[list[str]]
) -> str | None:
    """htmldate's day, checked against the story's region without its comments and against
    the page's date meta tags (a description or keywords tag may quote any date)."""
    said = Counter(line_key(line) for block in comments for line in block)
    story: list[str] = []
    for line in reversed(region):  # comments follow the story: the story keeps its lines
        if said[line_key(line)] > 0:
            said[line_key(line)] -= 1
        else:
            story.append(line)
    story.reverse()
    meta = (
        value
        for name, values in facts.meta.items()
        if _DATE_META.search(name) and not _OTHER_DATE_META.search(name)
        for value in values
    )
    return guess_published(tree, url, story, meta, lambda day: day in revision_days(facts))


def extraction_tree(root: Any, html: str) -> Any:
    """The parsed page as `trafilatura.load_html` gives it, for trafilatura and htmldate:
    without comments and processing instructions; for markup that does not open with <html>
    or a doctype, the element `lxml.html.fromstring` picks; None where its rule sees no page
    (no 'html' near the start, fewer than two elements). The readers' mirror holds copies of
    the page's strings: changing the tree leaves it as parsed."""
    if root is None:
        return None
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    tree = root if _opens_as_document(html) else _fragment_root(root)
    if "html" not in html[:50].lower() and len(tree) < 2:
        return None
    return tree


def _opens_as_document(html: str) -> bool:
    """lxml.html.fromstring's test, on the start as trafilatura hands it over (a doctype
    naming a URL dropped from the first line: an lxml bug, trafilatura's repair)."""
    start = _INVALID_XML.sub("", html[:_DOCUMENT_START])
    if "doctype" in html[:50].lower():
        first, newline, rest = start.partition("\n")
        start = _SLASHED_DOCTYPE.sub("", first, count=1) + newline + rest
    return _FULL_HTML.match(start) is not None


def _fragment_root(root: Any) -> Any:
    """What `lxml.html.fromstring` returns for markup it reads as a fragment: the page when
    it has a head; else the body's one element, or the body renamed div (span when it holds
    no block)."""
    body = root.find("body")
    if body is None or root.find("head") is not None:
        return root
    text, last = (body.text or "").strip(), body[-1] if len(body) else None
    if len(body) == 1 and not text and last is not None and not (last.tail or "").strip():
        return body[0]
    blocks = any(element.tag in defs.block_tags for element in body.iter(etree.Element))
    body.tag = "div" if blocks else "span"
    return body


def _comment_keys(comments: list[list[str]], main: list[str]) -> frozenset[str]:
    """Reader-comment lines; a section holding main text is the article's wrapper, not one."""
    main_keys = {line_key(line) for line in main}
    keys: set[str] = set()
    for section in comments:
        section_keys = {line_key(line) for line in section}
        if not section_keys & main_keys:
            keys |= section_keys
    return frozenset(keys)


def main_lines(page: object, url: str | None = None, fast: bool = False) -> list[str]:
    """The article's lines as trafilatura sees them (no comments), normalized; [] if none.
    `page` is its HTML or lxml's tree of it, which trafilatura copies, never changes.
    `fast` skips its readability and justext fallbacks (html/blocks.py says when)."""
    import trafilatura

    extracted = trafilatura.extract(
        page, url=url, include_comments=False, include_tables=True, deduplicate=False, fast=fast
    )
    if not extracted:
        return []
    return [line for line in map(_table_row, map(normalize_text, extracted.splitlines())) if line]


def _table_row(line: str) -> str:
    """trafilatura writes a table row as '| a | b |'; the dump reads it as 'a b'."""
    if line.startswith("| ") and line.endswith("|"):
        return normalize_text(" ".join(cell.strip() for cell in line.split("|")))
    return line


def article_region(lines: list[str], main: list[str]) -> list[str]:
    """The page lines around the article: from a little above its first main line (top
    notes, bylines, datelines) to a little below its last (footers, notices).

    Navigation and rails far from the article never reach the adapters, so the head of
    the text they see starts near the story, as in a scraper's text dump. A page line of a
    few words that sits inside a longer main line counts as main too: the extractor joins
    blocks the dump splits (a whole article in one table cell), and the window must follow
    the main text, not only the lines that happen to match whole.
    """
    if not main:
        return lines
    keys = {line_key(line) for line in main}
    joined = "\n".join(normalize_text(line) for line in main)
    hits = [
        index
        for index, line in enumerate(lines)
        if line_key(line) in keys
        or (len(line.split()) >= _MIN_INNER_WORDS and normalize_text(line) in joined)
    ]
    if not hits:
        return lines
    return lines[max(0, hits[0] - _LINES_ABOVE) : hits[-1] + 1 + _LINES_BELOW]


def _first_heading(facts: PageFacts) -> str | None:
    heading = first_named(facts, "h1")  # from the index the metadata readers built
    return normalize_text(heading.get_text(" ")) if heading else None
