"""INN Republication Tracker / Newspack: the plugin's footer goes, talk about licences stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
BODY = (
    "The City Council on Tuesday approved a three-year contract for mowing, litter pickup and "
    "playground repairs at 40 neighborhood parks, ending months of debate."
)


def footer(site: str) -> str:
    return (
        f"This article first appeared on {site} and is republished here under a Creative "
        "Commons license."
    )


def test_reporting_about_creative_commons_republishing_stays_and_does_not_claim() -> None:
    mention = (
        "Newsrooms that republish the stories under a Creative Commons license must say the "
        "article first appeared on the nonprofit's site, the group said."
    )
    article = process_text(f"Council Approves Contract\n\n{BODY}\n\n{mention}\n", ADAPTERS)
    assert article.adapter != "inn_newspack"
    assert article.paragraphs == (BODY, mention)


def test_footer_flattened_onto_the_last_paragraph_is_cut_with_the_pixel() -> None:
    pixel = (
        '<img id="republication-tracker-tool-source" src="https://fortworthreport.org/'
        '?republication-pixel=true&post=1234" style="width:1px;height:1px;">'
    )
    text = f"Council Approves Contract\n\n{BODY} {footer('Fort Worth Report')} {pixel}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "inn_newspack"
    assert article.paragraphs == (BODY,)
    assert article.original_publisher == "Fort Worth Report"
    assert article.syndicator == "Fort Worth Report"


def test_plugin_header_is_a_byline_and_a_date() -> None:
    text = (
        "Council Approves Contract\n\nby Jane Roe, Fort Worth Report\nMarch 3, 2024\n\n"
        f"{BODY}\n\n{footer('Fort Worth Report')}\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.authors == ("Jane Roe",)
    assert article.paragraphs == (BODY,)


def test_widget_and_modal_on_the_original_page_are_chrome() -> None:
    text = (
        "Council Approves Contract\n\nRepublish this article\n\nThis work is licensed under a "
        "Creative Commons Attribution-NoDerivatives 4.0 International License.\n\n"
        f"{BODY}\n\nRepublish our articles for free, online or in print, under a Creative "
        "Commons license.\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.adapter == "inn_newspack"
    assert article.paragraphs == (BODY,)
    assert article.original_publisher is None


def test_footer_naming_a_site_with_its_own_adapter_goes_to_that_adapter() -> None:
    for site, adapter in (("Mississippi Today", "mississippi_today"), ("CalMatters", "calmatters")):
        article = process_text(f"Council Approves Contract\n\n{BODY}\n\n{footer(site)}\n", ADAPTERS)
        assert article.adapter == adapter
        assert article.original_publisher == site
        assert article.paragraphs == (BODY,)
