"""Grist: a nonprofit climate newsroom whose stories partners republish (Salon and others).

Catalogue §1.12. Partner copies open with 'This post originally appeared on Grist.'
(dev:grist_1, Salon); grist.org author pages close with the tagline 'Grist is a
nonprofit, independent media organization dedicated to …'; charts carry '(Credit:
<Name> / Grist)'. Salon's chrome around its Grist copies (the only partner seen) is
handled here too: a caption ending '(Getty/<Name>)' above the headline, '--' and
'Shares' under it, the Salon date line under the author's name, and the tail
('MORE FROM <Name>', 'Related Topics ---', the tag line, 'Show Comments').
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_TAGLINE = (
    r"Grist is a nonprofit, independent media organization dedicated to (?:telling stories "
    r"of climate solutions and a just future|highlighting climate solutions and uncovering "
    r"environmental injustices)\."
)
_SALON_DATE = rf"{_MONTH} \d{{1,2}}, \d{{4}} \d{{1,2}}:\d{{2}}[AP]M \(UTC\)"
_AGENCY_CREDIT = r"\((?:Getty(?: Images)?|AP|AFP|Reuters|Shutterstock)/[^()\n]{2,80}\)"


class GristAdapter(RuleAdapter):
    name = "grist"
    version = 2
    priority = 100
    description = "Grist stories republished by partners (Salon) and on grist.org."
    syndicator = "Grist"
    # The catalogue gives 'CC [unverified]' and Salon's copies run under a partnership,
    # not a stated licence: left unknown until a republished copy names one.
    license = None
    signals: ClassVar[tuple[Signal, ...]] = (
        # The notice's own shape, so 'a story that originally appeared on Grist's site'
        # in reporting is no notice.
        Signal(
            "notice",
            r"(?:^[ ]*|[.!?\"] )This (?:post|article|story) (?:was )?(?:originally|first) "
            r"(?:appeared|published|ran) (?:on|in|by|at) Grist(?:\.|[ ]*$| at )",
            1.0,
        ),
        Signal("tagline", r"Grist is a nonprofit, independent media organization dedicated", 0.8),
        Signal("chart-credit", r"\(Credit: [^()\n]{2,80} / Grist\)", 0.6),
        Signal("body-mention", r"(?:told|said to|according to|wrote in) Grist\b", 0.1),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        # The note is split by an inline link on the page; a text dump joins it back.
        Rule(
            "notice",
            "republish_notice",
            r"This (?:post|article|story) (?:originally|first) (?:appeared|was published) "
            r"(?:on|in|by) (?P<publisher>Grist)(?: at (?P<url>\S+?))?\.?",
            evidence=1.0,
        ),
        Rule("tagline", "tagline", _TAGLINE),
        # Chart credits stand alone under the chart: the line above is body text, not
        # a caption, so nothing is claimed.
        Rule("chart-credit", "photo_credit", r"\(Credit: [^()\n]{2,80}\)", move_to="credit"),
        # Salon: the lead photo's caption, ending in its agency credit, sits above the
        # headline; elsewhere an inline photo's.
        Rule("salon-caption", "caption", rf"[^\n]{{10,600}}? {_AGENCY_CREDIT}", move_to="caption"),
        Rule("salon-separator", "ui_cruft", r"-{2,}"),
        Rule("salon-shares", "share_widget", r"\d*\s?Shares"),
        # Salon's date line under the author's name claims the name above as the byline
        # (the name alone: the date moves to published). It is when this copy was
        # published, which is what published_at records for any host (stated in UTC).
        Rule(
            "salon-date",
            "published",
            _SALON_DATE,
            move_to="published",
            claims_above="byline",
        ),
        # The author box at the end repeats the name above 'MORE FROM <Name>'.
        Rule("salon-more-from", "author_box", rf"MORE FROM {_NAME}", claims_above="byline"),
        Rule("salon-related-topics", "navigation", r"Related (?:Topics|Articles)(?: -+)?"),
        Rule("salon-tags", "navigation", r"All Salon(?: [A-Z&][\w&;'.-]*)+"),
        Rule("salon-comments", "ui_cruft", r"Show Comments"),
    )
