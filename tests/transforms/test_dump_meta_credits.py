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


def test_a_name_alone_under_the_byline_s_date_line_is_the_byline() -> None:
    authors, _ = _credited(["Gardens", "May 3, 2025", "Tamsin Ashgrove"])
    assert authors == ["Tamsin Ashgrove"]


def test_a_name_shaped_line_under_a_date_is_no_byline_where_a_listing_repeats_the_shape() -> None:
    rail = ("Latest", "June 2, 2025", "Hedge Laying", "June 9, 2025", "Seed Swaps")
    below = ["Gardens", "May 3, 2025", "Orchard Notes"]
    article = process_text(_page(below, rail), adapters=ADAPTERS)
    assert article.authors == ()
