"""Mississippi Today: a credit under the headline is no byline; reporting that cites it stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
CAPTION = "Lawmakers speak at Thursday\u2019s budget presentation."
LEAD = (
    "House Democrats, feeling unheard by Republican leaders at the Capitol on budget and tax "
    "policy, are taking their message directly to voters."
)
BODY = (
    "About two dozen residents gathered Thursday evening downtown to hear concerns about "
    "lower-than-projected revenue collections and budget cuts."
)


def test_reporting_that_cites_the_site_stays_and_does_not_claim() -> None:
    mention = (
        "The agency confirmed the figures to Mississippi Today, and records obtained by "
        "Mississippi Today show the cuts began in March."
    )
    article = process_text(f"Democrats Tour State\n\n{LEAD}\n\n{mention}\n", ADAPTERS)
    assert article.adapter != "mississippi_today"
    assert article.paragraphs == (LEAD, mention)


def test_credit_under_the_headline_is_a_credit_and_its_caption_leaves_the_body() -> None:
    text = (
        f"Democrats Tour State\n\nAdam Ganucheau, Mississippi Today\n\n{CAPTION}\n\n"
        f"HATTIESBURG \u2013 {LEAD}\n\n{BODY}\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.adapter == "mississippi_today"
    assert article.authors == ()
    assert article.paragraphs == (LEAD, BODY)
    assert [(credit.kind, credit.text) for credit in article.credits] == [
        ("photo_credit", "Adam Ganucheau, Mississippi Today"),
        ("caption", CAPTION),
    ]
    assert article.dateline is not None
    assert article.dateline.place == "HATTIESBURG"


def test_without_a_dateline_the_line_below_the_credit_stays_in_the_body() -> None:
    text = f"Democrats Tour State\n\nAdam Ganucheau, Mississippi Today\n\n{LEAD}\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "mississippi_today"
    assert article.paragraphs == (LEAD, BODY)


def test_republication_byline_with_by_names_the_author() -> None:
    text = f"Democrats Tour State\n\nby Adam Ganucheau, Mississippi Today\n\n{LEAD}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "mississippi_today"
    assert article.authors == ("Adam Ganucheau",)
    assert article.credits == ()
