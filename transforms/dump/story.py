"""The story inside a whole-page text dump: keep it, drop the page around it, find its title.

Runs in the text path after the adapters (their rules have cut and recorded notices,
bylines and cruft), on the units they kept. A two-stage line model (`model.py`) scores each
unit; units it calls chrome are dropped as `page_chrome`, each removal's rule naming the
features that decided (`outside-story:short_run,above_story_30`). The title is the
candidate above the story's start that the title model ranks first (`title_guessed`).
Captures that do not look like a page (few lines, no run of menu-like lines) keep the
adapters' paragraphs; only their first line is checked (`headline.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsnorm.transforms.dump.context import (
    context_features,
    story_start,
    title_candidates,
    title_text,
)
from newsnorm.transforms.dump.features import SHORT_WORDS, unit_features
from newsnorm.transforms.dump.headline import check_headline
from newsnorm.transforms.dump.model import LineModel, Scored, line_model
from newsnorm.transforms.dump.units import Unit, align_units
from newsnorm.transforms.records import Article, Removal
from newsnorm.transforms.text import count_words, normalize_text

RULE = "outside-story"
KIND = "page_chrome"
WARNING = "title_guessed"
# A page dump has at least this many units and a run of this many short ones (a menu).
MIN_UNITS = 15
MIN_MENU_RUN = 4
# The probability a unit above the headline needs to stay (out of fold on the tuning part,
# a bar of 0.3 kept 0.004 more recall than dropping all of them, for 0.002 of precision).
ABOVE_TITLE = 0.3
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*$")
# A kept line of at most this many words goes when a copy of it elsewhere was dropped.
_COPY_WORDS = 12
# Below this many body words the stage gives the adapters' article back unchanged.
MIN_KEPT_WORDS = 15
# The second stage's features that are the first stage's verdicts (context.CONTEXT_FEATURES).
_FIRST = "first_stage"


def find_story(text: str, article: Article, model: LineModel | None = None) -> Article:
    """The article with the page around its story dropped and its title recovered."""
    units = align_units(text, article)
    if units is None:
        return article
    if not looks_like_page(units):
        return check_headline(text, article, units)
    model = model or line_model()
    return apply_verdicts(text, article, _verdicts(units, model), model.threshold)


@dataclass(frozen=True, slots=True)
class Verdicts:
    """The model's reading of a page: its units, each unit's second-stage verdict and the
    unit it takes for the headline."""

    units: list[Unit]
    second: list[Scored]
    title: int
    start: int


def page_verdicts(text: str, article: Article, model: LineModel) -> Verdicts | None:
    """The model's verdicts on the article's units; None when it is not a page."""
    units = align_units(text, article)
    if units is None or not looks_like_page(units):
        return None
    return _verdicts(units, model)


def _verdicts(units: list[Unit], model: LineModel) -> Verdicts:
    rows = unit_features(units, model.lexicon)
    first_scored = [model.first.score(row) for row in rows]
    first = [scored.probability for scored in first_scored]
    second = [
        _merged(model.second.score(row), own)
        for row, own in zip(context_features(units, rows, first), first_scored, strict=True)
    ]
    start = story_start(units, first)
    return Verdicts(units, second, _title_index(units, first, start, model), start)


def apply_verdicts(text: str, article: Article, verdicts: Verdicts, threshold: float) -> Article:
    """The article with the units under `threshold` dropped and the headline as its title
    (the bench sweeps `threshold` over one set of verdicts)."""
    units, second, title = verdicts.units, verdicts.second, verdicts.title
    # The page shows its headline above its story: what stands above it is most likely the
    # page's, so it needs a higher probability to stay (unless the headline was found inside
    # the story's block). A bar, not a cut: a story that starts above a wrong headline stays.
    above = title if title < verdicts.start else 0
    # A title found inside the story's block that ends a sentence is a line of the story
    # too: title recovery never eats a body paragraph.
    inside = title >= verdicts.start and bool(_SENTENCE_END.search(units[title].text))
    kept = [
        index
        for index in range(len(units))
        if (index != title or inside)
        and second[index].probability
        >= (max(threshold, ABOVE_TITLE) if index < above else threshold)
    ]
    kept = _without_dropped_copies(units, kept, title)
    paragraphs = tuple(units[index].text for index in kept)
    if sum(map(count_words, paragraphs)) < MIN_KEPT_WORDS:
        return article
    dropped = [index for index in range(len(units)) if index != title and index not in kept]
    removals = [
        *article.removals,
        *(
            removal
            for index in dropped
            for removal in _removals(text, units[index], second[index], article.removals)
        ),
    ]
    return replace(
        article,
        title=normalize_text(title_text(units[title].text)),
        paragraphs=paragraphs,
        removals=tuple(sorted(removals, key=lambda removal: removal.start)),
        warnings=tuple(dict.fromkeys((*article.warnings, WARNING))),
    )


def looks_like_page(units: list[Unit]) -> bool:
    """A whole page has many lines and somewhere a run of short, menu-like ones."""
    if len(units) < MIN_UNITS:
        return False
    run = 0
    for unit in units:
        run = run + 1 if len(unit.text.split()) <= SHORT_WORDS else 0
        if run >= MIN_MENU_RUN:
            return True
    return False


def _merged(second: Scored, first: Scored) -> Scored:
    """The second stage's verdict, its pushes through the first stage's verdicts replaced by
    what pushed the first stage: a reason names a feature of the line or of its place."""
    pushes = {name: push for name, push in second.pushes.items() if not name.startswith(_FIRST)}
    for name, push in first.pushes.items():
        pushes[name] = pushes.get(name, 0.0) + push
    return Scored(second.probability, pushes)


def _title_index(units: list[Unit], first: list[float], start: int, model: LineModel) -> int:
    candidates = title_candidates(units, first, start)
    if not candidates:
        return 0
    scored = [(model.title.score(row).probability, -index, index) for index, row in candidates]
    return max(scored)[2]


def _without_dropped_copies(units: list[Unit], kept: list[int], title: int) -> list[int]:
    """A short line the page shows again where the model dropped it (a rail's headline at
    the top and at the bottom) is the page's in both places. A sentence is spared: a
    page repeats its story's first sentence as a teaser."""
    kept_set = set(kept)
    dropped = {
        units[index].text.casefold()
        for index in range(len(units))
        if index != title and index not in kept_set
    }
    return [
        index
        for index in kept
        if len(units[index].text.split()) > _COPY_WORDS
        or _SENTENCE_END.search(units[index].text)
        or units[index].text.casefold() not in dropped
    ]


def _removals(
    text: str, unit: Unit, scored: Scored, existing: tuple[Removal, ...]
) -> list[Removal]:
    """The unit's text as removals, around what earlier rules already cut inside it."""
    rule = f"{RULE}:{','.join(scored.reasons())}" if scored.reasons() else RULE
    inside = sorted(
        (removal.start, removal.end)
        for removal in existing
        if removal.start < unit.end and removal.end > unit.start
    )
    pieces: list[tuple[int, int]] = []
    position = unit.start
    for start, end in inside:
        if start > position:
            pieces.append((position, start))
        position = max(position, end)
    if position < unit.end:
        pieces.append((position, unit.end))
    found: list[Removal] = []
    for start, end in pieces:
        segment = text[start:end]
        stripped = segment.strip()
        if not stripped:
            continue
        start += len(segment) - len(segment.lstrip())
        found.append(Removal(rule, KIND, "removed", start, start + len(stripped), stripped))
    return found
