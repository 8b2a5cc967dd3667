"""A dump's byline crediting no person, and the Markdown a converter leaves around a byline
(transforms/dump/meta_people.by_credits, meta_dates.read_line; round dmeta26)."""

from __future__ import annotations

from datetime import date

import pytest

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.pipeline import process_text

ADAPTERS = tuple(adapter() for adapter in BUILTIN)

MENU = ["Skip to content", "Quillmoor Review", "* Home", "* Gardens", "* Tools", "* Seasons",
        "* Subscribe", "Search for:", "Search"]  # fmt: skip
HEADLINE = "How a village orchard keeps its old apple trees fruiting"
STORY = [
    "The orchard behind the chapel holds forty trees, and the oldest of them was planted by "
    "a schoolteacher whose pupils still come back every autumn to help with the picking.",
    "Volunteers prune in the dry weeks of late winter, cutting back the crowded centre of each "
    "tree so that light reaches the fruiting spurs that the summer crop depends on.",
    "A grease band round every trunk keeps the winter moths from climbing, and a few hens "
    "scratch under the branches in spring to clear the grubs from the grass below.",
    "The harvest is pressed at the village hall in October, and the juice is sold at the gate "
    "to pay for new rootstock, stakes and the ladders that the pickers keep borrowing.",
]
FOOTER = ["More from the Review", "* Hedge laying returns", "* Seed swap in March",
          "About Us", "Contact", "© 2025 Quillmoor Review"]  # fmt: skip


def _page(below: list[str], rail: tuple[str, ...] = ()) -> str:
    lines = [*MENU, *rail, "", HEADLINE, *below, ""]
    for paragraph in STORY:
        lines += [paragraph, ""]
    return "\n".join([*lines, *FOOTER]) + "\n"


def _credited(below: list[str]) -> tuple[list[str], date | None]:
    article = process_text(_page(below), adapters=ADAPTERS)
    return [*article.authors, *article.author_organizations], article.published_on


@pytest.mark.parametrize(
    ("below", "credit", "day"),
    [
        (["By Orla", "Mar 14, 2024"], "Orla", date(2024, 3, 14)),  # one word, its date below
        (["March 15, 2022 · 3 min read · By Fernbrook Online"], "Fernbrook Online",
         date(2022, 3, 15)),  # after the date and a read time
        (["Seasons", "January 20th, 2025 by QRV"], "QRV", date(2025, 1, 20)),
        (["Feb 6, 2025", "By The Pruning Circle"], "The Pruning Circle", date(2025, 2, 6)),
        (["Quillmoor Team", "May 3, 2025"], "Quillmoor Team", date(2025, 5, 3)),  # no 'By'
    ],
)  # fmt: skip
def test_a_dated_by_line_naming_no_person_credits_what_it_names(
    below: list[str], credit: str, day: date
) -> None:
    assert _credited(below) == ([credit], day)


@pytest.mark.parametrize(
    "below",
    [
        ["By Topic", "Gardens Tools Seasons"],  # a menu's 'By …', no date near
        ["Photo by Larkspur", "May 3, 2025"],  # a picture's credit
        ["By Orla](/authors/orla?ref=nav)", "May 3, 2025"],  # a link's remains, no word
        ["Quillmoor Team", "Gardens Tools Seasons"],  # a team's name with no date near
    ],
)
def test_a_credit_with_no_date_near_or_for_pictures_credits_nobody(below: list[str]) -> None:
    authors, _ = _credited(below)
    assert not {"Topic", "Larkspur", "Quillmoor Team"} & set(authors)
    assert not any("]" in author for author in authors)


@pytest.mark.parametrize(
    "line",
    [
        "##### by Tamsin Ashgrove",  # a heading's marks
        "[ By Tamsin Ashgrove",  # a link's opening bracket
        "By**** Tamsin Ashgrove",  # empty emphasis
        "by Tamsin Ashgrove](/search?q=Tamsin Ashgrove) ● May 3, 2025 ● 6 min read",
    ],
)
def test_markdown_around_a_byline_is_read_past(line: str) -> None:
    authors, _ = _credited([line, "May 3, 2025"])
    assert authors == ["Tamsin Ashgrove"]


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("May 21, 2025April 24, 2025 by Tamsin Ashgrove", date(2025, 4, 24)),  # modified first
        ("April 24, 2025May 21, 2025 by Tamsin Ashgrove", date(2025, 4, 24)),  # published first
        ("April 24, 2025 · Updated March 2, 2025 · by Tamsin Ashgrove", date(2025, 4, 24)),
    ],
)
def test_a_byline_writing_two_unlabelled_days_is_dated_by_the_earlier(line: str, day: date) -> None:
    assert _credited(["Seasons", line]) == (["Tamsin Ashgrove"], day)


