"""Lines below the story in the site's own voice and off the story's topic.

Below its story a page talks about itself: its newsletter and sign-up forms (`Sign up for
email updates`, `Check your inbox to confirm`), its membership and donation asks
(`Support our newsroom`, `Become a member`), what it does with an address (`We respect
your privacy`), its editorial standards and disclaimers.
The line model keeps many of them (they read like prose). Two things mark them together: the
site's voice (first person plural, or sign-up phrases addressing the reader; English
only) and few of the story's words. The
story's own closing lines share its topic (`we` in a quote, a reporter's sign-off about the
same subject), so a line goes only when both hold, below the densest block of first-stage
story, and the second stage is unsure of it. Tuning part, out of fold, halves of the sites:
docs/text-dumps.md (round dprec22).
"""

from __future__ import annotations

import re

from newsnorm.transforms.dump.context import story_block
from newsnorm.transforms.dump.units import Unit

# What decided the drop: a line in the site's voice, off the story's topic, below the story.
SITE_VOICE = "site_voice"
# The site speaking of itself or asking for an address. First person plural in lower case,
# or capitalised before no name (`Our Lady of Grace` is a church, `US` the country, `Us` a
# film); sign-up words as phrases that address the reader (`members`, `join` and `download`
# alone are a story's words too: `family members said`).
_VOICE = re.compile(
    r"\b(?:we|our|ours|us)\b|\b(?:We|Our)\b(?!\s+[A-Z])"
    r"|(?i:\bsubscrib\w*|\bsign[\s-]*ups?\b|\bnewsletters?\b|\binbox\b"
    r"|\bjoin\s+(?:us|our)\b|\bbecome\s+an?\s+(?:member|subscriber|supporter)\b"
    r"|\bdownload\s+(?:our|the)\s+app\b)"
)
# Scripts written without spaces between words: a line's "words" there are whole clauses,
# which never repeat, so the topic test cannot be read and the line is left to the model.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
# A content word: four letters or more, not a contraction's stem (`didn't`), not one of the
# commonest function words.
_WORD = re.compile(r"\b[^\W\d_]{4,}\b(?![\'\u2019]t\b)")
# fmt: off
_COMMON = frozenset([
    "that", "this", "with", "from", "have", "were", "they", "their", "there", "which",
    "about", "would", "could", "should", "been", "into", "more", "than", "when", "what",
    "your", "will", "just", "also", "only", "them", "then", "some", "over", "such", "very",
    "most", "other", "after", "before", "these", "those", "where", "while", "here", "many",
    "much", "like", "being", "does", "each", "well", "even", "because", "through",
    "against", "between", "during", "under", "both", "same", "around", "another",
])
# fmt: on
# The story's words: the title's and those of kept units the second stage is this sure of.
_CORE_PROBABILITY = 0.7
# A line is off the topic when under this share of its distinct content words are the
# story's, it has at least this many, and the second stage
# is under this probability (chosen on halves of the tuning sites: docs/text-dumps.md).
_TOPIC_SHARE = 0.2
_MIN_CONTENT_WORDS = 3
_PROBABILITY = 0.55


def content_words(text: str) -> set[str]:
    """The line's distinct content words, case-folded."""
    found = (match.group().casefold() for match in _WORD.finditer(text))
    return {word for word in found if word not in _COMMON}


def site_voice(
    units: list[Unit], kept: list[int], title: int, first: list[float], second: list[float]
) -> set[int]:
    """Kept units below the densest block of first-stage story that speak in the site's
    voice and share little of the story's words (`SITE_VOICE`)."""
    block_end = max(title, story_block(units, first)[1])
    words = {index: content_words(units[index].text) for index in kept}
    core = {word for index in kept if second[index] >= _CORE_PROBABILITY for word in words[index]}
    headline = content_words(units[title].text)
    found = set()
    for index in kept:
        own = words[index]
        if index <= block_end or len(own) < _MIN_CONTENT_WORDS or second[index] >= _PROBABILITY:
            continue
        text = units[index].text
        if not _VOICE.search(text) or _UNSPACED.search(text):
            continue
        # The unit itself is under `_CORE_PROBABILITY`: the core holds other units' words.
        shared = sum(1 for word in own if word in core or word in headline)
        if shared / len(own) < _TOPIC_SHARE:
            found.add(index)
    return found
