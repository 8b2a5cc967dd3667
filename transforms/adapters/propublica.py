"""ProPublica: investigative stories republished under its 'Steal Our Stories' CC licence.

Catalogue §1.3. Republished copies carry a note right after the byline ('ProPublica is a
Pulitzer Prize-winning investigative newsroom. Sign up for …'), or for Local Reporting
Network stories 'This article was produced for ProPublica's Local Reporting Network in
partnership with <Partner>. …' (the partner is a co-publisher). Feeds glue the byline to
the note; the inline newsletter box is flattened into the body. Aggregators put a
'ProPublica' / 'Pro Publica' source label above the headline.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_NAME = r"[A-Z][\w.'-]*(?: (?:[A-Z][\w.'-]*|de|da|van|von|der|del|la|le|du|dos|bin|al)){1,4}"
_PEOPLE = rf"{_NAME}(?:(?:, and |, | and | & ){_NAME})*"
_PROPUBLICA = r"(?:ProPublica|Pro Publica)"
# The house notes that follow the byline; each is a whole sentence naming ProPublica.
_NOTE_OPENINGS = (
    r"ProPublica is a Pulitzer Prize-winning investigative newsroom\.",
    r"ProPublica is a nonprofit newsroom that investigates abuses of power\.",
)
_NOTE = (
    r"(?P<publisher>ProPublica) is a (?:Pulitzer Prize-winning investigative newsroom|"
    r"nonprofit newsroom that investigates abuses of power)\.(?: Sign up for .*)?"
)
# 'the Anchorage Daily News' names 'Anchorage Daily News'; a capital 'The' is part of a
# name ('The Texas Tribune') and is kept. The lazy group stops at the first period that
# ends the sentence, so 'St. Louis Post-Dispatch' survives.
_LRN_NOTE = (
    r"This (?:article|story) was produced for (?P<publisher>ProPublica)'s Local Reporting "
    r"Network in partnership with (?:the )?(?P<copublisher>.{2,120}?)\.(?: Sign up for .*)?"
)


class ProPublicaAdapter(RuleAdapter):
    name = "propublica"
    version = 2
    priority = 100
    description = "ProPublica stories republished under its CC licence, on sites and in feeds."
    syndicator = "ProPublica"
    # CC BY-NC-ND; ProPublica's own pages name version 3.0 (United States).
    license = "CC-BY-NC-ND-3.0"
    signals: ClassVar[tuple[Signal, ...]] = (
        *(Signal(f"note-{index}", opening, 1.0) for index, opening in enumerate(_NOTE_OPENINGS)),
        Signal("lrn-note", r"produced for ProPublica's Local Reporting Network", 1.0),
        Signal(
            "originally-published",
            r"This (?:story|article) was (?:originally|first) published by ProPublica",
            1.0,
        ),
        Signal("newsletter-box", r"Don't miss out on ProPublica's next investigation", 0.8),
        Signal("byline-affiliation", rf"^[ \t]*[Bb]y:? {_PEOPLE}, ProPublica[ \t]*$", 0.7),
        # An aggregator's source label above the headline (dev:propublica_1, _3).
        Signal("source-label", rf"^[ \t]*{_PROPUBLICA}[ \t]*$", 0.3),
        Signal("body-mention", r"\bProPublica\b", 0.1),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        # Recorded with its line break: the removed text is the label line itself, not just
        # the word the story goes on to use ('a recent … and ProPublica investigation').
        Rule("source-label", "section_label", _PROPUBLICA, zone="head", line_break=True),
        # stlouist.com's site tagline, cut mid-name by the capture (dev:propublica_3): the
        # feed aggregator that carries ProPublica's RSS, not ProPublica's own text.
        Rule(
            "aggregator-tagline",
            "site_tagline",
            r"(?:[\w.' -]{0,60} )?a Better Bubble(?:™|\(TM\))?",
            zone="head",
        ),
        # A Drupal aggregator's relative age ('1 month 1 week ago'): not a date, dropped.
        Rule(
            "relative-age",
            "display_date",
            r"(?:\d+ (?:year|month|week|day|hour|min|minute|sec|second)s? ?){1,3}ago",
            zone="head",
        ),
        Rule(
            "byline",
            "byline",
            rf"[Bb]y:? {_PEOPLE}(?:, {_PROPUBLICA})?",
            move_to="byline",
            zone="head",
        ),
        Rule("note", "republish_notice", _NOTE),
        Rule("lrn-note", "republish_notice", _LRN_NOTE),
        # The inline newsletter box when each of its pieces is a line of its own.
        Rule("newsletter-heading", "newsletter_promo", r"Get Our Top Investigations"),
        Rule(
            "newsletter-box",
            "newsletter_promo",
            r"Subscribe to the Big Story newsletter\.|"
            r"Don't miss out on ProPublica's next investigation\.",
        ),
        Rule(
            "recaptcha",
            "newsletter_promo",
            r"This site is protected by reCAPTCHA and the Google Privacy Policy and "
            r"Terms of Service apply\.",
        ),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        # Feeds glue the byline to the note: 'by Talia Buford ProPublica is a nonprofit
        # newsroom…' [seen]. The byline is moved, the note cut; the line ends up empty.
        Rule(
            "glued-byline",
            "byline",
            rf"^[ \t]*(?P<value>[Bb]y:? {_PEOPLE})(?= ProPublica is a )",
            move_to="byline",
            zone="head",
        ),
        Rule("glued-note", "republish_notice", rf"{_NOTE}[ \t]*$"),
        # The newsletter box flattened into one paragraph (catalogue pitfall 10).
        Rule(
            "newsletter-box-glued",
            "newsletter_promo",
            r"Get Our Top Investigations\s+Subscribe to the Big Story newsletter\."
            r".{0,400}?This site is protected by reCAPTCHA and the Google Privacy Policy "
            r"and Terms of Service apply\.",
        ),
    )
