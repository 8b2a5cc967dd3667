"""The Texas Tribune: credits are not authors, footers go, reporting that cites it stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
TITLE = "Puerto Seco residents sour on the riverfront fencing plan"
DEK = "After initially supporting the effort, many residents say it has gone too far."
BODY = (
    "Residents of the border city said the state\u2019s fencing along the river has cut them "
    "off from land their families have farmed for generations."
)


def test_reporting_that_cites_the_tribune_stays_and_does_not_claim() -> None:
    mention = (
        "The mayor told The Texas Tribune the city was never consulted, and she has written "
        "for The Texas Tribune before."
    )
    article = process_text(f"{TITLE}\n\n{BODY}\n\n{mention}\n", ADAPTERS)
    assert article.adapter != "texas_tribune"
    assert article.paragraphs == (BODY, mention)


def test_photo_credit_is_a_credit_and_claims_its_caption() -> None:
    caption = "Riverside Park as seen in Puerto Seco, Texas on July 29, 2023."
    credit = "Marisol T. Ib\u00e1\u00f1ez for The Texas Tribune"
    text = f"{TITLE}\n\n{DEK}\n\n{caption}\n{credit}\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "texas_tribune"
    assert article.authors == ()
    assert article.paragraphs == (DEK, BODY)
    assert [(c.kind, c.text) for c in article.credits] == [
        ("caption", caption),
        ("photo_credit", credit),
    ]


def test_lead_caption_above_the_headline_is_not_the_title() -> None:
    caption = " ".join(["Volunteers walk along the river in Puerto Seco, Texas on July 28."] * 3)
    text = f"{caption}\n\n{TITLE}\n\n{DEK}\n\nSupport independent Texas news\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "texas_tribune"
    assert article.title == TITLE
    assert article.paragraphs == (DEK, BODY)
    assert article.credits[0].text == caption


def test_a_short_title_is_kept_even_above_a_short_line() -> None:
    text = f"{TITLE}\n\nBy Uriel J. Garc\u00eda\n\nSupport independent Texas news\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.title == TITLE
    assert article.authors == ("Uriel J. Garc\u00eda",)
    assert article.paragraphs == (BODY,)


def test_republisher_footer_run_together_is_cut_and_names_the_tribune() -> None:
    footer = (
        "This article was written by Uriel J. Garc\u00eda of The Texas Tribune. The Texas "
        "Tribune is a nonpartisan, nonprofit media organization that informs Texans \u2014 and "
        "engages with them \u2013 about public policy, politics, government and statewide "
        "issues. This article originally appeared at: "
        "https://www.texastribune.org/2023/08/07/texas-border-eagle-pass/"
    )
    promo = (
        "Sign up for The Brief, our daily newsletter that keeps readers up to speed on the "
        "most essential Texas news."
    )
    article = process_text(f"{TITLE}\n\n{promo}\n\n{BODY} {footer}\n", ADAPTERS)
    assert article.adapter == "texas_tribune"
    assert article.paragraphs == (BODY,)
    assert article.authors == ("Uriel J. Garc\u00eda",)
    assert article.original_publisher == "The Texas Tribune"
    assert (
        article.original_url == "https://www.texastribune.org/2023/08/07/texas-border-eagle-pass/"
    )
