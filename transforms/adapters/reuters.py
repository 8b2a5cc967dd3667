"""Reuters: a commercial wire whose stories run on reuters.com and licensees' sites.

Catalogue §1.11. Copies keep the dateline 'BEIRUT/THE HAGUE, March 7 (Reuters) - '
(house style a hyphen, copies often an en dash), which moves to the dateline. The story ends
with a credit tail 'Reporting by …; Writing by …; Editing by …': the desk's credits,
removed and never read as the byline. reuters.com adds 'Our Standards: The Thomson
Reuters Trust Principles.', 'Purchase Licensing Rights', ', opens new tab' after every
link and a 'Read Next' rail (dev:reuters_1). Whole-page dumps of reuters.com (fundus
benchmark, tuning part) print the suffix after a space ('Principles. , opens new tab'), list
'Purchase Licensing Rights' as a footer bullet, end with '© 2024 Reuters. All rights reserved'
(cut by the shared copyright rules) and give the credit tail comma-separated in lower case
('Reporting by …, additional reporting by …, writing by …, Editing by …'). Members' copies
credit the agency alone: 'By Reuters', 'REUTERS' or '© Reuters' (a photo credit).
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters import agency
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.chrome import BULLET
from newsnorm.transforms.rules import Rule, Signal

_NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}"
_NAMES = rf"{_NAME}(?:(?:, | and | & ){_NAME}){{0,3}}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# 'BEIRUT/THE HAGUE', 'NEW YORK', 'WASHINGTON', 'ST. LOUIS, Missouri'; a date may follow.
_PLACE = r"[A-Z][A-Z.'/ -]*[A-Z.](?:, [A-Z][A-Za-z.' ]{1,30}?)?"
_DATELINE = (
    rf"^[ ]*\**(?:(?P<place>{_PLACE})(?:,? {_MONTH} \d{{1,2}})? ?)?"
    r"\((?P<agency>Reuters)\)\**[ ]*-+[ ]*"
)
# One part of the credit tail: 'Reporting by Maya Gebeilly in Beirut, …', 'Editing by …'.
_CREDIT_PART = (
    r"(?:[Aa]dditional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Gg]raphics|"
    r"[Rr]esearch|[Pp]roduction|[Ff]act-checking)(?: and (?:[Rr]eporting|[Ww]riting|"
    r"[Ee]diting))? by [^;\n]{2,300}?"
)
_LINK_SUFFIX = r" ?, opens new tab"
_AGENCY = r"Reuters|REUTERS"
_TIMESTAMP = r"\d{1,2}:\d{2} [AP]M UTC"
_READ_NEXT_SECTION = r"[A-Z][A-Za-z &.'-]{1,40}[a-z]category"


class ReutersAdapter(RuleAdapter):
    name = "reuters"
    version = 2
    priority = 100
    description = "Reuters wire stories on reuters.com and licensees' sites."
    syndicator = "Reuters"
    license = "Reuters-commercial"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal(
            "dateline",
            rf"^[ ]*\**(?:{_PLACE}(?:,? {_MONTH} \d{{1,2}})? ?)?\(Reuters\)\**[ ]*-",
            0.8,
        ),
        Signal("standards", r"Our Standards: The Thomson Reuters Trust Principles", 1.0),
        Signal("licensing", r"^[ ]*Purchase Licensing Rights(?:, opens new tab)?[ ]*$", 0.6),
        # Other wires credit their desks too: weak alone.
        Signal("credit-tail", rf"^[ ]*\(?{_CREDIT_PART}(?:; |, [Ww]riting by )", 0.3),
        agency.copyright_signal(r"Reuters|Thomson Reuters", ("Reuters",)),
        *agency.byline_signals(_AGENCY, ("Reuters", "REUTERS")),
        Signal("photo-credit", r"\bREUTERS/[A-Z][\w.'-]+", 0.2),
        Signal("body-mention", r"(?:told|said to|according to) Reuters\b", 0.1),
    )
    text_rules: ClassVar[tuple[Rule, ...]] = agency.byline_text_rules(_AGENCY)
    line_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("byline", "byline", rf"By:? {_NAMES}", move_to="byline", zone="head"),
        # 'March 7, 20247:55 AM UTCUpdated ago' (dev:reuters_1: date, time and the
        # 'Updated' label glued): stated in UTC, so it is an instant.
        Rule(
            "published",
            "published",
            rf"(?P<value>{_MONTH} \d{{1,2}}, \d{{4}} ?{_TIMESTAMP})(?:Updated .*)?",
            move_to="published",
            zone="head",
        ),
        # The credit tail names the desk, not the byline: two or more parts, or one
        # 'Reporting by <Name>' with no sentence after it, so reporting that begins
        # 'Reporting by the agency showed …' stays.
        Rule(
            "credit-tail",
            "credit_tail",
            rf"\(?{_CREDIT_PART}(?:(?:; ?|, ){_CREDIT_PART})+\)?\.?",
        ),
        Rule(
            "credit-tail-single",
            "credit_tail",
            rf"\(?(?:Additional )?[Rr]eporting by {_NAMES}(?: in [A-Z][\w .'-]{{1,40}})?\)?",
        ),
        Rule(
            "standards",
            "standards_notice",
            rf"Our Standards: The Thomson Reuters Trust Principles\.?(?:{_LINK_SUFFIX})?",
        ),
        Rule("licensing", "ui_cruft", rf"{BULLET}Purchase Licensing Rights(?:{_LINK_SUFFIX})?"),
        # A gallery caption: '[1/5]<caption> REUTERS/<Name> Purchase Licensing Rights…'.
        Rule(
            "caption",
            "caption",
            r"(?:\[\d+/\d+\])?(?P<value>[^\n]{10,600}? REUTERS/[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*)"
            rf"(?: Purchase Licensing Rights(?:{_LINK_SUFFIX})?)?",
            move_to="caption",
        ),
        # The 'Read Next' rail: heading, 'Middle Eastcategory<headline>' entries, times.
        Rule("read-next", "navigation", r"Read Next"),
        Rule("read-next-entry", "navigation", rf"{_READ_NEXT_SECTION}(?: ·|[A-Z0-9\"']).*"),
        Rule(
            "read-next-time",
            "navigation",
            rf"(?:{_MONTH} \d{{1,2}}, \d{{4}} · )?{_TIMESTAMP}(?: · Updated ago)?|· ago",
        ),
        Rule("feed-tail", "agency_credit", r"\(REUTERS\)"),
        agency.byline_rule(_AGENCY),
        agency.alone_rule(_AGENCY),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("dateline", "dateline", _DATELINE, move_to="dateline", zone="head"),
        # reuters.com link suffix left in the text by the scraper ('The report, opens new tab by');
        # 'click here, opens new tab.' becomes 'click here.', not 'click here .'.
        Rule("link-suffix", "ui_cruft", _LINK_SUFFIX, tight=True),
    )
