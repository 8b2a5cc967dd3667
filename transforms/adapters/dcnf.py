"""Daily Caller News Foundation: a free-to-republish newswire (custom licence, not CC).

Catalogue §1.1. Original pages carry a section label, a photo credit, the logo line,
a '<Name> Contributor' byline and 'Font Size:'; republishers use 'By: <Name>, Daily
Caller News Foundation' or a two-line byline; inline '(RELATED: <headline>)' promos
name another DCNF story; the footer notice is often cut after 'please contact'.
Partial evidence counts (issue #13): a byline split over lines with blank lines between
('Jake Smith' / '' / 'Daily Caller News Foundation'), the affiliation line alone, and the
house-style promo alone: '(RELATED: <Title Case Headline>)' glued after a sentence at a
paragraph's end (dev:dcnf_1, dev:dcnf_11), which no other source prints that way.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}"
_DCNF = r"(?:The )?(?:Daily Caller News Foundation|DCNF)"
# '… the Foundation for Defense of Democracies. (RELATED: Biden Admin Edited Harsher Language
# Out Of …: REPORT)': after a sentence's end, every word capitalised, closing the line. At
# most 41 words: unbounded, every '. (' of a long run re-read the run to its end (quadratic).
_TITLE_WORD = r"[\"'$(]?[A-Z0-9][^\s()]*"
_HOUSE_PROMO = (
    rf"[.!?\"')] \((?:RELATED|Related|related): {_TITLE_WORD}(?: {_TITLE_WORD}){{2,40}}\)[ \t]*$"
)
_SECTIONS = r"Media|World|US|U\.S\.|Politics|Opinion|Business|Education|Energy|Health|Sports"


class DcnfAdapter(RuleAdapter):
    name = "dcnf"
    version = 3
    priority = 100
    description = "Daily Caller News Foundation stories, on dailycaller.com and republished."
    syndicator = "Daily Caller News Foundation"
    license = "DCNF-free"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal("logo-line", r"^[ \t]*Daily Caller News Foundation logo[ \t]*$", 0.8),
        Signal("notice", r"All content created by the Daily Caller News Foundation, an", 1.0),
        Signal("notice-old", r"Content created by The Daily Caller News Foundation is", 1.0),
        Signal("republisher-byline", rf"^[ \t]*By:? {_NAME},? {_DCNF}[ \t]*$", 0.8),
        Signal(
            "two-line-byline",
            rf"^[ \t]*(?:By:?[ \t]*\n(?:[ \t]*\n){{0,3}}[ \t]*)?(?:By:? )?{_NAME},?[ \t]*\n"
            rf"(?:[ \t]*\n){{0,3}}[ \t]*{_DCNF}[ \t]*$",
            0.6,
        ),
        # The affiliation line alone (its name line lost): a credit only DCNF copies carry.
        Signal("affiliation-line", r"^[ \t]*(?:The )?Daily Caller News Foundation[ \t]*$", 0.5),
        Signal("related-promo", r"\(RELATED: [^()\n]{10,}", 0.3, ignore_case=True),
        Signal("related-house-style", _HOUSE_PROMO, 0.3),
        Signal(
            "opinion-disclaimer",
            r"do not reflect the official position of the Daily Caller News Foundation",
            1.0,
        ),
        Signal("body-mention", r"told the (?:Daily Caller News Foundation|DCNF)", 0.1),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("section-label", "section_label", _SECTIONS, zone="head"),
        Rule("logo", "logo", r"Daily Caller News Foundation logo"),
        # Original pages: the role word glued to the name ("Jake Smith Contributor").
        Rule("byline", "byline", rf"{_NAME} Contributor", move_to="byline", zone="head"),
        # Republishers: "By: Jake Smith, Daily Caller News Foundation" (dev:dcnf_4).
        Rule(
            "republisher-byline",
            "byline",
            rf"By:? {_NAME},? {_DCNF}",
            move_to="byline",
            zone="head",
        ),
        # WND: "Jake Smith" then "Daily Caller News Foundation" on its own line: the
        # affiliation line claims the name above it as the byline.
        Rule(
            "byline-affiliation",
            "byline_affiliation",
            r"Daily Caller News Foundation",
            claims_above="byline",
            evidence=0.6,
        ),
        Rule("author-box", "byline_affiliation", r"Reporter, Daily Caller News Foundation"),
        # Scrapers often cut the e-mail address after "please contact": match the prefix.
        Rule(
            "republish-notice",
            "republish_notice",
            r"All content created by the Daily Caller News Foundation, an independent and "
            r"nonpartisan newswire service, is available without charge.*",
        ),
        # Older footer; wording unverified, so only its distinctive opening is required.
        Rule(
            "republish-notice-old",
            "republish_notice",
            r"Content created by The Daily Caller News Foundation is available without charge.*",
        ),
        Rule(
            "opinion-disclaimer",
            "disclaimer",
            r"The views and opinions expressed in this commentary are those of the author and "
            r"do not reflect the official position of the Daily Caller News Foundation\.?",
        ),
        # Republisher chrome seen around DCNF copies (catalogue §1.1).
        Rule(
            "wnd-published",
            "published",
            r"Published (?P<value>[A-Z][a-z]+ \d{1,2}, \d{4}"
            r"(?: at \d{1,2}:\d{2} ?[ap]m)?)",
            move_to="published",
            zone="head",
        ),
        Rule("host-byline", "host_byline", r"Around the Web By Around the Web"),
        Rule(
            "lisas-top-ten",
            "newsletter_promo",
            r"Home of Lisa's Top Ten, the daily email that brings you the world\.|"
            r"The first task of the day",
        ),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        # "(RELATED: <headline>)" names another DCNF story; headlines may nest parentheses.
        Rule(
            "related",
            "related_promo",
            r"\(RELATED:\s*(?P<value>[^()]*(?:\([^()]*\)[^()]*)*)\)",
            move_to="related",
            ignore_case=True,
        ),
    )
