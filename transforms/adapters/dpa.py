"""dpa (Deutsche Presse-Agentur): the German wire, on members' pages in German and English.

Wordings: 'Von DPA' over the page's date (a Luxembourg member's page in the fundus benchmark's
tuning part); the dateline 'Berlin (dpa) - '; photo credits '<Name>/dpa' (seen under a German
member's caption in the same part); its copyright as Tribune Content Agency prints it,
'©2018 Deutsche Presse-Agentur GmbH (Hamburg, Germany), Distributed by Tribune Content Agency,
LLC.' (as public cleaners strip it).
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters import agency
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_NAMES = r"dpa|DPA|Deutsche Presse-Agentur"
_LITERALS = ("dpa", "DPA", "Deutsche Presse")


class DpaAdapter(RuleAdapter):
    name = "dpa"
    version = 1
    priority = 100
    description = "Deutsche Presse-Agentur wire stories on members' pages."
    syndicator = "dpa"
    license = "dpa-commercial"
    signals: ClassVar[tuple[Signal, ...]] = (
        *agency.byline_signals(_NAMES, _LITERALS),
        agency.copyright_signal(r"Deutsche Presse-Agentur|dpa", _LITERALS),
        agency.dateline_signal("dpa"),
    )
    text_rules: ClassVar[tuple[Rule, ...]] = agency.byline_text_rules(_NAMES)
    line_rules: ClassVar[tuple[Rule, ...]] = (
        agency.person_byline_rule(),
        *agency.byline_rules(_NAMES),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (agency.dateline_rule("dpa"),)
