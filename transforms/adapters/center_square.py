"""The Center Square: a free-to-republish newswire on state and local government.

Catalogue §1.9 ([seen] in public scraper code and NewsAPI JSON): the dateline
'(The Center Square) ' and a dash, usually with no place, moves to the dateline; the author
reads '<Name> | The Center Square'; titles end ' - The Center Square' (on the
wire's own feed) or ' - <Republisher>' (a republisher's, left alone: it names the host).
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal

_NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}"
_NAMES = rf"{_NAME}(?:(?:, | and | & ){_NAME}){{0,3}}"
_TCS = r"The Center Square"
_PLACE = r"[A-Z][A-Z.'/ -]*[A-Z.](?:, [A-Z][A-Za-z.' ]{1,30}?)?"
_DATELINE = rf"^[ ]*\**(?:(?P<place>{_PLACE}),? )?\((?P<agency>{_TCS})\)\**[ ]*-+[ ]*"


class CenterSquareAdapter(RuleAdapter):
    name = "center_square"
    version = 2
    priority = 100
    description = "The Center Square newswire stories, on its own feed and republished."
    syndicator = "The Center Square"
    license = "CenterSquare-free"
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal("dateline", rf"^[ ]*\**(?:{_PLACE},? )?\({_TCS}\)\**[ ]*-", 0.8),
        Signal("pipe-byline", rf"^[ ]*(?:By:? )?{_NAMES} \| {_TCS}[ ]*$", 0.8),
        Signal("title-suffix", rf"\A\s*+[^\n]{{10,300}}? [-|] {_TCS}[ ]*$", 0.3),
        Signal("body-mention", rf"(?:told|said to|according to) {_TCS}", 0.1),
    )
    text_rules: ClassVar[tuple[Rule, ...]] = (
        # ' - The Center Square' after the headline names the source (catalogue §3):
        # cut from the title, recorded as the original publisher. Only the first
        # non-blank line is the headline.
        Rule(
            "title-suffix",
            "title_suffix",
            # Possessive leading blanks: giving them back to the title part backtracked
            # for minutes over a long run of spaces.
            rf"\A(?:[ ]*\n)*+[ ]*+[^\n]{{10,300}}?[ ]+"
            rf"(?P<value>[-|][ ]+(?P<publisher>{_TCS}))[ ]*$",
        ),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        # 'Jane Doe | The Center Square': the byline parser reads the outlet after the
        # pipe as the affiliation.
        Rule("byline", "byline", rf"(?:By:? )?{_NAMES} \| {_TCS}", move_to="byline", zone="head"),
        Rule(
            "byline-plain", "byline", rf"By:? {_NAMES}(?:,? {_TCS})?", move_to="byline", zone="head"
        ),
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("dateline", "dateline", _DATELINE, move_to="dateline", zone="head"),
    )
