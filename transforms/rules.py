"""Declarative cleaning rules: a named, kinded pattern that removes or moves text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import _constants, _parser  # type: ignore[attr-defined]  # the stdlib's regex parser
from typing import Any, Literal

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
    # Texts one of which every match contains (none when the pattern has none worth
    # testing), lower-cased when the pattern ignores case: substring tests that rule most
    # documents out before the regex runs (detection runs every adapter's signals).
    required: tuple[str, ...] = field(init=False, repr=False, compare=False)
    required_caseless: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        flags = re.MULTILINE | (re.IGNORECASE if self.ignore_case else 0)
        try:
            compiled = re.compile(self.pattern, flags)
        except re.error as err:
            raise AdapterError(f"signal {self.name!r}: bad pattern: {err}") from err
        object.__setattr__(self, "compiled", compiled)
        required, caseless = required_literals(compiled)
        object.__setattr__(self, "required", required)
        object.__setattr__(self, "required_caseless", caseless)

    def search(
        self, folded: str, caseless: str, tested: dict[tuple[object, ...], bool] | None = None
    ) -> bool:
        """Whether the pattern occurs in `folded`; `caseless` is `caseless_text(folded)`.
        `tested` remembers pre-tests across signals sharing alternatives (a list of outlets)."""
        if self.required:
            haystack = caseless if self.required_caseless else folded
            key = (self.required_caseless, *self.required)
            present = tested.get(key) if tested is not None else None
            if present is None:
                present = any(text in haystack for text in self.required)
                if tested is not None:
                    tested[key] = present
            if not present:
                return False
        return self.compiled.search(folded) is not None


# Non-ASCII characters that Python's case-insensitive matching equates with ASCII letters.
_CASELESS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})
_MIN_REQUIRED = 3


def caseless_text(text: str) -> str:
    """`text` lower-cased so that an ASCII literal a case-insensitive pattern must match
    is a substring of it whenever the pattern matches."""
    return text.translate(_CASELESS).lower()


def required_literals(compiled: re.Pattern[str]) -> tuple[tuple[str, ...], bool]:
    """Texts of which every match of `compiled` contains at least one (ASCII literal runs,
    one per alternative of a branch), and whether they are lower-cased (the pattern
    ignores case); ((), False) when the pattern has none worth testing.

    Only parts every match must pass through count: the top-level sequence, groups,
    repeats of at least one, and branches whose every alternative has one; optional
    parts and lookarounds end a run.
    """
    parsed = _parser.parse(compiled.pattern, compiled.flags)
    caseless = bool(parsed.state.flags & re.IGNORECASE)
    options = _requirements(list(parsed))
    best = max(options, key=lambda option: min(map(len, option)), default=())
    if not best or min(map(len, best)) < _MIN_REQUIRED:
        return (), False
    if caseless:
        return tuple(dict.fromkeys(text.lower() for text in best)), True
    return best, False


def _requirements(items: list[tuple[Any, Any]]) -> list[tuple[str, ...]]:
    """Each a tuple of texts one of which every match of `items` contains."""
    found: list[tuple[str, ...]] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            found.append(("".join(current),))
            current.clear()

    for op, value in items:
        if op is _constants.LITERAL and isinstance(value, int) and value < 128:
            current.append(chr(value))
            continue
        flush()
        if op is _constants.SUBPATTERN:
            _group, add_flags, del_flags, inner = value
            if not add_flags and not del_flags:
                found.extend(_requirements(list(inner)))
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
            low, _high, inner = value
            if low >= 1:
                found.extend(_requirements(list(inner)))
        elif op is _constants.ATOMIC_GROUP:
            found.extend(_requirements(list(value)))
        elif op is _constants.BRANCH:
            _none, branches = value
            chosen: list[str] = []
            for branch in branches:
                options = _requirements(list(branch))
                if not options:
                    break
                chosen.extend(max(options, key=lambda option: min(map(len, option))))
            else:
                found.append(tuple(dict.fromkeys(chosen)))
    flush()
    return found
