"""The 19th adapter: the republish modal is chrome of the original, not a republication."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
BODY = (
    "The city's main library will open two hours earlier on Saturdays and add Sunday "
    "afternoon hours starting next month, the library board decided on Monday."
)
MODAL = (
    "* Please read before republishing *\n\n"
    "We\u2019re happy to make this story available to republish for free under an "
    "Attribution-NonCommercial-NoDerivatives Creative Commons license, provided that you keep "
    "to our guidelines for republishing, which require that you credit The 19th and retain "
    "our pixel. The guidelines page has the details.\n\n\u2014 The Editors\n"
)


def test_modal_on_the_original_page_is_removed_and_names_no_original_publisher() -> None:
    article = process_text(f"{MODAL}\nLibrary hours grow\n\n{BODY}\n", ADAPTERS)
    assert article.adapter == "the_19th"
    assert article.title == "Library hours grow"
    assert article.paragraphs == (BODY,)
    assert article.original_publisher is None
    assert {r.kind for r in article.removals} == {"republish_modal"}


def test_republished_copy_notice_names_the_19th() -> None:
    notice = "This article was originally published by The 19th."
    article = process_text(f"Library hours grow\n\n{BODY}\n\n{notice}\n", ADAPTERS)
    assert article.adapter == "the_19th"
    assert article.paragraphs == (BODY,)
    assert article.original_publisher == "The 19th"


def test_reporting_that_mentions_the_19th_stays_and_is_not_claimed() -> None:
    sentence = (
        "A board member told The 19th that parents had asked for the change, and that the "
        "board would credit The 19th and other outlets for covering it."
    )
    article = process_text(f"Library hours grow\n\n{sentence}\n\n{BODY}\n", ADAPTERS)
    assert article.adapter == "generic"
    assert article.paragraphs == (sentence, BODY)


def test_a_bulleted_list_in_a_story_is_not_a_teaser_rail() -> None:
    items = "\u2022 Saturday mornings from 8 a.m.\n\u2022 Sunday afternoons from 1 p.m."
    article = process_text(f"{MODAL}\nLibrary hours grow\n\n{BODY}\n\n{items}\n", ADAPTERS)
    assert article.paragraphs[-2:] == (
        "\u2022 Saturday mornings from 8 a.m.",
        "\u2022 Sunday afternoons from 1 p.m.",
    )


def test_a_sentence_saying_a_story_first_ran_in_the_19th_is_not_a_notice() -> None:
    sentence = (
        "This story first appeared in The 19th's newsletter, the board member said, before "
        "other outlets picked it up."
    )
    article = process_text(f"Library hours grow\n\n{BODY}\n\n{sentence}\n", ADAPTERS)
    assert article.adapter == "generic"
    assert article.paragraphs == (BODY, sentence)
