"""Bloomberg News: stories licensed to newspapers, often through Tribune Content Agency.

Wordings: the copyright tail '©2025 Bloomberg L.P. Visit bloomberg.com. Distributed by Tribune
Content Agency, LLC.' (as public code quotes it); 'By <Name>, Bloomberg' bylines; the dateline
'(Bloomberg) -- ' [unverified: house style, matched as a dateline only].
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters import agency
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_NAMES = r"Bloomberg|Bloomberg News"


class BloombergAdapter(RuleAdapter):
    name = "bloomberg"
    version = 1
    priority = 100
    description = "Bloomberg News stories on licensees' pages."
    syndicator = "Bloomberg"
    license = "Bloomberg-commercial"
    signals: ClassVar[tuple[Signal, ...]] = (
        *agency.byline_signals(_NAMES, ("Bloomberg",)),
        agency.copyright_signal(r"Bloomberg L\.P\.", ("Bloomberg L.P.",)),
        agency.dateline_signal("Bloomberg"),
        Signal("body-mention", r"(?:told|said to|according to) Bloomberg\b", 0.1),
    )
    text_rules: ClassVar[tuple[Rule, ...]] = agency.byline_text_rules(_NAMES)
    line_rules: ClassVar[tuple[Rule, ...]] = (
        agency.person_byline_rule(),
        # '©2025 Bloomberg L.P. Visit bloomberg.com. Distributed by Tribune Content Agency, LLC.'
        Rule(
            "copyright",
            "copyright_notice",
            r"(?:©|Copyright) ?\d{4} Bloomberg L\.P\.(?: [^\n]{0,200})?",
        ),
        Rule("visit", "ui_cruft", r"Visit (?:Bloomberg|bloomberg)\.com\.?"),
        *agency.byline_rules(_NAMES),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (agency.dateline_rule("Bloomberg"),)
