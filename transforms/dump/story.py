"""The story inside a whole-page text dump: keep it, drop the page around it, find its title.

Runs in the text path after the adapters (their rules have cut and recorded notices,
bylines and cruft), on the units they kept. A two-stage line model (`model.py`) scores each
unit; units it calls chrome are dropped as `page_chrome`, each removal's rule naming the
features that decided (`outside-story:short_run,above_story_30`), and so are units it keeps
that the best story/chrome sequence calls chrome (`sequence.py`, `chrome_run(p=...)`). The
title is the candidate around the story's start that the title model ranks first (`title_guessed`,
`headline.py`), taken as a move of its line: the lines above it go too, a line the model
calls story as `outside-story:above_headline`, and a candidate below story lines the body
keeps is passed over. The byline and date line right below the headline move to the article's
`byline`, `authors` and `published_on` (`meta_lines.py`).
Captures that do not look like a page (`page_gate.py`: no menu, navigation line, scattered
labels or page chrome the shared rules cut) are left as the adapters made them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from newsnorm.transforms.dump import sequence
from newsnorm.transforms.dump.anchor import ANCHOR_FEATURES, Anchor
from newsnorm.transforms.dump.author_box import AUTHOR_BOX, author_boxes, box_end
from newsnorm.transforms.dump.context import context_features, story_block, story_start
from newsnorm.transforms.dump.features import unit_features
from newsnorm.transforms.dump.first_line import check_first_line
from newsnorm.transforms.dump.headline import (
    STORY_ABOVE_PROBABILITY,
    TITLE_FEATURES,
    Candidate,
    choose,
    headline,
    page_candidates,
)
from newsnorm.transforms.dump.meta_lines import MetaLines
from newsnorm.transforms.dump.meta_story import ranked_others, story_meta, with_meta
from newsnorm.transforms.dump.model import Forest, LineModel, Scored, line_model
from newsnorm.transforms.dump.page_gate import looks_like_page
from newsnorm.transforms.dump.repeats import dated_item_starts
from newsnorm.transforms.dump.runs import RUN_FEATURES
from newsnorm.transforms.dump.sections import SECTION_FEATURES
from newsnorm.transforms.dump.story_end import (
    BELOW_STORY_END,
    REPEATED_ITEMS,
    SENTENCE_END,
    cut_headings,
    items_end,
    story_end,
)
from newsnorm.transforms.dump.title_line import overrule
from newsnorm.transforms.dump.title_site import page_names
from newsnorm.transforms.dump.units import Unit, align_units, unit_removals
from newsnorm.transforms.records import Article, Removal
from newsnorm.transforms.text import NormalizedLines, count_words, normalize_text

RULE = "outside-story"
KIND = "page_chrome"
WARNING = "title_guessed"
# What decided the drop of a short kept line shown again where it was dropped.
DROPPED_COPY = "dropped_copy"
# Such a line has at most this many words and does not end a sentence.
_COPY_WORDS = 12
# What decided the drop of a kept line the page shows again further down where the stage drops
# it (a menu, form or promo a page writes twice, for wide and narrow screens): the page's in
# both places. Such a line has at least this many words (a story's short subheading is shown
# again in a list of contents below), the second stage under this probability, and is kept
# once (a listicle repeats its items' labels). Tuning part, out of fold: docs/history/text-dumps.md.
SHOWN_BELOW = "shown_again_below"
_SHOWN_BELOW_WORDS = 6
_SHOWN_BELOW_PROBABILITY = 0.7
# What decided the drop of a line the model calls story: it stands above the headline (the
# ranked one, also when the page's `<title>` overrules it: the lines between stay dropped).
ABOVE_HEADLINE = "above_headline"
# ... and the ranked headline the page's `<title>` overruled (`title_line.overrule`).
OVERRULED = "overruled_headline"
# Below this many body words the stage gives the adapters' article back unchanged.
MIN_KEPT_WORDS = 15
# The second stage's features that are the first stage's verdicts (context.CONTEXT_FEATURES).
_FIRST = "first_stage"
# Where a candidate's row holds the share of its words the story says again.
_SHARE = TITLE_FEATURES.index("story_share")


def find_story(
    text: str,
    article: Article,
    model: LineModel | None = None,
    normalized: NormalizedLines | None = None,
) -> Article:
    """The article with the page around its story dropped and its title recovered;
    `normalized`: the lines of `text` the rule engine normalized (`Document.lines`)."""
    units = align_units(text, article, normalized)
    if units is None:
        return article
    if not looks_like_page(units, article.removals):
        return check_first_line(text, article, units)
    return _page_story(text, article, units, model or line_model())


def _page_story(text: str, article: Article, units: list[Unit], model: LineModel) -> Article:
    """find_story on a page's units."""
    rows = unit_features(units, model.lexicon, model.phrases)
    first_scored = [model.first.score(row) for row in rows]
    first = [scored.probability for scored in first_scored]
    second = _second_stage(units, rows, first_scored, model)
    anchors = _anchors(units, first, second, model)
    anchor = anchors[0]  # the body starts below it
    # A unit the threshold keeps goes when the best story/chrome sequence calls it chrome.
    probabilities = [scored.probability for scored in second]
    runs = sequence.chrome_run_drops(probabilities, sequence.KEEP_THRESHOLD, sequence.SWITCH_COST)
    judged = [0.0 if index in runs else p for index, p in enumerate(probabilities)]
    # The page shows its headline above its story: what stands above it is the page's (a
    # title is a move of one line, and the body keeps the input's order after it).
    kept = [
        index for index in range(anchor + 1, len(units)) if judged[index] >= sequence.KEEP_THRESHOLD
    ]
    kept, marked, end = _page_matter(units, kept, anchor, first, judged, article.removals)
    box = end[0] if end[1] == AUTHOR_BOX else None
    start = story_start(units, first)
    kept, meta = _meta(units, anchors, kept, start, article, box)
    paragraphs = tuple(units[index].text for index in kept)
    if sum(map(count_words, paragraphs)) < MIN_KEPT_WORDS:
        return article
    title = overrule(units, anchor, start, kept)  # OVERRULED: same body
    dropped = [index for index in range(len(units)) if index != title and index not in kept]
    # Where a unit stands decides first (above the headline, past the story's end), then the
    # sequence: the threshold alone would have kept it.
    why = {
        index: _decided(index, anchor, marked, end, probabilities[index] >= sequence.KEEP_THRESHOLD)
        or runs.get(index)
        for index in dropped
    }
    title_text, cuts = headline(text, units[title], article.removals, page_names(units, set(kept)))
    removals = [
        *article.removals,
        *cuts,
        *(
            removal
            for index in dropped
            for removal in (
                unit_removals(text, units[index], article.removals, *meta.moved[index], "moved")
                if index in meta.moved
                else _removals(text, units[index], second[index], article.removals, why[index])
            )
        ),
    ]
    return replace(
        with_meta(article, meta),
        title=normalize_text(title_text),
        paragraphs=paragraphs,
        removals=tuple(sorted(removals, key=lambda removal: removal.start)),
        warnings=tuple(dict.fromkeys((*article.warnings, WARNING))),
    )


