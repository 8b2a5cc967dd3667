"""States Newsroom: a nonprofit network of state outlets (Missouri Independent, …) and Stateline.

Catalogue §1.5. Outlet pages end with '<Outlet> is part of States Newsroom, a nonprofit news
network …' and 'Share This:'; copies carry 'This story was originally produced by <X>, which
is part of States Newsroom, …', the WordPress feed footer 'The post <Title> appeared first on
<Outlet>.', a dateline-style credit '(Missouri Independent) - ' on radio and TV sites, photo
credits naming a sister outlet '(Photo by Sam Bailey - Kansas Reflector)', and the theme's
byline 'By: <Name> - <Month D, YYYY>' (extractors drop the name: 'By: - February 1, 2023').
Archive and aggregator pages (dev:stateline_1, dev:statesnewsroom_1) are listings.
"""

from __future__ import annotations

import re
from typing import ClassVar

from newsnorm.transforms.adapters.base import AfterClean, RuleAdapter
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.records import Article, Document
from newsnorm.transforms.rules import Rule, Signal
from newsnorm.transforms.text import fold_for_matching, normalize_text

# The network's newsrooms (39 in 2024, per its affiliates page and Wikipedia) plus Stateline
# and the network itself. Not in the catalogue; only rules that name an outlet without
# saying 'States Newsroom' (feed footer, dateline credit, photo credit, byline) need it.
OUTLETS = (
    "Alabama Reflector",
    "Alaska Beacon",
    "Arizona Mirror",
    "Arkansas Advocate",
    "Colorado Newsline",
    "Daily Montanan",
    "Florida Phoenix",
    "Georgia Recorder",
    "Idaho Capital Sun",
    "Indiana Capital Chronicle",
    "Iowa Capital Dispatch",
    "Kansas Reflector",
    "Kentucky Lantern",
    "Louisiana Illuminator",
    "Maine Morning Star",
    "Maryland Matters",
    "Michigan Advance",
    "Minnesota Reformer",
    "Missouri Independent",
    "Nebraska Examiner",
    "Nevada Current",
    "New Hampshire Bulletin",
    "New Jersey Monitor",
    "NC Newsline",
    "North Dakota Monitor",
    "Ohio Capital Journal",
    "Oklahoma Voice",
    "Oregon Capital Chronicle",
    "Pennsylvania Capital-Star",
    "Rhode Island Current",
    "SC Daily Gazette",
    "Source NM",
    "South Dakota Searchlight",
    "Tennessee Lookout",
    "Utah News Dispatch",
    "Virginia Mercury",
    "Washington State Standard",
    "West Virginia Watch",
    "Wisconsin Examiner",
    "Stateline",
    "States Newsroom",
)
_OUTLET = "(?:" + "|".join(re.escape(outlet) for outlet in OUTLETS) + ")"
_NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}"
_PEOPLE = rf"{_NAME}(?:(?:,| and) {_NAME})*?"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)"
_DATE = rf"{_MONTH}[a-z]*\.? \d{{1,2}}, \d{{4}}"
# An outlet name opening the footer sentence: capitalised words, no dots (so 'Gov. Mike
# Parson. Missouri Independent is part of …' yields the outlet, not the governor).
_OUTLET_NAME = r"[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,4}"
_SENTENCE_START = r"(?:^|(?<=[.!?\"')\]]) +)"
# The footer's opening as seen ('… is part of States Newsroom, a nonprofit news network
# supported by grants …'); a sentence of reporting that says an outlet belongs to the
# network does not go on to describe it this way.
_PART_OF = (
    r"is part of States Newsroom, an? [^\n]{0,80}?(?:news network|network of news bureaus|"
    r"news organization|supported by grants)"
)
_PHOTO_CREDIT = rf"\(Photo (?:by|courtesy of) [^()\n]{{2,100}}? ?[-/] ?{_OUTLET}\)"
_FEED_FOOTER = re.compile(r"The post (?P<headline>[^\n]{3,300}?) appeared first on ")


def reject_feed_of_posts(article: Article, document: Document) -> Article:
    """Reject a feed: a feed footer naming a post whose headline is a line other than the
    title. Aggregator pages string RSS excerpts together (dev:statesnewsroom_1); the listing
    check counts dated or repeated lines and misses them, and no rule can compare a line with
    the title, but the footer says which post it ends.
    """
    if reason := _feed_listing_reason(document, article):
        raise DocumentRejected("listing", reason)
    return article


