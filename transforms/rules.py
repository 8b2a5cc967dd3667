"""Declarative cleaning rules: a named, kinded pattern that removes or moves text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from transforms.errors import AdapterError

Zone = Literal["any", "head"]
# Fields a rule may move its match to; anything else is a typo caught at import.
MOVABLE_FIELDS = frozenset({"byline", "published", "related"})


@dataclass(frozen=True, slots=True)
class Rule:
    """A cleaning rule. Patterns see folded text (ASCII quotes and dashes, see text.py).

    As a line rule it must match a whole line (`fullmatch`, surrounding spaces
    ignored); as a span rule it removes each match inside a line. `move_to` moves
    the match (its `value` group when present) to a field instead of dropping it.
    `zone="head"` limits a line rule to the lines above the first kept body line.
    """

    name: str
    kind: str
    pattern: str
    move_to: str | None = None
    zone: Zone = "any"
    ignore_case: bool = False
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.move_to is not None and self.move_to not in MOVABLE_FIELDS:
            raise AdapterError(f"rule {self.name!r}: cannot move to unknown field {self.move_to!r}")
        try:
            compiled = re.compile(self.pattern, re.IGNORECASE if self.ignore_case else 0)
        except re.error as err:
            raise AdapterError(f"rule {self.name!r}: bad pattern: {err}") from err
        object.__setattr__(self, "compiled", compiled)

    @property
    def action(self) -> Literal["removed", "moved"]:
        return "removed" if self.move_to is None else "moved"

    def value_of(self, match: re.Match[str], raw: str) -> str:
        """The moved value, read from the raw text so typographic quotes survive."""
        group = "value" if "value" in self.compiled.groupindex else 0
        start, end = match.span(group)
        return raw[start:end]
