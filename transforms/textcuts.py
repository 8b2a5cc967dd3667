"""Cuts found over the whole text before the line walk: text rules and blocks of lines.

A text rule's match may span lines (a teaser rail) or sit where line rules do not look (an
extraction artefact glued in front of the headline); a block rule cuts the lines from a start
line through an end line. The line walk then sees those characters as spaces (line breaks
kept), so every offset stays an offset into the decoded input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsnorm.transforms.firstchar import at_line_starts, first_char
from newsnorm.transforms.records import Document
from newsnorm.transforms.rules import BlockRule, Rule, caseless_text
from newsnorm.transforms.text import Line, split_lines

_NOT_A_LINE_BREAK = re.compile(r"[^\r\n\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class TextCut:
    """One cut made before the line walk; `match` is None for a block."""

    rule: Rule | BlockRule
    match: re.Match[str] | None
    start: int
    end: int


def find_text_cuts(
    document: Document, text_rules: Sequence[Rule], block_rules: Sequence[BlockRule]
) -> list[TextCut]:
    """Every text-rule and block cut, in document order; a later rule never overlaps an
    earlier one's cut, and an empty match cuts nothing."""
    taken: list[TextCut] = []
    for cut in (*_rule_cuts(document, text_rules), *_block_cuts(document, block_rules)):
        if not any(cut.start < other.end and other.start < cut.end for other in taken):
            taken.append(cut)
    return sorted(taken, key=lambda cut: cut.start)


def _rule_cuts(document: Document, rules: Sequence[Rule]) -> Iterator[TextCut]:
    folded = document.folded
    caseless = document.caseless or caseless_text(folded)
    for rule in rules:
        if not rule.may_occur(folded, caseless, document.tested):
            continue
        group = "value" if "value" in rule.compiled.groupindex else 0
        compiled = rule.compiled
        matches = (
            _at_line_starts(compiled, folded)
            if at_line_starts(compiled)
            else compiled.finditer(folded)
        )
        for match in matches:
            start, end = match.span(group)
            if start < end:
                yield TextCut(rule, match, start, end)


def _at_line_starts(compiled: re.Pattern[str], folded: str) -> list[re.Match[str]]:
    """`compiled.finditer(folded)` for a pattern whose every match is non-empty and starts
    at a line start (`firstchar.at_line_starts`): `match` tried only at the line starts
    whose first character can begin one (a search tries every position: ~20 µs a page for
    the rail rule, ~8 this way).
    `match(folded, pos)` sees the text before `pos`, so `^` and lookbehinds read as in the
    search; a search resumes where its last match ended, as this does."""
    begins = first_char(compiled)
    matches: list[re.Match[str]] = []
    position, length = 0, len(folded)
    while position < length:
        if begins.accepts(folded[position]):
            match = compiled.match(folded, position)
            if match is not None:
                matches.append(match)
                position = match.end()
                if folded[position - 1] == "\n":  # it ended at a line start: try there
                    continue
        position = folded.find("\n", position) + 1
        if not position:
            break
    return matches


def _block_cuts(document: Document, rules: Sequence[BlockRule]) -> Iterator[TextCut]:
    if not rules:
        return
    lines = split_lines(document.folded)
    for rule in rules:
        index = 0
        while index < len(lines):
            starts = _fullmatch(rule.start_compiled, lines[index])
            end = _block_end(rule, lines, index) if starts else None
            if end is None:
                index += 1
                continue
            first, last = lines[index], lines[end]
            start = first.start + len(first.text) - len(first.text.lstrip())
            yield TextCut(rule, None, start, last.start + len(last.text.rstrip()))
            index = end + 1


def _block_end(rule: BlockRule, lines: list[Line], start: int) -> int | None:
    for index in range(start + 1, min(start + rule.max_lines, len(lines))):
        if _fullmatch(rule.end_compiled, lines[index]):
            return index
    return None


def _fullmatch(pattern: re.Pattern[str], line: Line) -> bool:
    content = line.text.strip()
    return bool(content) and pattern.fullmatch(content) is not None


def masked(document: Document, cuts: Sequence[TextCut]) -> Document:
    """The document with each cut's characters turned to spaces (line breaks kept)."""
    text, folded = document.text, document.folded
    pieces: list[str] = []
    folded_pieces: list[str] = []
    position = 0
    for cut in cuts:
        pieces.append(text[position : cut.start])
        folded_pieces.append(folded[position : cut.start])
        pieces.append(_NOT_A_LINE_BREAK.sub(" ", text[cut.start : cut.end]))
        folded_pieces.append(_NOT_A_LINE_BREAK.sub(" ", folded[cut.start : cut.end]))
        position = cut.end
    pieces.append(text[position:])
    folded_pieces.append(folded[position:])
    result = Document(
        "".join(pieces), "".join(folded_pieces), document.body_keys, document.caseless
    )
    # What a literal pre-test found absent in the text is absent from the masked text too;
    # what it found present may be gone, which only costs a regex that finds nothing.
    object.__setattr__(result, "tested", document.tested)
    # Its lines at the same offsets: those no cut touched are the input's lines, the others
    # hold spaces and are told apart by their text (`text.NormalizedLines`).
    object.__setattr__(result, "lines", document.lines)
    return result
