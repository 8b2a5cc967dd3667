"""Declarative cleaning rules: a named, kinded pattern that removes or moves text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from newsnorm.transforms.errors import AdapterError
from newsnorm.transforms.lineends import allow_trailing_blanks
from newsnorm.transforms.linestarts import LineStarts, line_starts_of
from newsnorm.transforms.literalgate import Gate
from newsnorm.transforms.literals import (
    Prefilter,
    Tested,
    caseless_text,
    prefilter_of,
    required_literals,
)

__all__ = ["BlockRule", "Rule", "RuleSet", "Signal", "caseless_text", "required_literals"]

# "head": above and including the first kept body line; "title": only while no headline has
# been kept (the line that would be the headline, or lines above it).
Zone = Literal["any", "head", "title"]
# Fields a rule may move its match to; anything else is a typo caught at import.
# "embed" moves a flattened embedded post to `Article.embeds`, its kind the rule's kind and its
# `url` group the post's address (not the original's).
MOVABLE_FIELDS = frozenset(
    {"byline", "published", "related", "credit", "caption", "dateline", "embed"}
)
# Named groups a pattern may use to capture provenance, whatever it moves.
CAPTURE_GROUPS = frozenset({"value", "publisher", "url", "copublisher", "place", "agency"})


@dataclass(frozen=True, slots=True)
class Rule:
    """A cleaning rule. Patterns see folded text (ASCII quotes and dashes, see text.py);
    `$` matches at a line's end before any trailing blanks (a CRLF line end folds to ' \\n').

    As a line rule it must match a whole line (`fullmatch`, surrounding spaces
    ignored); as a span rule it removes each match inside a line (`^` and `$` anchor
    to that line); as a text rule it is searched over the whole text, across lines, and
    cuts its `value` group (else the match). `move_to` moves the match (its `value`
    group when present) to a field instead of dropping it. Groups named `publisher`,
    `url`, `copublisher`, `place` and `agency` record provenance (a notice naming its
    source). `zone="head"` limits a rule to the lines above and including the first kept
    body line, `zone="title"` to the lines before a headline is kept. `evidence` > 0
    makes the rule's firing count as evidence for the syndicator.

    Neighbours (line rules): `claims_above` re-labels the kept line above: "caption" for
    a photo credit (the line directly above), "byline" for a lone affiliation line (a
    blank line may sit between: 'Jake Smith' / 'Daily Caller News Foundation'; a line
    the rule moves elsewhere, a date, is not added to that byline). `after` limits the
    rule to the first line kept after a line that the rule so named cut (the caption
    below a photo credit); `before` holds the rule back until the next kept line is
    known, and fires only when that line matches `before` from its start (a caption
    above a headline). `line_break` records a removed line with its line break.
    `tight` (span rules) leaves no space where a cut stood before punctuation ('click
    here, opens new tab.' → 'click here.'). `pretest=False` skips the document-wide
    literal pre-test (see the field).
    """

    name: str
    kind: str
    pattern: str
    move_to: str | None = None
    zone: Zone = "any"
    ignore_case: bool = False
    evidence: float = 0.0
    claims_above: Literal["caption", "byline"] | None = None
    after: str | None = None
    before: str | None = None
    line_break: bool = False
    tight: bool = False
    # False for a rule whose texts are common words ('Subscribe', 'Most Read', …): a pass over
    # the whole document to pre-test them costs more than the line test it would spare.
    pretest: bool = True
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)
    before_compiled: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    # Texts every match contains: a document holding none of them is spared the rule.
    prefilter: Prefilter = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.move_to is not None and self.move_to not in MOVABLE_FIELDS:
            raise AdapterError(f"rule {self.name!r}: cannot move to unknown field {self.move_to!r}")
        flags = re.MULTILINE | (re.IGNORECASE if self.ignore_case else 0)
        compiled = _compile(f"rule {self.name!r}", self.pattern, flags)
        if unknown := set(compiled.groupindex) - CAPTURE_GROUPS:
            raise AdapterError(f"rule {self.name!r}: unknown named groups {sorted(unknown)}")
        before = None
        if self.before is not None:
            before = _compile(f"rule {self.name!r} (before)", self.before, flags)
        object.__setattr__(self, "compiled", compiled)
        object.__setattr__(self, "before_compiled", before)
        prefilter = prefilter_of(compiled) if self.pretest else Prefilter((), False)
        object.__setattr__(self, "prefilter", prefilter)

    def may_occur(self, folded: str, caseless: str, tested: Tested | None = None) -> bool:
        """False when no match can lie in `folded` (`caseless` is `caseless_text(folded)`)."""
        return self.prefilter.admits(folded, caseless, tested)

    @property
    def action(self) -> Literal["removed", "moved"]:
        return "removed" if self.move_to is None else "moved"

    def value_of(self, match: re.Match[str], raw: str) -> str:
        """The moved value, read from the raw text so typographic quotes survive."""
        return self.group_of(match, raw, "value") or raw[match.start() : match.end()]

    def group_of(self, match: re.Match[str], raw: str, group: str) -> str | None:
        if group not in self.compiled.groupindex or match.start(group) < 0:
            return None
        return raw[match.start(group) : match.end(group)]


@dataclass(frozen=True, slots=True)
class Signal:
    """A detection signal: where `pattern` is found in the folded text, `weight` counts.

    Weights: ~1.0 an explicit notice naming the syndicator; ~0.6 a house artefact
    (logo line, byline affiliation); ~0.3 a tagline or title suffix; ~0.1 a mention
    in the body, which can never decide alone (the threshold is 0.5).
    """

    name: str
    pattern: str
    weight: float
    ignore_case: bool = False
    # Texts one of which every match contains, declared where the pattern's own cannot be
    # read from it (an agency's names after optional parts, 'AP' shorter than a pre-test).
    literals: tuple[str, ...] = ()
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)
    # Texts one of which every match contains (none when the pattern has none worth
    # testing), lower-cased when the pattern ignores case: substring tests that rule most
    # documents out before the regex runs (detection runs every adapter's signals).
    required: tuple[str, ...] = field(init=False, repr=False, compare=False)
    required_caseless: bool = field(init=False, repr=False, compare=False)
    # Every option worth a pre-test (`required` is the most selective one of them).
    prefilter: Prefilter = field(init=False, repr=False, compare=False)
    # For a line-anchored pattern, the line starts near `required`'s texts its matches can
    # start at (tried instead of searching the whole document); None for other patterns.
    starts: LineStarts | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        flags = re.MULTILINE | (re.IGNORECASE if self.ignore_case else 0)
        compiled = _compile(f"signal {self.name!r}", self.pattern, flags)
        object.__setattr__(self, "compiled", compiled)
        required, caseless = required_literals(compiled)
        prefilter = prefilter_of(compiled)
        if self.literals and not required:
            caseless = self.ignore_case
            required = tuple(text.lower() for text in self.literals) if caseless else self.literals
            prefilter = Prefilter((*prefilter.options, required), prefilter.caseless or caseless)
        object.__setattr__(self, "required", required)
        object.__setattr__(self, "required_caseless", caseless)
        object.__setattr__(self, "prefilter", prefilter)
        object.__setattr__(self, "starts", line_starts_of(compiled, required, caseless))

    def search(self, folded: str, caseless: str, tested: Tested | None = None) -> bool:
        """Whether the pattern occurs in `folded`; `caseless` is `caseless_text(folded)`.
        `tested` remembers pre-tests across signals (and adapters) sharing texts."""
        if not self.prefilter.admits(folded, caseless, tested):
            return False
        if self.starts is not None:
            return self.starts.found(self.compiled, folded, caseless, tested)
        return self.compiled.search(folded) is not None


@dataclass(frozen=True, slots=True)
class BlockRule:
    """A block of lines cut as one: from a line matching `start` through the next line
    matching `end` (both whole lines, folded), at most `max_lines` lines in all. With no
    end line within reach nothing is cut, so a block never runs away with the story."""

    name: str
    kind: str
    start: str
    end: str
    max_lines: int = 20
    ignore_case: bool = False
    start_compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)
    end_compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max_lines < 2:
            raise AdapterError(f"block {self.name!r}: a block has at least two lines")
        flags = re.IGNORECASE if self.ignore_case else 0
        start = _compile(f"block {self.name!r} (start)", self.start, flags)
        end = _compile(f"block {self.name!r} (end)", self.end, flags)
        object.__setattr__(self, "start_compiled", start)
        object.__setattr__(self, "end_compiled", end)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Everything the engine applies to one document, by kind (see `Rule`).

    `title_repeats`: "adjacent" drops a headline repeated right below itself;
    "first_paragraph" also drops it when it comes back as the first body line with cut
    or blank lines between (newsletter pages show it again under a sponsor line).
    """

    line_rules: tuple[Rule, ...] = ()
    span_rules: tuple[Rule, ...] = ()
    # Span rules for the title line only (a source suffix an aggregator appended).
    title_rules: tuple[Rule, ...] = ()
    text_rules: tuple[Rule, ...] = ()
    block_rules: tuple[BlockRule, ...] = ()
    title_repeats: Literal["adjacent", "first_paragraph"] = "adjacent"
    # The line, span and title rules' pre-tests indexed by their texts (literalgate).
    gates: tuple[Gate, Gate, Gate] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        gates = tuple(
            Gate([rule.prefilter for rule in rules])
            for rules in (self.line_rules, self.span_rules, self.title_rules)
        )
        object.__setattr__(self, "gates", gates)
        # An option on a rule of a kind that ignores it is a mistake: say so at once.
        for kind, rules, ignored in (
            ("line", self.line_rules, ("tight",)),
            ("span", self.span_rules, _LINE_ONLY),
            ("title", self.title_rules, (*_LINE_ONLY, "tight")),
            ("text", self.text_rules, (*_LINE_ONLY, "tight")),
        ):
            for rule in rules:
                misplaced = [name for name in ignored if getattr(rule, name)]
                # A text rule reads the whole text, not its lines: no zone limits it.
                misplaced += ["zone"] if kind == "text" and rule.zone != "any" else []
                if misplaced:
                    raise AdapterError(f"{kind} rule {rule.name!r}: {misplaced} do not apply")


# Options only a line rule acts on.
_LINE_ONLY = ("claims_above", "after", "before", "line_break")


def _compile(what: str, pattern: str, flags: int) -> re.Pattern[str]:
    """`pattern` compiled with its `$` anchors allowing trailing blanks (lineends.py): a
    line saved with CRLF or with blanks at its end matches as the same line with none."""
    try:
        compiled = re.compile(pattern, flags)  # an error's position points into the author's text
    except re.error as err:
        raise AdapterError(f"{what}: bad pattern: {err}") from err
    rewritten = allow_trailing_blanks(pattern, compiled.flags)
    return compiled if rewritten == pattern else re.compile(rewritten, flags)
