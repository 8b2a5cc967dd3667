"""Read an HTML page into what the text pipeline cleans, plus its main-content lines."""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import unescape
from typing import Any

from lxml import etree

from newsnorm.transforms.html.dateguess import guess_published
from newsnorm.transforms.html.dump import page_lines
from newsnorm.transforms.html.facts import PageFacts, first_named, read_facts
from newsnorm.transforms.html.metadata import PageMetadata, metadata_of
from newsnorm.transforms.html.nodes import BeautifulSoup, parse_page, release
from newsnorm.transforms.text import line_key, normalize_text

# How much of the page around the main content the adapters see, in blocks.
_LINES_ABOVE = 12
_LINES_BELOW = 15
# A page line this long found inside a main line places the article ('Share' or 'Home' alone
# could be anywhere).
_MIN_INNER_WORDS = 6


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
    boundaries, and htmldate, which guesses a date when the page states none, read the tree."""
    soup, root = parse_page(html)
    try:
        return _read(soup, root, html, url)
    finally:
        release(soup)


def _read(soup: BeautifulSoup, root: Any, html: str, url: str | None) -> HtmlPage:
    facts = read_facts(soup, url)
    metadata = metadata_of(facts)
    tree = extraction_tree(root, html)
    main = main_lines(tree, url) if tree is not None else []
    if tree is not None and metadata.published is None:
        metadata = replace(metadata, guessed=guess_published(tree, url))
    comments: list[list[str]] = []
    lines = article_region(page_lines(soup, comments), main)
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
        comment_keys=_comment_keys(comments, main),
    )  # fmt: skip


def extraction_tree(root: Any, html: str) -> Any:
    """The parsed page as `trafilatura.load_html` gives it, for trafilatura and htmldate:
    without comments and processing instructions, and None for a page that neither says
    'html' near its start nor holds two elements (not a page, by its rule). The readers'
    mirror holds copies of the page's strings: changing the tree leaves it as parsed."""
    if root is None or ("html" not in html[:50].lower() and len(root) < 2):
        return None
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return root


def _comment_keys(comments: list[list[str]], main: list[str]) -> frozenset[str]:
    """Reader-comment lines; a section holding main text is the article's wrapper, not one."""
    main_keys = {line_key(line) for line in main}
    keys: set[str] = set()
    for section in comments:
        section_keys = {line_key(line) for line in section}
        if not section_keys & main_keys:
            keys |= section_keys
    return frozenset(keys)


def main_lines(page: object, url: str | None = None) -> list[str]:
    """The article's lines as trafilatura sees them (no comments), normalized; [] if none.
    `page` is its HTML or lxml's tree of it, which trafilatura copies, never changes."""
    import trafilatura

    extracted = trafilatura.extract(
        page, url=url, include_comments=False, include_tables=True, deduplicate=False
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
