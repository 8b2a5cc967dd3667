"""ProPublica adapter: its notes and widgets go, reporting that credits it stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
BODY = (
    "A suburban nursing home cited for staffing problems did not tell state inspectors "
    "that a resident with dementia had walked out of the building at night."
)
NOTE = (
    "ProPublica is a nonprofit newsroom that investigates abuses of power. Sign up for "
    "Dispatches, a newsletter that spotlights wrongdoing around the country, to receive our "
    "stories in your inbox every week."
)


def test_partner_credit_and_quotes_stay_in_the_body_and_do_not_claim() -> None:
    credit = (
        "A recent Anchorage Daily News and ProPublica review found dozens of bridges waiting "
        "on repairs, and the county engineer told ProPublica that funding was to blame."
    )
    article = process_text(f"Cases Thrown Out\n\n{credit}\n\n{BODY}\n", ADAPTERS)
    assert article.adapter == "generic"
    assert article.paragraphs == (credit, BODY)


def test_note_is_removed_and_names_the_publisher() -> None:
    text = f"Hospital Kept Quiet\n\nby Jane Doe, ProPublica\n\n{NOTE}\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "propublica"
    assert article.paragraphs == (BODY,)
    assert article.authors == ("Jane Doe",)
    assert article.original_publisher == "ProPublica"


def test_feed_byline_glued_to_the_note_is_split() -> None:
    text = f"Hospital Kept Quiet\n\nby Talia Buford {NOTE}\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "propublica"
    assert article.byline == "by Talia Buford"
    assert article.authors == ("Talia Buford",)
    assert article.paragraphs == (BODY,)


def test_flattened_newsletter_box_is_cut_from_its_paragraph() -> None:
    box = (
        "Get Our Top Investigations Subscribe to the Big Story newsletter. Don\u2019t miss "
        "out on ProPublica\u2019s next investigation. Email address Sign Up This site is "
        "protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply."
    )
    text = f"Hospital Kept Quiet\n\n{NOTE}\n\n{BODY} {box}\n"
    article = process_text(text, ADAPTERS)
    assert article.paragraphs == (BODY,)
    assert any(r.kind == "newsletter_promo" and r.text.strip() == box for r in article.removals)


def test_local_reporting_network_partner_is_a_copublisher() -> None:
    for partner, expected in (
        ("the Anchorage Daily News", "Anchorage Daily News"),
        ("The Texas Tribune", "The Texas Tribune"),
        ("the St. Louis Post-Dispatch", "St. Louis Post-Dispatch"),
    ):
        note = (
            "This article was produced for ProPublica\u2019s Local Reporting Network in "
            f"partnership with {partner}. Sign up for Dispatches to get stories like this one "
            "as soon as they are published."
        )
        article = process_text(f"Cases Thrown Out\n\n{note}\n\n{BODY}\n", ADAPTERS)
        assert article.adapter == "propublica"
        assert article.co_publishers == (expected,)
        assert article.paragraphs == (BODY,)
