"""Rule sets that any site can carry; every RuleAdapter runs them after its own rules.

Wordings come from ../shared/syndication/CATALOGUE.md (sections 1.17 and 1.21 to 1.24), matched
on folded text (ASCII quotes and dashes).
"""

from __future__ import annotations

from newsnorm.transforms.adapters.chrome import (
    CHROME_LINE_RULES,
    CHROME_SPAN_RULES,
    CHROME_TEXT_RULES,
    COPYRIGHT,
    FOOTER_LINKS,
)
from newsnorm.transforms.adapters.embeds import EMBED_LINE_RULES, EMBED_TEXT_RULES
from newsnorm.transforms.adapters.shapes import OUTLET
from newsnorm.transforms.rules import Rule

__all__ = [
    "OUTLET",
    "RSS_MIRROR_CHROME",
    "SHARED_LINE_RULES",
    "SHARED_SPAN_RULES",
    "SHARED_TEXT_RULES",
]


# §1.24: widgets, counters, ad markers and navigation copied along with the page.
SITE_CHROME: tuple[Rule, ...] = (
    Rule("font-size", "ui_cruft", r"Font Size:?"),
    Rule("advertisement", "ad_marker", r"(?:Advertisement|ADVERTISEMENT):?"),
    Rule("skip-to-content", "ui_cruft", r"Skip to (?:main )?content", ignore_case=True),
    Rule("loading", "ui_cruft", r"Loading\.\.\.|Loading…"),
    Rule("republish-button", "ui_cruft", r"Republish (?:This|this) (?:Story|Article)"),
    Rule("view-counter", "ui_cruft", r"\d[\d,]*\s?views?|Views: \d[\d,]*", ignore_case=True),
    Rule("scroll-to-top", "ui_cruft", r"Scroll to Top", ignore_case=True),
    Rule(
        "comment-form",
        "comment_form",
        r"Leave a (?:Comment|Reply)|Your email address will not "
        r"be published\. Required fields are marked \*?",
    ),
    Rule("read-more", "ui_cruft", r"(?:Read more|View full article|READ MORE:?)(?:\.\.\.|…)?"),
    Rule("trending", "ui_cruft", r"(?:TRENDING|LIVE UPDATES): .{3,200}"),
    Rule("listen", "ui_cruft", r"Listen to this article(?: \d+ min(?:utes?)?)?", ignore_case=True),
    Rule(
        "newsletter-signup",
        "newsletter_promo",
        r"Sign [Uu]p (?:for|to) (?:our |the )?.{2,80}"
        r"(?:newsletter|Newsletter|Top Ten|Email News Alerts!?)\.?",
    ),
    Rule("email-alerts", "newsletter_promo", r"Get the hottest.{0,200}Email News Alerts!"),
    Rule("donate-promo", "donation_promo", r"Support independent .{2,60} news\.?"),
    Rule("affiliate-disclosure", "ui_cruft", r"When you buy through links on our articles, .*"),
    Rule("cloudflare-email", "ui_cruft", r"\[email(?:&#160;| )protected\]"),
)

# §1.23: WordPress and Jetpack share widgets and feed footers.
WORDPRESS: tuple[Rule, ...] = (
    Rule("share-this", "share_widget", r"Share this:?", ignore_case=True),
    Rule(
        "click-to-share",
        "share_widget",
        r"Click to (?:share|email|print) .{0,80}"
        r"\(Opens in new window\)\s?\w*",
    ),
    Rule("like-loading", "share_widget", r"Like Loading\.\.\.|Like Loading…|Like this:"),
    Rule("rate-this", "share_widget", r"Rate this:"),
    Rule("post-navigation", "navigation", r"Post navigation"),
    # A headline follows ("Next post Illegal Aliens Buying …"), not "Next post office to close".
    Rule("previous-next-post", "navigation", r"(?:Previous|Next) [Pp]ost [A-Z0-9\"'].{2,300}"),
    # Names the feed's own site, not the story's original publisher: no capture.
    Rule("feed-footer", "feed_footer", rf"The post .{{3,300}} appeared first on {OUTLET}\.?"),
)