@pytest.mark.parametrize("line", ["New York", "Paid Partnership", "Orchard Notes", "Listen Now"])
def test_a_name_shaped_line_under_a_date_line_is_no_byline(line: str) -> None:
    """A kicker, a place or a section under the date reads as two capitalised words too; a
    date line above a name is no evidence that it is a person's."""
    article = process_text(_page(["Gardens", "May 3, 2025", line]), adapters=ADAPTERS)
    assert (article.authors, article.author_organizations) == ((), ())
    assert article.published_on == date(2025, 5, 3)


@pytest.mark.parametrize(
    "below",
    [
        ["May 3, 2025", "By Christmas, the hens in the orchard had eaten every grub in the grass."],
        ["May 3, 2025", "By Spring, The Trees Bloom"],
        ["By Topic", "May 3, 2025"],
        ["By Region | June 3, 2025"],
        ["Filter: By Topic | By Region", "May 3, 2025"],
        ["By Admin · May 3, 2025"],
        ["By Guest", "May 3, 2025"],
        ["Newsroom", "May 3, 2025"],
        ["Cover photo · By Acme Studio · May 3, 2025"],
        ["Tickets · By The Harbour Band · May 3, 2025"],
    ],
)
def test_a_by_line_that_credits_no_writer_gives_no_credit(below: list[str]) -> None:
    """A story's sentence opening 'By …', a filter's offer, a CMS's placeholder, a breadcrumb
    word, a picture's or an event's credit: none is the story's author, whatever date is
    beside it, and a sentence stays in the body."""
    article = process_text(_page(below), adapters=ADAPTERS)
    assert (article.authors, article.author_organizations) == ((), ())
    if below[-1].endswith("grass."):
        assert below[-1] in article.paragraphs


def test_a_credit_rests_only_on_a_date_it_takes_along() -> None:
    """A date one unit past the window was evidence for 'By Orla' and was then neither read
    nor moved: the story lost its date."""
    below = ["Gardens", "Tools", "Seasons", "Share", "Print", "By Orla", "May 3, 2025"]
    article = process_text(_page(below), adapters=ADAPTERS)
    assert article.author_organizations == ()
    assert article.published_on == date(2025, 5, 3)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Tamsin Ashgrove [Reuters]", "Tamsin Ashgrove"),
        ("* ##### by Tamsin Ashgrove", "Tamsin Ashgrove"),
        ("* [ By Tamsin Ashgrove", "Tamsin Ashgrove"),
    ],
)
def test_markdown_around_a_byline_is_read_past_but_a_balanced_bracket_stays(
    line: str, author: str
) -> None:
    assert _credited([line, "May 3, 2025"]) == ([author], date(2025, 5, 3))


@pytest.mark.parametrize(
    "line",
    [
        "By Tamsin Ashgrove · May 21, 2025 · Originally aired April 24, 2025",
        "By Tamsin Ashgrove · May 21, 2025 · Since January 1, 2020",
    ],
)
def test_a_labelled_second_day_is_another_event_s(line: str) -> None:
    assert _credited(["Seasons", line]) == (["Tamsin Ashgrove"], date(2025, 5, 21))


@pytest.mark.parametrize("credit", ["Photo by Larkspur Studio", "Photos by Tamsin Ashgrove"])
def test_a_picture_credit_under_the_headline_names_no_author(credit: str) -> None:
    """The shared byline prefix reads 'Photo by' as a byline's; under a dump's headline it is
    the pictures' credit. The date below is still the story's."""
    assert _credited([credit, "May 3, 2025"]) == ([], date(2025, 5, 3))


@pytest.mark.parametrize(
    ("below", "authors"),
    [
        (["Ines Harrow ines.harrow@quillmoor.example"], ["Ines Harrow"]),
        (["Ines Harrow | iharrow@quillmoor.example"], ["Ines Harrow"]),
        (["Ines Harrow (harrow@quillmoor.example)", "May 3, 2025"], ["Ines Harrow"]),
        # The address is no one's the line names: the page's contact, not a byline (story35).
        (["Ines Harrow news@quillmoor.example"], []),
    ],
)  # fmt: skip
def test_a_name_with_the_writers_own_address_is_a_byline(
    below: list[str], authors: list[str]
) -> None:
    assert _credited(below)[0] == authors