def _meta(
    units: list[Unit],
    anchors: list[int],
    kept: list[int],
    start: int,
    article: Article,
    box: int | None,
) -> tuple[list[int], MetaLines]:
    """The kept units without the byline and date line under the headline, and what those
    state, unless the adapters found a byline or a date already (`meta_story.py`); `start`:
    where the first stage's story starts; `box`: the author's box that ends the story, if
    one does."""
    has_date = article.published_at is not None or article.published_on is not None
    meta = story_meta(units, anchors, kept, start, article.byline is not None, has_date, box)
    return [index for index in kept if index not in meta.moved], meta


def _second_stage(
    units: list[Unit], rows: list[list[float]], first: list[Scored], model: LineModel
) -> list[Scored]:
    """The second stage's verdicts (the units' sections, the first pass's headline and runs
    read only by a model fitted on them: `sections.py`, `anchor.py`, `runs.py`; a stand-in
    forest that names no features, as tests and benches give, reads none)."""
    read = getattr(model.second, "features", ())
    probabilities = [scored.probability for scored in first]
    anchor = first_pass(units, probabilities, model) if ANCHOR_FEATURES[0] in read else None
    runs, sections = RUN_FEATURES[0] in read, SECTION_FEATURES[0] in read
    context = context_features(units, rows, probabilities, sections, anchor, runs)
    return [_merged(model.second.score(row), own) for row, own in zip(context, first, strict=True)]


