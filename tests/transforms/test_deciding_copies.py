"""`deciding_copies` keeps what `choose_original` decides by: the choice over the copies it
keeps (or over any superset of them) is the choice over all of a story's copies."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from newsnorm.transforms.stories import CopyFacts
from newsnorm.transforms.story_originals import choose_original, deciding_copies

_START = datetime(2024, 5, 3, tzinfo=UTC)
# Few values each, so copies share hosts, names, instants and days and ties are tried.
_HOSTS = st.sampled_from([None, "https://grist.example/a", "https://salon.example/b", ""])
_NAMES = st.sampled_from([None, "Grist", "Salon", "Daily Caller News Foundation"])
_SITES = st.sampled_from([None, "Grist", "salon.example", "Daily Caller"])
_ORIGINALS = st.sampled_from([None, "https://grist.example/a", "https://other.example/c"])
_ZONES = st.sampled_from([UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9))])
_INSTANTS = st.none() | st.builds(
    lambda hours, zone: (_START + timedelta(hours=hours)).astimezone(zone),
    st.integers(0, 72),
    _ZONES,
)
_DAYS = st.none() | st.builds(
    lambda days: date(2024, 5, 2) + timedelta(days=days), st.integers(0, 4)
)


@st.composite
def _copies(draw: st.DrawFn) -> list[CopyFacts]:
    count = draw(st.integers(1, 12))
    return [
        CopyFacts(
            article_id=f"{number:04x}",
            url=draw(_HOSTS),
            site=draw(_SITES),
            syndicator=draw(_NAMES),
            original_url=draw(_ORIGINALS),
            published_at=draw(_INSTANTS),
            ingested_at=_START + timedelta(minutes=draw(st.integers(0, 5))),
            original_publisher=draw(_NAMES),
            published_on=draw(_DAYS),
        )
        for number in draw(st.permutations(range(count)))
    ]


@settings(max_examples=400, deadline=None)
@given(copies=_copies(), extra=st.data())
def test_the_choice_over_the_deciding_copies_is_the_choice_over_all(
    copies: list[CopyFacts], extra: st.DataObject
) -> None:
    kept = deciding_copies(copies)
    assert {copy.article_id for copy in kept} <= {copy.article_id for copy in copies}
    assert choose_original(kept) == choose_original(copies)
    # A run holds the deciding copies of a story's parts with copies of other parts.
    more = extra.draw(st.lists(st.sampled_from(copies), max_size=len(copies)))
    assert choose_original(deciding_copies([*kept, *more])) == choose_original(copies)


def test_copies_without_a_url_site_or_date_are_not_kept() -> None:
    copies = [
        CopyFacts(f"{n}", None, None, None, None, None, _START + timedelta(minutes=n))
        for n in range(5)
    ]
    assert [copy.article_id for copy in deciding_copies(copies)] == ["0"]
    assert deciding_copies([]) == []
