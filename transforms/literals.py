"""Literal pre-tests: texts a pattern's every match contains, tested before the regex runs.

Detection runs every adapter's signals over every document, and the rule engine tries every
rule on every line; a substring test (or one per document, remembered) rules most of them out
far more cheaply than the regex would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import _constants, _parser  # type: ignore[attr-defined]  # the stdlib's regex parser
from typing import Any

from newsnorm.transforms.literalscan import MIN_SCANNED, register
from newsnorm.transforms.literalscan import Tested as Tested

# Non-ASCII characters that Python's case-insensitive matching equates with ASCII letters.
_CASELESS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})
_MIN_REQUIRED = 3
# A pattern without an option that long is pre-tested with shorter ones: one character ('#',
# '\\', '[') rules out a span rule that would otherwise run on every line of every document
# (the Markdown residue rules). Beside a longer option they cost more than they rule out.
_MIN_PRETEST = 1
# An option with more texts than this is tested with one alternation (one pass over the text)
# rather than one substring test per text (a list of 41 outlet names).
_SCAN_AS_ONE = 8


def caseless_text(text: str) -> str:
    """`text` lower-cased so that an ASCII literal a case-insensitive pattern must match
    is a substring of it whenever the pattern matches."""
    return text.translate(_CASELESS).lower()


@dataclass(frozen=True, slots=True)
class Prefilter:
    """Options every match of a pattern satisfies: each is a tuple of texts one of which the
    match contains. Testing them all (most selective first) only ever rules out texts the
    pattern cannot match, never one it can."""

    options: tuple[tuple[str, ...], ...]
    caseless: bool
    # Per option, its test without a document's `Tested`: a text, several, or one alternation.
    tests: tuple[_Test, ...] = field(init=False, repr=False, compare=False)
    # Options a document's scan answers, and the tests of the others: texts shorter than
    # MIN_SCANNED, which occur in most texts and slowed Hyperscan's scan 2.5x.
    scanned: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False)
    unscanned: tuple[_Test, ...] = field(init=False, repr=False, compare=False)
    # The vocabulary version (literalscan) from which a document's scan covers every text.
    version: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tests: list[_Test] = []
        for option in self.options:
            if len(option) == 1:
                tests.append(option[0])
            elif len(option) > _SCAN_AS_ONE:
                tests.append(re.compile("|".join(map(re.escape, option))))
            else:
                tests.append(option)
        object.__setattr__(self, "tests", tuple(tests))
        scanned = [min(map(len, option)) >= MIN_SCANNED for option in self.options]
        kept = tuple(option for option, scan in zip(self.options, scanned, strict=True) if scan)
        unscanned = tuple(test for test, scan in zip(tests, scanned, strict=True) if not scan)
        object.__setattr__(self, "scanned", kept)
        object.__setattr__(self, "unscanned", unscanned)
        texts = [text for option in kept for text in option]
        object.__setattr__(self, "version", register(texts, self.caseless))

    def admits(self, folded: str, caseless: str, tested: Tested | None = None) -> bool:
        """False when the pattern cannot occur in `folded` (`caseless` is its caseless_text).
        With `tested`, the document's texts are looked up in one scan's findings."""
        haystack = caseless if self.caseless else folded
        if tested is not None:
            present = tested.present(haystack, self.caseless, self.version)
            if present is not None:
                # A loop, not all(): no generator frame on a call made ~200 times a document.
                for option in self.scanned:
                    if present.isdisjoint(option):
                        return False
                return _passes(self.unscanned, haystack) if self.unscanned else True
        return _passes(self.tests, haystack)


_Test = str | tuple[str, ...] | re.Pattern[str]


def _passes(tests: tuple[_Test, ...], haystack: str) -> bool:
    """Whether `haystack` holds, for every test, its text, one of its texts, or a match."""
    for test in tests:
        if isinstance(test, str):
            if test not in haystack:
                return False
        elif isinstance(test, tuple):
            if not any(text in haystack for text in test):
                return False
        elif test.search(haystack) is None:
            return False
    return True


def prefilter_of(compiled: re.Pattern[str]) -> Prefilter:
    """Every option worth testing (texts of at least three characters, else of at least
    one), cheapest first: the fewest texts, then the longest shortest text."""
    caseless, options = _options(compiled)
    worthy = {option for option in options if min(map(len, option)) >= _MIN_REQUIRED}
    if not worthy:
        worthy = {option for option in options if min(map(len, option)) >= _MIN_PRETEST}
    ordered = sorted(
        worthy, key=lambda option: (len(option) > _SCAN_AS_ONE, -min(map(len, option)), option)
    )
    return Prefilter(tuple(ordered), caseless)


def required_literals(compiled: re.Pattern[str]) -> tuple[tuple[str, ...], bool]:
    """Texts of which every match of `compiled` contains at least one (ASCII literal runs,
    one per alternative of a branch), and whether they are lower-cased (the pattern
    ignores case); ((), False) when the pattern has none worth testing.

    Only parts every match must pass through count: the top-level sequence, groups,
    repeats of at least one, and branches whose every alternative has one; optional
    parts and lookarounds end a run.
    """
    caseless, options = _options(compiled)
    best = max(options, key=lambda option: min(map(len, option)), default=())
    if not best or min(map(len, best)) < _MIN_REQUIRED:
        return (), False
    return best, caseless


def _options(compiled: re.Pattern[str]) -> tuple[bool, list[tuple[str, ...]]]:
    parsed = _parser.parse(compiled.pattern, compiled.flags)
    caseless = bool(parsed.state.flags & re.IGNORECASE)
    options = _requirements(list(parsed))
    if caseless:
        options = [tuple(dict.fromkeys(text.lower() for text in option)) for option in options]
    return caseless, options


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
        if op is _constants.BRANCH:
            found.extend(_branch_options(value[1], "".join(current)))
            current.clear()
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
    flush()
    return found


def _branch_options(branches: list[Any], before: str) -> list[tuple[str, ...]]:
    """What every match of a branch holds, `before` being the literal run just ahead of it.

    The parser moves the alternatives' common start out of them ('Stateline|States
    Newsroom' -> 'State' + ('line'|'s Newsroom')): where each alternative opens with a
    literal run, the run ahead is put back in front of each (' Stateline', ' States
    Newsroom'), a far more selective option than 'State' and ('line', 's Newsroom').
    """
    found: list[tuple[str, ...]] = []
    leads = _leading_runs(branches) if before else []
    if leads:
        found.append(tuple(dict.fromkeys(before + lead for lead in leads)))
    elif before:
        found.append((before,))
    chosen: list[str] = []
    for branch in branches:
        options = _requirements(list(branch))
        if not options:
            return found
        chosen.extend(max(options, key=lambda option: min(map(len, option))))
    if chosen != leads:  # the alternatives' best texts are not the runs just put together
        found.append(tuple(dict.fromkeys(chosen)))
    return found


def _leading_runs(branches: list[Any]) -> list[str]:
    """Each alternative's opening ASCII literal run; [] when one opens with something else."""
    leads: list[str] = []
    for branch in branches:
        lead = ""
        for op, value in branch:
            if not (op is _constants.LITERAL and isinstance(value, int) and value < 128):
                break
            lead += chr(value)
        if not lead:
            return []
        leads.append(lead)
    return leads
