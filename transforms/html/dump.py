"""A scraper-style text dump of a page: one block per line, inline links joined in."""

from __future__ import annotations

import re

from newsnorm.transforms.html.nodes import Comment, NavigableString, PageElement, Tag

# Elements that start a new line of text; everything else flows inline, so a notice
# split across links ("originally published by <a>Futurism</a>.") stays one sentence.
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tr", "ul",
    }
)  # fmt: skip
SKIPPED = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "iframe", "head", "select", "option",
        "button",
    }
)  # fmt: skip
# Table cells flow into their row's line, a space apart, so a row reads as one line
# ("3 Kevin Harvick 5033"), as content extractors give it.
CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u200b]+")
# A class or id naming a reader-comment section ('comments-body', 'commentlist', 'disqus_thread'),
# as content extractors recognize one; checked per token, so 'uncommented' is no match.
_COMMENT_BOX = re.compile(
    r"(?:^|[-_ ])(?:comments?|commentlist|disqus)(?:$|[-_ ]|list|s?body)", re.IGNORECASE
)


def page_lines(soup: Tag, comments: list[list[str]] | None = None) -> list[str]:
    """The page's text, a line per block, walked iteratively (deep pages cannot recurse us out).

    Elements hidden with `hidden` or CSS are kept: sites hide the article behind paywall or
    hydration wrappers, and the main-content filter, not visibility, decides what is chrome.
    With `comments`, the lines of each outermost reader-comment block (by class or id) are
    added to it as one section: the extractor leaves comments out of the main text on
    purpose, so when the body drops them the audit trail can say they were comments.
    """
    root = soup.body or soup
    lines: list[str] = []
    current: list[str] = []
    stack: list[PageElement | int | None] = [root]
    box_start = -1  # the first line of the comment block being walked
    while stack:
        node = stack.pop()
        if node is None:  # the end of a block element
            _flush(current, lines)
            continue
        if isinstance(node, int):  # the end of a comment block
            if comments is not None:
                comments.append(lines[box_start:])
            box_start = -1
            continue
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            current.append(str(node))
            continue
        if not isinstance(node, Tag) or node.name in SKIPPED:
            continue
        if node.name in BLOCKS:
            _flush(current, lines)
            if box_start < 0 and _is_comment_box(node):
                box_start = len(lines)
                stack.append(box_start)
            stack.append(None)
        elif node.name in CELLS:
            current.append(" ")
        stack.extend(reversed(node.contents))
    _flush(current, lines)
    return lines


def _flush(current: list[str], lines: list[str]) -> None:
    if not current:  # most block ends: nothing since the last one
        return
    text = "".join(current)
    # A third of the lines have nothing to collapse: every character `_SPACES` matches but
    # ' ' is unprintable, so a printable text without a double space is left as it is.
    text = (text if "  " not in text and text.isprintable() else _SPACES.sub(" ", text)).strip()
    if text:
        lines.append(text)
    current.clear()


def _is_comment_box(tag: Tag) -> bool:
    attrs = tag.attrs
    if "class" not in attrs and "id" not in attrs:  # most tags: no need to look further
        return False
    names = [attrs.get("id") or "", *(attrs.get("class") or ())]
    # Most elements' names hold neither word: checked once on them all, lowercased (exact
    # for ASCII; IGNORECASE matches other letters too, so other names go to the pattern).
    said = " ".join(name for name in names if isinstance(name, str))
    if said.isascii() and "comment" not in (low := said.lower()) and "disqus" not in low:
        return False
    return tag.name not in {"body", "html", "article", "main"} and any(
        isinstance(name, str) and _COMMENT_BOX.search(name) for name in names
    )
