"""INN Republication Tracker Tool / Newspack: the footer many INN members' stories carry.

Catalogue §1.6. The WordPress plugin (github.com/INN/republication-tracker-tool, now
Automattic/republication-tracker-tool) hands republishers the story with a header
('by <Author>, <Site>' over 'Month D, YYYY') and the footer 'This article first appeared on
<Site> and is republished here under a Creative Commons license.', then the site icon and a
1x1 tracking pixel (Newspack RSS items add a Parse.ly beacon). Its modal and widget texts
come along when a scraper copies the original page. The site named in the footer is the
original publisher and the syndicator: each member offers its own stories.

The rules are module tuples so sites with wordings of their own (Mississippi Today,
CalMatters) compose them; those adapters sort after this one (priority 100 vs 90), so a
document with only the shared footer stays here and a site artefact tips it to the site.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import AfterClean, RuleAdapter
from newsnorm.transforms.adapters.rulesets import RSS_MIRROR_CHROME
from newsnorm.transforms.adapters.steps import (
    copyright_owner_is_syndicator,
    publisher_is_syndicator,
)
from newsnorm.transforms.rules import Rule, Signal

NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}"
PEOPLE = rf"{NAME}(?:(?:,| and|,? &) {NAME})*?"
SITE = r"[A-Z][\w.'&-]*(?: (?:[A-Z][\w.'&-]*|of|the|for|and)){0,6}"
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
DATE = rf"{MONTH} \d{{1,2}}, \d{{4}}"
# The footer starts a line or a sentence: RSS items flatten it onto the last paragraph.
SENTENCE_START = r"(?:^|(?<=[.!?\"')\]]) +)"
# After tag stripping the footer can carry doubled spaces ('This  article  first appeared').
FOOTER = (
    r"This +article +first +appeared +on +(?P<publisher>[^\n]{2,100}?) +and +is +republished "
    r"+here +under +a +Creative +Commons +license\.?"
)

INN_SIGNALS: tuple[Signal, ...] = (
    Signal("inn-footer", FOOTER, 1.0),
    Signal("inn-pixel", r"republication-tracker-tool-source|creative-commons-sharing-source", 0.8),
    # The widget is on the original's own page (pitfall 7): it shows the plugin, not a copy.
    Signal(
        "inn-widget",
        r"Republish our articles for free, online or in print, under (?:a )?Creative Commons "
        r"license",
        0.6,
    ),
)

INN_LINE_RULES: tuple[Rule, ...] = (
    # The plugin's header: 'by <Author>, <Site>' then the date on the next line.
    Rule("inn-byline", "byline", rf"[Bb]y:? {PEOPLE}, {SITE}", move_to="byline", zone="head"),
    Rule("inn-date", "published", DATE, move_to="published", zone="head"),
    Rule(
        "inn-widget",
        "republish_widget",
        r"Republish our articles for free, online or in print, under (?:a )?Creative Commons "
        r"license\.?",
    ),
    # The plugin's modal, copied with the original page (plugin source, shareable-content.php).
    Rule("inn-modal-title", "ui_cruft", r"Republish this article"),
    Rule(
        "inn-modal-license",
        "license_notice",
        r"This work is licensed under a Creative Commons [\w .-]{2,80} License\.?",
    ),
    Rule("inn-modal-buttons", "ui_cruft", r"Copy to Clipboard|Close window(?: X)?"),
)

INN_SPAN_RULES: tuple[Rule, ...] = (
    Rule("inn-footer", "republish_notice", rf"{SENTENCE_START}{FOOTER}", evidence=1.0),
    # Pixel and Parse.ly beacon markup, left as text when a scraper escaped the HTML.
    Rule(
        "inn-pixel",
        "tracking_pixel",
        r"<img [^<>\n]*id=\"(?:republication-tracker-tool|creative-commons-sharing)-source\""
        r"[^<>\n]*>|\s{0,40}<script[^<>\n]*id=\"creative-commons-sharing-source\""
        r"[^<>\n]*>\s*</script>",
    ),
    Rule(
        "inn-parsely",
        "tracking_pixel",
        r"<script> ?PARSELY = \{(?:(?!<script).)*?</script>"
        r"(?: ?<script id=\"parsely-cfg\"[^>\n]*></script>)?",
    ),
)


class InnNewspackAdapter(RuleAdapter):
    name = "inn_newspack"
    version = 2
    # Exact plugin wordings: tried before the site adapters that compose them.
    priority = 90
    description = "INN Republication Tracker / Newspack footer: any member site's CC copies."
    syndicator = None
    license = "CC-BY-ND-4.0"  # the plugin's default licence ('cc-by-nd-4.0')
    signals: ClassVar[tuple[Signal, ...]] = INN_SIGNALS
    line_rules: ClassVar[tuple[Rule, ...]] = (*INN_LINE_RULES, *RSS_MIRROR_CHROME)
    span_rules: ClassVar[tuple[Rule, ...]] = INN_SPAN_RULES
    # Each member syndicates its own stories: the site the footer names is the syndicator;
    # on the member's own page (the widget, no footer) the owner its copyright line names.
    after_clean: ClassVar[tuple[AfterClean, ...]] = (
        publisher_is_syndicator,
        copyright_owner_is_syndicator,
    )
