"""Capital B: a nonprofit newsroom for Black communities (national, Atlanta, Gary).

Wordings: its self-description 'Capital B, a local-national nonprofit news org' (its social
page, stored pages); the republication notice 'This story was originally published by
Capital B.' [unverified: the generic notice shape naming it]; bylines '<Name>, Capital B'.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_CAPITAL_B = r"Capital B(?: News| Atlanta| Gary)?"


class CapitalBAdapter(RuleAdapter):
    name = "capital_b"
    version = 1
    priority = 100
    description = "Capital B stories, on its sites and republished."
    syndicator = "Capital B"
    license = "CapitalB-republish"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal(
            "notice", rf"(?:originally )?(?:published|appeared) (?:by|on|in) {_CAPITAL_B}\b", 1.0
        ),
        Signal("tagline", r"Capital B,? a local-national nonprofit news", 1.0),
        Signal("byline", rf"^[ \t]*(?:By:? )?[^\n,]{{2,60}}, {_CAPITAL_B}[ \t]*$", 0.6),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        Rule(
            "notice",
            "republish_notice",
            rf"This (?:story|article) was (?:originally )?(?:published|appeared) (?:by|on|in) "
            rf"(?P<publisher>{_CAPITAL_B})\b[^\n]{{0,300}}",
        ),
        Rule("tagline", "tagline", r"Capital B,? a local-national nonprofit news[^\n]{0,300}"),
        Rule(
            "byline",
            "byline",
            # The person alone is the byline: the parser would take 'Capital B Gary' for one.
            rf"(?P<value>(?:By:? )?[A-Z][^\n,]{{2,60}}), {_CAPITAL_B}",
            move_to="byline",
            zone="head",
        ),
    )
