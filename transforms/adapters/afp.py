"""AFP (Agence France-Presse): a commercial wire whose stories run on members' pages.

Wordings: the agency alone over the page's date ('AFP' / '28.04.2023 | 17:52 Uhr', a German
member's page in the fundus benchmark's tuning part); 'By AFP' and 'Par AFP' bylines; the
dateline 'PARIS (AFP) - '; '© AFP' and '<Name>/AFP via Getty Images' credits (the first as
public cleaners strip it, the second catalogue §1.1); copyright '© <year> AFP' [unverified:
only the owner's name is required].
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters import agency
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_NAMES = r"AFP|Agence France-Presse|Agence France Presse"
_LITERALS = ("AFP", "Agence France")


class AfpAdapter(RuleAdapter):
    name = "afp"
    version = 1
    priority = 100
    description = "Agence France-Presse wire stories on members' pages."
    syndicator = "AFP"
    license = "AFP-commercial"
    signals: ClassVar[tuple[Signal, ...]] = (
        *agency.byline_signals(_NAMES, _LITERALS),
        agency.copyright_signal(_NAMES, _LITERALS),
        agency.dateline_signal("AFP"),
        Signal("body-mention", r"(?:told|said to|according to) AFP\b", 0.1),
    )
    text_rules: ClassVar[tuple[Rule, ...]] = agency.byline_text_rules(_NAMES)
    line_rules: ClassVar[tuple[Rule, ...]] = (
        agency.person_byline_rule(),
        *agency.byline_rules(_NAMES),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (agency.dateline_rule("AFP"),)
