"""An author's box inside a dump: the page's note about who wrote the story, not the story.

Blogs and magazines show a short biography at the end of an article ("Jane Roe is a senior
editor at Example. She has ten years of experience covering …"), sometimes again beside it.
The line model reads it as prose, and it sits at the end of the densest block of story, so
neither its shape nor its place drops it. What tells it apart is how it is written: it
opens with a name and a role ("<Name> is a … writer", "… is the director of …") and goes
on about a person ("she has", "his work", "years of experience"). At the end of the story
it also ends the story (what follows an author's box is the page's: related posts, comments);
elsewhere only the box goes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsnorm.transforms.dump.units import Unit

# What decided the drop of an author's box, and of the units below one that ends the story.
AUTHOR_BOX = "author_box"
# The box ends the story only at or below this many units above the densest block's end,
# with at least this many words of kept story above it.
_END_REACH = 2
_MIN_STORY_ABOVE = 100

_ROLES = (
    r"writer|editor|journalist|reporter|author|contributor|columnist|correspondent|director|"
    r"founder|co-founder|ceo|cto|cmo|vp|vice president|manager|marketer|specialist|expert|"
    r"consultant|analyst|strategist|professional|executive|attorney|lawyer|physician|"
    r"dietitian|nutritionist|coach|researcher|scientist|professor|lecturer|engineer|"
    r"developer|designer|producer|host|blogger|creator|enthusiast|photographer|freelancer"
)
# A name (up to four capitalised words) that is or was a role, a few words of description
# between ("is a senior health and fitness editor"); "is also" continues a list of people.
_OPENING = re.compile(
    r"(?:(?:Dr|Mr|Ms|Mrs|Prof)\.? )?(?P<name>(?:[A-Z][\w'\u2019.-]* ){0,3}[A-Z][\w'\u2019-]+),?"
    r" (?:is|was|has been|serves as)(?: currently)?(?! also) (?:an? |the )?"
    rf"(?:[\w'\u2019&()+-]+,? ){{0,5}}?(?:{_ROLES})s?\b"
)
# Words that open a sentence about a thing, not a person's name.
_NOT_NAME = re.compile(
    r"(?i)this|that|these|those|it|there|he|she|they|we|you|i|the|an?|our|your|his|her|its"
    r"|my|what|which|who|here|one|each|every|everyone|no|some"
)
# Where a later sentence starts.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+")
# The box goes on about a person: a third-person pronoun at work, or years of experience.
_PERSON = re.compile(
    r"(?i)\b(?:years of experience|(?:he|she)(?:'s|\u2019s| (?:has|holds|is|was|studied|lives|"
    r"writes|covers|enjoys|earned|spends|loves|worked|began|also))|(?:his|her) (?:work|"
    r"writing|expertise|background|passion|free time|career|experience))\b"
)


def is_author_box(text: str) -> bool:
    """Whether a paragraph reads as an author's biography (see the module's docstring)."""
    return _opening(text) is not None


def box_name(text: str) -> str | None:
    """The name an author's box opens with ('Jane Roe is a senior editor …'), or None; None
    too for a box that opens another sentence so about someone else ('… Tom Poe is the
    paper's photographer.'): two people's box names neither."""
    opening = _opening(text)
    if opening is None:
        return None
    # Each later sentence's own opening: a search across the text would take a sentence's
    # last capitalised word into the next name ('… Gazette. Tom Poe is …').
    starts = (match.end() for match in _SENTENCE_END.finditer(text, opening.end()))
    others = set()
    for start in starts:
        match = _OPENING.match(text, start)
        if match is not None and not any(_NOT_NAME.fullmatch(w) for w in match["name"].split()):
            others.add(match["name"].casefold())
    return opening["name"] if others <= {opening["name"].casefold()} else None


def _opening(text: str) -> re.Match[str] | None:
    """The opening of an author's box: a name and a role, going on about a person."""
    opening = _OPENING.match(text)
    if opening is None or any(_NOT_NAME.fullmatch(word) for word in opening["name"].split()):
        return None
    return opening if _PERSON.search(text) is not None else None


def author_boxes(units: Sequence[Unit], kept: Sequence[int]) -> set[int]:
    """The kept units that are authors' boxes."""
    return {index for index in kept if is_author_box(units[index].text)}


def box_end(units: Sequence[Unit], kept: Sequence[int], block_end: int) -> int | None:
    """The first kept author's box at or below `_END_REACH` units above `block_end` (the
    densest block of story's last unit) with `_MIN_STORY_ABOVE` words of kept story above
    it: where the story ends. None if there is none."""
    above = 0
    for index in kept:
        text = units[index].text
        if index >= block_end - _END_REACH and above >= _MIN_STORY_ABOVE and is_author_box(text):
            return index
        above += len(text.split())
    return None
