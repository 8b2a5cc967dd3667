"""KFF Health News adapter: taglines, promos and title suffixes go; reporting stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
BODY = (
    "Six years ago, two clinic chains in this stretch of the river valley struck a bargain: "
    "if regulators let them combine, they would keep prices steady and open longer hours."
)
TAGLINE = (
    "KFF Health News is a national newsroom that produces in-depth journalism about health "
    "issues and is one of the core operating programs at KFF."
)


def test_interview_with_kff_health_news_stays_and_does_not_claim() -> None:
    sentence = (
        "Speaking with KFF Health News for an hour, the chief executive defended the "
        "merger, and Kaiser Health News later obtained the state's records."
    )
    article = process_text(f"Hospitals Fail to Deliver\n\n{BODY}\n\n{sentence}\n", ADAPTERS)
    assert article.adapter == "generic"
    assert article.paragraphs == (BODY, sentence)


def test_new_brand_tagline_is_removed_and_names_the_publisher() -> None:
    article = process_text(f"Hospitals Fail to Deliver\n\n{BODY}\n\n{TAGLINE}\n", ADAPTERS)
    assert article.adapter == "kff_health_news"
    assert article.paragraphs == (BODY,)
    assert article.original_publisher == "KFF Health News"


def test_title_suffix_is_cut_and_recorded() -> None:
    text = f"Hospitals Fail to Deliver \u2013 Kaiser Health News\n\n{TAGLINE}\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.title == "Hospitals Fail to Deliver"
    suffix = next(r for r in article.removals if r.kind == "title_suffix")
    assert text[suffix.start : suffix.end] == " \u2013 Kaiser Health News"


def test_headline_naming_the_newsroom_mid_title_is_kept_whole() -> None:
    title = "Kaiser Health News Wins Award for Hospital Series"
    article = process_text(f"{title}\n\n{TAGLINE}\n\n{BODY}\n", ADAPTERS)
    assert article.title == title


def test_copublication_note_names_the_partner_and_leaves_the_paragraphs() -> None:
    note = "This story also ran on USA Today. It can be republished for free."
    second = "Today, the merged system runs the only hospitals in a 29-county region of the state."
    text = f"Hospitals Fail to Deliver\n\n{BODY}\n{note}\n{second}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "kff_health_news"
    assert article.co_publishers == ("USA Today",)
    assert article.paragraphs == (BODY, second)


def test_section_word_below_the_body_start_is_not_a_label() -> None:
    text = f"Hospitals Fail to Deliver\n\n{TAGLINE}\n\n{BODY}\n\nHealth\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.paragraphs == (BODY, "Health", BODY)