def first_pass(units: list[Unit], first: list[float], model: LineModel) -> Anchor:
    """The headline the title ranker picks with the first stage's verdicts standing in for
    the second's (which read this anchor: `anchor.py`), and the ranker's probability for it."""
    candidates = page_candidates(units, first, first, model.threshold)
    if not candidates:
        return Anchor(0, 0.0)
    ranker = title_ranker(model, candidates)
    scores = [ranker.score(c.row).probability for c in candidates]
    index = choose(candidates, scores)
    return Anchor(
        index, next(p for c, p in zip(candidates, scores, strict=True) if c.index == index)
    )


def _merged(second: Scored, first: Scored) -> Scored:
    """The second stage's verdict, its pushes through the first stage's verdicts replaced by
    what pushed the first stage: a reason names a feature of the line or of its place."""
    pushes = {name: push for name, push in second.pushes.items() if not name.startswith(_FIRST)}
    for name, push in first.pushes.items():
        pushes[name] = pushes.get(name, 0.0) + push
    return Scored(second.probability, pushes)


def _anchors(
    units: list[Unit], first: list[float], second: list[Scored], model: LineModel
) -> list[int]:
    """The headline, which the body starts below: the candidate the title model ranks first
    among those with at most `headline.STORY_ABOVE_WORDS` words of likely story above them,
    the page's first `# ` line `title_evidence.H1_ABOVE_WORDS` (`headline.choose`); then the
    next best-scored candidates, where the story's byline may stand (`meta_story.py`)."""
    candidates = page_candidates(
        units, first, [scored.probability for scored in second], model.threshold
    )
    if not candidates:
        return [0]
    ranker = title_ranker(model, candidates)
    scores = [ranker.score(c.row).probability for c in candidates]
    chosen = choose(candidates, scores)
    return [chosen, *ranked_others(candidates, scores, chosen)]


def title_ranker(model: LineModel, candidates: Sequence[Candidate]) -> Forest:
    """The ranker for a page's candidates: the one fitted without the story's echo where no
    candidate's echo was measured (`title_evidence.UNKNOWN_ECHO`: no prose counted, as on a
    page in a script the first stage does not read; the ranker fitted with it learned that
    an echo of 0 is no headline, and took the first line, the only one unknown)."""
    if model.title_unmeasured is None or any(c.row[_SHARE] >= 0 for c in candidates):
        return model.title
    return model.title_unmeasured


def _page_matter(
    units: list[Unit],
    kept: list[int],
    title: int,
    first: list[float],
    second: list[float],
    removals: tuple[Removal, ...],
) -> tuple[list[int], dict[int, str], tuple[int | None, str]]:
    """The kept units without the page's matter the model kept: copies of lines shown above
    the headline, what is below the story's end, authors' boxes, lines dropped where the page
    shows them again below; what decided each copy and box, and where the story ends and
    what decided that (`_end`)."""
    # A copy the model is sure of is story shown above too (a guide's table of contents).
    doubtful = [index for index in kept if second[index] < STORY_ABOVE_PROBABILITY]
    copies = _dropped_copies(units, doubtful, title)
    kept = [index for index in kept if index not in copies]
    end = _end(units, kept, title, first, removals)
    if end[0] is not None:
        kept = [index for index in kept if index < end[0]]
    # An author's box is the page's wherever it stands (`author_box.py`).
    boxes = author_boxes(units, kept)
    kept = [index for index in kept if index not in boxes]
    shown = _shown_below(units, kept, second)
    kept = [index for index in kept if index not in shown]
    marked = {
        **dict.fromkeys(copies, DROPPED_COPY),
        **dict.fromkeys(boxes, AUTHOR_BOX),
        **dict.fromkeys(shown, SHOWN_BELOW),
    }
    return kept, marked, end


