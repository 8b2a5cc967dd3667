"""Chalkbeat: a nonprofit education newsroom whose stories partners republish.

Wordings: 'This story was originally published by Chalkbeat.' and 'This essay by <Name> was
originally published by Chalkbeat on <date>.' (a partner's page, stored pages); the tagline
'Chalkbeat is a nonprofit news organization committed to covering one of America's most
important stories: the effort to improve schools for all children.' (its site's description);
the older 'Chalkbeat is a nonprofit news site covering educational change in public schools.'
[unverified, catalogue §1.16]; photo credits '(<Name> for Chalkbeat)' (its own pages).
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters import agency
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_CHALKBEAT = r"Chalkbeat(?: [A-Z][a-z]+(?: [A-Z][a-z]+)?)?"


class ChalkbeatAdapter(RuleAdapter):
    name = "chalkbeat"
    version = 1
    priority = 100
    description = "Chalkbeat education stories, on its site and republished."
    syndicator = "Chalkbeat"
    license = "CC-BY-NC-ND-4.0"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal("notice", r"originally published by Chalkbeat\b", 1.0),
        Signal("tagline", r"Chalkbeat is a nonprofit news (?:organization|site)", 1.0),
        Signal("credit", r"\([^()\n]{2,60} for Chalkbeat\)", 0.3),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        agency.person_byline_rule(),
        Rule(
            "notice",
            "republish_notice",
            rf"This (?:story|article|essay|piece)(?: by [^\n]{{2,80}}?)? was originally "
            rf"published by (?P<publisher>{_CHALKBEAT})(?: on [^\n.]{{4,40}})?\.?"
            r"(?: [^\n]{0,300})?",
        ),
        Rule(
            "tagline",
            "tagline",
            r"Chalkbeat is a nonprofit news (?:organization|site) [^\n]{10,400}",
        ),
        # A caption ending in the credit: the whole line is the caption.
        Rule(
            "caption",
            "caption",
            r"[^\n]{10,400}? \([^()\n]{2,60} for Chalkbeat\)",
            move_to="caption",
        ),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        Rule(
            "credit",
            "photo_credit",
            r"\((?P<value>[^()\n]{2,60} for Chalkbeat)\)",
            move_to="credit",
        ),
    )
