"""A parsed page's blocks with the structure around each: the features of an own main-content
stage (issue #15, twentieth round; bench/own_main_content.py measures it).

One walk over the lxml tree trafilatura reads (`reader.extraction_tree`), split into lines as
the page dump splits them (`html/dump.py`'s BLOCKS, SKIPPED and CELLS), each line with its
innermost block element's tag and depth, the words its ancestors' class and id names hold
('comment', 'sidebar', 'related', ...), the ancestor tags it stands in (nav, footer, aside,
article, ...), its link text and how much of the page's text its containers hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsnorm.transforms.html.dump import BLOCKS, CELLS, SKIPPED

# Words of class and id names, by what they usually name; one bit each.
NAME_WORDS = {
    "comment": r"comment|disqus|respond|reply",
    "aside": r"sidebar|aside|rail|widget",
    "related": r"related|recommend|promo|teaser|trending|popular|newsletter|subscri|more",
    "nav": r"nav|menu|breadcrumb|crumb|pagination|tag|topic",
    "footer": r"footer|copyright|legal",
    "header": r"header|masthead|banner|topbar",
    "share": r"share|social|sharing|follow|print",
    "ad": r"advert|sponsor|dfp|outbrain|taboola|(?:^|[-_ ])ads?(?:$|[-_ ])",
    "content": r"article|story|post|entry|content|body|main|text|prose",
    "caption": r"caption|credit|figure|photo|image|gallery|media",
    "meta": r"author|byline|meta|date|dateline",
}
ANCESTOR_TAGS = ("nav", "footer", "header", "aside", "article", "main", "form", "figure", "a")
_NAMES = re.compile("|".join(f"(?P<{name}>{words})" for name, words in NAME_WORDS.items()))
_NAME_BIT = {name: 1 << index for index, name in enumerate(NAME_WORDS)}
_TAG_BIT = {tag: 1 << (len(NAME_WORDS) + index) for index, tag in enumerate(ANCESTOR_TAGS)}
BIT_NAMES = (*NAME_WORDS, *(f"in_{tag}" for tag in ANCESTOR_TAGS))
TAG_GROUPS = {"p": 0, "h1": 1, "h2": 1, "h3": 1, "h4": 1, "h5": 1, "h6": 1, "li": 2, "tr": 3}
TAG_GROUP_NAMES = ("tag_p", "tag_h", "tag_li", "tag_row", "tag_div", "tag_other")
_DIVISIONS = frozenset({"div", "section", "article", "main", "body", "td"})
_SPACES = re.compile(r"\s+")


@dataclass(slots=True, eq=False)
class Box:
    """A block element: its depth, the bits it and its ancestors carry, its tag group, its
    enclosing block, and (after the walk) the words and long lines of the text under it."""

    depth: int
    bits: int
    group: int
    parent: Box | None
    words: int = 0
    long_lines: int = 0
    score: float = 0.0
    element: Any = None


@dataclass(slots=True)
class Line:
    """One line of the page's text, the block it stands in and its characters inside links."""

    text: str
    box: Box
    link_chars: int
    words: int = field(default=0)


_BIT_CACHE: dict[str, int] = {}


def _name_bits(element: Any) -> int:
    said = (element.get("class") or "") + " " + (element.get("id") or "")
    if said == " ":
        return 0
    bits = _BIT_CACHE.get(said)
    if bits is None:
        bits = 0
        for match in _NAMES.finditer(said.lower()):
            bits |= _NAME_BIT[match.lastgroup or ""]
        _BIT_CACHE[said] = bits
    return bits


def page_blocks(tree: Any) -> list[Line]:
    """The tree's lines in page order, each with its block (see the module docstring)."""
    body = tree.find("body")
    root = body if body is not None else tree
    lines: list[Line] = []
    walk = _Walk(lines)
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            walk.add(node)
        elif node is None:  # the end of an inline link
            walk.links -= 1
        elif isinstance(node, Box):  # the end of a block
            walk.flush()
            walk.box = node.parent or node
        else:
            _open(node, walk, stack)
    walk.flush()
    return lines


