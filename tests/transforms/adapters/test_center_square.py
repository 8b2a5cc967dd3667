"""The Center Square adapter: dateline, pipe byline and title suffix; mentions stay."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
BODY = (
    "A county budget committee on Tuesday approved a five-year plan to repave rural roads, "
    "sending the proposal to the full board for a vote next month."
)


def test_title_suffix_names_the_publisher_and_pipe_byline_gives_an_author() -> None:
    text = (
        "Road plan clears committee - The Center Square\nJane Doe | The Center Square\n\n"
        f"(The Center Square) \u2013 {BODY}\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.adapter == "center_square"
    assert article.title == "Road plan clears committee"
    assert article.paragraphs == (BODY,)
    assert article.authors == ("Jane Doe",)
    assert article.author_affiliations[0].affiliation == "The Center Square"
    assert article.original_publisher == "The Center Square"


def test_mention_of_the_center_square_stays_and_is_not_claimed() -> None:
    sentence = (
        "A board member told The Center Square on Monday that the vote (The Center Square "
        "asked twice) would be delayed - The Center Square"
    )
    article = process_text(f"Vote delayed\n\n{sentence}\n\n{BODY}\n", ADAPTERS)
    assert article.adapter == "generic"
    assert article.paragraphs == (sentence, BODY)
