"""CNN and CNN Wire: CNN's stories on its partners' pages (MSN) and affiliates' sites.

Wordings: 'By <Name>, CNN' over '1 day ago' and the partner rail 'More From CNN' (an MSN page
in the scrapinghub benchmark's tuning part); the wire's marker line 'The-CNN-Wire' and its
copyright '™ & © <year> Cable News Network, Inc., a Warner Bros. Discovery Company. All rights
reserved.' (affiliates' copies, as public cleaners strip them); the dateline '(CNN) — '.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters import agency
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_NAMES = r"CNN|CNN Wire|CNN Business|CNN Health|CNN Politics"


class CnnAdapter(RuleAdapter):
    name = "cnn"
    version = 1
    priority = 100
    description = "CNN and CNN Wire stories on partners' and affiliates' pages."
    syndicator = "CNN"
    license = "CNN-commercial"
    signals: ClassVar[tuple[Signal, ...]] = (
        *agency.byline_signals(_NAMES, ("CNN",)),
        agency.copyright_signal(r"Cable News Network", ("Cable News Network",)),
        agency.dateline_signal(r"CNN(?: Business)?"),
        Signal("wire-marker", r"^[ \t]*The-CNN-Wire\b", 1.0),
        # A partner's rail of CNN stories: the page shows CNN's work, not proof of the story.
        Signal("more-from", r"^[ \t]*More From CNN[ \t]*$", 0.3),
        Signal("body-mention", r"(?:told|said to|according to) CNN\b", 0.1),
    )
    text_rules: ClassVar[tuple[Rule, ...]] = agency.byline_text_rules(_NAMES)
    line_rules: ClassVar[tuple[Rule, ...]] = (
        agency.person_byline_rule(),
        *agency.byline_rules(_NAMES),
        Rule("wire-marker", "agency_credit", r"The-CNN-Wire(?: [^\n]{0,200})?"),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (agency.dateline_rule(r"CNN(?: Business)?"),)