def _open(element: Any, walk: _Walk, stack: list[Any]) -> None:
    """Push what follows an element: its tail, its end, its children, its text."""
    tag = element.tag
    if element.tail:
        stack.append(element.tail)
    if not isinstance(tag, str) or tag in SKIPPED:
        return
    if tag in BLOCKS:
        walk.flush()
        parent = walk.box
        group = TAG_GROUPS.get(tag, 4 if tag in _DIVISIONS else 5)
        bits = parent.bits | _name_bits(element) | _TAG_BIT.get(tag, 0)
        walk.box = Box(parent.depth + 1, bits, group, parent, element=element)
        stack.append(walk.box)
    elif tag == "a":
        walk.links += 1
        stack.append(None)
    elif tag in CELLS:
        walk.add(" ")
    children = list(element)
    children.reverse()
    stack.extend(children)
    if element.text:
        stack.append(element.text)


class _Walk:
    """The walk's state: the open block, the text since the last line end, link depth."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.box = Box(0, 0, 4, None)
        self.current: list[str] = []
        self.link_chars = 0
        self.links = 0

    def add(self, text: str) -> None:
        self.current.append(text)
        if self.links:
            self.link_chars += len(text)

    def flush(self) -> None:
        if not self.current:
            return
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        if text:
            self.lines.append(Line(text, self.box, min(self.link_chars, len(text))))
        self.current.clear()
        self.link_chars = 0


FEATURES = (
    "words", "chars", "link_share", "ends_sentence", "stops_per_word", "commas_per_word",
    *TAG_GROUP_NAMES, "depth", "position", "chars_before", *BIT_NAMES,
    "parent_share", "grand_share", "great_share", "parent_long_share", "in_best", "best_share",
    "prev_words", "next_words", "prev_link", "next_link",
)  # fmt: skip
_LONG = 10  # words: a line this long is prose, as readability-style scorers count it


def features(lines: list[Line]) -> list[list[float]]:
    """One row of FEATURES a line (the page's lines in order)."""
    total_words = total_long = 0
    for line in lines:
        line.words = len(line.text.split())
        total_words += line.words
        long = line.words >= _LONG
        total_long += long
        box: Box | None = line.box
        while box is not None:
            box.words += line.words
            box.long_lines += long
            box = box.parent
        if long and line.box.parent is not None:
            line.box.score += line.words
            line.box.parent.score += line.words / 2
    candidates = [box for line in lines for box in (line.box, line.box.parent) if box]
    best = max(candidates, key=lambda box: box.score, default=None)
    words, long_lines = max(total_words, 1), max(total_long, 1)
    total_chars = sum(len(line.text) for line in lines) or 1
    rows: list[list[float]] = []
    before = 0
    for index, line in enumerate(lines):
        row = _own(line, index / max(len(lines), 1), before / total_chars)
        before += len(line.text)
        row += _containers(line, best, words, long_lines)
        row += _neighbours(lines, index)
        rows.append(row)
    return rows


def _own(line: Line, position: float, before: float) -> list[float]:
    text, count = line.text, max(line.words, 1)
    groups = [0.0] * len(TAG_GROUP_NAMES)
    groups[line.box.group] = 1.0
    bits = line.box.bits
    return [
        float(line.words), float(len(text)), line.link_chars / len(text),
        float(text[-1] in ".!?\"'\u201d\u2019"),
        sum(text.count(mark) for mark in ".!?") / count, text.count(",") / count,
        *groups, float(line.box.depth), position, before,
        *(float(bits >> bit & 1) for bit in range(len(BIT_NAMES))),
    ]  # fmt: skip


def _containers(line: Line, best: Box | None, words: int, long_lines: int) -> list[float]:
    parent = line.box
    grand = parent.parent or parent
    great = grand.parent or grand
    box: Box | None = parent
    inside = 0.0
    while box is not None:
        if box is best:
            inside = 1.0
            break
        box = box.parent
    best_share = best.words / words if best is not None else 0.0
    return [
        parent.words / words, grand.words / words, great.words / words,
        parent.long_lines / long_lines, inside, best_share,
    ]  # fmt: skip


def _neighbours(lines: list[Line], index: int) -> list[float]:
    previous = lines[index - 1] if index else None
    following = lines[index + 1] if index + 1 < len(lines) else None
    return [
        float(previous.words) if previous else -1.0,
        float(following.words) if following else -1.0,
        previous.link_chars / len(previous.text) if previous else -1.0,
        following.link_chars / len(following.text) if following else -1.0,
    ]
