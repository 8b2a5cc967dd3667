"""Hostile text: every adapter's rules run in bounded time on adversarial inputs (issue 5).

Inputs are generated from the patterns themselves: every compiled pattern an adapter runs
(signals, line, span, title and text rules, the shared rule sets) is parsed, and for each
repeat it contains (`*`, `+`, `{n,}` and bounds of 20 or more) we build long runs of what
it repeats: its characters, each character class's members mixed, one sample of its body,
and the text that leads into it followed by its body ('<script> PARSELY = {a' over and
over), so a pattern that rescans a run from every start, or backtracks over it, shows.

Bounded time is checked without timing normal code: each input runs under a generous
watchdog (SIGALRM) on inputs that take well under a second, so catastrophic backtracking
fails clearly, naming the pattern and input, instead of hanging CI.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest

from newsnorm.transforms.adapters import rulesets
from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Document
from newsnorm.transforms.rules import Rule, Signal
from tests_support import watchdog

ADAPTERS = load_adapters(include_plugins=False)
T = TypeVar("T")
BODY = (
    "The council voted on Tuesday to approve the new budget, which raises spending on schools "
    "and roads by a modest amount.\n\nOfficials said the plan would take effect next year after "
    "a final review by the state auditor and the governor.\n"
)
# Pattern runs: long enough that rescanning from every start (quadratic) takes minutes,
# short enough that a linear scan takes milliseconds.
RUN = 100_000
MEGABYTE = 1_000_000
# Each adapter's documents: half a megabyte, where a quadratic scan still takes minutes (far
# past the watchdog) and a linear one a second; 1 MB each doubled the suite's longest file.
ADAPTER_DOCUMENT = MEGABYTE // 2
PATTERN_WATCHDOG = 10.0  # seconds, for inputs that take well under 0.1 s
DOCUMENT_WATCHDOG = 30.0  # seconds, for documents of up to 1 MB that take one or two
MIN_REPEAT = 20  # bounded repeats below this cannot blow up

# --- the watchdog --------------------------------------------------------------------------


def test_the_watchdog_stops_catastrophic_backtracking() -> None:
    evil = re.compile(r"(?:a+)+$")
    with pytest.raises(pytest.fail.Exception, match="catastrophic"), watchdog(1, "(a+)+$"):
        evil.match("a" * 64 + "!")


# --- inputs from a pattern's parse tree ----------------------------------------------------

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_CANDIDATES = " aA1.-,'\"(:)/&|\n"
_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    sre.CATEGORY_DIGIT: str.isdigit,
    sre.CATEGORY_NOT_DIGIT: lambda char: not char.isdigit(),
    sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_NOT_SPACE: lambda char: not char.isspace(),
    sre.CATEGORY_WORD: lambda char: char.isalnum() or char == "_",
    sre.CATEGORY_NOT_WORD: lambda char: not (char.isalnum() or char == "_"),
    sre.CATEGORY_LINEBREAK: lambda char: char == "\n",
    sre.CATEGORY_NOT_LINEBREAK: lambda char: char != "\n",
}

Tree = Any  # re._parser.SubPattern or a list of (opcode, argument) pairs


def _in_class(items: list[tuple[Any, Any]], char: str) -> bool:
    negate, hit = False, False
    for op, arg in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            hit |= ord(char) == arg
        elif op is sre.RANGE:
            hit |= arg[0] <= ord(char) <= arg[1]
        elif op is sre.CATEGORY:
            hit |= _CATEGORIES.get(arg, lambda _: False)(char)
    return hit != negate


def _chars(op: Any, arg: Any) -> list[str]:
    """Characters one single-character node matches (a few representatives)."""
    if op is sre.LITERAL:
        return [chr(arg)]
    if op is sre.NOT_LITERAL:
        return [char for char in _CANDIDATES if ord(char) != arg][:2]
    if op is sre.ANY:
        return ["a", " "]
    if op is sre.IN:
        return [char for char in _CANDIDATES if _in_class(arg, char)]
    return []


def _sample(tree: Tree, copies: int, pick: int = 0) -> str:
    """A string shaped like `tree`: repeats give `copies` copies (within their bounds),
    alternations their `pick`-th branch; anchors and lookarounds are left out."""
    out: list[str] = []
    for op, arg in tree:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            out.append((_chars(op, arg) or ["a"])[0])
        elif op is sre.BRANCH:
            out.append(_sample(arg[1][pick % len(arg[1])], copies, pick))
        elif op is sre.SUBPATTERN:
            out.append(_sample(arg[3], copies, pick))
        elif op is sre.ATOMIC_GROUP:
            out.append(_sample(arg, copies, pick))
        elif op in _REPEATS:
            low, high, body = arg
            out.append(_sample(body, copies, pick) * max(low, min(high, copies)))
    return "".join(out)


def _led_in(tree: Tree, prefix: str = "") -> Iterator[str]:
    """For each long repeat: the text leading into it, then one copy of its body."""
    items = list(tree)
    for index, (op, arg) in enumerate(items):
        head = prefix + _sample(items[:index], 1)
        if op in _REPEATS:
            if arg[1] >= MIN_REPEAT:
                yield from (head + _sample(arg[2], 1, pick) for pick in range(3))
            yield from _led_in(arg[2], head)
        elif op is sre.BRANCH:
            for branch in arg[1]:
                yield from _led_in(branch, head)
        elif op is sre.SUBPATTERN:
            yield from _led_in(arg[3], head)
        elif op is sre.ATOMIC_GROUP:
            yield from _led_in(arg, head)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _led_in(arg[1], head)


def _long_repeats(tree: Tree) -> Iterator[Tree]:
    for op, arg in tree:
        if op in _REPEATS:
            if arg[1] >= MIN_REPEAT:
                yield arg[2]
            yield from _long_repeats(arg[2])
        elif op is sre.BRANCH:
            for branch in arg[1]:
                yield from _long_repeats(branch)
        elif op is sre.SUBPATTERN:
            yield from _long_repeats(arg[3])
        elif op is sre.ATOMIC_GROUP:
            yield from _long_repeats(arg)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _long_repeats(arg[1])


def hostile_units(pattern: re.Pattern[str]) -> list[str]:
    """The pieces whose long runs attack `pattern`, sorted (deterministic)."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    units: set[str] = set()
    for body in _long_repeats(tree):
        units.update(_sample(body, 1, pick) for pick in range(3))
        for op, arg in body:
            chars = _chars(op, arg)
            units.update(chars)
            units.add("".join(chars))  # a class's members mixed: 'aA1.-' for [\w.-]
    units.update(_sample(tree, 2, pick) for pick in range(3))
    units.update(_led_in(tree))
    return sorted(unit for unit in units if unit)


