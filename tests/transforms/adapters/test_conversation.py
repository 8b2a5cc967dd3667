"""The Conversation adapter: its notices go, reporting that mentions it stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
BODY = (
    "Heat pumps not only cut the cost of heating a home, they can also cool it in summer, "
    "according to years of field tests by energy researchers."
)
FOOTER = (
    "This article is republished from The Conversation under a Creative Commons license. "
    "Read the original article."
)


def test_footer_with_glued_logo_text_is_removed_and_names_the_publisher() -> None:
    text = f"How heat pumps work\n\n{BODY}\n\n{FOOTER}The Conversation\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "conversation"
    assert article.paragraphs == (BODY,)
    assert article.original_publisher == "The Conversation"
    notice = next(r for r in article.removals if r.kind == "republish_notice")
    assert notice.text == f"{FOOTER}The Conversation"


def test_footer_glued_to_the_last_paragraph_is_cut_as_a_span() -> None:
    text = f"How heat pumps work\n\n{BODY} {FOOTER}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "conversation"
    assert article.paragraphs == (BODY,)


def test_reporting_that_mentions_the_conversation_stays_and_is_not_claimed() -> None:
    sentence = (
        "The researcher told The Conversation that the piece, later republished from The "
        "Conversation by several outlets, had been read by millions of people."
    )
    article = process_text(f"A Study of Readers\n\n{sentence}\n\n{BODY}\n", ADAPTERS)
    assert article.adapter == "generic"
    assert article.paragraphs == (sentence, BODY)


def test_author_institution_line_is_a_byline_but_a_comma_headline_stays_the_title() -> None:
    text = f"Jimmy Carter, Humanitarian\n\nHelen Marsh, Curtin University\n\n{BODY}\n\n"
    article = process_text(f"{text}{FOOTER}\n", ADAPTERS)
    assert article.title == "Jimmy Carter, Humanitarian"
    assert article.authors == ("Helen Marsh",)
    assert article.author_affiliations[0].affiliation == "Curtin University"
    assert article.original_publisher == "The Conversation"


def test_physorg_copy_loses_its_chrome_and_keeps_the_author() -> None:
    text = (
        "Quantum computers get an upgrade\n\nby Daniel Lidar , The Conversation\n\n"
        "A quantum chip in a lab.\nCredit: Pixabay/CC0 Public Domain\n\n"
        f"{BODY}\n\nProvided by The Conversation\n\n+ Explore further\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.adapter == "conversation"
    assert article.authors == ("Daniel Lidar",)
    assert article.paragraphs == (BODY,)
    assert [credit.text for credit in article.credits] == [
        "A quantum chip in a lab.",
        "Credit: Pixabay/CC0 Public Domain",
    ]
    assert article.original_publisher == "The Conversation"


def test_newer_footer_moves_the_written_by_author_when_the_head_had_none() -> None:
    footer = (
        "This article is republished from The Conversation, a nonprofit, independent news "
        "organization bringing you facts and trustworthy analysis to help you make sense of "
        "our complex world. It was written by: Jane Roe, Monash University."
    )
    article = process_text(f"How heat pumps work\n\n{BODY}\n\n{footer}\n", ADAPTERS)
    assert article.adapter == "conversation"
    assert article.paragraphs == (BODY,)
    assert article.authors == ("Jane Roe",)
    assert article.original_publisher == "The Conversation"
