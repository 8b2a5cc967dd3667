"""A short capture's first line that is no headline (transforms/dump/first_line.py)."""

from __future__ import annotations

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.dump.first_line import RULE, not_a_headline
from newsnorm.transforms.pipeline import process_text

ADAPTERS = tuple(adapter() for adapter in BUILTIN)

HEADLINE = "Harbor town weighs a second ferry landing"
STORY = [
    "The county board heard plans on Tuesday for a second ferry landing on the eastern "
    "shore, where commuters now wait in long lines each morning.",
    "Officials said a decision would come in the spring, after a study of the tides and of "
    "the old cannery site that the landing would replace.",
]


def test_a_link_line_above_the_headline_is_dropped_and_recorded() -> None:
    first = "https://www.example-ledger.com/news/harbor-ferry-landing"
    text = "\n\n".join([first, HEADLINE, *STORY]) + "\n"
    article = process_text(text, ADAPTERS)
    assert article.title == HEADLINE
    assert article.paragraphs == tuple(STORY)
    cut = [removal for removal in article.removals if removal.rule == f"{RULE}:url"]
    assert [text[removal.start : removal.end] for removal in cut] == [first]


def test_a_first_line_that_may_be_a_headline_stays_the_title() -> None:
    text = "\n\n".join([HEADLINE, *STORY]) + "\n"
    article = process_text(text, ADAPTERS)
    assert article.title == HEADLINE
    assert not any(removal.rule.startswith(RULE) for removal in article.removals)


def test_shapes_that_are_no_headline() -> None:
    assert not_a_headline("Updated 6:02 am, Thursday, November 21, 2019") == "date_line"
    assert not_a_headline("Politics") == "label"
    assert not_a_headline("www.example-ledger.com/a/b") == "url"
    assert not_a_headline(HEADLINE) is None


def _lead(*lines: str) -> str:
    """A short dump: `lines` above the headline, then a byline and the story."""
    return "\n".join([*lines, HEADLINE, "By Rosa Lindqvist", *STORY]) + "\n"


def test_menu_bullets_and_wordless_lines_above_the_headline_are_dropped() -> None:
    text = _lead("  * ", "  * News", "  * Topics", "  * About")
    article = process_text(text, ADAPTERS)
    assert article.title == HEADLINE
    shapes = [r.rule for r in article.removals if r.rule.startswith(RULE)]
    assert shapes == [f"{RULE}:no_words", *[f"{RULE}:menu_item"] * 3]


def test_a_lower_case_category_label_and_a_kicker_are_no_headline() -> None:
    for label in ("lifestyle", "Skispringen"):
        article = process_text(_lead(label, "* Health News"), ADAPTERS)
        assert article.title == HEADLINE
        assert STORY[0] in article.paragraphs


def test_a_breadcrumb_ending_in_the_headline_is_dropped() -> None:
    article = process_text(_lead("* ", f"HomeNews {HEADLINE}"), ADAPTERS)
    assert article.title == HEADLINE
    assert not any(HEADLINE in paragraph for paragraph in article.paragraphs)
    assert f"{RULE}:breadcrumb" in {r.rule for r in article.removals}


def test_an_app_promo_over_its_button_is_no_headline() -> None:
    promo = "Welcome to the Harbor Ledger's new app"
    article = process_text(_lead(promo, "Learn More"), ADAPTERS)
    assert article.title == HEADLINE
    assert promo not in article.paragraphs
    assert f"{RULE}:promo" in {r.rule for r in article.removals}


def test_a_dek_without_a_full_stop_stays_under_its_headline() -> None:
    dek = "Commuters say the wait each morning has grown too long"
    article = process_text(_lead(dek).replace(f"{dek}\n{HEADLINE}", f"{HEADLINE}\n{dek}"), ADAPTERS)
    assert article.title == HEADLINE
    assert dek in article.paragraphs


def test_more_shapes_that_are_no_headline() -> None:
    assert not_a_headline("*") == "no_words"
    assert not_a_headline("* Sport") == "menu_item"
    assert not_a_headline("lifestyle") == "label"
    assert not_a_headline(f"Home News {HEADLINE}", HEADLINE) == "breadcrumb"
    assert not_a_headline(HEADLINE, HEADLINE) is None


def test_the_byline_and_date_under_a_short_dumps_headline_move_to_their_fields() -> None:
    text = "\n".join(["* News", "* About", HEADLINE, "By Rosa Lindqvist", "March 3, 2024", *STORY])
    article = process_text(text + "\n", ADAPTERS)
    assert article.title == HEADLINE
    assert article.paragraphs == tuple(STORY)
    assert (article.byline, article.authors) == ("By Rosa Lindqvist", ("Rosa Lindqvist",))
    assert article.published_on is not None
    assert article.published_on.isoformat() == "2024-03-03"
    moved = {text[r.start : r.end] for r in article.removals if r.action == "moved"}
    assert moved == {"By Rosa Lindqvist", "March 3, 2024"}
