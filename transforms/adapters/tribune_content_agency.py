"""Tribune Content Agency (TCA, formerly Tribune News Service): newspapers' stories resold.

Wordings (as public cleaners strip them): 'Distributed by Tribune Content Agency, LLC.', alone
or after the member's copyright, '©2018 Los Angeles Times, Distributed by Tribune Content
Agency, LLC.' (that paper is the original publisher); 'Visit The Virginian-Pilot at
pilotonline.com'; the marker '(TNS)' after the dateline [seen as a marker in public code; its
exact place in the first paragraph unverified].
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters import agency
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.shapes import OUTLET
from newsnorm.transforms.rules import Rule, Signal

_TCA = r"Tribune Content Agency(?:,? LLC)?|Tribune News Service"
_DISTRIBUTED = rf"Distributed by (?:{_TCA})\.?"


class TribuneContentAgencyAdapter(RuleAdapter):
    name = "tribune_content_agency"
    version = 1
    priority = 100
    description = "Newspaper stories distributed by Tribune Content Agency."
    syndicator = "Tribune Content Agency"
    license = "TCA-commercial"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal(
            "distributed", r"Distributed by (?:Tribune Content Agency|Tribune News Service)", 1.0
        ),
        Signal("tns-marker", r"\(TNS\)", 0.6),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        agency.person_byline_rule(),
        # The member's copyright naming the paper, then the agency's line.
        Rule(
            "copyright-distributed",
            "copyright_notice",
            rf"(?:©|Copyright) ?\d{{4}},? (?P<publisher>{OUTLET})(?: \([^)\n]{{2,60}}\))?[.,] "
            rf"(?:All [Rr]ights [Rr]eserved[.,] )?(?:Visit [^\n]{{2,80}}? )?{_DISTRIBUTED}",
        ),
        Rule("distributed", "syndication_notice", _DISTRIBUTED),
        Rule("visit", "ui_cruft", rf"Visit {OUTLET} (?:at|online at) [\w.-]+\.\w+\.?"),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        Rule(
            "tns-dateline",
            "dateline",
            r"^[ ]*(?:(?P<place>[A-Z][A-Z.'/ -]*[A-Z.](?:, [A-Z][A-Za-z.' ]{1,30}?)?) ?-+ ?)?"
            r"\((?P<agency>TNS)\)[ ]*-*[ ]*",
            move_to="dateline",
        ),
    )
