"""The rule engine's kinds of rule, through its public interface: `clean_text` and `RuleSet`."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

import pytest

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.adapters.base import AfterClean, RuleAdapter
from newsnorm.transforms.clean import Cleaned, clean_text
from newsnorm.transforms.errors import AdapterError
from newsnorm.transforms.records import Article, Document
from newsnorm.transforms.rules import BlockRule, Rule, RuleSet, Zone

LEAD = "The council voted on Tuesday to extend the program for another year."
MORE = "Residents asked for longer hours at the branch libraries."


def _clean(text: str, rules: RuleSet) -> Cleaned:
    cleaned = clean_text(Document.from_text(text), rules)
    for removal in cleaned.removals:
        assert text[removal.start : removal.end] == removal.text
    return cleaned


def _cuts(cleaned: Cleaned) -> list[tuple[str, str]]:
    return [(removal.rule, removal.text) for removal in cleaned.removals]


def test_text_rule_cuts_across_lines_and_keeps_offsets() -> None:
    rail = "\u2022 More stories\n\n\u2022 First teaser headline\n\u2022 Second teaser headline"
    text = f"Storm Hits Coast\n\n{LEAD}\n\n{rail}\n\n{MORE}\n"
    rules = RuleSet(text_rules=(Rule("rail", "navigation", r"^. More stories\n(?:\n?. .+\n?)+"),))
    cleaned = _clean(text, rules)
    assert cleaned.paragraphs == [LEAD, MORE]
    ((name, cut),) = _cuts(cleaned)
    assert name == "rail"
    assert cut.startswith("\u2022 More stories")
    assert "Second" in cut


def test_text_rule_cuts_its_value_group_in_front_of_the_headline() -> None:
    text = f" date 2021-07-02 Storm Hits Coast\n\n{LEAD}\n"
    rule = Rule("artefact", "extraction_artefact", r"\A\s*(?P<value>date \d{4}-\d\d-\d\d) ")
    cleaned = _clean(text, RuleSet(text_rules=(rule,)))
    assert cleaned.title == "Storm Hits Coast"
    assert _cuts(cleaned) == [("artefact", "date 2021-07-02")]


def test_a_notice_outranks_a_text_rule_naming_the_publisher() -> None:
    text = f"Storm Hits Coast - Wire One\n\n{LEAD}\n\nThis story first appeared on Wire Two.\n"
    rules = RuleSet(
        text_rules=(Rule("suffix", "title_suffix", r"(?P<value>- (?P<publisher>Wire One))$"),),
        line_rules=(Rule("notice", "notice", r"This story first appeared on (?P<publisher>.+)\."),),
    )
    cleaned = _clean(text, rules)
    assert cleaned.title == "Storm Hits Coast"
    assert cleaned.original_publisher == "Wire Two"
    alone = _clean(f"Storm Hits Coast - Wire One\n\n{LEAD}\n", rules)
    assert alone.original_publisher == "Wire One"


def test_block_rule_cuts_from_its_start_line_through_its_end_line() -> None:
    modal = "Republish this story\nCopy the HTML below.\n\n<p>snippet</p>\nThe Editors"
    text = f"Storm Hits Coast\n\n{LEAD}\n\n{modal}\n\n{MORE}\n"
    block = BlockRule("modal", "republish_modal", r"Republish this story", r"The Editors")
    cleaned = _clean(text, RuleSet(block_rules=(block,)))
    assert cleaned.paragraphs == [LEAD, MORE]
    assert _cuts(cleaned) == [("modal", modal)]


def test_block_rule_without_its_end_within_reach_cuts_nothing() -> None:
    text = f"Storm Hits Coast\n\nRepublish this story\n{LEAD}\n{MORE}\nThe Editors\n"
    block = BlockRule("modal", "republish_modal", r"Republish this story", r"The Editors", 3)
    assert _cuts(_clean(text, RuleSet(block_rules=(block,)))) == []
    with pytest.raises(AdapterError, match="at least two lines"):
        BlockRule("modal", "republish_modal", "a", "b", max_lines=1)


CAPTION = "A long caption " + "word " * 30 + "shows the harbour at dawn."
LEAD_CAPTION = Rule(
    "lead-caption",
    "caption",
    r"\S+(?:\s+\S+){24,}",
    move_to="caption",
    zone="title",
    before=r"(?!.*\.$)\S+(?:\s+\S+){0,24}$",
)


def test_before_rule_takes_the_caption_above_a_headline() -> None:
    cleaned = _clean(f"{CAPTION}\n\nStorm Hits Coast\n\n{LEAD}\n", RuleSet((LEAD_CAPTION,)))
    assert cleaned.title == "Storm Hits Coast"
    assert cleaned.paragraphs == [LEAD]
    assert [credit.text for credit in cleaned.credits] == [CAPTION.strip()]
    assert [name for name, _ in _cuts(cleaned)] == ["lead-caption"]


def test_before_rule_leaves_the_line_when_the_next_kept_line_does_not_match() -> None:
    cleaned = _clean(f"{CAPTION}\n\n{LEAD}\n", RuleSet((LEAD_CAPTION,)))
    assert cleaned.title == " ".join(CAPTION.split())
    assert cleaned.credits == []
    assert cleaned.removals == []


CREDIT = Rule("credit", "photo_credit", r"[A-Z]\w+ [A-Z]\w+, Harbor Daily", move_to="credit")
BELOW_CREDIT = Rule(
    "caption-below-credit", "caption", r".+", move_to="caption", after="credit", before=r"[A-Z]+ - "
)
DATELINE = Rule("dateline", "dateline", r"^(?P<place>[A-Z]+) - ", move_to="dateline", zone="head")


def test_after_rule_takes_the_caption_below_a_credit_and_gives_the_head_back() -> None:
    text = f"Storm Hits Coast\nAna Ruiz, Harbor Daily\nBoats wait out the storm.\nDOVER - {LEAD}\n"
    cleaned = _clean(text, RuleSet((CREDIT, BELOW_CREDIT), span_rules=(DATELINE,)))
    assert [(credit.kind, credit.text) for credit in cleaned.credits] == [
        ("photo_credit", "Ana Ruiz, Harbor Daily"),
        ("caption", "Boats wait out the storm."),
    ]
    # The caption no longer opens the body, so the lead is in the head: its dateline moves.
    assert cleaned.dateline is not None
    assert cleaned.dateline.place == "DOVER"
    assert cleaned.paragraphs == [LEAD]


def test_after_rule_needs_the_named_rule_to_have_cut_the_line_above() -> None:
    text = f"Storm Hits Coast\nBoats wait out the storm.\nDOVER - {LEAD}\n"
    cleaned = _clean(text, RuleSet((CREDIT, BELOW_CREDIT)))
    assert cleaned.paragraphs == ["Boats wait out the storm.", f"DOVER - {LEAD}"]


def test_tight_span_cut_leaves_no_space_before_punctuation() -> None:
    text = f"Storm Hits Coast\n\nRead the report, opens new tab. {LEAD}\n"
    loose = Rule("suffix", "ui_cruft", r", opens new tab")
    tight = replace(loose, tight=True)
    assert _clean(text, RuleSet(span_rules=(loose,))).paragraphs[0].startswith("Read the report .")
    assert _clean(text, RuleSet(span_rules=(tight,))).paragraphs[0].startswith("Read the report.")


def test_line_break_records_the_removed_line_with_its_break() -> None:
    text = f"Wire One\r\nStorm Hits Coast\r\n\r\n{LEAD}\r\n"
    label = Rule("label", "section_label", r"Wire One", zone="head")
    assert _cuts(_clean(text, RuleSet((label,)))) == [("label", "Wire One")]
    with_break = replace(label, line_break=True)
    assert _cuts(_clean(text, RuleSet((with_break,)))) == [("label", "Wire One\r\n")]


def test_title_repeated_under_cut_lines_goes_only_when_asked() -> None:
    text = f"Storm Hits Coast\nSponsored by Acme\n\nStorm Hits Coast\n\n{LEAD}\n"
    sponsor = Rule("sponsor", "sponsor_line", r"Sponsored by .+")
    adjacent = _clean(text, RuleSet((sponsor,)))
    assert adjacent.paragraphs == ["Storm Hits Coast", LEAD]
    repeats = _clean(text, RuleSet((sponsor,), title_repeats="first_paragraph"))
    assert repeats.paragraphs == [LEAD]
    assert ("repeated-title", "Storm Hits Coast") in _cuts(repeats)


def test_a_headline_written_twice_stays_and_a_caption_shown_twice_goes() -> None:
    # get_text's first line is the page's <title>; the <h1> and a hidden copy come later.
    head = "Harbor Library Hours Extended"
    caption = "A reader at the harbor branch desk"
    text = f"{head} | Harbor Daily\nNews\n{head}\n{head}\n{LEAD}\n{caption}\n{caption}\n{MORE}\n"
    cleaned = _clean(text, RuleSet())
    cuts = _cuts(cleaned)
    assert ("repeated-title", head) in cuts
    assert ("caption-above", head) not in cuts
    assert head in " ".join(cleaned.paragraphs)
    assert ("repeated-caption", caption) in cuts
    assert ("caption-above", caption) in cuts
    assert caption not in " ".join(cleaned.paragraphs)


def test_a_date_that_claims_the_name_above_is_not_its_affiliation() -> None:
    date = Rule("date", "published", r"May \d+, \d{4}", move_to="published", claims_above="byline")
    affiliation = Rule("affiliation", "byline", r"Harbor Daily", claims_above="byline")
    text = f"Storm Hits Coast\n\n{LEAD}\nJane Doe\n{{}}\n\n{MORE}\n"
    dated = _clean(text.format("May 5, 2024"), RuleSet((date,)))
    assert (dated.bylines, dated.published) == (["Jane Doe"], "May 5, 2024")
    affiliated = _clean(text.format("Harbor Daily"), RuleSet((affiliation,)))
    assert affiliated.bylines == ["Jane Doe, Harbor Daily"]


def _step(name: str) -> AfterClean:
    def step(article: Article, document: Document) -> Article:
        return replace(article, paragraphs=(*article.paragraphs, name))

    step.__name__ = name
    return step


def test_after_clean_steps_run_in_order_on_the_article() -> None:
    class Stepped(RuleAdapter):
        name = "stepped"
        after_clean: ClassVar[tuple[AfterClean, ...]] = (_step("one"), _step("two"))

    article = Stepped().clean(Document.from_text(f"Storm Hits Coast\n\n{LEAD}\n"))
    assert article.paragraphs == (LEAD, "one", "two")


@pytest.mark.parametrize("adapter", BUILTIN, ids=lambda adapter: adapter.name)
def test_no_builtin_adapter_overrides_clean(adapter: type[RuleAdapter]) -> None:
    assert issubclass(adapter, RuleAdapter)
    assert all("clean" not in vars(cls) for cls in adapter.__mro__ if cls is not RuleAdapter)
    for step in adapter.after_clean:
        assert step.__doc__, step.__name__


def test_an_option_on_a_rule_of_a_kind_that_ignores_it_is_refused() -> None:
    with pytest.raises(AdapterError, match=r"span rule 'late': \['before'\]"):
        RuleSet(span_rules=(Rule("late", "caption", "x", before="y"),))
    with pytest.raises(AdapterError, match="line rule 'loose'"):
        RuleSet(line_rules=(Rule("loose", "ui_cruft", "x", tight=True),))


@pytest.mark.parametrize("zone", ["head", "title"])
def test_a_zone_on_a_text_rule_is_refused(zone: Zone) -> None:
    # textcuts reads the whole text, never a zone: a zone there would be silently ignored.
    with pytest.raises(AdapterError, match=r"text rule 'tail': \['zone'\]"):
        RuleSet(text_rules=(Rule("tail", "notice", "x", zone=zone),))
    assert RuleSet(text_rules=(Rule("tail", "notice", "x"),)).text_rules
