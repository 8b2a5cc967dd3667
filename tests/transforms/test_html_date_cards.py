"""Dates that are not the page's own: a teaser card's (a listing, a rail of other stories) and a
revision's (a last-updated or last-reviewed day htmldate falls back to)."""

from __future__ import annotations

import pytest

from newsnorm.transforms.html.metadata import extract_metadata
from newsnorm.transforms.html.nodes import parse_page
from newsnorm.transforms.html.reader import read_page
from newsnorm.transforms.html.revisions import labelled_revision

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
    # The label in other languages: Italian, Portuguese, Dutch, Swedish, Danish, Polish.
    for label in ("Aggiornato il", "Atualizado em", "Bijgewerkt op", "Uppdaterad", "Opdateret",
                  "Zaktualizowano"):  # fmt: skip
        line = f"<p>{label} <time datetime='2026-02-26'>26.02.2026</time></p>"
        html = f"<html><body><article><p>Notes</p>{line}{STORY}</article></body></html>"
        assert _published(html) == (None, None), label
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


# A story's own byline and the body under it: paragraphs of prose, each with a link and a date.
_PROSE = (
    "<p>On January 9, 2026, the <a href='https://board.example/'>island council</a> first "
    "asked for a later evening crossing, citing the new school.</p>"
    "<p>The <a href='https://board.example/notes'>notes of the January 16, 2026 meeting</a> "
    "record a close vote, three members against.</p>"
    "<p>Parents gathered again on January 23, 2026 by the <a href='/tags/pier'>pier</a> to "
    "ask for a decision.</p>"
)
_BYLINE_TEXT = (
    "<p class='byline'>By <a href='/people/mira-holt'>Mira Holt</a> · February 2, 2026</p>"
)
_BYLINE_TIME = (
    "<p class='byline'>By <a href='/people/mira-holt'>Mira Holt</a> · "
    "<time datetime='2026-02-02T08:30:00Z'>February 2, 2026</time></p>"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [(_BYLINE_TEXT, ("2026-02-02", "headline")), (_BYLINE_TIME, ("2026-02-02T08:30:00Z", "time"))],
    ids=["text", "time"],
)
@pytest.mark.parametrize("wrapped", [False, True], ids=["flat", "header-apart"])
def test_a_byline_above_prose_with_links_and_dates_is_no_teaser(
    line: str, expected: tuple[str, str], wrapped: bool
) -> None:
    # Main took the body's paragraphs for cards beside the byline and dropped its date.
    if wrapped:
        body = f"<article><header><h1>Later ferries</h1></header><div>{line}{_PROSE}{STORY * 2}"
        html = f"<html><body>{body}</div></article></body></html>"
    else:
        body = f"<main><h1>Later ferries</h1>{line}{_PROSE}{STORY * 2}</main>"
        html = f"<html><body>{body}</body></html>"
    assert _published(html) == expected


def _author(slug: str, name: str, label: str, day: str) -> str:
    return (
        f"<div class='author'><a href='/people/{slug}'>{name}</a> {label}"
        f"<time datetime='{day}T07:00:00Z'>{day}</time></div>"
    )


_TRIO = (
    _author("mira-holt", "Mira Holt", "Posted", "2026-02-02")
    + _author("olaf-brink", "Olaf Brink", "Checked", "2026-02-04")
    + _author("ines-vale", "Ines Vale", "Photos", "2026-02-05")
)
_PER_AUTHOR = "".join(
    f"<p class='byline'>By <a href='/people/{slug}'>{slug}</a>, February 2, 2026</p>"
    for slug in ("mira-holt", "olaf-brink", "ines-vale")
)
_ENTRIES = "".join(
    f"<div class='entry'><a href='#at-{hour}'>Link</a><time datetime='2026-02-02T{hour}:00:00Z'>"
    f"{hour}:00</time><p>Boats held at {hour}.</p></div>"
    for hour in ("10", "11", "12")
)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (_TRIO, ("2026-02-02T07:00:00Z", "time")),
        (_PER_AUTHOR, ("2026-02-02", "headline")),
        (_ENTRIES, ("2026-02-02T10:00:00Z", "time")),
    ],
    ids=["author-boxes", "byline-per-author", "live-entries"],
)
def test_a_series_right_under_the_headline_is_the_story_s_own(
    lines: str, expected: tuple[str, str]
) -> None:
    # Three linked, dated blocks under the h1 are the story's authors or entries, no rail.
    html = f"<html><body><article><h1>Later ferries</h1>{lines}{STORY * 3}</article></body></html>"
    assert _published(html) == expected


def test_the_story_s_date_block_beside_two_rail_blocks_of_its_class_is_its_own() -> None:
    # The block next to the headline shares its tag and class with two rail entries.
    block = "<div class='m'><a href='/{}'>{}</a><time datetime='{}'>{}</time></div>"
    own = block.format("people/mira-holt", "Mira Holt", "2026-02-02T08:30:00Z", "Feb 2")
    rail = block.format("s/1", "Pier", "2026-01-11", "Jan 11") + block.format(
        "s/2", "Fares", "2026-01-12", "Jan 12"
    )
    body = f"<main><div class='top'><h1>Later ferries</h1></div>{own}{rail}{STORY * 3}</main>"
    assert _published(f"<html><body>{body}</body></html>") == ("2026-02-02T08:30:00Z", "time")


