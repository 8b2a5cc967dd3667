"""Authors read from a page's date line: the short block holding the story's date and a name."""

from __future__ import annotations

import pytest

from newsnorm.transforms.html.metadata import extract_metadata
from newsnorm.transforms.html.nodes import parse_page

URL = "https://harbour.example/ferries"


def authors(body: str) -> tuple[str, ...]:
    html = f"<html><body><article><h1>Ferries</h1>{body}<p>Story.</p></article></body></html>"
    return extract_metadata(parse_page(html)[0], URL).authors


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<div><span>Dec 17, 2025</span><span>Ana Ruiz</span></div>", ("Ana Ruiz",)),
        ("<p>Ana Ruiz | Senior Writer | July 2, 2025</p>", ("Ana Ruiz",)),
        (
            "<div>2025-12-17 <span>·</span> <a title='x'><div>Ana Ruiz</div></a></div>",
            ("Ana Ruiz",),
        ),
        (
            "<div>Dec. 19, 2025 · Ana Ruiz on behalf of <a href='/team'>Ferry Group</a></div>",
            ("Ana Ruiz",),
        ),
        (
            "<div><div><div>Ana Ruiz</div><div>Co-Founder</div></div>"
            "<div>Updated on 23 Oct 2025</div></div>",
            ("Ana Ruiz",),
        ),
    ],
    ids=["spans", "bars-and-role", "linkless-anchor", "on-behalf-of", "author-card"],
)
def test_a_name_on_the_date_line_is_the_author(line: str, expected: tuple[str, ...]) -> None:
    assert authors(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        # A category, a comment count and a teaser's title are links.
        "<div>Apr 21, 2017 | <a href='/category/ferry-safety'>Ferry Safety</a></div>",
        "<div>Apr 21, 2017 <a href='#comments'>No Comments</a></div>",
        "<div><a href='/other'>Harbour Works Begin</a> <span>Apr 21, 2017</span></div>",
        # A label is no name, nor is a sentence holding one.
        "<div><span>Apr 21, 2017</span> <span>Reading Time:</span> <span>3</span></div>",
        "<p>Apr 21, 2017 Ana Ruiz said the ferry was late.</p>",
        # A long block holding a date is not a date line.
        "<div><span>Apr 21, 2017</span><p>" + "Ana Ruiz spoke. " * 10 + "</p></div>",
        # Interface words and roles beside a date are no names.
        "<div><span>Apr 21, 2017</span> <span>Save Article</span> <span>Read Later</span></div>",
        "<div><span>Apr 21, 2017</span> <span>Expert Reviewer</span></div>",
        # Commenters show a name beside a date too.
        "<div class='comment-body'><span>Bo Lind</span> <span>Apr 21, 2017</span></div>",
    ],
    ids=[
        "category-link",
        "comment-link",
        "teaser-link",
        "label",
        "sentence",
        "long",
        "widget",
        "role",
        "comment",
    ],
)
def test_other_words_beside_a_date_name_nobody(line: str) -> None:
    assert authors(line) == ()


def test_a_byline_read_before_wins_over_the_date_line() -> None:
    line = (
        "<p class='byline'>By Bo Lind</p><div><span>Dec 17, 2025</span><span>Ana Ruiz</span></div>"
    )
    assert authors(line) == ("Bo Lind",)