# Feed-mirror chrome (rssing.com, dev:mississippitoday_1): opt-in, since a lone '$' or
# a small number is only chrome at the top of such a mirror.
RSS_MIRROR_CHROME: tuple[Rule, ...] = (
    Rule("rssing-quantcast", "feed_chrome", r"Quantcast", zone="head"),
    Rule("rssing-channel", "feed_chrome", r"Channel: [^\n]{2,160}", zone="head"),
    Rule("rssing-count", "feed_chrome", r"Viewing (?:all [\d,]+ articles|latest article \d+)"),
    Rule("rssing-browse", "feed_chrome", r"Browse latest View live"),
    Rule("rssing-counter", "feed_chrome", r"\$|\d{1,3}", zone="head"),
)

# What a notice may add after the source it names: the terms it is carried under ('… by the
# Riverbend Gazette and is republished here with permission', '… under a Creative Commons
# license').
PERMISSION_TAIL = (
    r"(?:,? and (?:is|was|has been) (?:re(?:published|printed|posted|produced)|shared|used)"
    r"(?: here)?(?: with (?:(?:the publisher's|their|its) )?permission| under (?:a|the) "
    r"Creative Commons (?:license|licence)[^.\n]{0,60}))?"
)

# §1.17 and §1.22: notices that name (or lost) the source. A lost name stays null.
GENERIC_NOTICES: tuple[Rule, ...] = (
    Rule(
        "originally-published",
        "republish_notice",
        r"(?:This (?:post|article|story|piece) (?:was )?(?:originally|first) "
        r"(?:appeared|published|ran) (?:on|in|by|at)|Originally published (?:on|in|by)|"
        r"(?:This )?[Aa]rticle originally appeared on) ?"
        rf"(?P<publisher>{OUTLET})?{PERMISSION_TAIL}\.?"
        r"(?: (?:Read the original article|Click here to read in full)\.?)?",
        evidence=1.0,
    ),
    Rule(
        "original-source",
        "republish_notice",
        rf"Original article source: ?(?P<publisher>{OUTLET})?",
    ),
    Rule("read-original", "republish_notice", r"Read the original article\.?"),
    # An aggregator's footer under a blog's feed item (Blogarama; its typo is its wording).
    Rule(
        "aggregator-footer",
        "feed_footer",
        r"This post first appeared on [^\n]{2,200}, please read the origin(?:i)?al post: ?here\.?",
    ),
    # A later hop (MSN credits the agency it took the story from): a co-publisher.
    Rule("provided-by", "republish_notice", rf"© Provided by (?P<copublisher>{OUTLET})"),
)

# Photo credits: never authors (catalogue §3, pitfall 6). The line above one is its caption.
PHOTO_CREDITS: tuple[Rule, ...] = (
    Rule(
        "photo-credit",
        "photo_credit",
        r"\(?(?:(?:Photo|Image|Photograph|Illustration)s? (?:by|courtesy of|credit:?)|"
        r"(?:Photo|Image) ?(?:credit)?:) [^\n]{2,150}?\)?",
        move_to="credit",
        zone="head",
        ignore_case=True,
        claims_above="caption",
    ),
    Rule(
        "agency-photo",
        "photo_credit",
        r"\(?[\w .'&-]{1,80}/(?:Getty Images|AFP|AP|Reuters|Shutterstock|"
        r"Bloomberg|Flickr|Unsplash|EPA|Pool)[\w .,/'&-]{0,80}\)?",
        move_to="credit",
        claims_above="caption",
    ),
    Rule("ap-photo", "photo_credit", r"\((?:AP|AFP) Photo(?:/[^)]{2,80})?\)", move_to="credit"),
    # Anywhere on the page, a credit by its label ('Photo: Hau Dinh, AP' under a Hearst
    # gallery; 'Foto: <Name>/dpa'): a label, then a name-sized credit, no sentence. Credits
    # found anywhere claim no caption: in a dump without blank lines, the line above a credit
    # can as well be the story's last paragraph.
    Rule(
        "labelled-credit",
        "photo_credit",
        r"(?:Photo|Photograph|Image|Foto|Bild)(?: ?[Cc]redit)?: [^\n.!?]{2,100}",
        move_to="credit",
    ),
    # MSN prints image credits as '© <Owner>' under the caption (no year: not a copyright line).
    Rule(
        "copyright-credit",
        "photo_credit",
        r"© ?(?!\d)(?!Provided by)[^\n]{2,120}",
        move_to="credit",
    ),
    # '<caption>. <Name>/dpa': a caption carrying its agency credit, kept whole as the caption.
    Rule(
        "caption-with-credit",
        "caption",
        r"(?=[^/\n]*+/)[^\n]{10,400}?[.!?] (?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}) ?/ ?"
        r"(?:dpa|AFP|AP|Reuters|REUTERS|Getty Images|epa|EPA|Imago|picture alliance|Keystone)",
        move_to="caption",
    ),
)

