"""Associated Press: a commercial wire whose stories run on apnews.com and member sites.

Catalogue §1.10. Copies keep the wire dateline 'CITY, St. (AP) — ' (local sites use
an en dash or '-'; markdown copies '**…(AP)**'), which moves to the dateline. Agency bylines
('By: Associated Press June 14, 2022', 'By' / 'The Associated Press') name no person.
Photo captions end '(AP Photo/<Name>)'. apnews.com pages end in the site footer
('AP NEWS', 'Download AP NEWS', 'More from AP', …). MSN copies carry '© Provided by
The Canadian Press' after paragraph 1 (dev:ap_5: AP → Canadian Press → MSN → blog);
some scrapes start with ' date YYYY-MM-DD ' glued to the headline (pitfall 11).
On members' whole pages (Hearst papers, the Detroit News, the National Post; scrapinghub and
fundus benchmark pages of the tuning part) the agency shows as '<Name>, AP National Security
Writer' (Hearst prints 'Ap'), 'Tom Davies Associated Press' or 'Associated Press' over the
page's date, 'Author of the article:' / 'The Associated Press', credits 'Photo: <Name>, AP' and
'<Name>, AP' under captions, and the copyright line '© 2019 Hearst Communications, Inc.' of the
host (cut by the shared copyright rules); the agency's own '©2019 The Associated Press. All
rights reserved.' and 'This material may not be published, broadcast, rewritten or
redistributed.' as public cleaners strip them.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters import agency
from newsnorm.transforms.adapters.base import AfterClean, RuleAdapter
from newsnorm.transforms.adapters.steps import unique_credits
from newsnorm.transforms.rules import Rule, Signal

_NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}"
_NAMES = rf"{_NAME}(?:(?:, | and | & ){_NAME}){{0,3}}"
_AP = r"(?:The )?Associated Press"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"{_MONTH} \d{{1,2}}, \d{{4}}(?: \d{{1,2}}:\d{{2}} ?[AaPp]\.?[Mm]\.?)?(?: [A-Z]{{2,4}})?"
# 'DOVER, Del.', 'SEATTLE', 'MEXICO CITY', 'WINSTON-SALEM, N.C.', 'KYIV, Ukraine'.
_PLACE = r"[A-Z][A-Z.'/ -]*[A-Z.](?:, [A-Z][A-Za-z.' ]{1,30}?)?"
_DATELINE = rf"^[ ]*\**(?:(?P<place>{_PLACE}) ?)?\((?P<agency>AP)\)\**[ ]*[-_]+[ ]*"
# How bylines and credits print the agency, the short form included ('Michael Conroy, AP').
_AGENCY = r"(?:The |THE )?(?:Associated Press|ASSOCIATED PRESS)|AP"
# 'Robert Burns, Ap National Security Writer', 'Jane Doe, AP Business Writer'.
_WRITER = (
    rf"{_NAMES},? (?:AP|Ap|Associated Press) (?:[A-Z][\w-]* ){{0,3}}"
    r"(?:Writer|Correspondent|Reporter|Editor)s?"
)
_CAPTION_CREDIT = r"\(AP Photo(?:/[^()\n]{2,80})?\)"
_APNEWS_FOOTER = (
    r"AP NEWS|Download AP NEWS|Connect with the definitive source for global and local news|"
    r"More from AP|Follow AP|ap\.org|AP Insights|AP Definitive Source Blog|"
    r"AP Images Spotlight|AP Explore|AP Books|AP Stylebook|Top Stories|Accessibility Statement|"
    r"Cookie Settings|Customer Support|Terms & Conditions|Contact Us|Contact|About|Careers|"
    r"Privacy|Video"
)


class ApAdapter(RuleAdapter):
    name = "ap"
    version = 3
    priority = 100
    description = "Associated Press wire stories on apnews.com, member sites and aggregators."
    syndicator = "The Associated Press"
    license = "AP-commercial"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal("dateline", rf"^[ ]*\**(?:{_PLACE} ?)?\(AP\)\**[ ]*[-_]", 0.8),
        Signal(
            "agency-byline",
            rf"^[ ]*(?:By:?[ ]*\n?[ ]*{_AP}[ ]*(?:{_DATE})?|{_AP}[ ]*{_DATE})[ ]*$",
            0.8,
        ),
        # 'Associated Press' alone is also how other sites credit an AP photo: weak.
        Signal("agency-line", rf"^[ ]*{_AP}[ ]*$", 0.3),
        Signal(
            "copyright",
            rf"^[ ]*(?:All contents )?(?:© ?)?[Cc]opyright (?:© ?)?\d{{4}} {_AP}\.",
            1.0,
        ),
        agency.copyright_signal(r"(?:The )?Associated Press", ("Associated Press",)),
        *agency.byline_signals(_AGENCY, ("AP", "Associated Press", "ASSOCIATED PRESS")),
        Signal("writer-byline", rf"^[ \t]*{_WRITER}[ \t]*$", 0.8),
        Signal("apnews-footer", r"^[ ]*Download AP NEWS[ ]*$", 0.8),
        Signal("photo-gallery", r"This is a photo gallery curated by AP photo editors", 0.8),
        # AP photos illustrate many stories that are not AP's (DCNF, Grist): weak alone.
        Signal("photo-credit", _CAPTION_CREDIT, 0.2),
        Signal("body-mention", rf"(?:told|said to|according to) {_AP}", 0.1),
    )
    text_rules: ClassVar[tuple[Rule, ...]] = (
        # ' date 2021-07-02 Boy Scouts of America reaches…' (dev:ap_1): the scraper's
        # date field glued in front of the headline, not site text (pitfall 11).
        Rule(
            "date-artefact",
            "extraction_artefact",
            r"\A\s*(?P<value>date \d{4}-\d{2}-\d{2}) (?=\S)",
        ),
        *agency.byline_text_rules(_AGENCY),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        # A blog's date header above the headline (dev:ap_5): the copy's display date,
        # not the story's (catalogue §3).
        Rule(
            "display-date",
            "display_date",
            r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, )?"
            rf"{_MONTH} \d{{1,2}}, \d{{4}}",
            zone="head",
        ),
        # 'By: Associated Press June 14, 2022', 'Associated PressApril 28, 2023 GMT'
        # (dev:ap_4, byline and timestamp spans glued): the agency, not a person.
        Rule(
            "agency-byline",
            "byline",
            rf"(?P<value>(?:By:? )?{_AP}) ?(?:{_DATE})?",
            move_to="byline",
            zone="head",
        ),
        # A member's byline with the reporter's AP title, as a whole line: anywhere.
        Rule("writer-byline", "byline", _WRITER, move_to="byline"),
        agency.credit_rule(_AGENCY),
        # 'By' alone above 'The Associated Press' (catalogue §3).
        Rule("by-alone", "byline", r"By:?", zone="head"),
        # A reporter's byline, with or without the agency after a comma.
        Rule(
            "byline",
            "byline",
            rf"By:? {_NAMES}(?:,? {_AP})?",
            move_to="byline",
            zone="head",
        ),
        # A caption carrying its credit: kept whole as the caption (apnews.com shows it
        # twice: `unique_credits` keeps one).
        Rule("caption", "caption", rf"[^\n]{{10,600}}? {_CAPTION_CREDIT}", move_to="caption"),
        Rule(
            "photo-gallery",
            "ui_cruft",
            r"This is a photo gallery curated by AP photo editors\.?",
        ),
        # Wording [unverified]: only the distinctive opening is required.
        Rule(
            "copyright",
            "copyright_notice",
            rf"(?:All contents )?(?:© ?)?[Cc]opyright (?:© ?)?\d{{4}} {_AP}\.(?: .*)?",
        ),
        # MSN's provider line names the second hop (The Canadian Press), not the source:
        # it must not become the original publisher, as the shared 'provided-by' would make it.
        Rule("msn-provider", "provider_credit", r"© Provided by .{2,100}"),
        # apnews.com footer (dev:ap_4); its link labels only ever match as whole lines.
        Rule("apnews-footer", "site_footer", _APNEWS_FOOTER),
        # 'The Associated Press' alone below the head: the footer's social heading or a
        # closing credit, never body text.
        Rule("agency-line", "agency_credit", rf"{_AP}|ASSOCIATED PRESS|THE ASSOCIATED PRESS"),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("dateline", "dateline", _DATELINE, move_to="dateline", zone="head"),
    )
    # apnews.com shows a caption twice, apart (dev:ap_4): one caption.
    after_clean: ClassVar[tuple[AfterClean, ...]] = (unique_credits,)
