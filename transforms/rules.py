"""Declarative cleaning rules: a named, kinded pattern that removes or moves text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from transforms.errors import AdapterError

Zone = Literal["any", "head"]
# Fields a rule may move its match to; anything else is a typo caught at import.
MOVABLE_FIELDS = frozenset({"byline", "published", "related", "credit", "caption", "dateline"})
# Named groups a pattern may use to capture provenance, whatever it moves.
CAPTURE_GROUPS = frozenset({"value", "publisher", "url", "copublisher", "place", "agency"})


@dataclass(frozen=True, slots=True)
class Rule:
    """A cleaning rule. Patterns see folded text (ASCII quotes and dashes, see text.py).

    As a line rule it must match a whole line (`fullmatch`, surrounding spaces
    ignored); as a span rule it removes each match inside a line (`^` and `$` anchor
    to that line). `move_to` moves the match (its `value` group when present) to a
    field instead of dropping it. Groups named `publisher`, `url`, `copublisher`,
    `place` and `agency` record provenance (a notice naming its source). `zone="head"`
    limits a rule to the lines above and including the first kept body line.
    `evidence` > 0 makes the rule's firing count as evidence for the syndicator.
    `claims_above` re-labels the kept line above: "caption" for a photo credit (the
    line directly above), "byline" for a lone affiliation line (a blank line may sit
    between: 'Jake Smith' / 'Daily Caller News Foundation').
    """

    name: str
    kind: str
    pattern: str
    move_to: str | None = None
    zone: Zone = "any"
    ignore_case: bool = False
    evidence: float = 0.0
    claims_above: Literal["caption", "byline"] | None = None
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.move_to is not None and self.move_to not in MOVABLE_FIELDS:
            raise AdapterError(f"rule {self.name!r}: cannot move to unknown field {self.move_to!r}")
        flags = re.MULTILINE | (re.IGNORECASE if self.ignore_case else 0)
        try:
            compiled = re.compile(self.pattern, flags)
        except re.error as err:
            raise AdapterError(f"rule {self.name!r}: bad pattern: {err}") from err
        if unknown := set(compiled.groupindex) - CAPTURE_GROUPS:
            raise AdapterError(f"rule {self.name!r}: unknown named groups {sorted(unknown)}")
        object.__setattr__(self, "compiled", compiled)

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
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        flags = re.MULTILINE | (re.IGNORECASE if self.ignore_case else 0)
        try:
            object.__setattr__(self, "compiled", re.compile(self.pattern, flags))
        except re.error as err:
            raise AdapterError(f"signal {self.name!r}: bad pattern: {err}") from err