def _end(
    units: list[Unit],
    kept: list[int],
    title: int,
    first: list[float],
    removals: tuple[Removal, ...],
) -> tuple[int | None, str]:
    """Where the story ends (None: at the page's end) and what decided it: a story-end
    heading, a run of dated items with a button or a time stamp (a comment thread:
    `repeats.py`), or an author's box at the story's end (`author_box.py`), whichever is
    highest."""
    block_end = max(title, story_block(units, first)[1])
    ends = [
        (story_end(units, kept, block_end, cut_headings(units, removals)), BELOW_STORY_END),
        (
            items_end(units, kept, [s for s in dated_item_starts(units) if s > title]),
            REPEATED_ITEMS,
        ),
        (box_end(units, kept, block_end), AUTHOR_BOX),
    ]
    found = [(index, reason) for index, reason in ends if index is not None]
    return min(found) if found else (None, BELOW_STORY_END)


def _decided(
    index: int, title: int, marked: dict[int, str], end: tuple[int | None, str], kept: bool
) -> str | None:
    """Why a unit the model keeps is dropped all the same (None when the model dropped it):
    `marked` names what decided for copies and authors' boxes."""
    if index in marked:
        return marked[index]
    if index == title:  # dropped, so the page's `<title>` overruled it (`find_story`)
        return OVERRULED
    if end[0] is not None and index >= end[0] and kept:
        return end[1]
    if index < title and kept:
        return ABOVE_HEADLINE
    return None


def _dropped_copies(units: list[Unit], kept: list[int], title: int) -> set[int]:
    """Kept short lines (among `kept`) the page also shows above its headline (a rail's
    headline at the top and at the bottom): the page's in both places. A sentence is spared: a page
    repeats its story's first sentence as a teaser."""
    dropped = {units[index].text.casefold() for index in range(title)}
    return {
        index
        for index in kept
        if len(units[index].text.split()) <= _COPY_WORDS
        and not SENTENCE_END.search(units[index].text)
        and units[index].text.casefold() in dropped
    }


def _shown_below(units: list[Unit], kept: list[int], second: list[float]) -> set[int]:
    """Kept lines (`SHOWN_BELOW`) the page shows again further down where they are dropped:
    a page that writes a menu, a sign-up form or a promo twice (for wide and narrow screens)
    keeps the copy that stands among its story only by its place."""
    keys = [" ".join(unit.text.casefold().split()) for unit in units]
    chosen = set(kept)
    times = Counter(keys[index] for index in kept)
    below: dict[str, int] = {}
    for index, key in enumerate(keys):
        if index not in chosen:
            below[key] = index  # the last dropped copy of each line
    return {
        index
        for index in kept
        if len(units[index].text.split()) >= _SHOWN_BELOW_WORDS
        and second[index] < _SHOWN_BELOW_PROBABILITY
        and times[keys[index]] == 1
        and below.get(keys[index], -1) > index
    }


def _removals(
    text: str,
    unit: Unit,
    scored: Scored,
    existing: tuple[Removal, ...],
    decided: str | None,
) -> list[Removal]:
    """The unit's text as removals, around what earlier rules already cut inside it; the
    rule names what decided: the features against it, or `decided` when the model kept it."""
    reasons = (decided,) if decided else scored.reasons()
    rule = f"{RULE}:{','.join(reasons)}" if reasons else RULE
    return unit_removals(text, unit, existing, rule, KIND, "removed")
