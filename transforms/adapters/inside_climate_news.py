"""Inside Climate News: a nonprofit climate newsroom republished with permission.

Catalogue §1.13. Its feed carries the tagline 'Pulitzer Prize-winning, nonpartisan
reporting on the biggest crisis facing our planet.' [seen]; the republication footer
'This article originally appeared on Inside Climate News, a nonprofit, independent news
organization that covers climate, energy and the environment. It is republished with
permission. Sign up for their newsletter here.' is [unverified], so only its opening
is required, and it is one rule among several.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}"
_NAMES = rf"{_NAME}(?:(?:, | and | & ){_NAME}){{0,3}}"
_ICN = r"Inside ?Climate News"
_TAGLINE = (
    r"Pulitzer Prize-winning, nonpartisan reporting on the biggest crisis facing our planet\.?"
)


class InsideClimateNewsAdapter(RuleAdapter):
    name = "inside_climate_news"
    version = 2
    priority = 100
    description = "Inside Climate News stories, in its feed and republished with permission."
    syndicator = "Inside Climate News"
    license = "ICN-permission"
    signals: ClassVar[tuple[Signal, ...]] = (
        # The footer's own shape (at a line or sentence start), not a mention in reporting.
        Signal(
            "footer",
            rf"(?:^[ ]*|[.!?\"] )This (?:article|story) (?:originally appeared|was originally "
            rf"published|first appeared) (?:on|in|by) {_ICN}(?:[,.]|[ ]*$)",
            1.0,
        ),
        Signal("tagline", _TAGLINE, 0.8),
        Signal("byline-affiliation", rf"^[ ]*By:? {_NAMES},? {_ICN}[ ]*$", 0.6),
        Signal("body-mention", rf"(?:told|said to|according to) {_ICN}", 0.1),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        # [unverified] footer: its opening names the source; the rest ('a nonprofit, …
        # It is republished with permission. Sign up for their newsletter here.') may vary.
        Rule(
            "footer",
            "republish_notice",
            rf"This (?:article|story) (?:originally appeared|was originally published|first "
            rf"appeared) (?:on|in|by) (?P<publisher>{_ICN})\b(?:[,.].*)?",
            evidence=1.0,
        ),
        Rule("tagline", "tagline", _TAGLINE),
        # A feed dump's channel title above the tagline.
        Rule("site-name", "site_name", _ICN, zone="head"),
        Rule(
            "byline",
            "byline",
            rf"By:? {_NAMES}(?:,? {_ICN})?",
            move_to="byline",
            zone="head",
        ),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        # The same footer glued to the last paragraph.
        Rule(
            "footer-glued",
            "republish_notice",
            rf"This (?:article|story) (?:originally appeared|was originally published) "
            rf"(?:on|in|by) (?P<publisher>{_ICN}), a nonprofit.*$",
            evidence=1.0,
        ),
    )
