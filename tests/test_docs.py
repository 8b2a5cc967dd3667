"""docs/adapters.md's worked example is real: its adapter cleans its sample as described."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from newsnorm.transforms.adapters import agency
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.registry import load_adapters, order_adapters
from newsnorm.transforms.clean import clean_text
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Article, Document
from newsnorm.transforms.rules import BlockRule, Rule, RuleSet, Signal
from tests_support import ROOT

GUIDE = (ROOT / "docs" / "adapters.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE, flags=re.DOTALL)


def test_worked_example_adapter_cleans_its_sample() -> None:
    sample = _blocks("")[0]
    namespace: dict[str, Any] = {"RuleAdapter": RuleAdapter, "Rule": Rule, "Signal": Signal}
    exec(_blocks("python")[0], namespace)
    # A reader following the guide may have registered this very adapter: the guide's copy.
    installed = [item for item in load_adapters(include_plugins=False) if item.name != "acme_wire"]
    adapters = order_adapters([*installed, namespace["AcmeWireAdapter"]()])
    article = process_text(sample, adapters)
    assert article.adapter == "acme_wire"
    assert article.authors == ("Ana Ruiz",)
    assert article.original_publisher == "Acme Wire"
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("PORTSMOUTH, N.H.", "Acme")
    assert [item.title for item in article.related] == ["City Weighs New Ferry Route"]
    assert article.paragraphs[0].startswith("The harbor bridge reopened")
    assert "originally published" not in article.body


def _namespace() -> dict[str, Any]:
    names = {"Rule": Rule, "BlockRule": BlockRule, "RuleAdapter": RuleAdapter, "Signal": Signal}
    return names | {"Article": Article, "Document": Document, "replace": replace}


def test_rule_kind_examples_define_rules_that_work() -> None:
    neighbours, blocks, texts, hook = _blocks("python")[1:5]
    namespace = _namespace()
    exec(neighbours + blocks + texts + hook, namespace)
    credit, below, lead = namespace["line_rules"]
    article = "The council voted on Tuesday to extend the program for another year."
    caption = "Boats wait out the storm in the harbour."
    below_credit = f"Storm Hits Coast\nAna Ruiz, Acme Wire\n{caption}\nDOVER - {article}\n"
    cleaned = clean_text(Document.from_text(below_credit), RuleSet((credit, below)))
    assert [item.text for item in cleaned.credits] == ["Ana Ruiz, Acme Wire", caption]
    long_caption = " ".join(["word"] * 30)
    above = f"{long_caption}\n\nStorm Hits Coast\n\n{article}\n"
    assert clean_text(Document.from_text(above), RuleSet((lead,))).title == "Storm Hits Coast"
    modal = "* Please read before republishing *\nCopy the HTML.\n- The Editors"
    rail = "More from Acme\n\n\u2022 One headline\n\u2022 Another headline\n"
    text = f" date 2021-07-02 Storm Hits Coast\n\n{modal}\n\n{article}\n\n{rail}"
    rules = RuleSet(text_rules=namespace["text_rules"], block_rules=namespace["block_rules"])
    cleaned = clean_text(Document.from_text(text), rules)
    assert (cleaned.title, cleaned.paragraphs) == ("Storm Hits Coast", [article])
    stepped = namespace["AcmeNetworkAdapter"]().clean(
        Document.from_text(f"Storm Hits Coast\n\n{article}\n\nOriginally published by Acme.\n")
    )
    assert stepped.syndicator == stepped.original_publisher == "Acme"


def test_agency_kit_example_is_a_working_adapter() -> None:
    namespace: dict[str, Any] = {"RuleAdapter": RuleAdapter, "agency": agency}
    exec(_blocks("py")[0], namespace)
    # The example is the built-in adapter: it stands in for it.
    builtins = [a for a in load_adapters(include_plugins=False) if a.name != "afp"]
    adapters = order_adapters([*builtins, namespace["AfpAdapter"]()])
    story = "The council voted on Tuesday to extend the school lunch program for another full year."
    article = process_text(f"Council extends program\n\nBy AFP\n\n{story}\n", adapters)
    assert (article.syndicator, article.paragraphs) == ("AFP", (story,))
