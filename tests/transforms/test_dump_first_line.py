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
