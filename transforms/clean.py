"""The rule engine: apply a RuleSet to a document, recording every cut.

Text and block rules cut first, over the whole text (`textcuts.py`); then the engine walks the
lines (LF, CRLF or CR) with their offsets: line rules must match a whole line, span rules cut
pieces out of one, title rules cut pieces out of the headline. Every cut becomes a `Removal`
with `text == decoded[start:end]`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from newsnorm.transforms.cleaned import Cleaned, paragraphs, record
from newsnorm.transforms.firstchar import ByFirstChar, by_first_char
from newsnorm.transforms.literalgate import Gate
from newsnorm.transforms.records import Credit, Document, Removal
from newsnorm.transforms.rules import Rule, RuleSet, caseless_text
from newsnorm.transforms.text import Line, fold_for_matching, line_key, normalize_text, split_lines
from newsnorm.transforms.textcuts import TextCut, find_text_cuts, masked

__all__ = ["Cleaned", "clean_text"]

# What `line_break=True` adds to a removed line: its trailing blanks and line break.
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)")
# Punctuation a `tight` span cut leaves no space before.
_PUNCTUATION = re.compile(r"[.,;:!?)]")

# The first line with text, its words, and the separators of a `<title>`'s parts.
_FIRST_LINE = re.compile(r"[^\s][^\r\n]*")
_WORD = re.compile(r"\w+")
_PARTS = re.compile("\\s[|:\u2013\u2014-]+\\s")

Hit = tuple[Rule, re.Match[str]]


@dataclass(slots=True)
class _Kept:
    """A kept line, remembered so a line below it can claim it (a caption, a byline)."""

    line: Line
    role: str  # "title" or "body"
    block: int
    gap: bool = False  # a blank line came between it and the current line
    counts: bool = False  # it started (or continued) the body


@dataclass(slots=True)
class _Held:
    """A kept line a `before` rule may still take back, and the state from before it."""

    index: int
    hit: Hit
    state: _State


@dataclass(slots=True)
class _State:
    document: Document  # the text the walk sees: text-rule cuts are spaces in it
    raw: str  # the decoded input, which every Removal's text is sliced from
    rules: _Rules
    cleaned: Cleaned = field(default_factory=Cleaned)
    blocks: list[list[str]] = field(default_factory=lambda: [[]])
    above: _Kept | None = None
    # Kept lines that start the body; the head zone lasts while there are none (a kept
    # line later claimed as a caption gives the head back).
    body_lines: int = 0
    kept_body: bool = False
    # Rules that cut a line since the last kept line (for `after`).
    cut_since_kept: set[str] = field(default_factory=set)
    held: _Held | None = None
    # The line a `before` rule took back: the walk returns to it and cuts it.
    forced: tuple[int, Hit] | None = None

    @property
    def in_head(self) -> bool:
        return self.cleaned.title is None or not self.body_lines

    def copy(self) -> _State:
        above = None if self.above is None else replace(self.above)
        return replace(
            self,
            cleaned=self.cleaned.copy(),
            blocks=[list(block) for block in self.blocks],
            above=above,
            cut_since_kept=set(self.cut_since_kept),
            held=None,
            forced=None,
        )


@dataclass(frozen=True, slots=True)
class _Rules:
    """The rules that can match somewhere in this document, by kind."""

    line: ByFirstChar[Rule]  # asked by a line's first character
    held: Sequence[Rule]  # line rules with `before`: decided by the next kept line
    span: Sequence[Rule]
    title: Sequence[Rule]
    title_repeats: str


def clean_text(document: Document, rules: RuleSet) -> Cleaned:
    """Split a document into a title and paragraphs, applying rules; offsets index its text."""
    cuts = find_text_cuts(document, rules.text_rules, rules.block_rules)
    walked = masked(document, cuts) if cuts else document
    line_rules = _possible(walked, rules.line_rules, rules.gates[0])
    state = _State(
        walked,
        document.text,
        _Rules(
            by_first_char([rule for rule in line_rules if rule.before is None]),
            [rule for rule in line_rules if rule.before is not None],
            _possible(walked, rules.span_rules, rules.gates[1]),
            _possible(walked, rules.title_rules, rules.gates[2]),
            rules.title_repeats,
        ),
    )
    lines = split_lines(walked.text)
    index = 0
    while index < len(lines):
        index = _walk(state, lines, index)
    _record_text_cuts(state.cleaned, cuts, document.text)
    state.cleaned.paragraphs = paragraphs([block for block in state.blocks if block])
    return state.cleaned


def _possible(document: Document, rules: Sequence[Rule], gate: Gate) -> Sequence[Rule]:
    """The rules that can match somewhere in the document: most rules name a text (a notice's
    wording, a widget's label) that most documents lack, and one substring test per document
    is far cheaper than a regex per line. `gate` indexes `rules`' pre-tests by their texts."""
    caseless = document.caseless or caseless_text(document.folded)
    return gate.admitted(rules, document.folded, caseless, document.tested)


def _walk(state: _State, lines: list[Line], index: int) -> int:
    """Handle one line; the index of the next line to handle."""
    line = lines[index]
    # The line without surrounding whitespace (see _content_span), inlined: it runs on
    # every line.
    folded = state.document.folded
    segment = folded[line.start : line.start + len(line.text)]
    content = segment.lstrip()
    if not content:
        if state.blocks[-1]:
            state.blocks.append([])
        if state.above is not None:
            state.above.gap = True
        return index + 1
    start = line.start + len(segment) - len(content)
    end = start + len(content.rstrip())
    if state.forced is not None and state.forced[0] == index:
        _cut_line(state, state.forced[1], start, end)
        state.forced = None
        return index + 1
    hit = _line_hit(state, start, end) if state.rules.line.rules else None
    if hit is None and state.held is not None:
        held, state.held = state.held, None
        before = held.hit[0].before_compiled
        if before is not None and before.match(folded, start, end):
            # The line below confirms the held one: walk again from it, cutting it.
            _restore(state, held.state)
            state.forced = (held.index, held.hit)
            return held.index
    if hit is not None:
        _cut_line(state, hit, start, end)
        return index + 1
    if _is_repeat_of_above(state, line):
        return index + 1
    if state.rules.held and (held_hit := _held_hit(state, start, end)) is not None:
        state.held = _Held(index, held_hit, state.copy())
    _keep(state, line)
    return index + 1


def _restore(state: _State, saved: _State) -> None:
    for name in ("cleaned", "blocks", "above", "body_lines", "kept_body", "cut_since_kept"):
        setattr(state, name, getattr(saved, name))


def _keep(state: _State, line: Line) -> None:
    """A line no line rule cut: the headline, or a body line once span rules had their say."""
    if state.cleaned.title is None:
        title = (
            _apply_span_rules(state, line, state.rules.title, in_head=True)
            if state.rules.title
            else state.document.lines.of(line)
        )
        if title:
            state.cleaned.title = title
            state.above = _Kept(line, "title", -1)
            state.cut_since_kept.clear()
        # else the whole line was a source suffix: the headline comes later
        return
    kept = _apply_span_rules(state, line, state.rules.span, state.in_head)
    if not kept:
        state.above = None
        return
    if not state.kept_body and _repeats_title(state, line, kept):
        return
    state.blocks[-1].append(kept)
    state.kept_body = True
    state.cut_since_kept.clear()
    # Page chrome a content extractor left outside the article (menus above the
    # story in an HTML dump) does not end the head: bylines may still follow.
    body_keys = state.document.body_keys
    counts = body_keys is None or line_key(kept) in body_keys
    state.body_lines += counts
    state.above = _Kept(line, "body", len(state.blocks) - 1, counts=counts)


def _applies(state: _State, rule: Rule) -> bool:
    """Whether the rule's zone and `after` allow it here."""
    if rule.zone == "head" and not state.in_head:
        return False
    if rule.zone == "title" and state.cleaned.title is not None:
        return False
    return rule.after is None or rule.after in state.cut_since_kept


def _line_hit(state: _State, start: int, end: int) -> Hit | None:
    """The first line rule that matches the whole line `[start, end)` (its content)."""
    folded = state.document.folded
    for rule in state.rules.line.for_char(folded[start]):
        # Most rules have neither a zone nor an `after`: no call to learn they apply.
        if (rule.zone != "any" or rule.after is not None) and not _applies(state, rule):
            continue
        match = rule.compiled.fullmatch(folded, start, end)
        if match is None:
            continue
        if rule.move_to == "byline" and state.cleaned.title is None:
            continue  # a "By …" line above any title is the headline, not a byline
        return rule, match
    return None


def _held_hit(state: _State, start: int, end: int) -> Hit | None:
    folded = state.document.folded
    for rule in state.rules.held:
        if _applies(state, rule) and (match := rule.compiled.fullmatch(folded, start, end)):
            return rule, match
    return None


def _cut_line(state: _State, hit: Hit, start: int, end: int) -> None:
    """Cut the line `[start, end)` by the rule, and let it claim the line above."""
    rule, match = hit
    above = state.above
    if above is not None and above.role == "title":
        above = None  # a claim never takes the headline
    if rule.claims_above == "caption" and above is not None and not above.gap:
        _claim_above(state, above, "caption")
    raw = state.raw
    cut_end = end
    if rule.line_break and (line_break := _LINE_BREAK.match(raw, end)):
        cut_end = line_break.end()
    state.cleaned.removals.append(
        Removal(rule.name, rule.kind, rule.action, start, cut_end, raw[start:cut_end])
    )
    record(state.cleaned, rule, match, state.document.text)
    if rule.claims_above == "byline" and above is not None and _short(above.line.text):
        _claim_above(state, above, "byline")
        name = normalize_text(above.line.text)
        # A line moved to a field of its own (a date) is no affiliation.
        affiliation = "" if rule.move_to else f", {normalize_text(state.document.text[start:end])}"
        state.cleaned.bylines.append(name + affiliation)
    state.cut_since_kept.add(rule.name)
    state.above = None


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
    if above.role == "title" or _names_page(folded, line):
        _remove(state, "repeated-title", "repeated_title", start, end)
    else:
        _claim_above(state, above, "caption")
        _remove(state, "repeated-caption", "caption", start, end)
    return True


def _names_page(folded: str, line: Line) -> bool:
    """The line is most of the page's first line (get_text writes the `<title>` there) or
    holds its longest part: a headline written twice (the `<h1>` and a hidden copy)."""
    text = folded[line.start : line.end].strip()
    words = set(_WORD.findall(text.lower()))
    first = _FIRST_LINE.search(folded)
    if len(words) < 3 or text[:1] in "*+-" or first is None or first.start() >= line.start:
        return False
    named = set(_WORD.findall(first[0].lower()))
    longest = max((set(_WORD.findall(part)) for part in _PARTS.split(first[0].lower())), key=len)
    return len(words & named) >= 0.8 * len(words) or (
        len(longest) >= 3 and len(longest & words) >= 0.8 * len(longest)
    )


def _repeats_title(state: _State, line: Line, kept: str) -> bool:
    """With `title_repeats="first_paragraph"`: the first body line is the headline again
    (newsletter pages show it under the sponsor line, cut lines between): cut it."""
    title = state.cleaned.title
    if state.rules.title_repeats != "first_paragraph" or title is None or kept != title:
        return False
    if fold_for_matching(state.document.lines.of(line)) != fold_for_matching(title):
        return False
    start, end = _content_span(state.document, line)
    _remove(state, "repeated-title", "repeated_title", start, end)
    state.above = None
    return True


def _remove(state: _State, rule: str, kind: str, start: int, end: int) -> None:
    removal = Removal(rule, kind, "removed", start, end, state.raw[start:end])
    state.cleaned.removals.append(removal)


def _apply_span_rules(state: _State, line: Line, rules: Sequence[Rule], in_head: bool) -> str:
    text, folded = state.document.text, state.document.folded
    cuts: list[tuple[int, int]] = []  # sorted and disjoint, so their ends are sorted too
    tight: set[int] = set()  # ends of cuts that leave no space before punctuation
    for rule in rules:
        if rule.zone != "any" and not (rule.zone == "head" and in_head):
            continue
        for match in rule.compiled.finditer(folded, line.start, line.end):
            start, end = match.span()
            if start == end or _overlaps(cuts, start, end):
                continue
            insort(cuts, (start, end))
            if rule.tight:
                tight.add(end)
            removed = Removal(rule.name, rule.kind, rule.action, start, end, state.raw[start:end])
            state.cleaned.removals.append(removed)
            record(state.cleaned, rule, match, text)
    if not cuts:
        return state.document.lines.of(line)  # remembered for the story stage
    pieces: list[str] = []
    position = line.start
    for start, end in cuts:
        pieces.append(text[position:start])
        pieces.append("" if end in tight and _PUNCTUATION.match(folded, end) else " ")
        position = end
    pieces.append(text[position : line.end])
    return normalize_text("".join(pieces))


def _overlaps(cuts: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a cut: only the last cut starting before `end` can
    (a scan of every cut was quadratic on a line of thousands of promos)."""
    index = bisect_left(cuts, (end,))
    return index > 0 and cuts[index - 1][1] > start


def _claim_above(state: _State, kept: _Kept, kind: str) -> None:
    """The kept line above was a caption (or a byline), not the title or body text."""
    start, end = _content_span(state.document, kept.line)
    text = state.document.text[start:end]
    moved = Removal(f"{kind}-above", kind, "moved", start, end, state.raw[start:end])
    state.cleaned.removals.append(moved)
    if kind == "caption":
        state.cleaned.credits.append(Credit("caption", normalize_text(text)))
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


def _record_text_cuts(cleaned: Cleaned, cuts: Sequence[TextCut], raw: str) -> None:
    """Text-rule cuts, recorded after the walk: a notice naming the original publisher
    outranks a title suffix naming it."""
    for cut in cuts:
        rule = cut.rule
        action = rule.action if isinstance(rule, Rule) else "removed"
        cleaned.removals.append(
            Removal(rule.name, rule.kind, action, cut.start, cut.end, raw[cut.start : cut.end])
        )
        if isinstance(rule, Rule) and cut.match is not None:
            record(cleaned, rule, cut.match, raw)
