"""The story's byline and date line wherever the headline was taken (`meta_lines.py`).

A dump's byline and date line are read right below the chosen headline; when that headline
is wrong (a section's label, a rail's headline, a heading further down), they are not there.
They still stand over the story itself: the page's header block ends where its first
paragraph begins. When the chosen headline's lines state neither an author nor a date, the
lines below the next headline candidates the title ranker scored highest
(`OTHER_HEADLINES`) are read the same way, and what they state is taken only when the
candidate stands at or above the story's start and a paragraph the body keeps ends its lines
before the chosen headline or another candidate with a header of its own (a rail's teaser
or a listing's item is not followed by the story; a teaser inside the story stands below its
start), the byline says it is one ('By …', or its date on its line: a name alone may be a
section's) and reads as no story sentence, and no other date line follows the date closely
(a listing's items are dated one after another). Lines so taken move as the adapters'
bylines do, under their own rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsnorm.transforms.dump.headline import Candidate
from newsnorm.transforms.dump.meta_lines import (
    BYLINE_KIND,
    SOURCE,
    STORY_WORDS,
    MetaLines,
    below_headline,
    meta_lines,
)
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.records import Article

OTHER_BYLINE_RULE = "below-other-headline:byline"
OTHER_DATE_RULE = "below-other-headline:date_line"
# Headline candidates read after the chosen one, best scored first. Tuning part: 3 (see
# docs/history/text-dumps.md, round dmeta25).
OTHER_HEADLINES = 3


def ranked_others(
    candidates: Sequence[Candidate], scores: Sequence[float], chosen: int
) -> list[int]:
    """The units of the `OTHER_HEADLINES` best-scored headline candidates but the chosen."""
    ranked = sorted(zip(scores, candidates, strict=True), key=lambda pair: -pair[0])
    return [candidate.index for _, candidate in ranked if candidate.index != chosen][
        :OTHER_HEADLINES
    ]


def story_meta(
    units: list[Unit],
    anchors: list[int],
    kept: list[int],
    start: int,
    has_byline: bool,
    has_date: bool,
    box: int | None = None,
) -> MetaLines:
    """What the lines around the chosen headline `anchors[0]` state (`meta_lines`), or, when
    they state no author and no date, what the lines below the first of the other candidates
    (`anchors[1:]`) state, surely, where that candidate stands at or above the story's start
    (`start`, the first stage's: `context.story_start`, or the body's first kept paragraph if
    lower) and a kept paragraph ends its lines before the chosen headline or another
    candidate with a header of its own below it (a rail's teaser over the headline, a teaser
    inside the story are no story's header)."""
    meta = meta_lines(units, anchors[0], kept, has_byline, has_date, box)
    if meta.byline is not None or meta.published_on is not None or (has_byline and has_date):
        return meta
    # The story's start: the first stage's, or the body's first kept paragraph when a promo
    # the first stage rates as story pulls its start above the headline.
    first_kept = next((at for at in kept if len(units[at].text.split()) >= STORY_WORDS), 0)
    others = [at for at in anchors[1:] if at <= max(start, first_kept)]
    read: dict[int, tuple[MetaLines, bool]] = {}
    for other in sorted(others, reverse=True):  # from the bottom: a lower one's lines first
        # Its lines end at the chosen headline below it, or at a candidate below it that has
        # a header of its own (a teaser's byline is not the headline's under it; a dek is no
        # headline and does not end them).
        ends = [at for at in others if at > other and _states(read[at][0])]
        stop = min([*ends, *([anchors[0]] if other < anchors[0] else [])], default=None)
        read[other] = below_headline(units, other, kept, has_byline, has_date, True, stop)
    for other in others:  # best scored first
        found, reached = read[other]
        if reached and _states(found):
            moved = {
                index: (OTHER_BYLINE_RULE if kind == BYLINE_KIND else OTHER_DATE_RULE, kind)
                for index, (_, kind) in found.moved.items()
            }
            return replace(found, moved=moved)
    return meta


def _states(found: MetaLines) -> bool:
    """Whether lines read under a candidate name an author or a day."""
    return found.byline is not None or found.published_on is not None


def with_meta(article: Article, meta: MetaLines) -> Article:
    """The article with what the lines around its headline state: their byline and people,
    their publication day (an instant only when a zone is stated)."""
    if meta.byline is not None:
        article = replace(
            article,
            byline=meta.byline,
            authors=tuple(author.name for author in meta.authors),
            author_affiliations=tuple(author for author in meta.authors if author.affiliation),
            author_organizations=meta.organizations,
        )
    if meta.published_on is not None:
        article = replace(
            article,
            published_on=meta.published_on,
            published_at=meta.published_at,
            published_at_source=SOURCE,
        )
    return article
