"""The rule engine: apply line and span rules to a decoded text, recording every cut."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from transforms.records import Document, Related, Removal
from transforms.rules import Rule
from transforms.text import Line, normalize_text, split_lines

# A text is hard-wrapped (paragraphs broken into fixed-width lines) when most of
# its lines end near one width no wider than this; then lines of a block join.
_MAX_WRAP_WIDTH = 100
_WRAPPED_SHARE = 0.8


@dataclass(slots=True)
class Cleaned:
    """What the engine kept and what it cut, before an adapter turns it into an Article."""

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    related: list[Related] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)


def clean_text(
    document: Document, line_rules: Sequence[Rule], span_rules: Sequence[Rule]
) -> Cleaned:
    """Split a document into a title and paragraphs, applying rules; offsets index its text."""
    text, folded = document.text, document.folded
    cleaned = Cleaned()
    blocks: list[list[str]] = [[]]
    for line in split_lines(text):
        if not line.text.strip():
            if blocks[-1]:
                blocks.append([])
            continue
        in_head = cleaned.title is None or not any(blocks)
        if _apply_line_rules(line, text, folded, line_rules, in_head, cleaned):
            continue
        if cleaned.title is None:
            cleaned.title = normalize_text(line.text)
            continue
        kept = _apply_span_rules(line, text, folded, span_rules, cleaned)
        if kept:
            blocks[-1].append(kept)
    cleaned.paragraphs = _paragraphs([block for block in blocks if block])
    return cleaned


def _apply_line_rules(
    line: Line, raw: str, folded: str, rules: Sequence[Rule], in_head: bool, cleaned: Cleaned
) -> bool:
    stripped = line.text.strip()
    start = line.start + (len(line.text) - len(line.text.lstrip()))
    end = start + len(stripped)
    for rule in rules:
        if rule.zone == "head" and not in_head:
            continue
        match = rule.compiled.fullmatch(folded, start, end)
        if match is None:
            continue
        cleaned.removals.append(Removal(rule.name, rule.kind, rule.action, start, end, stripped))
        if rule.move_to is not None:
            _move(rule, match, raw, cleaned)
        return True
    return False


def _apply_span_rules(
    line: Line, raw: str, folded: str, rules: Sequence[Rule], cleaned: Cleaned
) -> str:
    cuts: list[tuple[int, int]] = []
    for rule in rules:
        for match in rule.compiled.finditer(folded, line.start, line.end):
            start, end = match.span()
            if start == end or any(start < e and s < end for s, e in cuts):
                continue
            cuts.append((start, end))
            cleaned.removals.append(
                Removal(rule.name, rule.kind, rule.action, start, end, raw[start:end])
            )
            if rule.move_to is not None:
                _move(rule, match, raw, cleaned)
    if not cuts:
        return normalize_text(line.text)
    pieces: list[str] = []
    position = line.start
    for start, end in sorted(cuts):
        pieces.append(raw[position:start])
        position = end
    pieces.append(raw[position : line.end])
    return normalize_text(" ".join(pieces))


def _move(rule: Rule, match: re.Match[str], raw: str, cleaned: Cleaned) -> None:
    value = normalize_text(rule.value_of(match, raw))
    if rule.move_to == "related":
        cleaned.related.append(Related(title=value))
    elif rule.move_to is not None:
        cleaned.fields.setdefault(rule.move_to, value)


def _paragraphs(blocks: list[list[str]]) -> list[str]:
    lines = [line for block in blocks for line in block]
    if _is_hard_wrapped(blocks):
        return [" ".join(block) for block in blocks]
    return lines


def _is_hard_wrapped(blocks: list[list[str]]) -> bool:
    inner = [line for block in blocks for line in block[:-1]]
    if len(inner) < 3:
        return False
    width = max(len(line) for line in inner)
    if width > _MAX_WRAP_WIDTH:
        return False
    near_width = sum(1 for line in inner if len(line) >= 0.7 * width)
    return near_width / len(inner) >= _WRAPPED_SHARE
