"""KFF Health News (Kaiser Health News, KHN until 2023): health stories republished free.

Catalogue §1.4. Both names occur. Copies end with the newsroom tagline ('KHN (Kaiser
Health News) is a national newsroom …' or 'KFF Health News is a national newsroom …'),
carry a co-publication note after paragraph 1 ('This story also ran on <Partner>. It can
be republished for free.'), a 'Subscribe to … free Morning Briefing.' promo and series
labels (Bill of the Month, Diagnosis: Debt). Aggregators append ' - Kaiser Health News'
(an en dash) to the headline; a title rule cuts it and records the publisher.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_KHN = r"(?:KFF Health News|Kaiser Health News|KHN)"
_NAME = r"[A-Z][\w.'-]*(?: (?:[A-Z][\w.'-]*|de|da|van|von|der|del|la|le|du|dos|bin|al)){1,4}"
_PEOPLE = rf"{_NAME}(?:(?:, and |, | and | & ){_NAME})*"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"


class KffHealthNewsAdapter(RuleAdapter):
    name = "kff_health_news"
    version = 2
    priority = 100
    description = "KFF Health News / Kaiser Health News stories republished under its CC licence."
    syndicator = "KFF Health News"
    license = "CC-BY-NC-ND-4.0"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal(
            "tagline",
            rf"{_KHN}(?: \(Kaiser Health News\))?(?:, formerly known as Kaiser Health News "
            r"\(KHN\),)? is a national newsroom that produces in-depth journalism",
            1.0,
        ),
        Signal(
            "copublication-note", r"This story also ran on .{2,120}?\. It can be republished", 0.8
        ),
        Signal("morning-briefing", rf"Subscribe to {_KHN}'s? free Morning Briefing", 0.8),
        Signal(
            "series-label",
            rf"Bill of the Month is a crowdsourced investigation by {_KHN}|"
            rf"is a reporting partnership between {_KHN} and",
            0.6,
        ),
        Signal("byline-affiliation", rf"^[ \t]*[Bb]y:? {_PEOPLE}, {_KHN}[ \t]*$", 0.7),
        Signal("title-suffix", r" [-|] (?:Kaiser|KFF) Health News[ \t]*$", 0.3),
        Signal("body-mention", r"\b(?:KFF Health News|Kaiser Health News)\b", 0.1),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        # An aggregator's display date above the headline is its crawl or page date, not
        # the story's ('Friday, November 15, 2024' on a 2024-04-05 story, dev:khn_3): dropped.
        Rule(
            "display-date",
            "display_date",
            rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, )?{_MONTH} \d{{1,2}}, \d{{4}}",
            zone="head",
        ),
        Rule("section-label", "section_label", r"Health(?: News| Care)?", zone="head"),
        Rule(
            "byline",
            "byline",
            rf"[Bb]y:? {_PEOPLE}(?:, {_KHN})?",
            move_to="byline",
            zone="head",
        ),
        # The tagline: the old KHN text (dev:khn_1), the same text with 'KFF Health News',
        # and an [unverified] 'formerly known as' form, matched by its opening only.
        Rule(
            "tagline",
            "tagline",
            r"(?:KHN \()?(?P<publisher>Kaiser Health News|KFF Health News|KHN)\)?"
            r"(?:, formerly known as Kaiser Health News \(KHN\),)? is a national newsroom "
            r"that produces in-depth journalism about health issues\b.*",
        ),
        Rule(
            "copublication-note",
            "copublication_note",
            r"This story also ran on (?P<copublisher>.{2,120}?)\.(?: It can be republished "
            r"for free\.?)?",
        ),
        # 'KFF Health News' (straight apostrophe, dev:khn_3) and 'KHN's' (dev:khn_1).
        Rule(
            "morning-briefing",
            "newsletter_promo",
            rf"Subscribe to {_KHN}'s? free Morning Briefing\.?",
        ),
        Rule(
            "series-label",
            "series_blurb",
            rf"Bill of the Month is a crowdsourced investigation by {_KHN} and NPR\b.*|"
            rf"\"[^\"\n]{{3,80}}\" is a reporting partnership between {_KHN} and .*",
        ),
        # Link text to a KHN page with its site suffix, the URL after it cut by the copy
        # ('Send Us Your Medical Bills | Kaiser Health News (', dev:khn_1): a related page.
        # The dangling '(' is required: without it the line may be the headline itself.
        Rule(
            "site-link",
            "related_promo",
            r"(?P<value>[^\n|]{3,200}?) \| (?:Kaiser|KFF) Health News \(",
            move_to="related",
        ),
        # The same for NPR's page title of a Bill of the Month story (co-published by NPR).
        Rule(
            "npr-shots-link",
            "related_promo",
            r"(?P<value>Bill of the Month: [^\n]{3,200}?) : Shots - Health News : NPR",
            move_to="related",
        ),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        # 'JOHNSON CITY, Tenn. — ' opening the first paragraph (dev:khn_3).
        Rule(
            "dateline",
            "dateline",
            r"^[ \t]*(?P<place>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]*)*"
            r"(?:, [A-Z][a-z]+\.?(?: [A-Z][a-z]+\.?)?)?) - ",
            move_to="dateline",
            zone="head",
        ),
        Rule(
            "morning-briefing-glued",
            "newsletter_promo",
            rf"Subscribe to {_KHN}'s? free Morning Briefing\.",
        ),
    )

    title_rules: ClassVar[tuple[Rule, ...]] = (
        # Aggregators append the source to the headline (an en dash, then the name; dev:khn_3).
        Rule(
            "title-suffix",
            "title_suffix",
            r"\s{1,40}[-|]\s+(?P<publisher>(?:Kaiser|KFF) Health News)[ \t]*$",
        ),
    )
