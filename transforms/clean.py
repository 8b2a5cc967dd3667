"""The rule engine: apply line and span rules to a document, recording every cut."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsnorm.transforms.records import Credit, Dateline, Document, Evidence, Related, Removal
from newsnorm.transforms.rules import Rule, caseless_text
from newsnorm.transforms.text import Line, line_key, normalize_text, split_lines

# A text is hard-wrapped (paragraphs broken into fixed-width lines) when most of
# its lines end near one width no wider than this; then lines of a block join.
_MAX_WRAP_WIDTH = 100
_WRAPPED_SHARE = 0.8


@dataclass(slots=True)
class Cleaned:
    """What the engine kept, moved and cut, before an adapter turns it into an Article."""

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    published: str | None = None
    related: list[Related] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    dateline: Dateline | None = None
    original_publisher: str | None = None
    original_url: str | None = None
    co_publishers: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)


@dataclass(slots=True)
class _Kept:
    """A kept line, remembered so a line below it can claim it (a caption, a byline)."""

    line: Line
    role: str  # "title" or "body"
    block: int
    gap: bool = False  # a blank line came between it and the current line
    counts: bool = False  # it started (or continued) the body


@dataclass(slots=True)
class _State:
    document: Document
    cleaned: Cleaned = field(default_factory=Cleaned)
    blocks: list[list[str]] = field(default_factory=lambda: [[]])
    above: _Kept | None = None
    # Kept lines that start the body; the head zone lasts while there are none (a kept
    # line later claimed as a caption gives the head back).
    body_lines: int = 0

    @property
    def in_head(self) -> bool:
        return self.cleaned.title is None or not self.body_lines


def clean_text(
    document: Document,
    line_rules: Sequence[Rule],
    span_rules: Sequence[Rule],
    title_rules: Sequence[Rule] = (),
) -> Cleaned:
    """Split a document into a title and paragraphs, applying rules; offsets index its text.

    `title_rules` are span rules for the title line only (a ' - Kaiser Health News'
    suffix an aggregator appended: cut, and its `publisher` group recorded).
    """
    state = _State(document)
    line_rules = _possible(document, line_rules)
    span_rules = _possible(document, span_rules)
    title_rules = _possible(document, title_rules)
    folded = document.folded
    for line in split_lines(document.text):
        # The line without surrounding whitespace (see _content_span), inlined: it runs on
        # every line.
        segment = folded[line.start : line.start + len(line.text)]
        content = segment.lstrip()
        if not content:
            if state.blocks[-1]:
                state.blocks.append([])
            if state.above is not None:
                state.above.gap = True
            continue
        start = line.start + len(segment) - len(content)
        end = start + len(content.rstrip())
        if line_rules and _apply_line_rules(state, start, end, line_rules):
            continue
        if _is_repeat_of_above(state, line):
            continue
        if state.cleaned.title is None:
            title = (
                _apply_span_rules(state, line, title_rules, in_head=True)
                if title_rules
                else normalize_text(line.text)
            )
            if not title:
                continue  # the whole line was a source suffix: the headline comes later
            state.cleaned.title = title
            state.above = _Kept(line, "title", -1)
            continue
        in_head = state.in_head
        kept = _apply_span_rules(state, line, span_rules, in_head)
        if kept:
            state.blocks[-1].append(kept)
            # Page chrome a content extractor left outside the article (menus above the
            # story in an HTML dump) does not end the head: bylines may still follow.
            body_keys = state.document.body_keys
            counts = body_keys is None or line_key(kept) in body_keys
            state.body_lines += counts
            state.above = _Kept(line, "body", len(state.blocks) - 1, counts=counts)
        else:
            state.above = None
    state.cleaned.paragraphs = _paragraphs([block for block in state.blocks if block])
    return state.cleaned


def _possible(document: Document, rules: Sequence[Rule]) -> Sequence[Rule]:
    """The rules that can match somewhere in the document: most rules name a text (a notice's
    wording, a widget's label) that most documents lack, and one substring test per document
    is far cheaper than a regex per line."""
    folded = document.folded
    caseless = document.caseless or caseless_text(folded)
    tested = document.tested
    return [rule for rule in rules if rule.may_occur(folded, caseless, tested)]


def _is_repeat_of_above(state: _State, line: Line) -> bool:
    """A line repeated right below itself (up to typography) is a caption shown twice
    (image alt text, then the visible caption) or a headline shown twice: keep one."""
    above = state.above
    if above is None or above.gap:
        return False
    folded = state.document.folded
    if folded[line.start : line.end].strip() != folded[above.line.start : above.line.end].strip():
        return False
    start, end = _content_span(state.document, line)
    stripped = state.document.text[start:end]
    if above.role == "title":
        repeat = Removal(
            "repeated-title", "repeated_title", "removed", start, start + len(stripped), stripped
        )
        state.cleaned.removals.append(repeat)
    else:
        _claim_above(state, above, "caption")
        repeat = Removal(
            "repeated-caption", "caption", "removed", start, start + len(stripped), stripped
        )
        state.cleaned.removals.append(repeat)
    return True


def _apply_line_rules(state: _State, start: int, end: int, rules: Sequence[Rule]) -> bool:
    """Apply the first line rule that matches the whole line `[start, end)` (its content)."""
    text, folded = state.document.text, state.document.folded
    in_head = state.in_head
    for rule in rules:
        if rule.zone == "head" and not in_head:
            continue
        match = rule.compiled.fullmatch(folded, start, end)
        if match is None:
            continue
        if rule.move_to == "byline" and state.cleaned.title is None:
            continue  # a "By …" line above any title is the headline, not a byline
        above = state.above
        if above is not None and above.role == "title":
            above = None  # a claim never takes the headline
        if rule.claims_above == "caption" and above is not None and not above.gap:
            _claim_above(state, above, "caption")
        stripped = text[start:end]
        state.cleaned.removals.append(
            Removal(rule.name, rule.kind, rule.action, start, end, stripped)
        )
        _record(state.cleaned, rule, match, text)
        if rule.claims_above == "byline" and above is not None and _short(above.line.text):
            _claim_above(state, above, "byline")
            name = normalize_text(above.line.text)
            state.cleaned.bylines.append(f"{name}, {normalize_text(stripped)}")
        state.above = None
        return True
    return False


def _apply_span_rules(state: _State, line: Line, rules: Sequence[Rule], in_head: bool) -> str:
    text, folded = state.document.text, state.document.folded
    cuts: list[tuple[int, int]] = []  # sorted and disjoint, so their ends are sorted too
    for rule in rules:
        if rule.zone == "head" and not in_head:
            continue
        for match in rule.compiled.finditer(folded, line.start, line.end):
            start, end = match.span()
            if start == end or _overlaps(cuts, start, end):
                continue
            insort(cuts, (start, end))
            removed = Removal(rule.name, rule.kind, rule.action, start, end, text[start:end])
            state.cleaned.removals.append(removed)
            _record(state.cleaned, rule, match, text)
    if not cuts:
        return normalize_text(line.text)
    pieces: list[str] = []
    position = line.start
    for start, end in sorted(cuts):
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position : line.end])
    return normalize_text(" ".join(pieces))


def _overlaps(cuts: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a cut: only the last cut starting before `end` can
    (a scan of every cut was quadratic on a line of thousands of promos)."""
    index = bisect_left(cuts, (end,))
    return index > 0 and cuts[index - 1][1] > start


def _claim_above(state: _State, kept: _Kept, kind: str) -> None:
    """The kept line above was a caption (or a byline), not the title or body text."""
    line = kept.line
    start, end = _content_span(state.document, line)
    stripped = state.document.text[start:end]
    moved = Removal(f"{kind}-above", kind, "moved", start, start + len(stripped), stripped)
    state.cleaned.removals.append(moved)
    if kind == "caption":
        state.cleaned.credits.append(Credit("caption", normalize_text(stripped)))
    if kept.role == "title":
        state.cleaned.title = None
    else:
        state.blocks[kept.block].pop()
        state.body_lines -= kept.counts
    state.above = None


def _content_span(document: Document, line: Line) -> tuple[int, int]:
    """The line without surrounding whitespace, zero-width characters included (they
    are spaces in the folded text)."""
    segment = document.folded[line.start : line.end]
    start = line.start + len(segment) - len(segment.lstrip())
    return start, max(start, line.start + len(segment.rstrip()))


def _short(text: str) -> bool:
    """A name-sized line (a byline above an affiliation), not a sentence."""
    return 1 <= len(text.split()) <= 6 and not text.rstrip().endswith((".", "?", "!", ":"))


def _record(cleaned: Cleaned, rule: Rule, match: re.Match[str], raw: str) -> None:
    """Move the match to its field and keep any provenance its groups captured."""
    value = normalize_text(rule.value_of(match, raw))
    if rule.move_to == "byline":
        cleaned.bylines.append(value)
    elif rule.move_to == "published" and cleaned.published is None:
        cleaned.published = value
    elif rule.move_to == "related":
        cleaned.related.append(Related(title=value))
    elif rule.move_to in ("credit", "caption"):
        cleaned.credits.append(
            Credit("photo_credit" if rule.move_to == "credit" else "caption", value)
        )
    place, agency = rule.group_of(match, raw, "place"), rule.group_of(match, raw, "agency")
    if (place or agency) and cleaned.dateline is None:
        cleaned.dateline = Dateline(_clean_or_none(place), _clean_or_none(agency))
    if (publisher := _clean_or_none(rule.group_of(match, raw, "publisher"))) is not None:
        # "originally published by the Harbor Gazette": the article is not part of the name.
        publisher = publisher.rstrip(".").removeprefix("the ")
        cleaned.original_publisher = cleaned.original_publisher or publisher
    if (url := _clean_or_none(rule.group_of(match, raw, "url"))) is not None:
        cleaned.original_url = cleaned.original_url or url.rstrip(".")
    if (copublisher := _clean_or_none(rule.group_of(match, raw, "copublisher"))) is not None:
        cleaned.co_publishers.append(copublisher.rstrip("."))
    if rule.evidence > 0:
        cleaned.evidence.append(Evidence(f"rule:{rule.name}", rule.evidence))


def _clean_or_none(value: str | None) -> str | None:
    if value is None:
        return None
    return normalize_text(value) or None


def _paragraphs(blocks: list[list[str]]) -> list[str]:
    if _is_hard_wrapped(blocks):
        return [" ".join(block) for block in blocks]
    return [line for block in blocks for line in block]


def _is_hard_wrapped(blocks: list[list[str]]) -> bool:
    inner = [line for block in blocks for line in block[:-1]]
    if len(inner) < 3:
        return False
    width = max(len(line) for line in inner)
    if width > _MAX_WRAP_WIDTH:
        return False
    near_width = sum(1 for line in inner if len(line) >= 0.7 * width)
    # Wrapped lines break mid-sentence; one-paragraph-per-line text ends its lines with one.
    mid_sentence = sum(1 for line in inner if not line.endswith((".", "?", "!", '"', "\u201d")))
    return near_width / len(inner) >= _WRAPPED_SHARE and mid_sentence / len(inner) >= 0.5
