"""CalMatters: newsletter chrome and notices go, reporting that credits CalMatters stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
TITLE = "Will California\u2019s school bus pilot become permanent?"
BODY = (
    "In 2018, California lawmakers started one of the state\u2019s most watched school bus "
    "pilots, but they gave it an end date to see how things worked out."
)


def test_reporting_that_credits_calmatters_stays_and_does_not_claim() -> None:
    mention = (
        "A CalMatters analysis found the pilot added routes, and the senator told "
        "CalMatters she would seek to make it permanent."
    )
    article = process_text(f"{TITLE}\n\n{BODY}\n\n{mention}\n", ADAPTERS)
    assert article.adapter != "calmatters"
    assert article.paragraphs == (BODY, mention)


def test_newsletter_head_is_cut_and_the_byline_names_one_person() -> None:
    text = (
        f"{TITLE}\n\nYour guide to California policy and politics\n"
        "Dana Whitlock BY Dana Whitlock February 14, 2023\n"
        "Presented by Dairy Cares and New California Coalition\n\n"
        f"{TITLE}\n\n{BODY}\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.adapter == "calmatters"
    assert article.title == TITLE
    assert article.authors == ("Dana Whitlock",)
    assert article.paragraphs == (BODY,)


def test_a_first_paragraph_that_only_resembles_the_title_stays() -> None:
    similar = f"{TITLE[:-1]}, lawmakers asked on Monday."
    text = f"{TITLE}\n\nYour guide to California policy and politics\n\n{similar}\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "calmatters"
    assert article.paragraphs == (similar, BODY)


def test_footer_is_removed_and_names_calmatters() -> None:
    notice = (
        "This article was originally published on CalMatters and was republished under the "
        "Creative Commons Attribution-NonCommercial-NoDerivatives license."
    )
    article = process_text(f"{TITLE}\n\n{BODY}\n\n{notice}\n", ADAPTERS)
    assert article.adapter == "calmatters"
    assert article.paragraphs == (BODY,)
    assert article.original_publisher == "CalMatters"
