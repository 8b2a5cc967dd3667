"""Choosing a story's original where a copy states only a day, and where a host label only
starts like the name of the publisher the copies credit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from newsnorm.transforms.story_originals import ORIGINAL_REASONS, choose_original
from tests_support import copy_facts


def test_a_copy_that_states_an_earlier_day_wins_over_the_ingestion_order() -> None:
    # Both copies state only a day (a JSON date without a zone): the later one was
    # ingested first, the earlier day still wins.
    later = copy_facts(
        "a", published_on=date(2024, 3, 9), ingested_at=datetime(2024, 4, 1, tzinfo=UTC)
    )
    earlier = copy_facts(
        "b", published_on=date(2024, 3, 2), ingested_at=datetime(2024, 4, 2, tzinfo=UTC)
    )
    assert choose_original([later, earlier]) == ("b", "earliest_published_day")
    assert "earliest_published_day" in ORIGINAL_REASONS
    undated = copy_facts("c", ingested_at=datetime(2024, 1, 1, tzinfo=UTC))
    assert choose_original([undated, later]) == ("a", "earliest_published_day")


def test_a_day_beats_an_instant_only_on_an_earlier_day() -> None:
    instant = copy_facts("b", published_at=datetime(2024, 3, 5, 23, 30, tzinfo=UTC))
    assert choose_original([instant, copy_facts("a", published_on=date(2024, 3, 4))]) == (
        "a",
        "earliest_published_day",
    )
    # The same day cannot be ordered by its time: the instant stays first.
    same_day = copy_facts("a", published_on=date(2024, 3, 5))
    assert choose_original([instant, same_day]) == ("b", "earliest_published")
    # The instant's own stated day counts before its UTC date.
    stated = copy_facts(
        "b", published_at=datetime(2024, 3, 5, 1, tzinfo=UTC), published_on=date(2024, 3, 4)
    )
    assert choose_original([stated, copy_facts("a", published_on=date(2024, 3, 4))]) == (
        "b",
        "earliest_published",
    )


def test_a_generic_host_label_that_starts_like_the_name_is_not_its_site() -> None:
    cases = [
        ("News Service of Westmarch", "https://news.portalsite.example/x"),
        ("The Lakeland Tribune", "https://lakeland.example.com/x"),
        ("Brook", "https://brookside.example.com/x"),
        ("Fenwick Press Agency", "https://fen.example.com/x"),
        ("Kestrel Syndicate", "https://kestrel.streamhub.example/x"),  # another's subdomain
    ]
    for name, url in cases:
        credits = copy_facts("a", url="https://reprints.example.org/x", syndicator=name)
        other = copy_facts("b", url=url, published_at=datetime(2024, 3, 1, tzinfo=UTC))
        assert choose_original([credits, other]) == ("b", "earliest_published"), name
        notice = copy_facts("a", url="https://reprints.example.org/x", original_publisher=name)
        assert choose_original([notice, other]) == ("b", "earliest_published"), name


def test_a_host_label_that_names_the_publisher_is_its_site() -> None:
    cases = [
        ("The Lakeland Tribune", "https://www.lakelandtribune.example/x", None),
        ("Marsh Valley Courier News Foundation", "https://cdn.marshvalleycourier.example/x", None),
        ("Kestrel Syndicate", "https://www.kestrel.example/x", None),  # without its kind
        ("The Quill", "https://quillnews.example/x", None),  # the name and "news"
        ("Orchard Post Media", None, "Orchard Post"),  # a site name
    ]
    for name, url, site in cases:
        credits = copy_facts("a", url="https://reprints.example.org/x", syndicator=name)
        own = copy_facts("b", url=url, site=site)
        assert choose_original([credits, own]) == ("b", "syndicator_host"), name


def test_a_day_only_reprint_on_the_instant_s_local_day_does_not_win() -> None:
    # Review of fixstory27: an evening instant in New York is the next day in UTC, and a
    # reprint stating only the New York day read as earlier when the instant's own day
    # was not stored.
    evening = datetime(2024, 3, 1, 20, tzinfo=timezone(timedelta(hours=-5)))
    original = copy_facts("b-orig", url="https://x.example/a", published_at=evening)
    reprint = copy_facts("a-reprint", url="https://y.example/a", published_on=date(2024, 3, 1))
    assert choose_original([original, reprint]) == ("b-orig", "earliest_published")
    earlier = copy_facts("a-reprint", published_on=date(2024, 2, 28))
    assert choose_original([original, earlier]) == ("a-reprint", "earliest_published_day")
