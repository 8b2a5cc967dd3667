"""Dates and bylines of dump pages in the shapes dmeta22 added (transforms/dump/meta_lines,
meta_dates): dates the HTML path's reader leaves, a summary over a date line, a name apart
from its date, and the author's box naming the writer."""

from __future__ import annotations

from datetime import date

import pytest

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.dump.meta_dates import date_line, read_line
from newsnorm.transforms.pipeline import process_text

ADAPTERS = tuple(adapter() for adapter in BUILTIN)

MENU = ["Skip to content", "Harbourline Gazette", "* Home", "* Local", "* Sport", "* Arts",
        "* Food", "* Travel", "* Subscribe", "Search for:", "Search"]  # fmt: skip
HEADLINE = "Ferry crews rehearse a winter rescue in the outer channel"
STORY = [
    "Two ferry crews spent Tuesday morning pulling dummies from the outer channel, practising "
    "a rescue they hope never to need when the winter storms close the harbour mouth.",
    "The drill is held every year before the first gales, and this time it included the new "
    "launch that the port bought in the spring with money raised by the town's rowing club.",
    "Crew members said the cold water was the hardest part, and that the launch turned faster "
    "than the old boat it replaced, which had served the harbour for almost thirty years.",
    "The harbour master said the results would be shared with the lifeboat station across "
    "the bay, whose volunteers watched from the breakwater and took notes through the drill.",
    "A second drill at night is planned for the new year, once the launch has been fitted "
    "with the searchlight that the rowing club is still raising money to buy for it.",
]
FOOTER = ["More Local News", "* Market hall reopens", "* Bridge works extended",
          "* New bus route to the hospital", "About Us", "Contact", "Privacy Policy",
          "© 2025 Harbourline Gazette. All rights reserved."]  # fmt: skip
DEK = "Volunteers and crews practise the rescue they hope never to need this winter."
BOX = (
    "Mirela Okonjo is a staff writer at the Harbourline Gazette. She has covered the port "
    "and its people for six years and writes the weekly tides column."
)


def _page(below: list[str], story: list[str] = STORY, after: tuple[str, ...] = ()) -> str:
    lines = [*MENU, "", HEADLINE, *below, ""]
    for paragraph in [*story, *after]:
        lines += [paragraph, ""]
    return "\n".join([*lines, *FOOTER]) + "\n"


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("3 January, 2025", date(2025, 1, 3)),  # a comma before the year
        ("Sat, 20 Dec, 2025 - 06:36", date(2025, 12, 20)),
        ("Fri, 19th Dec 2025", date(2025, 12, 19)),  # an ordinal day before the month
        ("November 26th, 2024", date(2024, 11, 26)),  # an ordinal day after it
        ("Jul. 11. 2025", date(2025, 7, 11)),
        ("Published: 27/05/2024", date(2024, 5, 27)),  # numbers one reading only allows
        ("09/25/2025", date(2025, 9, 25)),
        ("06.18.2025", date(2025, 6, 18)),
        ("3rd of March, 2025", date(2025, 3, 3)),  # the words of a date are no section's
        ("3 de marzo, 2025", date(2025, 3, 3)),
        ("Publicado el 3 de marzo de 2025", date(2025, 3, 3)),
    ],
)
def test_dates_in_shapes_the_html_reader_leaves_are_read(line: str, day: date) -> None:
    found = date_line(read_line(line))
    assert found is not None
    assert found[0] == day


def test_numbers_two_readings_allow_give_no_date() -> None:
    assert date_line("10/12/2023") is None
    # Review finding 7: dotted days follow the one-reading rule too ('06.18.2025' is read).
    assert date_line("Published: 04.05.2024") is None
    assert date_line("06.04.2025") is None
    assert date_line("Published: 05.05.2024") == (date(2024, 5, 5), None)
    assert date_line("Published: 24.05.2024") == (date(2024, 5, 24), None)


def test_two_dates_a_converter_glued_give_the_first() -> None:
    # A post's published and modified days in two elements side by side, glued by inscriptis:
    # read as one date, the second (the update) would be taken.
    article = process_text(_page(["By Mirela Okonjo", "March 12, 2025March 22, 2025"]), ADAPTERS)
    assert article.published_on == date(2025, 3, 12)
    assert article.authors == ("Mirela Okonjo",)


def test_a_summary_above_a_date_line_is_passed_over_unless_dates_follow_it() -> None:
    article = process_text(_page([DEK, "Share", "March 4, 2025", "By Mirela Okonjo"]), ADAPTERS)
    assert article.published_on == date(2025, 3, 4)
    assert article.authors == ("Mirela Okonjo",)
    assert DEK in article.paragraphs
    # Dated items one after another are a rail or a listing: its first date is not the story's.
    listing = [DEK, "* March 4, 2025", "Lantern walk on the quay", "* March 9, 2025", "Tide run"]
    article = process_text(_page(listing), ADAPTERS)
    assert article.published_on is None


def test_a_name_apart_from_its_date_line_is_a_byline() -> None:
    for below in (
        ["Mirela Okonjo", "\u2022", "Staff Writer", "\u2022", "March 4, 2025"],
        ["* Mirela Okonjo", "* Staff Writer", "* March 4, 2025"],  # a job title between
    ):
        article = process_text(_page(below), ADAPTERS)
        assert article.authors == ("Mirela Okonjo",)
        assert article.published_on == date(2025, 3, 4)
    # Two names before the date: the one nearer it is the byline, not a section's name above.
    article = process_text(
        _page(["Harbour Life Weekly", "Mirela Okonjo", "March 4, 2025"]), ADAPTERS
    )
    assert article.authors == ("Mirela Okonjo",)
    # A longer piece between is the story's, not a section's.
    below = ["Mirela Okonjo", "Crews from both ferries took part this year", "March 4, 2025"]
    assert process_text(_page(below), ADAPTERS).authors == ()


