"""The story inside a whole-page text dump: keep it, drop the page around it, find its title.

Runs in the text path after the adapters (their rules have cut and recorded notices,
bylines and cruft), on the units they kept. A two-stage line model (`model.py`) scores each
unit; units it calls chrome are dropped as `page_chrome`, each removal's rule naming the
features that decided (`outside-story:short_run,above_story_30`). The title is the
candidate above the story's start that the title model ranks first (`title_guessed`).
Captures that do not look like a page (few lines, no run of menu-like lines) are left as
the adapters made them.
"""

from __future__ import annotations

from dataclasses import replace

from newsnorm.transforms.dump.context import (
    context_features,
    story_start,
    title_candidates,
    title_text,
)
from newsnorm.transforms.dump.features import SHORT_WORDS, unit_features
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
# Below this many body words the stage gives the adapters' article back unchanged.
MIN_KEPT_WORDS = 15
# The second stage's features that are the first stage's verdicts (context.CONTEXT_FEATURES).
_FIRST = "first_stage"


def find_story(text: str, article: Article, model: LineModel | None = None) -> Article:
    """The article with the page around its story dropped and its title recovered."""
    units = align_units(text, article)
    if units is None or not looks_like_page(units):
        return article
    model = model or line_model()
    rows = unit_features(units, model.lexicon)
    first_scored = [model.first.score(row) for row in rows]
    first = [scored.probability for scored in first_scored]
    second = [
        _merged(model.second.score(row), own)
        for row, own in zip(context_features(units, rows, first), first_scored, strict=True)
    ]
    title = _title_index(units, first, model)
    # The page shows its headline above its story: what stands above it is the page's.
    kept = [
        index
        for index in range(title + 1, len(units))
        if second[index].probability >= model.threshold
    ]
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


def _title_index(units: list[Unit], first: list[float], model: LineModel) -> int:
    start = story_start(units, first, model.threshold)
    candidates = title_candidates(units, first, start)
    if not candidates:
        return 0
    scored = [(model.title.score(row).probability, -index, index) for index, row in candidates]
    return max(scored)[2]


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
