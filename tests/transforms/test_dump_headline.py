"""A short capture's first line is checked: a paragraph, a date line or a label is no headline."""

from __future__ import annotations

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.dump.headline import RULE, WARNING
from newsnorm.transforms.pipeline import process_text

ADAPTERS = tuple(adapter() for adapter in BUILTIN)

HEADLINE = "County opens a second ferry landing after a decade of delays"
LEAD = (
    "The county opened its second ferry landing on Tuesday morning, ending a decade of delays "
    "that had left commuters from the eastern shore waiting in long lines each day of the week."
)
MORE = [
    "Officials said the new landing would cut the average crossing wait by about twenty "
    "minutes during the morning rush, and that a third boat would join the route in spring.",
    "Residents who gathered for the first departure said they had stopped believing the "
    "landing would ever open, and several brought signs thanking the crews who built it.",
]


def _capture(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def test_a_capture_without_a_headline_keeps_its_first_paragraph_in_the_body() -> None:
    article = process_text(_capture(LEAD, *MORE), ADAPTERS)
    assert article.paragraphs == (LEAD, *MORE)
    assert WARNING in article.warnings
    assert (
        article.title
        == "The county opened its second ferry landing on Tuesday morning, ending a decade of…"
    )


def test_a_date_line_or_a_label_above_the_headline_is_not_the_title() -> None:
    for first, shape in (("Thursday, June 10, 2021", "date_line"), ("Politics", "label")):
        text = _capture(first, HEADLINE, LEAD, *MORE)
        article = process_text(text, ADAPTERS)
        assert article.title == HEADLINE, first
        assert article.paragraphs == (LEAD, *MORE)
        dropped = [removal for removal in article.removals if removal.rule == f"{RULE}:{shape}"]
        assert [removal.text for removal in dropped] == [first]
        assert text[dropped[0].start : dropped[0].end] == first


def test_a_headline_written_as_a_sentence_stays_the_title() -> None:
    question = "Explainer: how does the new ferry landing work, and can I still drive onto it?"
    article = process_text(_capture(question, LEAD, *MORE), ADAPTERS)
    assert article.title == question
    assert article.paragraphs == (LEAD, *MORE)
    assert WARNING not in article.warnings
