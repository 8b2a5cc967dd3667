"""Which copy of a story is its original, and why: evidence first (a notice's link, the
named publisher's site, a credited syndicator's own site), then dates, then ingestion order.

Pure: the copies' facts (`stories.CopyFacts`) come from the warehouse's story reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from newsnorm.transforms.stories import CopyFacts
from newsnorm.transforms.story_sites import name_words, runs_on_site_of, url_key

# Why a copy was chosen as its story's original (the stored `original_reason`), in words.
ORIGINAL_REASONS = {
    "original_url": "a notice on another copy links to this copy's URL",
    "named_publisher": "it runs on the site of the publisher a notice names as the source",
    "syndicator_host": "it runs on the own site of a syndicator the copies credit",
    "earliest_published": "no URL or site says which copy is the source; published first "
    "(a tie goes to the smaller article id)",
    "earliest_published_day": "no URL or site says which copy is the source; it states the "
    "earliest day of publication, without a time (a tie goes to the smaller article id)",
    "earliest_ingested": "no URL, site or date says which copy is the source; ingested first "
    "(a tie goes to the smaller article id)",
    "only_copy": "the story has no other copy",
}


def choose_original(copies: Sequence[CopyFacts]) -> tuple[str, str]:
    """The copy that is the story's original, and why (a key of ORIGINAL_REASONS).

    Evidence goes before dates and ingestion order: another copy's `original_url` names
    it; or it runs on the site of the publisher a copy's notice names as the source; or
    on the own site of a syndicator a copy credits (its host or site name is the
    syndicator's: the Daily Caller News Foundation on dailycaller.com). Any copy's credit
    counts, since the syndicator's own page often carries no notice. Then the earliest
    `published_at`, unless a copy that states only a day (`published_on`) states an
    earlier day than that copy's; then the earliest ingestion; ties go to the smallest
    article id, so the choice is stable."""
    if not copies:
        raise ValueError("a story has at least one copy")
    named = {url_key(copy.original_url) for copy in copies if copy.original_url}
    by_url = [copy for copy in copies if copy.url and url_key(copy.url) in named]
    if by_url:
        return _earliest(by_url)[0], "original_url"
    sources = name_words(copy.original_publisher for copy in copies)
    by_notice = [copy for copy in copies if runs_on_site_of(copy.url, copy.site, sources)]
    if by_notice:
        return _earliest(by_notice)[0], "named_publisher"
    syndicators = name_words(copy.syndicator for copy in copies)
    own = [copy for copy in copies if runs_on_site_of(copy.url, copy.site, syndicators)]
    if own:
        return _earliest(own)[0], "syndicator_host"
    return _earliest(copies)


def deciding_copies(copies: Iterable[CopyFacts]) -> list[CopyFacts]:
    """The copies `choose_original` can pick or read, by article id: every copy with a URL or
    a site, the first of each (syndicator, original URL, named publisher), the earliest
    published, the earliest of those stating only a day, and the earliest ingested. The
    choice over these is the one over all, and over any superset of them (a run holds only
    these of a story's copies: `flows/stories/originals.py`)."""
    ordered = sorted({copy.article_id: copy for copy in copies}.values(), key=_article)
    if not ordered:
        return []
    kept = {
        copy.article_id: copy for copy in ordered if copy.url is not None or copy.site is not None
    }
    named: dict[tuple[str | None, ...], CopyFacts] = {}
    for copy in ordered:
        named.setdefault((copy.syndicator, copy.original_url, copy.original_publisher), copy)
    dated = [copy for copy in ordered if copy.published_at is not None]
    days = [copy for copy in ordered if copy.published_at is None and copy.published_on]
    firsts = [min(ordered, key=lambda copy: (copy.ingested_at, copy.article_id))]
    firsts += [min(dated, key=_instant_order)] if dated else []
    firsts += [min(days, key=lambda copy: (_day(copy), copy.article_id))] if days else []
    kept |= {copy.article_id: copy for copy in [*named.values(), *firsts]}
    return sorted(kept.values(), key=_article)


def _article(copy: CopyFacts) -> str:
    return copy.article_id


def _earliest(copies: Sequence[CopyFacts]) -> tuple[str, str]:
    """The earliest published copy, else the earliest ingested. A copy with only a day
    wins over the earliest instant only on an earlier day than the instant's own (its
    `published_on`, else its UTC date): the same day cannot be ordered."""
    dated = [copy for copy in copies if copy.published_at is not None]
    days = [copy for copy in copies if copy.published_at is None and copy.published_on]
    first = min(dated, key=_instant_order) if dated else None
    day = min(days, key=lambda copy: (_day(copy), copy.article_id)) if days else None
    if day is not None and (first is None or _day(day) < _day(first)):
        return day.article_id, "earliest_published_day"
    if first is not None:
        return first.article_id, "earliest_published"
    first = min(copies, key=lambda copy: (copy.ingested_at, copy.article_id))
    return first.article_id, "earliest_ingested"


def _instant_order(copy: CopyFacts) -> tuple[datetime, str]:
    assert copy.published_at is not None
    return copy.published_at, copy.article_id


# The furthest any zone's clock stands behind UTC.
_WESTMOST = timedelta(hours=12)


def _day(copy: CopyFacts) -> date:
    """A dated copy's stated day: `published_on`, else the earliest day its instant falls on
    in any zone (UTC-12): 20:00 in New York is the next day in UTC, and a reprint stating
    only the New York day must not read as earlier."""
    if copy.published_on is not None:
        return copy.published_on
    assert copy.published_at is not None
    return (copy.published_at.astimezone(UTC) - _WESTMOST).date()
