"""Adapters and the rule engine: what is cut, what stays, and where the cuts were."""

from __future__ import annotations

from typing import ClassVar

import pytest

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.dcnf import DcnfAdapter
from newsnorm.transforms.adapters.generic import GenericAdapter
from newsnorm.transforms.adapters.registry import load_adapters, order_adapters, select_adapter
from newsnorm.transforms.errors import AdapterError, DocumentRejected
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Document
from newsnorm.transforms.rules import Rule
from tests_support import SEED_TEXT

ADAPTERS = load_adapters(include_plugins=False)
FILLER = (
    "The council voted on Tuesday to extend the program for another year, citing strong "
    "demand from residents and local businesses across the county."
)


def _clean(text: str) -> tuple[str, list[str]]:
    article = process_text(text, ADAPTERS)
    return article.adapter, list(article.paragraphs)


def test_seed_is_detected_as_dcnf() -> None:
    assert select_adapter(Document.from_text(SEED_TEXT), ADAPTERS).adapter.name == "dcnf"


def test_plain_text_falls_back_to_generic() -> None:
    adapter, paragraphs = _clean(f"A Headline\n\n{FILLER}\n")
    assert adapter == "generic"
    assert paragraphs == [FILLER]


def test_mention_of_the_syndicator_in_reporting_stays_in_the_body() -> None:
    sentence = (
        "The senator told the Daily Caller News Foundation that the bill would pass, and a "
        "spokesman later confirmed the vote count to reporters."
    )
    text = f"Headline Here\n\nDaily Caller News Foundation logo\n\n{sentence}\n\n{FILLER}\n"
    adapter, paragraphs = _clean(text)
    assert adapter == "dcnf"
    assert paragraphs == [sentence, FILLER]


def test_line_rule_needs_the_whole_line() -> None:
    sentence = "Readers asked about the Font Size: it can be changed in the settings of the app."
    _, paragraphs = _clean(f"Headline\n\n{sentence}\n\n{FILLER}\n")
    assert paragraphs == [sentence, FILLER]


def test_related_span_is_cut_from_the_paragraph_and_moved() -> None:
    promo = "(Related: Biden (Again) Says \u2018No\u2019 To Deal: REPORT)"
    text = f"Headline\n\nDaily Caller News Foundation logo\n\n{FILLER} {promo}\n"
    article = process_text(text, ADAPTERS)
    assert article.paragraphs == (FILLER,)
    assert [item.title for item in article.related] == [
        "Biden (Again) Says \u2018No\u2019 To Deal: REPORT"
    ]
    removal = next(r for r in article.removals if r.kind == "related_promo")
    assert text[removal.start : removal.end] == promo
    assert removal.action == "moved"


def test_byline_below_the_body_start_is_not_moved() -> None:
    text = f"Headline\n\nDaily Caller News Foundation logo\n\n{FILLER}\n\nJane Doe Contributor\n"
    article = process_text(text, ADAPTERS)
    assert article.authors == ()
    assert article.paragraphs[-1] == "Jane Doe Contributor"


def test_republisher_byline_names_the_person_not_the_outlet() -> None:
    text = f"Headline\n\nBy: Jake Smith, Daily Caller News Foundation\n\n{FILLER}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "dcnf"
    assert article.authors == ("Jake Smith",)
    assert article.byline == "By: Jake Smith, Daily Caller News Foundation"


def test_crlf_input_offsets_still_slice_the_input() -> None:
    text = SEED_TEXT.replace("\n", "\r\n")
    article = process_text(text, ADAPTERS)
    assert len(article.paragraphs) == 8
    for removal in article.removals:
        assert text[removal.start : removal.end] == removal.text


def test_hard_wrapped_text_joins_lines_into_paragraphs() -> None:
    words = (FILLER + " " + FILLER).split()
    wrapped = "\n".join(" ".join(words[i : i + 10]) for i in range(0, len(words), 10))
    article = process_text(f"Headline\n\n{wrapped}\n\n{wrapped}\n", ADAPTERS)
    assert article.paragraphs == (FILLER + " " + FILLER,) * 2


@pytest.mark.parametrize(
    "text",
    ["Only A Headline\n", "Headline\n\nFont Size:\n\nToo short to be news.\n", "\n\nFont Size:\n"],
    ids=["title-only", "fragment", "chrome-only"],
)
def test_text_without_an_article_is_rejected(text: str) -> None:
    with pytest.raises(DocumentRejected) as caught:
        process_text(text, ADAPTERS)
    assert caught.value.code == "no_article"


def test_adapters_are_ordered_by_priority_then_name() -> None:
    keys = [(adapter.priority, adapter.name) for adapter in ADAPTERS]
    assert keys == sorted(keys)
    assert ADAPTERS[-1].name == "generic"
    assert "dcnf" in [adapter.name for adapter in ADAPTERS]


def test_two_adapters_with_one_name_are_refused() -> None:
    class Impostor(RuleAdapter):
        name = "dcnf"

    with pytest.raises(AdapterError, match="two adapters are named 'dcnf'"):
        order_adapters([DcnfAdapter(), Impostor(), GenericAdapter()])


def test_a_bad_rule_fails_when_the_adapter_is_defined() -> None:
    with pytest.raises(AdapterError, match="bad pattern"):

        class Broken(RuleAdapter):
            name = "broken"
            line_rules: ClassVar[tuple[Rule, ...]] = (Rule("oops", "ui_cruft", r"(unclosed"),)


def test_a_rule_cannot_move_to_an_unknown_field() -> None:
    with pytest.raises(AdapterError, match="unknown field"):
        Rule("typo", "byline", r"By .+", move_to="bylin")


def test_no_claiming_adapter_is_an_adapter_error() -> None:
    with pytest.raises(AdapterError):
        select_adapter(Document.from_text("text"), [DcnfAdapter()])


def test_document_fold_is_computed_once_and_keeps_offsets() -> None:
    document = Document.from_text("Reporter\u2019s \u201cbyline\u201d \u2014 DCNF")
    assert document.folded == 'Reporter\'s "byline" - DCNF'
    assert len(document.folded) == len(document.text)


def test_republisher_byline_alone_identifies_dcnf() -> None:
    document = Document.from_text("x\nBy: Jake Smith, Daily Caller News Foundation\ny")
    assert DcnfAdapter().detect(document)
    assert not DcnfAdapter().detect(Document.from_text("x\nBy: Jake Smith, The Texas Tribune\n"))
