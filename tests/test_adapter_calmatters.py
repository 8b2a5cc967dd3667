"""CalMatters: newsletter chrome and notices go, reporting that credits CalMatters stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
TITLE = "Will controversial California housing law become permanent?"
BODY = (
    "In 2017, California lawmakers passed one of the state\u2019s most consequential housing "
    "laws, but they included an expiration date to see how things panned out."
)


def test_reporting_that_credits_calmatters_stays_and_does_not_claim() -> None:
    mention = (
        "A CalMatters analysis found the law sped up approvals, and the senator told "
        "CalMatters he would seek to make it permanent."
    )
    article = process_text(f"{TITLE}\n\n{BODY}\n\n{mention}\n", ADAPTERS)
    assert article.adapter != "calmatters"
    assert article.paragraphs == (BODY, mention)


def test_newsletter_head_is_cut_and_the_byline_names_one_person() -> None:
    text = (
        f"{TITLE}\n\nYour guide to California policy and politics\n"
        "Sameea Kamal BY Sameea Kamal February 14, 2023\n"
        "Presented by Dairy Cares and New California Coalition\n\n"
        f"{TITLE}\n\n{BODY}\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.adapter == "calmatters"
    assert article.title == TITLE
    assert article.authors == ("Sameea Kamal",)
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
