"""The Texas Tribune: free-to-republish Texas news, on its site and on republishers' sites.

Catalogue §1.15. Site pages (dev:texastribune_1) open with the lead photo's caption above
the headline, carry a donation box ('Support independent Texas news' / 'Your donation helps
our … reporter cover …') and photo credits '<Name> for The Texas Tribune' under each
caption: credits, never authors. The newsletter promo 'Sign up for The Brief, …' travels
with republished copies; their footer names the Tribune and the story's URL.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_TT = r"(?:The )?Texas Tribune"
_NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}"
_PEOPLE = rf"{_NAME}(?:(?:,| and) {_NAME})*?"
# Photographers' names may open with an accented capital ('Ángel'): any letter will do.
_CREDITED = r"[^\W\d_][\w.'-]*(?: [^\W\d_][\w.'-]*){0,4}"
_CREDIT = rf"(?:Credit: )?{_CREDITED}(?: and {_CREDITED})?(?: for |/)The Texas Tribune"
_SENTENCE_START = r"(?:^|(?<=[.!?\"')\]]) +)"
_TT_URL = r"https?://(?:www\.)?texastribune\.org/[^\s]*?"
# A caption runs to several sentences (25 words or more); a headline is short (at most 25)
# and carries no full stop at its end.
_CAPTION = r"\S+(?:\s+\S+){24,}"
_HEADLINE = r"(?!.*\.$)\S+(?:\s+\S+){0,24}$"


class TexasTribuneAdapter(RuleAdapter):
    name = "texas_tribune"
    version = 2
    priority = 100
    description = "The Texas Tribune's stories, on its site and republished."
    syndicator = "The Texas Tribune"
    license = "TexasTribune-free"  # free republication under its own guidelines (§1.15)
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal(
            "footer-url", rf"This article originally appeared (?:in {_TT} )?at:? {_TT_URL}", 1.0
        ),
        Signal(
            "footer-blurb",
            r"The Texas Tribune is a (?:member-supported|nonpartisan|nonprofit)",
            1.0,
        ),
        Signal("footer-author", rf"This article was written by .{{3,120}}? of {_TT}\.", 1.0),
        Signal(
            "newsletter-promo",
            r"Sign up for The Brief, (?:The Texas Tribune's|our) daily newsletter that keeps "
            r"readers up to speed on the most essential Texas news",
            0.8,
        ),
        Signal("byline-affiliation", rf"^[ \t]*[Bb]y:? {_PEOPLE},? {_TT}[ \t]*$", 0.8),
        Signal("photo-credit", rf"^[ \t]*{_CREDIT}[ \t]*$", 0.6),
        Signal("donation-box", r"^[ \t]*Support independent Texas news\.?[ \t]*$", 0.6),
        Signal("donation-reporter", r"^[ \t]*Your donation helps our [^\n]{2,80}? cover ", 0.3),
        Signal("body-mention", rf"told {_TT}\b", 0.1),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        Rule(
            "newsletter-promo",
            "newsletter_promo",
            r"Sign up for The Brief, (?:The Texas Tribune's|our) daily newsletter that keeps "
            r"readers up to speed on the most essential Texas news\.?",
        ),
        Rule(
            "donation-reporter",
            "donation_promo",
            r"Your donation helps our [^\n]{2,80}? cover [^\n]{2,160}",
        ),
        Rule("photo-credit", "photo_credit", _CREDIT, move_to="credit", claims_above="caption"),
        # The lead photo's caption above the headline (dev:texastribune_1), which would be
        # taken for the title: a caption-long first line over a headline-short one.
        Rule(
            "lead-caption",
            "caption",
            _CAPTION,
            move_to="caption",
            zone="title",
            before=_HEADLINE,
        ),
        Rule(
            "byline",
            "byline",
            rf"[Bb]y:? {_PEOPLE}(?:,? {_TT})?",
            move_to="byline",
            zone="head",
        ),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        # Republishers' footer ([seen] on a republishing site; not in the catalogue): the
        # author line, the Tribune's blurb and the URL, often run together in one paragraph.
        Rule(
            "footer-author",
            "byline",
            rf"{_SENTENCE_START}This article was written by (?P<value>.{{3,120}}?) of "
            rf"(?P<publisher>{_TT})\.",
            move_to="byline",
        ),
        # [unverified] 'The Texas Tribune is a member-supported, nonpartisan newsroom…':
        # matched from its opening to the end of the sentence.
        Rule(
            "footer-blurb",
            "republish_notice",
            rf"{_SENTENCE_START}(?P<publisher>The Texas Tribune) is an? (?:member-supported|"
            r"nonpartisan|nonprofit)[^\n]*?\.(?= |$)(?: Learn more at \S*texastribune\.org/?\.?)?",
            evidence=1.0,
        ),
        # [unverified] 'This article originally appeared in The Texas Tribune at <URL>.' and
        # the seen 'This article originally appeared at: <URL>'.
        Rule(
            "footer-url",
            "republish_notice",
            rf"{_SENTENCE_START}This article originally appeared (?:in (?P<publisher>{_TT}) )?"
            rf"at:? (?P<url>{_TT_URL})\.?(?=\s|$)",
            evidence=1.0,
        ),
    )
