"""Pages nested deeper than libxml2 parses: found, and flattened so their text is read.

libxml2 stops a document at 2,048 levels of elements even with `huge_tree` (256 without):
the parse halts there, and everything after the element that went too deep is lost, the
rest of the page included, without an error lxml reports. Such a page (a generator that
never closes a `<div>`, a wrapper chain thousands deep) is parsed again with the elements
past `_KEPT_DEPTH` unwrapped: their text stays, a block's start and end become a line break.
"""

from __future__ import annotations

import re
from typing import Any

from lxml.html import defs

# libxml2's depth limit with XML_PARSE_HUGE (xmlParserMaxDepth): an element this deep is
# never made, so a halted parse leaves its open elements as a last-child chain one short.
PARSER_DEPTH = 2048
# How deep the flattened markup may nest: well inside the limit, as html elements that close
# others on their own (a `<p>` inside a `<p>`) make the count below an overestimate; and
# where lxml parses without `huge_tree` (trafilatura's own reading), as deeper trees cost
# justext a walk to the root for every paragraph (100,000 nested divs: 42 s of CPU at 1,024).
_KEPT_DEPTH = 64
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment
    r"|<(script|style|textarea|title)\b[^<>]*>.*?(?:</\1\s*>|\Z)"  # raw text, kept whole
    r"|<[!?][^<>]*>"  # a doctype, a processing instruction
    # A start or end tag. No part of a tag runs past a '<': a '<' with no '>' after it ('x<y')
    # is then tried up to the next '<' only, not to the page's end (quadratic in the page).
    r"|<(/?)([A-Za-z][^\s/<>]*)[^<>]*?(/?)>",
    re.DOTALL | re.IGNORECASE,
)
# Past `_KEPT_DEPTH` these stay (a paragraph unwrapped into a container's loose text is lost
# to the content extractor) until `_LAST_DEPTH`, where everything goes.
_TEXT_BLOCKS = frozenset(
    ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "li", "dt", "dd")
)
_LAST_DEPTH = 1024
_VOID = frozenset(defs.empty_tags)
_BLOCK = frozenset(defs.block_tags)


def parse_halted(root: Any) -> bool:
    """The parse stopped at libxml2's depth limit: its last open elements reach it. A page
    whose last chain is whole at exactly that depth is parsed again too (its text survives,
    its structure past `_KEPT_DEPTH` does not): the halted parse's deepest element may hold
    text as well, so nothing in it tells the two apart."""
    depth, element = 0, root
    while element is not None and len(element):
        element, depth = element[-1], depth + 1
    return depth >= PARSER_DEPTH - 1


def flattened(html: str) -> str:
    """The markup with the elements opened past `_KEPT_DEPTH` levels unwrapped (a block's
    tags become `<br>`, an inline's go) but paragraphs and headings, counting open elements
    as their end tags close them."""
    open_tags: list[tuple[str, bool]] = []  # (name, kept)
    # Open elements by name (an end tag nothing opened is O(1)), and under "" the kept ones.
    counts: dict[str, int] = {}
    parts: list[str] = []
    last, broke = 0, False  # broke: a break was put in (a run of empty unwraps needs one)
    for match in _TOKEN.finditer(html):
        closing, name, self_closing = match.group(2, 3, 4)
        if name is None:
            continue
        name = name.lower()
        if closing:
            kept = _close(open_tags, counts, name)
        elif name in _VOID or self_closing:
            continue
        else:
            depth = counts.get("", 0)  # how deep the output nests: the kept ones
            kept = depth < _KEPT_DEPTH or (name in _TEXT_BLOCKS and depth < _LAST_DEPTH)
            counts[""] = depth + kept
            open_tags.append((name, kept))
            counts[name] = counts.get(name, 0) + 1
        if not kept:
            between = html[last : match.start()]
            parts.append(between)
            if name in _BLOCK and (between.strip() or not broke):  # one break a run
                parts.append("<br>")
                broke = True
            last = match.end()
    parts.append(html[last:])
    return "".join(parts)


def _close(open_tags: list[tuple[str, bool]], counts: dict[str, int], name: str) -> bool:
    """Close the innermost open `name` and what it holds; an end tag nothing opened stays."""
    if not counts.get(name):
        return True
    while True:
        closed, kept = open_tags.pop()
        counts[closed] -= 1
        counts[""] -= kept
        if closed == name:
            return kept
