"""A second cleaning pass for lines only their neighbours identify (a caption above a headline).

Line rules see one line at a time, so a caption that sits above the headline (The Texas
Tribune) or below a photo credit (Mississippi Today) looks like a title or a lead paragraph
to them. An adapter cleans once, looks at the kept lines, and when one is a caption cleans
again with a rule for that exact line placed first: the engine then keeps its usual head
zone, offsets and audit records, and nothing else in the document changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.records import Article, Document
from newsnorm.transforms.rules import Rule
from newsnorm.transforms.text import Line, split_lines


def kept_lines(document: Document, article: Article) -> Iterator[Line]:
    """The non-blank input lines that survived cleaning (the title line first), in order.

    A line survives when some of its text is not covered by the article's removals; lines
    a span rule only shortened count as kept.
    """
    # Which characters a removal covers, marked once: checking every removal against
    # every line was quadratic on a document of thousands of removed lines.
    text = document.text
    covered = bytearray(len(text))
    for removal in article.removals:
        covered[removal.start : removal.end] = b"\x01" * (removal.end - removal.start)
    for line in split_lines(text):
        if any(
            not covered[index] and not text[index].isspace()
            for index in range(line.start, line.end)
        ):
            yield line


def exact_line_rule(
    name: str, kind: str, document: Document, line: Line, move_to: str | None = None
) -> Rule:
    """A line rule for this line's text exactly (an identical repeat matches too)."""
    folded = document.folded[line.start : line.end].strip()
    return Rule(name, kind, re.escape(folded), move_to=move_to)


def clean_with(adapter: RuleAdapter, document: Document, extra: Sequence[Rule]) -> Article:
    """Clean `document` as `adapter` does, with `extra` line rules tried before its own."""
    return RuleAdapter.clean_with(adapter, document, tuple(extra))
