"""The 19th: a nonprofit newsroom on gender, politics and policy, licensed CC BY-NC-ND.

Catalogue §1.14. Scrapes of its own pages begin with the hidden republish modal
('* Please read before republishing *', 'We're happy to make this story available to
republish for free under an Attribution-NonCommercial-NoDerivatives Creative Commons
license …', '— The Editors', 'Loading...', 'Modal Gallery') and the menu with its 'From
the Collection' teaser rails (dev:the19th_1). The modal is the original's chrome: it
says the page is The 19th's (weight of a house artefact) and never that the page is a
republication (pitfall 7), so it records no original publisher.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}"
_NAMES = rf"{_NAME}(?:(?:, | and | & ){_NAME}){{0,3}}"
_T19 = r"The 19th\*?"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_MODAL_LICENSE = (
    r"We're happy to make this story available to republish for free under an? "
    r"[\w-]{2,60} Creative Commons licen[cs]e"
)
_MENU_ITEMS = (
    r"Our Mission|Our Team|Latest Stories|Search|Upcoming Events|Contact Us|Newsletter|"
    r"Donate|Work With Us|Fellowships"
)
# A teaser's byline: 'Chabeli Carrazana · February 2'.
_TEASER_BYLINE = rf"{_NAMES} · {_MONTH} \d{{1,2}}(?:, \d{{4}})?"
_BLANK_LINES = r"(?:\n[ ]*(?=\n|\Z))*"
# 'From the Collection', the collection's name, its illustration's alt text, then
# teasers ('• <headline>' over '<Name> · <Date>'); the last may be cut by truncation. A line
# may end in blanks (a CRLF's CR folds to one): each piece takes its own.
_RAIL = (
    r"^[ ]*(?P<value>• From the Collection[ ]*"
    + _BLANK_LINES
    + r"\n[ ]*[^\s•][^\n]{0,60}"
    + _BLANK_LINES
    + r"(?:\n[ ]*Illustration of [^\n]{2,200})?"
    + r"(?:"
    + _BLANK_LINES
    + r"\n[ ]*• (?!From the Collection)[^\n]{5,300}"
    + r"(?:"
    + _BLANK_LINES
    + rf"\n[ ]*{_TEASER_BYLINE}[ ]*)?)+)"
)


class The19thAdapter(RuleAdapter):
    name = "the_19th"
    version = 3
    priority = 100
    description = "The 19th stories, on 19thnews.org and republished under CC BY-NC-ND."
    syndicator = "The 19th"
    # The modal names the licence without a version (dev:the19th_1).
    license = "CC-BY-NC-ND"
    signals: ClassVar[tuple[Signal, ...]] = (
        # Wording of a republished copy's notice not in the catalogue: the generic
        # 'originally …' shapes (§1.17), naming The 19th.
        Signal(
            "notice",
            rf"(?:^[ ]*|[.!?\"] )This (?:article|story|post) (?:was )?(?:originally|first) "
            rf"(?:appeared|published|ran) (?:on|in|by|at) {_T19}(?:[,.]|[ ]*$| at )",
            1.0,
        ),
        Signal("republish-modal", r"require that you credit The 19th and retain our pixel", 0.8),
        Signal("byline-affiliation", rf"^[ ]*By:? {_NAMES},? {_T19}[ ]*$", 0.6),
        Signal("body-mention", rf"(?:told|said to|according to) {_T19}", 0.1),
    )
    text_rules: ClassVar[tuple[Rule, ...]] = (
        # Several lines per teaser, with blank lines between: a line rule cannot tell a
        # teaser headline from a bulleted list in a story; the whole rail can be told.
        Rule("collection-rail", "navigation", _RAIL),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("skip-links", "ui_cruft", r"Skip to content(?: Skip to search)?"),
        # The republish modal (dev:the19th_1): chrome of the original page.
        Rule("modal-heading", "republish_modal", r"\* Please read before republishing \*"),
        Rule("modal-license", "republish_modal", rf"{_MODAL_LICENSE}.*"),
        Rule("modal-instructions", "republish_modal", r"To republish, simply copy the HTML .*"),
        Rule("modal-signature", "republish_modal", r"- The Editors", zone="head"),
        Rule("modal-gallery", "ui_cruft", r"Modal Gallery"),
        Rule("menu", "navigation", r"/|Menu", zone="head"),
        Rule("menu-item", "navigation", rf"• (?:{_MENU_ITEMS})", zone="head"),
        Rule("teaser-byline", "navigation", _TEASER_BYLINE),
        Rule(
            "notice",
            "republish_notice",
            r"This (?:article|story) (?:was )?(?:originally|first) (?:appeared|published) "
            r"(?:on|in|by) (?P<publisher>The 19th)\*?\.?",
            evidence=1.0,
        ),
        Rule("byline", "byline", rf"By:? {_NAMES}(?:,? {_T19})?", move_to="byline", zone="head"),
    )
