"""Mississippi Today: an INN member whose pages carry a photo credit shaped like a byline.

Catalogue §1.7 (and §1.6 for the shared INN footer, composed from `inn_newspack`). Under
the headline sits the lead photo's credit, '<Name>, Mississippi Today' with no 'by'
(dev:mississippitoday_1: 'Adam Ganucheau, Mississippi Today'), then its caption: a credit,
never an author. The plugin's republication header keeps 'by' ('by <Name>, Mississippi
Today'), which is a byline. Stories open with a local dateline ('HATTIESBURG' and a dash).
"""

from __future__ import annotations

import re
from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.inn_newspack import (
    INN_LINE_RULES,
    INN_SIGNALS,
    INN_SPAN_RULES,
    NAME,
    PEOPLE,
)
from newsnorm.transforms.adapters.lookahead import clean_with, exact_line_rule, kept_lines
from newsnorm.transforms.adapters.rulesets import RSS_MIRROR_CHROME
from newsnorm.transforms.records import Article, Document
from newsnorm.transforms.rules import Rule, Signal
from newsnorm.transforms.text import Line

_MT = r"Mississippi Today"
# A local dateline: an upper-case place and a dash before the first word of the story.
_DATELINE = r"(?P<place>[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+){0,3}(?:, [A-Z][a-z]{1,5}\.)?) - "
_DATELINE_START = re.compile(_DATELINE)
_CREDIT_RULE = "mt-photo-credit"


class MississippiTodayAdapter(RuleAdapter):
    name = "mississippi_today"
    version = 1
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
        Rule("mt-labelled-credit", "photo_credit", rf"Credit: {NAME}, {_MT}", move_to="credit"),
        *INN_LINE_RULES,
        *RSS_MIRROR_CHROME,
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("dateline", "dateline", rf"^[ \t]*{_DATELINE}", move_to="dateline", zone="head"),
        *INN_SPAN_RULES,
    )

    def clean(self, document: Document) -> Article:
        article = super().clean(document)
        caption = _caption_below_credit(document, article)
        if caption is None:
            return article
        rule = exact_line_rule("caption-below-credit", "caption", document, caption, "caption")
        return clean_with(self, document, (rule,))


def _caption_below_credit(document: Document, article: Article) -> Line | None:
    """The lead photo's caption: the first kept line after the credit under the headline.

    Only when the kept line after it opens with a dateline: then the story demonstrably
    starts there, and the line between credit and story is the caption. Without a dateline
    the line stays in the body (a caption kept beats a lead paragraph lost).
    """
    credit = next((r for r in article.removals if r.rule == _CREDIT_RULE), None)
    if credit is None:
        return None
    after = [line for line in kept_lines(document, article) if line.start >= credit.end][:2]
    if len(after) < 2:
        return None
    caption, lead = after
    if _DATELINE_START.match(document.folded[lead.start : lead.end].strip()) is None:
        return None
    return caption
