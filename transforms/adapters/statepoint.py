"""StatePoint Media: free consumer features that small papers print, often unattributed.

Wordings: 'StatePoint Media - ' opening the first paragraph (a small paper's copy, seen in
stored pages); the dateline form '(StatePoint) ' [guideline: what the service asks papers to
keep]; 'PHOTO SOURCE:' credits above the story [unverified].
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters import agency
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal


class StatePointAdapter(RuleAdapter):
    name = "statepoint"
    version = 1
    priority = 100
    description = "StatePoint Media consumer features on newspapers' pages."
    syndicator = "StatePoint Media"
    license = "StatePoint-free"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal("dateline", r"^[ \t]*\(StatePoint\)[ ]", 0.8),
        Signal("lead", r"^[ \t]*StatePoint Media ?[-:] ", 0.8),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        agency.person_byline_rule(),
        Rule("photo-source", "photo_credit", r"PHOTO SOURCE: [^\n]{2,150}", move_to="credit"),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        Rule(
            "dateline",
            "dateline",
            r"^[ ]*(?:\((?P<agency>StatePoint)\)|(?P<place>StatePoint Media) ?[-:]) ?",
            move_to="dateline",
        ),
    )
