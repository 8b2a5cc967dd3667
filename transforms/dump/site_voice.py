"""Lines below the story in the site's own voice and off the story's topic.

Below its story a page talks about itself: its newsletter and sign-up forms (`Sign up for
email updates`, `Check your inbox to confirm`), its membership and donation asks, what it
does with an address (`We respect your privacy`), its editorial standards and disclaimers.
The line model keeps many of them (they read like prose). Two things mark them together: the
site's voice (first person plural, or sign-up words) and few of the story's words. The
story's own closing lines share its topic (`we` in a quote, a reporter's sign-off about the
same subject), so a line goes only when both hold, below the densest block of first-stage
story, and the second stage is unsure of it. Tuning part, out of fold, halves of the sites:
docs/text-dumps.md (round dprec22).
"""

from __future__ import annotations

import re
from collections import Counter

from newsnorm.transforms.dump.context import story_block
from newsnorm.transforms.dump.units import Unit

# What decided the drop: a line in the site's voice, off the story's topic, below the story.
SITE_VOICE = "site_voice"
# The site speaking of itself or asking for an address: first person plural, sign-up words
# (`us` in lower case or opening a sentence: `US` is the country).
_VOICE = re.compile(
    r"(?i:\b(?:we|our|ours|subscribe|subscribers?|sign\s+up|newsletters?|inbox|join"
    r"|download|membership|members?)\b)|\b[Uu]s\b"
)
# A content word: four letters or more, not one of the commonest function words.
_WORD = re.compile(r"[^\W\d_]{4,}")
_COMMON = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "were",
        "they",
        "their",
        "there",
        "which",
        "about",
        "would",
        "could",
        "should",
        "been",
        "into",
        "more",
        "than",
        "when",
        "what",
        "your",
        "will",
        "just",
        "also",
        "only",
        "them",
        "then",
        "some",
        "over",
        "such",
        "very",
        "most",
        "other",
        "after",
        "before",
        "these",
        "those",
        "where",
        "while",
        "here",
        "many",
        "much",
        "like",
        "being",
        "does",
        "each",
        "well",
        "even",
        "because",
        "through",
        "against",
        "between",
        "during",
        "under",
        "both",
        "same",
        "around",
        "another",
    ]
)
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
    core = Counter(
        word for index in kept if second[index] >= _CORE_PROBABILITY for word in words[index]
    )
    headline = content_words(units[title].text)
    found = set()
    for index in kept:
        own = words[index]
        if index <= block_end or len(own) < _MIN_CONTENT_WORDS or second[index] >= _PROBABILITY:
            continue
        if not _VOICE.search(units[index].text):
            continue
        # The unit itself is under `_CORE_PROBABILITY`: the core holds other units' words.
        shared = sum(1 for word in own if word in core or word in headline)
        if shared / len(own) < _TOPIC_SHARE:
            found.add(index)
    return found
