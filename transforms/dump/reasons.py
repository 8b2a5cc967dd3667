"""A dump removal's reason in words a reader understands, from its rule.

The story stage (`story.py`) names in each removal's rule what decided it: where the unit
stands (`outside-story:above_headline`), or the line model's features that pushed hardest
towards chrome (`outside-story:short_run,lexical_mean,core_distance`). The rule stays as it
is, what SQL groups by and what the benches read; `newsnorm explain` and `show` print this
phrase before it, so the deciding features stay beside the sentence.
"""

from __future__ import annotations

PREFIX = "outside-story"
# What a unit's place or a later step decided (`story.py`, `story_end.py`, `author_box.py`).
_PLACES = {
    "above_headline": "page chrome: above the story's headline",
    "overruled_headline": "not the headline: the page's <title> names another line",
    "below_story_end": "outside the story: below a heading that ends it (related, comments, tags)",
    "repeated_items": "outside the story: a run of dated items below it (a comment thread)",
    "author_box": "outside the story: an author's box",
    "dropped_copy": "page chrome: a short line the page also shows above its headline",
    "shown_again_below": "page chrome: a line the page shows again further down as chrome",
    "chrome_run": "page chrome: a line standing among chrome on both sides",
}
# The line model's features, by what they say of a unit (the strongest one decides the phrase).
_FEATURES = (
    (("short_run", "prev_words", "next_words"), "page chrome: a short menu-like line among others"),
    (
        ("above_core", "above_story_30", "above_story_50"),
        "outside the story block: above the story",
    ),
    (
        ("below_core", "below_story_30", "below_story_50"),
        "outside the story block: below the story",
    ),
    (
        (
            "core_distance",
            "core_share",
            "story_distance_30",
            "story_distance_50",
            "story_word_distance_30",
            "story_word_distance_50",
            "barrier_30",
            "barrier_50",
            "position",
        ),
        "outside the story block: far from the story's lines",
    ),
    (
        ("prose_around", "prev_prose", "next_prose"),
        "page chrome: no story prose around it",
    ),
    (
        ("lexical_mean", "lexical_min", "lexical_max"),
        "page chrome: worded as pages word their chrome (sign-ups, cookies, shares)",
    ),
    (("url", "handle", "markdown"), "page chrome: a link, handle or markup line"),
    (("repeats",), "page chrome: repeated on the page"),
    (("date", "digit_share"), "page chrome: a date or numbers line"),
)
_GENERIC = "page chrome: the line model calls it chrome"


def describe(rule: str) -> str | None:
    """The phrase for a story stage's removal rule; None for any other rule."""
    head, _, reasons = rule.partition(":")
    if head != PREFIX:
        return None
    first = reasons.split(",")[0].split("(")[0] if reasons else ""
    if first in _PLACES:
        return _PLACES[first]
    for names, phrase in _FEATURES:
        if first in names:
            return phrase
    return _GENERIC