def _feed_listing_reason(document: Document, article: Article) -> str | None:
    lines = {line.strip() for line in document.folded.splitlines()}
    title = fold_for_matching(article.title)
    for match in _FEED_FOOTER.finditer(document.folded):
        headline = normalize_text(match.group("headline"))
        if headline in lines and headline != title:
            return (
                f"the feed footer ends the post {headline[:60]!r}, a headline of its own below "
                f"{title[:60]!r}: a feed of several posts"
            )
    return None


class StatesNewsroomAdapter(RuleAdapter):
    name = "states_newsroom"
    version = 2
    priority = 100
    description = "States Newsroom outlets and Stateline, on their sites and republished."
    syndicator = "States Newsroom"
    # The outlets' republish box names CC BY-NC-ND 4.0; the catalogue says 'Creative Commons'.
    license = "CC-BY-NC-ND-4.0"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal("footer", rf"\b{_PART_OF}", 1.0),
        Signal("feed-footer", rf"appeared first on {_OUTLET}\.?[ \t]*$", 0.8),
        Signal("byline-affiliation", rf"^[ \t]*By:? {_PEOPLE},? {_OUTLET}[ \t]*$", 0.8),
        Signal("dateline-credit", rf"^[ \t]*(?:[A-Z][A-Z .,'-]{{1,40}} )?\({_OUTLET}\) ?- ", 0.6),
        Signal("photo-credit", _PHOTO_CREDIT, 0.6),
        # The theme's byline shape; other WordPress themes use it too.
        Signal("theme-byline", rf"^[ \t]*By: (?:{_PEOPLE} )?- {_DATE}[ \t]*$", 0.3),
        Signal("body-mention", r"(?:told|according to a) (?:Stateline|States Newsroom)\b", 0.1),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("theme-byline", "byline", rf"By: {_PEOPLE} - {_DATE}", move_to="byline", zone="head"),
        # The extractor dropped the author's name: nothing left to move.
        Rule("theme-byline-nameless", "byline", rf"By: - {_DATE}", zone="head"),
        Rule(
            "byline-affiliation",
            "byline",
            rf"By:? {_PEOPLE},? {_OUTLET}",
            move_to="byline",
            zone="head",
        ),
        Rule(
            "photo-credit", "photo_credit", _PHOTO_CREDIT, move_to="credit", claims_above="caption"
        ),
        # A caption with the credit glued to its end is a caption, whatever it says.
        Rule("captioned-photo", "caption", rf"[^\n]{{10,600}}? {_PHOTO_CREDIT}", move_to="caption"),
        # Pieces of the footer when the scraper kept its sentences on lines of their own.
        Rule(
            "contact-editor", "republish_notice", r"Contact Editor [^\n]{2,60} for questions: \S+"
        ),
        Rule(
            "follow-outlet",
            "social_promo",
            rf"Follow {_OUTLET} on (?:Facebook|Twitter|X)(?:,? and (?:Facebook|Twitter|X))?\.?",
        ),
        Rule("share-this", "share_widget", r"Share This:?"),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        # Before the outlet footer: this one names the producing outlet, the other the host.
        Rule(
            "originally-produced",
            "republish_notice",
            rf"{_SENTENCE_START}This story was originally produced by "
            rf"(?P<publisher>[^,\n]{{2,80}}), which {_PART_OF}[^\n]*",
            evidence=1.0,
        ),
        # The footer runs to the end of its line ('… on Facebook and X. Share This:').
        Rule(
            "footer",
            "republish_notice",
            rf"{_SENTENCE_START}(?P<publisher>{_OUTLET_NAME}) {_PART_OF}[^\n]*",
            evidence=1.0,
        ),
        # Feed footer glued to an RSS excerpt, with the excerpt's '[…]' (dev:statesnewsroom_1).
        Rule(
            "feed-footer",
            "feed_footer",
            rf"(?: ?\[(?:\.\.\.|…)\])? {{0,40}}The post [^\n]{{3,300}}? appeared first on "
            rf"(?P<publisher>{_OUTLET})\.?$",
        ),
        Rule(
            "dateline-credit",
            "dateline",
            rf"^[ \t]*(?:(?P<place>[A-Z][A-Z .,'-]{{1,40}}?) )?\((?P<publisher>{_OUTLET})\) ?- ?",
            move_to="dateline",
            zone="head",
        ),
        # Tribune Content Agency-style date dateline on wire-redistributed items ('Jan. 5—').
        Rule(
            "wire-date", "dateline", rf"^[ \t]*{_MONTH}\.? \d{{1,2}} ?- ?(?=[A-Z\"'])", zone="head"
        ),
    )

    after_clean: ClassVar[tuple[AfterClean, ...]] = (reject_feed_of_posts,)
