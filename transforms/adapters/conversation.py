"""The Conversation: academics' articles republished under CC BY-ND 4.0.

Catalogue §1.2. Republishers paste the CC republish HTML: an '<Author>, <Institution>'
byline line, image file names and 'CC BY' credits, and a footer 'This article is
republished from The Conversation under a Creative Commons license. Read the original
article.' (the logo alt text often glued on). phys.org copies carry 'Provided by The
Conversation' and 'by <Name> , The Conversation'; Yahoo/AP-feed copies a longer footer.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_NAME_TOKEN = r"(?:[A-Z][\w.'-]*|de|da|van|von|der|del|la|le|du|dos|bin|al)"
_NAME = rf"[A-Z][\w.'-]*(?: {_NAME_TOKEN}){{1,4}}"
# An academic byline names an institution; requiring one of these words keeps a
# title-case headline with a comma ('Jimmy Carter, Humanitarian') from being read as one.
_INSTITUTION_WORD = (
    r"(?:Universit\w*|College|Institut\w*|School|Council|Cent(?:re|er)|Hospital|Foundation|"
    r"Museum|Laborator(?:y|ies)|Academy|Society|Agency|Trust|Organi[sz]ation|Research|"
    r"Observatory|Polytechnic|Clinic|Survey|Commission|Association|Department|CSIRO|"
    r"The Conversation)"
)
_INSTITUTION = (
    rf"(?=[^,\n]*\b{_INSTITUTION_WORD}\b)"
    r"(?:[Tt]he )?[A-Z][\w.'&-]*(?: (?:[A-Z][\w.'&()-]*|of|and|for|the|in|at|de|&)){0,9}"
)
# Flexible whitespace: tag stripping leaves doubled spaces in footers (catalogue §1.6).
_FOOTER = (
    r"This\s+article\s+is\s+republished\s+from\s+(?P<publisher>The\s+Conversation)\s+"
    r"under\s+a\s+Creative\s+Commons\s+licen[cs]e\."
    r"(?:\s*Read\s+the\s+original\s+article\.?)?(?:\s*The\s+Conversation)?"
)


class ConversationAdapter(RuleAdapter):
    name = "conversation"
    version = 2
    priority = 100
    description = (
        "The Conversation articles republished under its CC licence (WordPress, phys.org)."
    )
    syndicator = "The Conversation"
    license = "CC-BY-ND-4.0"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal("footer", r"This\s+article\s+is\s+republished\s+from\s+The\s+Conversation", 1.0),
        Signal("provided-by", r"^[ \t]*Provided by The Conversation[ \t]*$", 1.0),
        Signal("read-full-article", r"Read the full article on The Conversation", 0.8),
        Signal("byline-affiliation", rf"^[ \t]*[Bb]y {_NAME} ?, The Conversation[ \t]*$", 0.8),
        # The republish HTML's image alt text is the CDN file name (file-YYYYMMDD-…jpg?ixlib=rb…).
        Signal("image-file-name", r"^[ \t]*File \d{8} \d+ \w+\.(?:jpe?g|png|gif)\?ixlib=rb", 0.7),
        Signal("curious-kids", r"Curious Kids is a series for children of all ages", 0.6),
        # A bounded local part: [\w.-]+ rescanned a long run of word characters from each start.
        Signal(
            "house-address", r"\b[\w.-]{1,64}@theconversation\.com\b|counter\.theconversation", 0.3
        ),
        Signal("cc-credit", r", CC BY(?:-[A-Z]{2}(?:-[A-Z]{2})?)?[ \t]*$", 0.2),
        Signal(
            "body-mention", r"(?:told|wrote in|writing in|an article for) The Conversation", 0.1
        ),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("republish-footer", "republish_notice", _FOOTER),
        Rule(
            "read-full-article",
            "republish_notice",
            r"Read the full article on (?P<publisher>The Conversation)\.?",
        ),
        Rule("provided-by", "republish_notice", r"Provided by (?P<publisher>The Conversation)"),
        # The standard disclosure under the footer; the wording is not in the catalogue
        # ([unverified]), so only its distinctive middle is required.
        Rule(
            "disclosure",
            "disclosure",
            r".{2,200} (?:does|do) not work for, consult, own shares in or receive funding "
            r"from any company or organi[sz]ation that would benefit from this article.*",
        ),
        # "Terry Slevin, Cancer Council Australia" (dev:conversation_1): the institution is
        # an affiliation, not a publisher.
        Rule(
            "byline",
            "byline",
            rf"(?:[Bb]y:? )?{_NAME} ?, {_INSTITUTION}",
            move_to="byline",
            zone="head",
        ),
        Rule(
            "curious-kids",
            "series_blurb",
            r"Curious Kids is a series for children of all ages\..*",
        ),
        Rule(
            "image-file-name",
            "image_cruft",
            r"File \d{8} \d+ \w+\.(?:jpe?g|png|gif)(?:\?ixlib=rb[ -]?[\d.]+)?",
        ),
        # Image credits under a caption: 'PRONicki Dugan Pogue/Flickr, CC BY', 'from
        # shutterstock.com' (dev:conversation_1 also has the typo 'shuttersrock.com').
        Rule(
            "cc-credit",
            "photo_credit",
            r"[^\n]{2,120}, CC BY(?:-(?:SA|ND|NC|NC-SA|NC-ND))?(?: \d\.\d)?",
            move_to="credit",
            claims_above="caption",
        ),
        Rule(
            "stock-credit",
            "photo_credit",
            r"(?:[\w .'&/,-]{1,80} )?(?:from|via) (?:www\.)?shutter\w*\.com",
            move_to="credit",
            claims_above="caption",
            ignore_case=True,
        ),
        # phys.org chrome around Conversation copies.
        Rule(
            "phys-credit",
            "photo_credit",
            r"Credit: [^\n]{1,119}[^.\n]",
            move_to="credit",
            claims_above="caption",
        ),
        Rule("explore-further", "ui_cruft", r"\+ Explore further"),
        Rule("editors-notes", "ui_cruft", r"Editors' notes"),
        # Inline links to other Conversation articles; not in the catalogue, kept as related.
        Rule("read-more", "related_promo", r"Read more: (?P<value>.{5,200})", move_to="related"),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        # The footer glued to the last paragraph by a feed.
        Rule("republish-footer-glued", "republish_notice", rf"{_FOOTER}[ \t]*$"),
        # Newer Yahoo / AP-feed footer, [unverified]: only its opening is required. It is
        # a span so that 'It was written by: <Author>, <Institution>' after it on the same
        # line is moved as a byline (used only when the head had none), not dropped.
        Rule(
            "republish-footer-long",
            "republish_notice",
            r"This article is republished from (?P<publisher>The Conversation), a nonprofit, "
            r"independent news organi[sz]ation\b.*?(?=\s*It was written by:|[ \t]*$)",
        ),
        Rule(
            "written-by",
            "byline",
            r"It was written by: (?P<value>[^\n]{2,200}?)\.?[ \t]*$",
            move_to="byline",
        ),
    )
