"""The Inside Climate News adapter: footer and tagline go; reporting about ICN stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
BODY = (
    "A small town's council is considering whether to extend a grant program that helped "
    "about 40 households install rooftop solar panels last year."
)
FOOTER = (
    "This article originally appeared on Inside Climate News, a nonprofit, independent news "
    "organization that covers climate, energy and the environment. It is republished with "
    "permission. Sign up for their newsletter here."
)


def test_footer_is_removed_and_names_the_publisher() -> None:
    article = process_text(f"Solar grants\n\n{BODY}\n\n{FOOTER}\n", ADAPTERS)
    assert article.adapter == "inside_climate_news"
    assert article.paragraphs == (BODY,)
    assert article.original_publisher == "Inside Climate News"


def test_footer_glued_to_the_last_paragraph_is_cut() -> None:
    article = process_text(f"Solar grants\n\n{BODY} {FOOTER}\n", ADAPTERS)
    assert article.paragraphs == (BODY,)
    assert article.original_publisher == "Inside Climate News"


def test_reporting_that_mentions_inside_climate_news_stays_and_is_not_claimed() -> None:
    sentence = (
        "The mayor told Inside Climate News that the program, first reported by Inside "
        "Climate News in May, would continue."
    )
    article = process_text(f"Solar grants continue\n\n{sentence}\n\n{BODY}\n", ADAPTERS)
    assert article.adapter == "generic"
    assert article.paragraphs == (sentence, BODY)