SHARED_LINE_RULES: tuple[Rule, ...] = (
    *SITE_CHROME,
    *WORDPRESS,
    *GENERIC_NOTICES,
    *COPYRIGHT,
    *FOOTER_LINKS,
    *EMBED_LINE_RULES,
    *PHOTO_CREDITS,
    *CHROME_LINE_RULES,
)
# What may follow an emphasis's closing mark: a space, punctuation, the line's end.
_CLOSES = r"(?![^\s.,;:!?\"'\u201d\u2019\u2013\u2014)\]*])"
# Markdown a converter (html2text, Pandoc) wrote into the lines of a page it saved: an
# image goes whole; a link keeps its words, its brackets and target go; bold and emphasis
# marks, heading marks and backslash escapes go. Each a span cut, so the words keep their offsets.
_LINK_TARGET = r"\]\((?:https?://|/|#|\.|mailto:|www\.)[^()\s]*(?:\([^()\s]*\)[^()\s]*)*"
MARKDOWN_RESIDUE: tuple[Rule, ...] = (
    Rule("markdown-image", "markup_residue", r"!\[[^\[\]\n]{0,300}" + _LINK_TARGET + r"\)"),
    Rule(
        "markdown-link-target",
        "markup_residue",
        _LINK_TARGET + r'(?: "[^"\n]{0,200}")?\)',
        tight=True,
    ),
    Rule(
        "markdown-link-open", "markup_residue", r"(?<!!)\[(?=[^\[\]\n]{1,300}" + _LINK_TARGET + ")"
    ),
    Rule(
        "markdown-bold",
        "markup_residue",
        r"(?<!\*)\*\*(?=[^\s*])|(?<=[^\s*])\*\*(?!\*)",
        tight=True,
    ),
    # html2text writes <em> as "_words_" (and a strong one as "__words__"): "\w" reads
    # "_words" as another word than "words". A mark opens after a space or punctuation (not
    # "@_handle", "/_path", an escape) where the line's next underscore closes it, and
    # closes before a space or punctuation; "snake_case", "_private . call" and a "___"
    # line stay. An emphasis of a space leaves a lone "_".
    Rule(
        "markdown-emphasis",
        "markup_residue",
        rf"(?<![\w@#/\\])(_{{1,3}})(?=[^\s_][^_\n]*\1{_CLOSES})"
        rf"|(?<=[^\s_\\])_{{1,3}}{_CLOSES}"
        r"|(?<!\S)_(?!\S)",
        tight=True,
    ),
    Rule("markdown-heading", "markup_residue", r"^#{1,6} (?=\S)"),
    Rule("markdown-escape", "markup_residue", r"\\(?=[\\`*_{}\[\]()#+.!-])", tight=True),
)
SHARED_SPAN_RULES: tuple[Rule, ...] = (
    # An ad marker glued to the next sentence: "ADVERTISEMENT“Right now…" (catalogue §1.24).
    Rule("advertisement-glued", "ad_marker", r"\bADVERTISEMENT(?=[\"'A-Z])"),
    *CHROME_SPAN_RULES,
    *MARKDOWN_RESIDUE,
)
SHARED_TEXT_RULES: tuple[Rule, ...] = (*EMBED_TEXT_RULES, *CHROME_TEXT_RULES)
