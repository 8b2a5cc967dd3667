"""CalMatters: an INN member with a newsletter page layout and a licence of its own.

Catalogue §1.8 (and §1.6 for the shared INN footer, composed from `inn_newspack`).
WhatMatters newsletter pages (dev:calmatters_1) open with the headline, the tagline 'Your
guide to California policy and politics', a byline glued to the headshot's alt text
('Sameea Kamal BY Sameea Kamal February 14, 2023'), a 'Presented by <sponsors>' line and
the headline again. An in-text credit ('From CalMatters political reporter Ben
Christopher:') names who wrote an item; it is the newsletter's text and stays in the body.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.inn_newspack import (
    DATE,
    INN_LINE_RULES,
    INN_SIGNALS,
    INN_SPAN_RULES,
    NAME,
    PEOPLE,
)
from newsnorm.transforms.adapters.rulesets import RSS_MIRROR_CHROME
from newsnorm.transforms.rules import Rule, Signal

_CM = r"CalMatters"
# '<alt text> BY <Name> <date>': the headshot's alt text repeats the author's name.
_NEWSLETTER_BYLINE = rf"(?:({NAME}) )?(?P<value>BY (?:\1|{PEOPLE}) {DATE})"
_TAGLINE = r"Your guide to California policy and politics"


class CalMattersAdapter(RuleAdapter):
    name = "calmatters"
    version = 2
    priority = 100
    description = "CalMatters stories and WhatMatters newsletters, on its site and republished."
    syndicator = "CalMatters"
    # Catalogue §1.8 gives CC BY-NC-ND [unverified] (the footer wording names it).
    license = "CC-BY-NC-ND-4.0"
    # The shared INN signals too, so a CalMatters artefact on top of them outscores
    # `inn_newspack`; no body-mention signal, which would tip any INN copy quoting CalMatters.
    signals: ClassVar[tuple[Signal, ...]] = (
        *INN_SIGNALS,
        Signal("footer-names-site", rf"first\s+appeared\s+on\s+{_CM}", 1.0),
        Signal("footer", rf"This article was originally published (?:on|by) {_CM}", 1.0),
        Signal("republication-byline", rf"^[ \t]*[Bb]y:? {PEOPLE},? {_CM}[ \t]*$", 0.8),
        Signal("tagline", rf"^[ \t]*{_TAGLINE}[ \t]*$", 0.6),
        Signal(
            "in-text-credit", rf"^[ \t]*From {_CM} (?:[a-z]+ ){{0,3}}[a-z]+ {NAME}:[ \t]*$", 0.6
        ),
        Signal("newsletter-byline", rf"^[ \t]*{_NEWSLETTER_BYLINE}[ \t]*$", 0.3),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("tagline", "tagline", _TAGLINE),
        Rule("newsletter-byline", "byline", _NEWSLETTER_BYLINE, move_to="byline", zone="head"),
        Rule("sponsors", "sponsor_line", r"Presented by [^\n]{3,400}", zone="head"),
        # [unverified] footer: only its distinctive opening is required; the licence name
        # and anything after it on the line go with it.
        Rule(
            "footer",
            "republish_notice",
            rf"This article was originally published (?:on|by) (?P<publisher>{_CM})\b[^\n]*",
            evidence=1.0,
        ),
        *INN_LINE_RULES,
        *RSS_MIRROR_CHROME,
    )
    span_rules: ClassVar[tuple[Rule, ...]] = INN_SPAN_RULES
    # Newsletter pages show the headline again under the tagline, byline and sponsor lines.
    title_repeats = "first_paragraph"