def test_the_authors_box_names_the_writer_when_nothing_else_does() -> None:
    article = process_text(_page([], after=(BOX,)), ADAPTERS)
    assert article.authors == ("Mirela Okonjo",)
    assert BOX not in article.paragraphs
    # Boxes about two different people name nobody; a byline found above wins.
    other = BOX.replace("Mirela Okonjo", "Tobias Brenner").replace("She has", "He has")
    assert process_text(_page([], after=(BOX, other)), ADAPTERS).authors == ()
    article = process_text(_page(["By Tobias Brenner"], after=(BOX,)), ADAPTERS)
    assert article.authors == ("Tobias Brenner",)


def test_a_date_line_may_name_its_section_in_a_few_words_but_not_a_person() -> None:
    for line, day in (
        ("Harbour March 4, 2025", date(2025, 3, 4)),
        ("blog | March 4, 2025", date(2025, 3, 4)),
        ("Published 2025-03-04 in Ferries", date(2025, 3, 4)),
    ):
        assert date_line(line) == (day, None)
    assert date_line("Mirela Okonjo March 4, 2025") is None  # a byline, read as one
    assert date_line("The ferry crews met on March 4, 2025 for the drill") is None
    article = process_text(_page(["Local | March 4, 2025"]), ADAPTERS)
    assert article.published_on == date(2025, 3, 4)
    assert "Local | March 4, 2025" not in article.paragraphs


def test_a_story_s_opening_paragraph_above_an_event_date_gets_no_date() -> None:
    # Review finding 3: only a byline near it says the paragraph above is a summary.
    opening = (
        "The rowing club's winter regatta returns to the outer channel with a new course "
        "and two extra races this year."
    )
    article = process_text(_page([opening, "Saturday 14 March, 2026"]), ADAPTERS)
    assert article.published_on is None


def test_a_name_apart_from_a_date_line_with_only_separators_is_no_byline() -> None:
    # Review finding 4: a section's two capitalised words read as a person's name.
    for below in (
        ["Coastal Living", "\u2022", "May 3, 2025"],
        ["* Coastal Living", "* Harbour", "* May 3, 2025"],
    ):
        assert process_text(_page(below), ADAPTERS).authors == ()


SOURCE = (
    "Anika Sorensen is a marine engineer at the port authority. She has inspected the launch "
    "twice since it arrived."
)
REVIEWER = (
    "Dr. Lena Hoyt is a registered dietitian and nutrition expert. She has reviewed health "
    "content for ten years."
)


@pytest.mark.parametrize(
    ("below", "story", "after"),
    [
        ([], [*STORY[:2], SOURCE, *STORY[2:]], ()),  # a source the story introduces
        (["Medically reviewed by Dr. Lena Hoyt"], STORY, (REVIEWER,)),  # a reviewer's box
        ([], STORY, ("More from our writers", BOX)),  # a rail of the site's writers
        # A box about two people names neither.
        ([], STORY, (BOX + " Tobias Brenner is the paper's photographer and editor.",)),
    ],
)
def test_boxes_about_others_than_the_writer_name_no_author(
    below: list[str], story: list[str], after: tuple[str, ...]
) -> None:
    # Review finding 1: only the box that ends the story, of its own, names the writer.
    assert process_text(_page(below, story=story, after=after), ADAPTERS).authors == ()


@pytest.mark.parametrize(
    "line",
    [
        "Medically reviewed on May 3, 2025",
        "Edited May 3, 2025",
        "Fact checked May 3, 2025",
        "Corrected May 3, 2025",
        "Republished May 3, 2025",
        "Refreshed May 3, 2025",
        "Originally published May 3, 2021",
        "Deadline: 3 May, 2025",
        "In theaters May 30, 2025",
        "12 March, 2025 \u2014 14 March, 2025 tickets",
        "Copyright \u00a9 2 May 2024",
        "Ferry fares rise Sep 8, 2021",
        "Rally on the 3rd of March, 2025",
    ],
)
def test_words_beside_a_date_that_are_no_section_give_no_date(line: str) -> None:
    # Review finding 2: labels, verbs, events and sentences are no section's name.
    assert date_line(read_line(line)) is None


@pytest.mark.parametrize(
    "line", ["1 January 1980 \u2013 3 May 2025", "12 \u2013 14 March, 2025", "12 - 14 March 2025"]
)
def test_only_the_first_candidate_date_counts_and_a_range_gives_none(line: str) -> None:
    # Review finding 5: an impossible first candidate, or a range's end, is no date line.
    assert date_line(read_line(line)) is None


def test_a_box_names_its_writer_by_each_sentences_own_opening() -> None:
    """A later sentence about someone else is found at its own start, even after a sentence
    ending in a capitalised word; a pronoun opening a sentence is nobody else."""
    from newsnorm.transforms.dump.author_box import box_name

    two = (
        "Mirela Okonjo is a staff writer at the Harbourline Gazette. Tobias Brenner is the "
        "paper's photographer. She has covered the ferries for a decade."
    )
    assert box_name(two) is None
    one = (
        "Mirela Okonjo is a staff writer covering the port. She is the founder of a rowing "
        "club. She has ten years of experience."
    )
    assert box_name(one) == "Mirela Okonjo"
