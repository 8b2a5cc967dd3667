"""Stacker: a newswire of data features (and sponsored 'Studio' stories) for newsrooms.

Wordings: 'This story originally appeared on <Partner> and was produced and distributed in
partnership with Stacker Studio.' (public page code); 'This story was produced by <Partner>
and reviewed and distributed by Stacker Media.' [unverified: matched by its two verbs and the
wire's name]. The partner is the original publisher.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters import agency
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.shapes import OUTLET
from newsnorm.transforms.rules import Rule, Signal

_STACKER = r"Stacker(?: Studio| Media)?"


class StackerAdapter(RuleAdapter):
    name = "stacker"
    version = 1
    priority = 100
    description = "Stacker newswire features on partners' pages."
    syndicator = "Stacker"
    license = "Stacker-free"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal("notice", rf"distributed in partnership with {_STACKER}", 1.0),
        Signal("notice-reviewed", rf"reviewed and distributed by {_STACKER}", 1.0),
        Signal("byline", r"^[ \t]*By:? [^\n]{2,80}, Stacker[ \t]*$", 0.6),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        agency.person_byline_rule(),
        Rule(
            "notice",
            "syndication_notice",
            rf"This (?:story|article) (?:originally )?appeared on (?P<publisher>{OUTLET}) and "
            rf"was produced and distributed in partnership with {_STACKER}\.?",
        ),
        Rule(
            "notice-reviewed",
            "syndication_notice",
            rf"This (?:story|article) was produced by (?P<publisher>{OUTLET}) and reviewed and "
            rf"distributed by {_STACKER}\.?",
        ),
        Rule("byline", "byline", r"By:? [^\n]{2,80}, Stacker", move_to="byline"),
    )
