"""Dates that are not the page's own: a teaser card's (a listing, a rail of other stories) and a
revision's (a last-updated or last-reviewed day htmldate falls back to)."""

from __future__ import annotations

import pytest

from newsnorm.transforms.html.metadata import extract_metadata
from newsnorm.transforms.html.nodes import parse_page
from newsnorm.transforms.html.reader import read_page

URL = "https://example.org/ferries/winter-timetable"
STORY = (
    "<p>" + "The harbour board met on a windy evening to weigh the ferry timetable. " * 6 + "</p>"
)


def _card(day: str, shown: str, title: str, date_class: str = "") -> str:
    date = (
        f"<div class='{date_class}'>{shown}</div>"
        if date_class
        else f"<time datetime='{day}'>{shown}</time>"
    )
    return f"<div class='card'><a href='/ferries/{day}'>{title}</a>{date}</div>"


def _rail(date_class: str = "") -> str:
    cards = (
        _card("2026-03-04", "March 4, 2026", "Night crossings return to the bay", date_class),
        _card("2026-02-20", "February 20, 2026", "A new pier for the island route", date_class),
        _card(
            "2026-02-11", "February 11, 2026", "Winter fares frozen for another year", date_class
        ),
    )
    return f"<div class='rail'><h2>Latest stories</h2>{''.join(cards)}</div>"


def _published(html: str) -> tuple[str | None, str | None]:
    meta = extract_metadata(parse_page(html)[0], URL)
    return meta.published, meta.published_source


@pytest.mark.parametrize("date_class", ["", "post-date"], ids=["time", "date-class"])
def test_a_rail_of_teaser_cards_does_not_date_the_story(date_class: str) -> None:
    # Main read the first <time> of <main>, or the first element classed a date: the rail's.
    html = f"<html><body><main><h1>Winter timetable</h1>{STORY * 3}{_rail(date_class)}</main>"
    assert _published(html + "</body></html>") == (None, None)


def test_the_story_s_own_date_line_with_a_link_still_dates_it() -> None:
    # One date line linking its author, beside no other card: not a series.
    line = (
        "<div class='meta'><a href='/people/tom-marsh'>Tom Marsh</a>"
        "<time datetime='2025-11-12T09:00:00+00:00'>12 November 2025</time></div>"
    )
    html = f"<html><body><main><h1>Winter timetable</h1>{STORY}{line}{STORY * 2}{_rail()}"
    assert _published(html + "</main></body></html>") == ("2025-11-12T09:00:00+00:00", "time")
    # Two bylines side by side, each linked and dated, are no rail: a rail shows three cards.
    second = line.replace("tom-marsh'>Tom Marsh", "ann-lee'>Ann Lee").replace("-12T", "-14T")
    html = f"<html><body><main><h1>Winter timetable</h1>{STORY}{line}{second}{STORY * 2}"
    assert _published(html + "</main></body></html>") == ("2025-11-12T09:00:00+00:00", "time")


def test_a_time_labelled_an_update_is_no_publication_date() -> None:
    # 'This page was last updated <time>' and Drupal's 'changed' field name a revision.
    labelled = "<p>This page was last updated <time datetime='2026-02-26'>Feb 26, 2026</time></p>"
    classed = (
        "<div class='field field--name-changed'>"
        "<time datetime='2026-02-12T14:36:23-05:00'>February 12, 2026</time></div>"
    )
    for line in (labelled, classed):
        html = f"<html><body><article><p>Notes</p>{line}{STORY}</article></body></html>"
        assert _published(html) == (None, None)
    # A review site's 'review-date' is its article's date, not a revision's.
    review = "<div class='review-date'><time datetime='2026-02-12'>February 12, 2026</time></div>"
    html = f"<html><body><article><p>Notes</p>{review}{STORY}</article></body></html>"
    assert _published(html) == ("2026-02-12", "time")


_REVIEWED = "<meta itemprop='lastReviewed' content='2017-04-26T08:00:00Z'>"
_SCRIPT = (
    '<script>window.__DATA__={"page":{"title":"Ferries",'
    '"updated_at":"2025-11-27T11:20:07.390Z"}}</script>'
)


@pytest.mark.parametrize("head", [_REVIEWED, _SCRIPT], ids=["last-reviewed", "script-updated"])
def test_a_guess_on_a_day_the_markup_names_a_revision_is_none(head: str) -> None:
    # htmldate, asked for the original date, falls back to these when nothing else is stated.
    html = f"<html><head>{head}</head><body><main><h1>Ferries</h1>{STORY * 4}</main></body></html>"
    assert read_page(html, URL).metadata.guessed is None


def test_a_revision_day_the_page_shows_at_its_top_is_kept() -> None:
    head = "<meta name='Updated Date' content='2025-07-02T14:13:01Z'>"
    # Longer than a date line under the headline (40 characters): only the guess reads it.
    line = "<p>Tom Marsh | Senior Harbour Writer | July 2, 2025</p>"
    html = f"<html><head>{head}</head><body><main><h1>Ferries</h1>{line}{STORY * 4}</main>"
    assert read_page(html + "</body></html>", URL).metadata.guessed == "2025-07-02"


def test_a_day_the_script_data_names_a_publication_too_is_kept() -> None:
    # Published and saved the same day: the update's key does not make the day a revision's.
    data = _SCRIPT.replace('"updated_at"', '"created_at":"2025-11-27T09:00:00Z","updated_at"')
    html = f"<html><head>{data}</head><body><main><h1>Ferries</h1>{STORY * 4}</main></body>"
    assert read_page(html + "</html>", URL).metadata.guessed == "2025-11-27"
