"""docs/adapters.md's worked example is real: its adapter cleans its sample as described."""

from __future__ import annotations

import re
from typing import Any

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.registry import load_adapters, order_adapters
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.rules import Rule, Signal
from tests_support import ROOT

GUIDE = (ROOT / "docs" / "adapters.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE, flags=re.DOTALL)


def test_worked_example_adapter_cleans_its_sample() -> None:
    sample = _blocks("")[0]
    namespace: dict[str, Any] = {"RuleAdapter": RuleAdapter, "Rule": Rule, "Signal": Signal}
    exec(_blocks("python")[0], namespace)
    adapters = order_adapters(
        [*load_adapters(include_plugins=False), namespace["AcmeWireAdapter"]()]
    )
    article = process_text(sample, adapters)
    assert article.adapter == "acme_wire"
    assert article.authors == ("Ana Ruiz",)
    assert article.original_publisher == "Acme Wire"
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("PORTSMOUTH, N.H.", "Acme")
    assert [item.title for item in article.related] == ["City Weighs New Ferry Route"]
    assert article.paragraphs[0].startswith("The harbor bridge reopened")
    assert "originally published" not in article.body