def attempt(call: Callable[[], T]) -> T | DocumentRejected:
    try:
        return call()
    except DocumentRejected as rejection:
        return rejection


def run_of(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


# --- what each adapter runs, and how the engine runs it --------------------------------------


@dataclass(frozen=True)
class Use:
    """A compiled pattern and the way the engine applies it."""

    owner: str
    name: str
    how: str  # "search" (signals, over the document), "fullmatch" (line rules), "finditer"
    compiled: re.Pattern[str]

    def run(self, text: str) -> None:
        if self.how == "search":
            self.compiled.search(text)
        elif self.how == "fullmatch":
            self.compiled.fullmatch(text)
        else:
            for _ in self.compiled.finditer(text):
                pass


def _uses(owner: str, items: object, how: str) -> list[Use]:
    assert isinstance(items, tuple)
    return [Use(owner, item.name, how, item.compiled) for item in items]


SHARED_LINE = (*rulesets.SHARED_LINE_RULES, *rulesets.RSS_MIRROR_CHROME)
SHARED_SPAN = rulesets.SHARED_SPAN_RULES


def adapter_uses(adapter: SourceAdapter) -> list[Use]:
    """The adapter's own patterns (the shared rule sets are checked once, below)."""
    cls = type(adapter)
    own_line = tuple(rule for rule in getattr(cls, "line_rules", ()) if rule not in SHARED_LINE)
    own_span = tuple(rule for rule in getattr(cls, "span_rules", ()) if rule not in SHARED_SPAN)
    return [
        *_uses(adapter.name, getattr(cls, "signals", ()), "search"),
        *_uses(adapter.name, own_line, "fullmatch"),
        *_uses(adapter.name, own_span, "finditer"),
        *_uses(adapter.name, getattr(cls, "title_rules", ()), "finditer"),
        *_uses(adapter.name, getattr(cls, "text_rules", ()), "finditer"),
    ]


SHARED_USES = [
    *_uses("shared", SHARED_LINE, "fullmatch"),
    *_uses("shared", SHARED_SPAN, "finditer"),
]
USE_SETS = {adapter.name: adapter_uses(adapter) for adapter in ADAPTERS} | {"shared": SHARED_USES}
SHARED_SPREAD = 12  # shared patterns whose worst inputs each other adapter's documents hold
assert "generic" in USE_SETS, "the generic adapter carries every shared pattern's documents"
# Every rule and signal of every adapter is covered, by its own set or the shared one.
_COVERED = {use.compiled for uses in USE_SETS.values() for use in uses}
for _adapter in ADAPTERS:
    for _attr in ("signals", "line_rules", "span_rules", "title_rules", "text_rules"):
        for _item in getattr(type(_adapter), _attr, ()):
            assert isinstance(_item, Rule | Signal)
            assert _item.compiled in _COVERED, (_adapter.name, _item.name)


@pytest.mark.reliability
@pytest.mark.parametrize("owner", sorted(USE_SETS))
def test_patterns_stay_linear_on_runs_of_what_they_repeat(owner: str) -> None:
    uses = USE_SETS[owner]
    assert uses, f"{owner} has no patterns to check"
    inputs = 0
    for use in uses:
        units = hostile_units(use.compiled)
        assert units, f"no hostile input generated for {owner}/{use.name}"
        for unit in units:
            run = run_of(unit, RUN)
            # A bare run, a run a pattern cannot end on, and a run between line breaks.
            for text in (run, run + "~", "\n" + run + "\n"):
                inputs += 1
                what = f"{owner}/{use.name} ({use.how}) on {len(text):,} chars of {unit[:40]!r}"
                with watchdog(PATTERN_WATCHDOG, what):
                    use.run(text)
    assert inputs >= 3 * len(uses)


# --- whole documents with 1 MB lines through every adapter -------------------------------


def _spread(units: list[T], count: int) -> list[T]:
    step = max(1, len(units) // count)
    return units[::step][:count]


def _matching_samples(uses: list[Use], how: str) -> list[str]:
    """Samples of the patterns used `how` that those patterns match: text they cut."""
    samples = []
    for use in uses:
        if use.how != how:
            continue
        for pick in range(3):
            sample = _sample(sre_parse.parse(use.compiled.pattern, use.compiled.flags), 1, pick)
            sample = sample.strip()
            if sample and "\n" not in sample and use.compiled.fullmatch(sample):
                samples.append(sample)
    return sorted(set(samples))


def _lines_of(samples: list[str], size: int) -> str:
    lines: list[str] = []
    total = 0
    while total < size:
        for sample in samples:
            lines.append(sample + ("\n" if len(lines) % 3 else "\n \n\n"))
            total += len(lines[-1])
    return "".join(lines)


def hostile_documents(uses: list[Use]) -> Iterator[tuple[str, str]]:
    """An article around: a half-megabyte line of 4 KB runs of many hostile units, then a
    long run of what a span rule cuts (thousands of cuts in one line); 125 KB of short
    hostile lines and blank-line runs; ~0.5 MB of lines the line rules remove."""
    units = sorted({unit for use in uses for unit in hostile_units(use.compiled)})
    line = "".join(run_of(unit, 4_000) for unit in _spread(units, 125))
    # The shortest cut, so the most cuts (tens of thousands).
    cut = min(_matching_samples(uses, "finditer"), key=len, default="~")
    line = line[: ADAPTER_DOCUMENT // 2] + run_of(cut + " ", ADAPTER_DOCUMENT // 2)
    yield "long line", "Storm Hits Coast\n\n" + line + "\n\n" + BODY
    short = [unit.strip() for unit in units if 0 < len(unit.strip()) < 200]
    yield "short lines", "Storm Hits Coast\n\n" + _lines_of(short, ADAPTER_DOCUMENT // 4) + BODY
    removed = _matching_samples(uses, "fullmatch")
    if removed:
        text = "Storm Hits Coast\n\n" + _lines_of(removed, ADAPTER_DOCUMENT) + BODY
        yield "removed lines", text


def document_uses(adapter: SourceAdapter) -> list[Use]:
    """The generic adapter's documents hold what every shared rule is worst on; another
    adapter's hold its own rules' worst inputs and a spread of the shared ones (the shared
    rules run the same code in every adapter: all of them in each, three times over, were
    most of this file's time)."""
    if adapter.name == "generic":
        return [*USE_SETS[adapter.name], *SHARED_USES]
    return [*USE_SETS[adapter.name], *_spread(SHARED_USES, SHARED_SPREAD)]


@pytest.mark.reliability
@pytest.mark.parametrize("adapter", ADAPTERS, ids=[adapter.name for adapter in ADAPTERS])
def test_every_adapter_cleans_large_hostile_documents(adapter: SourceAdapter) -> None:
    uses = document_uses(adapter)
    for label, text in hostile_documents(uses):
        document = Document.from_text(text)
        with watchdog(DOCUMENT_WATCHDOG, f"{adapter.name} on {label}"):
            evidence = adapter.detect(document)
            article = attempt(lambda: adapter.clean(document))  # noqa: B023 (called at once)
        if isinstance(article, DocumentRejected):
            assert article.code in {"no_article", "listing"}
            continue
        assert all(item.weight > 0 for item in evidence)
        for removal in article.removals:
            assert text[removal.start : removal.end] == removal.text


# Runs the issue names, through the whole pipeline (detection by every adapter, cleaning by
# the winner): each a 1 MB line or a 1 MB block of lines inside an article.
PIPELINE_RUNS = {
    "spaces": " " * MEGABYTE,
    "word-and-dot": "Loading..." * (MEGABYTE // 10),
    "related-promos": "Text. (RELATED: Storm Hits Coast) " * (MEGABYTE // 34),
    "by-repeated": "By " * (MEGABYTE // 3),
    "blank-line-runs": "\n  \t \u200b\n" * (MEGABYTE // 8),
    # As the first line, where title rules and title-position text rules look.
    "title-spaces": "Storm" + " " * MEGABYTE + "Hits - The Center Square",
}


@pytest.mark.reliability
@pytest.mark.parametrize("name", sorted(PIPELINE_RUNS))
def test_pipeline_on_megabyte_runs(name: str) -> None:
    run = PIPELINE_RUNS[name]
    head = run if name.startswith("title-") else "Storm Hits Coast\n\nBy Jake Smith\n\n" + run
    text = head + "\n\n" + BODY
    with watchdog(DOCUMENT_WATCHDOG, f"process_text on a 1 MB run of {name}"):
        article = attempt(lambda: process_text(text, ADAPTERS))
    if isinstance(article, DocumentRejected):
        assert article.code in {"no_article", "listing"}
        return
    assert article.title
    for removal in article.removals:
        assert text[removal.start : removal.end] == removal.text
