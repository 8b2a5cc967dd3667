"""Credit lines that name a syndicator no adapter of ours knows: read by the generic adapter.

A commercial syndicator's copy carries its name in two shapes whatever the syndicator: a
closing line 'Distributed by <Syndicator>.' (after the member's copyright or alone, as Tribune
Content Agency's, Creators' and King Features' copies print it), and the credit in a
dateline, 'WASHINGTON (Acme Wire) - '. The line is removed and the dateline moved to its
field (place and agency), as the agency adapters' `dateline_rule` does; the name each gives
becomes the syndicator when nothing else named one. A known syndicator's own adapter claims
its copies before the fallback reads them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsnorm.transforms.adapters.shapes import MONTH, OUTLET
from newsnorm.transforms.records import Article, Document
from newsnorm.transforms.rules import Rule
from newsnorm.transforms.text import fold_for_matching

_COMPANY = r"(?:,? (?:LLC|Inc|Ltd|Corp)\.?)?"
_DISTRIBUTED = rf"Distributed by {OUTLET}{_COMPANY}\.?"
# A credit in parentheses: a name of up to five capitalized words, never a label that
# datelines also carry in parentheses ('(UPDATE 2) -', '(Photo) -').
_CREDIT = (
    r"(?!(?:UPDATE|Update|UPDATED|Updated|PHOTOS?|Photos?|VIDEO|Video|WATCH|Watch|LIVE|Live|"
    r"Editor|EDITOR|Opinion|OPINION)\b)[A-Z][\w&.'-]{0,30}(?: [A-Z][\w&.'-]{0,30}){0,4}"
)

DISTRIBUTED_BY = Rule(
    "distributed-by",
    "syndication_notice",
    rf"(?:(?:©|Copyright) ?(?:19|20)\d\d,? (?P<publisher>{OUTLET})[.,] "
    rf"(?:All [Rr]ights [Rr]eserved[.,] )?)?{_DISTRIBUTED}",
)
# A dateline's place in capitals, as wire copy prints it ('WASHINGTON', 'NEW YORK', 'DOVER,
# Del.'): with any name in the parentheses, a place in mixed case would take a sentence's
# start ('The governor told The Associated Press (AP) - in an interview') for a dateline.
_PLACE = (
    r"[A-Z][A-Z.'/-]*(?: [A-Z][A-Z.'/-]*){0,3}(?:, [A-Z][A-Za-z.]{1,14}(?: [A-Z][a-z.]{1,14})?)?"
)
DATELINE_CREDIT = Rule(
    "dateline",
    "dateline",
    rf"^[ ]*\**(?:(?P<place>{_PLACE})(?:,? {MONTH} \d{{1,2}})? )?\((?P<agency>{_CREDIT})\)"
    r"\**[ ]*-+[ ]*",
    move_to="dateline",
    zone="head",
)
_NAMED = re.compile(rf"Distributed by (?P<syndicator>{OUTLET}){_COMPANY}\.?\s*$")


def credited_syndicator(article: Article, document: Document) -> Article:
    """The syndicator a 'Distributed by' line names, else a dateline's credit, when no rule
    named one: before the original publisher becomes it (`named_source_is_syndicator`),
    since the member that published first is not who distributes the copy."""
    if article.syndicator is not None:
        return article
    for removal in article.removals:
        if removal.rule == DISTRIBUTED_BY.name:
            found = _NAMED.search(fold_for_matching(removal.text))
            if found is not None:
                return replace(article, syndicator=found["syndicator"].rstrip("."))
    if article.dateline is not None and article.dateline.agency:
        return replace(article, syndicator=article.dateline.agency)
    return article
