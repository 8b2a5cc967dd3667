"""Mississippi Today: an INN member whose pages carry a photo credit shaped like a byline.

Catalogue §1.7 (and §1.6 for the shared INN footer, composed from `inn_newspack`). Under
the headline sits the lead photo's credit, '<Name>, Mississippi Today' with no 'by'
(dev:mississippitoday_1: 'Adam Ganucheau, Mississippi Today'), then its caption: a credit,
never an author. The plugin's republication header keeps 'by' ('by <Name>, Mississippi
Today'), which is a byline. Stories open with a local dateline ('HATTIESBURG' and a dash).
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.inn_newspack import (
    INN_LINE_RULES,
    INN_SIGNALS,
    INN_SPAN_RULES,
    NAME,
    PEOPLE,
)
from newsnorm.transforms.adapters.rulesets import RSS_MIRROR_CHROME
from newsnorm.transforms.rules import Rule, Signal

_MT = r"Mississippi Today"
# A local dateline: an upper-case place and a dash before the first word of the story.
_DATELINE = r"(?P<place>[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+){0,3}(?:, [A-Z][a-z]{1,5}\.)?) - "
_CREDIT_RULE = "mt-photo-credit"


class MississippiTodayAdapter(RuleAdapter):
    name = "mississippi_today"
    version = 2
    priority = 100
    description = "Mississippi Today stories, on its site, RSS mirrors and INN republications."
    syndicator = "Mississippi Today"
    # The INN plugin's default licence; the site uses the plugin's footer (catalogue §1.7).
    license = "CC-BY-ND-4.0"
    # The shared INN signals too, so a Mississippi Today artefact on top of them outscores
    # `inn_newspack`; no body-mention signal, which would tip any INN copy quoting the site.
    signals: ClassVar[tuple[Signal, ...]] = (
        *INN_SIGNALS,
        Signal("footer-names-site", rf"first\s+appeared\s+on\s+{_MT}", 1.0),
        Signal("republication-byline", rf"^[ \t]*[Bb]y:? {PEOPLE},? {_MT}[ \t]*$", 0.8),
        Signal("photo-credit", rf"^[ \t]*(?:Credit: )?{NAME}, {_MT}[ \t]*$", 0.6),
        Signal("rss-channel", rf"^[ \t]*Channel: (?:[^\n|]{{1,80}} \| )?{_MT}[ \t]*$", 0.6),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        # The mirrored feed's channel title names the site whose feed it is.
        Rule(
            "rss-channel",
            "feed_chrome",
            rf"Channel: (?:[^\n|]{{1,80}} \| )?(?P<publisher>{_MT})",
            zone="head",
        ),
        Rule("republication-byline", "byline", rf"[Bb]y:? {PEOPLE},? {_MT}", move_to="byline"),
        # No claims_above: the line above this credit is the headline; its caption is below.
        Rule(_CREDIT_RULE, "photo_credit", rf"{NAME}, {_MT}", move_to="credit", zone="head"),
        # The lead photo's caption: the first line kept after that credit, when the line
        # kept after it opens with a dateline. Then the story demonstrably starts there;
        # without one the line stays in the body (a caption kept beats a lead lost).
        Rule(
            "caption-below-credit",
            "caption",
            r".+",
            move_to="caption",
            after=_CREDIT_RULE,
            before=_DATELINE,
        ),
        Rule("mt-labelled-credit", "photo_credit", rf"Credit: {NAME}, {_MT}", move_to="credit"),
        *INN_LINE_RULES,
        *RSS_MIRROR_CHROME,
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("dateline", "dateline", rf"^[ \t]*{_DATELINE}", move_to="dateline", zone="head"),
        *INN_SPAN_RULES,
    )