def test_listing_cards_with_headings_and_teaser_lines_stay_cards() -> None:
    # A listing's first card sits right under the h1 but holds a heading of its own.
    card = (
        "<div class='card'><h2><a href='/s/{0}'>Story of {0}</a></h2>"
        "<p>A short teaser line about the crossing and the weather that week.</p>"
        "<time datetime='{0}'>{0}</time></div>"
    )
    cards = "".join(card.format(day) for day in ("2026-01-05", "2026-01-12", "2026-01-19"))
    html = f"<html><body><main><h1>Ferries</h1>{cards}{STORY * 3}</main></body></html>"
    assert _published(html) == (None, None)


def test_after_an_update_only_a_time_on_its_date_line_is_the_publication() -> None:
    update = "<p>Updated <time datetime='2026-02-05T09:00:00Z'>Feb 5, 2026</time></p>"
    event = "<p>The later timetable starts on <time datetime='2026-06-01'>June 1</time>.</p>"
    html = f"<html><body><article><h1>Later ferries</h1>{update}{STORY}{event}{STORY}"
    # Main took the body's 'starts on June 1' for the publication.
    assert _published(html + "</article></body></html>") == (None, None)
    line = (
        "<p>Updated <time datetime='2026-02-05T09:00:00Z'>Feb 5, 2026</time>, first published "
        "<time datetime='2026-02-02T08:30:00Z'>Feb 2, 2026</time></p>"
    )
    html = f"<html><body><article><h1>Later ferries</h1>{line}{STORY * 3}</article></body></html>"
    assert _published(html) == ("2026-02-02T08:30:00Z", "time")


@pytest.mark.parametrize(
    "lead",
    [
        "By Hana Revis",
        "Written by Mira Holt, edited by Olaf Brink ·",
        "Filed under <a href='/c/updates'>Service updates</a> on",
    ],
    ids=["name", "edited-by", "section-link"],
)
def test_words_that_only_contain_an_update_label_label_nothing(lead: str) -> None:
    line = f"<p>{lead} <time datetime='2026-02-02T08:30:00Z'>February 2, 2026</time></p>"
    html = f"<html><body><article><h1>Later ferries</h1>{line}{STORY * 3}</article></body></html>"
    assert _published(html) == ("2026-02-02T08:30:00Z", "time")


def test_a_class_that_only_contains_an_update_word_labels_nothing() -> None:
    # A script's hook ('js-time-updatable') and 'has-updates' name no revision.
    for classes in ("<time class='js-time-updatable' {}>", "<div class='has-updates'><time {}>"):
        date = classes.format("datetime='2026-02-02T08:30:00Z'") + "February 2, 2026</time>"
        html = f"<html><body><article><h1>Later ferries</h1><p>{date}</p>{STORY * 3}"
        assert _published(html + "</article></body></html>")[1] == "time"


_MODIFIED = '<script type="application/ld+json">{"@type":"WebPage","dateModified":%s}</script>'


@pytest.mark.parametrize("shown", ["Thursday 2nd July 2026", "2nd July 2026", "2026/07/02"])
def test_a_revision_day_shown_in_any_date_line_form_is_kept(shown: str) -> None:
    head = _MODIFIED % '"2026-07-02T14:13:01Z"'
    html = f"<html><head>{head}</head><body><main><h1>Ferries</h1><p>{shown}</p>{STORY * 4}"
    assert read_page(html + "</main></body></html>", URL).metadata.guessed == "2026-07-02"


def test_a_modified_date_given_as_a_list_is_a_revision() -> None:
    head = _MODIFIED % '["2026-03-07T18:00:00Z"]'
    html = f"<html><head>{head}</head><body><main><h1>Ferries</h1>{STORY * 4}</main></body>"
    assert read_page(html + "</html>", URL).metadata.guessed is None


def test_a_label_inside_the_time_element_makes_it_an_update() -> None:
    # Main read only the words before the element: 'Last Updated:' inside it went unseen.
    for inside in ("<b>Last Updated:</b> February 5, 2026", "Updated on Feb 5, 2026 at 9:00"):
        html = f"<p class='meta'><time datetime='2026-02-05T09:00:00Z'>{inside}</time></p>"
        time = parse_page(f"<html><body>{html}</body></html>")[0].find("time")
        assert time is not None
        assert labelled_revision(time)
    html = "<p>Posted <time datetime='2026-02-02'>Feb 2, 2026</time></p>"
    time = parse_page(f"<html><body>{html}</body></html>")[0].find("time")
    assert time is not None
    assert not labelled_revision(time)


_LINKED_CARD = "<a class='tile' href='/s/{0}'><span>Story of {0}</span> <span>{0}</span></a>"
_ASIDE_CARD = "<li><a href='/s/{0}'>Story of {0}</a> <span>{0}</span></li>"


@pytest.mark.parametrize(
    "rail",
    [
        "<div class='tiles'>{}</div>".format(
            "".join(_LINKED_CARD.format(d) for d in ("2026-01-05", "2026-01-12", "2026-01-19"))
        ),
        "<aside><h1>Featured</h1><ul>{}</ul></aside>".format(
            "".join(_ASIDE_CARD.format(d) for d in ("2026-01-05", "2026-01-12", "2026-01-19"))
        ),
    ],
    ids=["whole-card-links", "rail-under-an-aside-h1"],
)
def test_rails_of_linked_cards_stay_cards(rail: str) -> None:
    # Guards: a card that is one link, and a rail's first card under an aside's own h1.
    html = f"<html><body><main><p>Notes</p>{STORY * 3}{rail}</main></body></html>"
    assert _published(html) == (None, None)
