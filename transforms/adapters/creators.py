"""Creators Syndicate: columnists and cartoonists licensed to newspapers and sites.

Wordings: the copyright line 'COPYRIGHT 2018 CREATORS.COM' (as public cleaners strip it); the
columnist tail 'To find out more about <Name> and read features by other Creators Syndicate
writers and cartoonists, visit the Creators Syndicate website at www.creators.com.'
[unverified: its opening and the address are required, the middle is loose].
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters import agency
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_COPYRIGHT = r"(?:COPYRIGHT|Copyright|©) ?(?:©)? ?\d{4} CREATORS(?:\.COM| SYNDICATE)"


class CreatorsAdapter(RuleAdapter):
    name = "creators"
    version = 1
    priority = 100
    description = "Creators Syndicate columns on newspapers' and sites' pages."
    syndicator = "Creators Syndicate"
    license = "Creators-commercial"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal("copyright", _COPYRIGHT, 1.0, ignore_case=True),
        Signal("tail", r"Creators Syndicate writers and cartoonists", 1.0),
        Signal("website", r"\bwww\.creators\.com\b", 0.3),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        agency.person_byline_rule(),
        Rule("copyright", "copyright_notice", rf"{_COPYRIGHT}\.?", ignore_case=True),
        Rule(
            "tail",
            "syndication_notice",
            r"To find out more about [^\n]{2,120}? and read features by other Creators "
            r"Syndicate writers and cartoonists, visit [^\n]{0,120}?creators\.com\.?",
        ),
    )
