"""What every news agency's copy carries on a publisher's page, built once per agency.

A wire story on a member's page keeps traces of the agency in a few shapes, whatever the
agency: a byline naming it ('By Reuters', 'Von DPA', 'By Sandee LaMotte, CNN'); the agency
alone, or a reporter and the agency, on the line above the page's date ('AFP' over
'28.04.2023 | 17:52 Uhr', 'Tom Davies Associated Press' over 'Published 11:34 PM EST …');
the agency under a byline label ('Author of the article:' / 'The Associated Press'); its
dateline ('BERLIN (dpa) - '); its copyright line ('© 2019 The Associated Press'); and its
photo credits ('Michael Conroy, AP', 'Photo: Hau Dinh, AP'). Any of them is partial evidence,
which is why each has a weight: a byline or copyright line decides, a credit never does alone.
Each agency adapter composes these with its own wordings.
"""

from __future__ import annotations

from newsnorm.transforms.adapters.shapes import DATE_LINE, MONTH, NAME, NAMES, OUTLET
from newsnorm.transforms.rules import Rule, Signal

# 'By', and the word other languages' bylines use for it.
BY = r"(?:By|BY|Von|VON|Par|PAR|Por|POR|Di|Door|Av|Af)"
# A byline label on the line above the byline.
_LABEL = r"(?:Author of the article|Authors?|Written by|Autor(?:in)?|Auteur|Autore|By|Von)"
_YEAR = r"(?:19|20)\d\d"
# A dateline's place: 'BERLIN', 'NEW YORK', 'Berlin', 'Frankfurt/Main', 'ATLANTA, Ga.'.
_PLACE = r"[A-Z][\w.'/ -]{1,40}?(?:, [A-Z][A-Za-z.' ]{1,30}?)?"


def byline_signals(names: str, literals: tuple[str, ...]) -> tuple[Signal, ...]:
    """The byline shapes naming the agency (`names`: a regex of how bylines print it;
    `literals`: texts one of which each of those prints contains, the pre-test)."""
    return tuple(
        Signal(signal.name, signal.pattern, signal.weight, literals=literals)
        for signal in _byline_shapes(names)
    )


def _byline_shapes(names: str) -> tuple[Signal, ...]:
    return (
        Signal("agency-byline", rf"^[ \t]*{BY}:? (?:{NAMES},? )?(?:{names})[ \t]*$", 0.8),
        Signal(
            "agency-over-date",
            rf"^[ \t]*(?:{NAMES}(?:,| -| \|)? )?(?:{names})[ \t]*\n(?:[ \t]*\n){{0,3}}"
            rf"[ \t]*{DATE_LINE}[ \t]*$",
            0.8,
        ),
        Signal(
            "agency-under-label",
            rf"^[ \t]*{_LABEL}:?[ \t]*\n(?:[ \t]*\n){{0,3}}[ \t]*(?:{names})[ \t]*$",
            0.8,
        ),
        # A photo credit says a picture is the agency's, not the story: weak alone.
        Signal(
            "agency-credit",
            rf"^[ \t]*(?:(?:Photo|Foto|Image)(?: credit)?: )?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*"
            rf"(?:, ?| ?/ ?)(?:{names})[ \t]*$",
            0.2,
        ),
    )


def copyright_signal(owners: str, literals: tuple[str, ...]) -> Signal:
    """The agency's copyright line under the story: an explicit notice."""
    return Signal(
        "copyright",
        rf"^[ \t]*(?:[^\n]{{0,40}}?)(?:©|\(c\)|Copyright|COPYRIGHT) ?(?:©|\(c\))? ?"
        rf"(?:{_YEAR} ?,? )?(?:{owners})(?!\w)",
        1.0,
        literals=literals,
    )


def person_byline_rule() -> Rule:
    """A reporter's byline under the headline, 'By Rosa Martinez, Los Angeles Times' or
    'Written by: Priya Anand' (names only: 'By Friday, …' is a sentence)."""
    return Rule(
        "byline",
        "byline",
        rf"(?:By|Written by|Words by):? {NAME}(?:(?:,| and| &) {NAME})*(?:, {OUTLET})?",
        move_to="byline",
        zone="head",
    )


def byline_rules(names: str) -> tuple[Rule, ...]:
    """Line rules moving the agency's bylines and credits, and cutting it standing alone."""
    return (byline_rule(names), credit_rule(names), alone_rule(names))


def byline_rule(names: str) -> Rule:
    """'By Reuters', 'Von DPA', 'By Sandee LaMotte, CNN': a whole line, so anywhere."""
    return Rule(
        "agency-byline",
        "byline",
        rf"{BY}:? (?P<value>(?:{NAMES},? )?(?:{names}))",
        move_to="byline",
    )


def credit_rule(names: str) -> Rule:
    """'Michael Conroy, AP', 'Friso Gentsch/dpa' under a caption: the credit. It claims no
    caption: in a dump without blank lines the line above may be a story paragraph."""
    return Rule(
        "agency-credit",
        "photo_credit",
        rf"(?:(?:Photo|Foto|Image)(?: credit)?: )?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*"
        rf"(?:, ?| ?/ ?)(?:{names})",
        move_to="credit",
    )


def alone_rule(names: str) -> Rule:
    """The agency alone on a line (a closing credit, a footer heading): never story."""
    return Rule("agency-alone", "agency_credit", rf"(?:{names})")


def byline_text_rules(names: str) -> tuple[Rule, ...]:
    """The agency as byline where only its neighbour says so: above a date line, or under a
    byline label (the label itself is cut by the shared rules). 'Name / Agency' over a date
    is a lead photo's credit (a magazine's page, wcxb tuning part), not a byline."""
    return (
        Rule(
            "agency-over-date",
            "byline",
            rf"^[ \t]*(?P<value>(?:{NAMES}(?:,| -| \|)? )?(?:{names}))[ \t]*\n"
            rf"(?=(?:[ \t]*\n){{0,3}}[ \t]*{DATE_LINE}[ \t]*$)",
            move_to="byline",
        ),
        Rule(
            "agency-under-label",
            "byline",
            rf"^[ \t]*{_LABEL}:?[ \t]*\n(?:[ \t]*\n){{0,3}}[ \t]*(?P<value>(?:{names}))[ \t]*$",
            move_to="byline",
        ),
    )


def dateline_signal(agency: str) -> Signal:
    return Signal("dateline", rf"^[ ]*\**(?:{_PLACE} ?)?\((?:{agency})\)\**[ ]*-", 0.8)


def dateline_rule(agency: str) -> Rule:
    """'BERLIN (dpa) - ', '(CNN) — ', 'NEW YORK, June 3 (Bloomberg) -- ': moved to the
    dateline in the head zone, like the AP and Reuters datelines."""
    return Rule(
        "dateline",
        "dateline",
        rf"^[ ]*\**(?:(?P<place>{_PLACE})(?:,? {MONTH} \d{{1,2}})? ?)?\((?P<agency>{agency})\)"
        r"\**[ ]*-+[ ]*",
        move_to="dateline",
        zone="head",
    )
