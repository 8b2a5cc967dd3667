"""Where a dump's story ends: a heading that opens the page's own matter below it.

Below a story a page shows comments, related stories, an author's box, tags and share rows,
each under a short heading ("3 Comments", "Related Articles", "About the Author"). The line
model judges such lines one by one and keeps the prose under them (a comment, a teaser's
summary reads like story). A heading of that shape below the densest block of story, with
enough story above it, ends the story: every unit from it down goes, recorded as
`outside-story:below_story_end`.
The shared rules (`adapters/chrome.py`) already cut the commonest such headings ("Related
Stories", "2 Comments"); where they cut one, the unit after it is where the end starts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence

from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.records import Removal

# What decided the drop of the units from such a heading on.
BELOW_STORY_END = "below_story_end"
# ... and from the start of a run of dated items, a comment thread (`repeats.py`) on.
REPEATED_ITEMS = "repeated_items"
# The heading must have at least this many words of kept story above it (a page's own
# matter below a short note is not told from the note's continuation).
MIN_STORY_ABOVE = 100
# Section headings that open what a page shows after its story, as whole lines: comment
# threads, related and recommended stories, author boxes, tags and share rows.
_END_HEADING = re.compile(
    r"(?i)(?:[#*]+\s*)?(?:"
    r"(?:\d+\s+|\(\d+\)\s*)?comments?(?:\s*\(\d+\))?|\d+\s+(?:responses?|replies|reactions)"
    r"|(?:leave|post|add|write) a (?:reply|comment|response)|join the (?:conversation|discussion)"
    r"|what do you think\??"
    r"|related(?: (?:articles?|stories|posts?|content|reading|news|coverage|links|topics|tags))?"
    r"|(?:you )?(?:may|might|will) also (?:like|enjoy|be interested in)"
    r"|more (?:like this|stories|articles|news|posts|to (?:read|explore)|from [\w .&'\u2019-]{1,40}"
    r"|on [\w .&'\u2019-]{1,40})"
    r"|read (?:next|this next)|further reading|keep reading|up next|what to read next"
    r"|recommended(?: for you| reading| articles| stories| posts)?|editor'?s picks"
    r"|(?:most )?popular(?: (?:posts|stories|articles|now|today))?|most (?:read|viewed)"
    r"|trending(?: now| stories| articles)?|top stories|don'?t miss|see also|from the archives?"
    r"|latest (?:news|stories|posts|articles)|about the (?:author|writer)s?|author bio"
    r"|(?:share|like) this(?: (?:article|story|post|page))?|tags|filed under|labels"
    r")\s*[:.!]?"
)
_MAX_HEADING_WORDS = 8
# Below a heading an earlier rule cut, fewer words of sentences than this are a rail (its
# headlines end no sentence; a footer line or two may): it ends the story wherever it stands.
RAIL_PROSE = 50
# A unit that closes a sentence (its stop, then any closing quote or bracket).
SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*$")


# Earlier rules that cut such a heading as a whole line (`adapters/chrome.py`): the unit
# after the cut is where the page's matter starts.
END_RULES = frozenset({"rail-heading", "rail-heading-caps", "comment-widget"})


def cut_headings(units: Sequence[Unit], removals: Sequence[Removal]) -> set[int]:
    """The units that follow a heading an earlier rule cut as a story-end heading."""
    starts = [unit.start for unit in units]
    found: set[int] = set()
    for removal in removals:
        if removal.rule in END_RULES:
            index = bisect.bisect_right(starts, removal.start)
            if 0 < index < len(units) and units[index - 1].end <= removal.start:
                found.add(index)
    return found


def story_end(
    units: Sequence[Unit], kept: Sequence[int], block_end: int, after_cut: Collection[int] = ()
) -> int | None:
    """The first unit below `block_end` (where the densest block of story ends: a story's
    own inline "Related:" link stays) that is a story-end heading, or follows one an
    earlier rule cut (`after_cut`), with at least `MIN_STORY_ABOVE` words of kept story
    above it, or None; the heading itself may be one the model dropped. A heading the page
    shows more than once is a label of its items (a listing's "12 comments" on each), not
    an end. (Letting a heading inside the block end the story where a run of repeated
    items starts just below it cost get_text recall 0.003 on the check part:
    docs/history/text-dumps.md.)"""
    kept_set = set(kept)
    above = 0
    for index, unit in enumerate(units):
        text = unit.text
        if index in after_cut and above >= MIN_STORY_ABOVE and _no_prose_below(units, kept, index):
            return index  # a rail of headlines the first stage took for story (story35)
        if index > block_end and above >= MIN_STORY_ABOVE:
            if index in after_cut:
                return index
            if is_end_heading(text) and not _repeated(units, index):
                return index
        if index in kept_set:
            above += len(text.split())
    return None


def _no_prose_below(units: Sequence[Unit], kept: Sequence[int], start: int) -> bool:
    """Whether the kept units from `start` on hold fewer than `RAIL_PROSE` words of
    sentences: below a cut rail heading ('Most read'), headlines that read like story to
    the first stage, not a story that goes on past an inline box of links."""
    words = sum(
        len(units[index].text.split())
        for index in kept
        if index >= start and SENTENCE_END.search(units[index].text)
    )
    return words < RAIL_PROSE


def items_end(units: Sequence[Unit], kept: Sequence[int], starts: Sequence[int]) -> int | None:
    """The first of `starts` (where runs of dated items with a button or a time stamp
    start: comment threads, dated teasers) with at least `MIN_STORY_ABOVE` words of kept
    story above it."""
    kept_set = set(kept)
    above = 0
    pending = sorted(starts)
    for index, unit in enumerate(units):
        if pending and pending[0] == index:
            if above >= MIN_STORY_ABOVE:
                return index
            pending.pop(0)
        if index in kept_set:
            above += len(unit.text.split())
    return None


def is_end_heading(text: str) -> bool:
    """A whole line that is an end-of-story heading (`Related Articles`, `3 Comments`)."""
    return len(text.split()) <= _MAX_HEADING_WORDS and bool(_END_HEADING.fullmatch(text.strip()))


def _repeated(units: Sequence[Unit], index: int) -> bool:
    folded = units[index].text.casefold()
    return any(unit.text.casefold() == folded for i, unit in enumerate(units) if i != index)
