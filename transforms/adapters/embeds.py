"""Embedded social posts flattened into the text, moved to `Article.embeds` (kind `social_post`).

A scraper keeps an embedded tweet as its blockquote's text: the post, its links, then the
attribution `— Name (@handle) November 19, 2019`, on one line or with the attribution on the
next; Instagram's embed leaves `A post shared by Name (@handle)` and `View this post on
Instagram`. Each is chrome of the page, not the story's words, but what the story showed, so it
is kept as an embed with its link.
"""

from __future__ import annotations

from newsnorm.transforms.adapters.shapes import MONTH
from newsnorm.transforms.rules import Rule

_HANDLE = r"\(@\w{1,15}\)"
_TWEET_DATE = rf"(?:{MONTH} \d{{1,2}}, \d{{4}}|\d{{1,2}} {MONTH} \d{{4}})"
_ATTRIBUTION = rf"- ?[^\n()]{{1,80}}? {_HANDLE} {_TWEET_DATE}"
_LINK = r"(?P<url>(?:https?://)?pic\.twitter\.com/\w+|https?://t\.co/\w+)"

EMBED_LINE_RULES: tuple[Rule, ...] = (
    # '<post> pic.twitter.com/AbC — Name (@handle) November 19, 2019' on one line.
    Rule(
        "tweet",
        "social_post",
        rf"[^\n]{{0,700}}?{_LINK}[^\n]{{0,200}}?{_ATTRIBUTION}",
        move_to="embed",
    ),
    # The same without a link, or the attribution alone on its line.
    Rule("tweet-attribution", "social_post", rf"[^\n]{{0,700}}?{_ATTRIBUTION}", move_to="embed"),
    Rule(
        "instagram",
        "social_post",
        r"A post shared by [^\n]{1,80}? ?\(@[\w.]{1,30}\)(?: on [^\n]{4,60})?",
        move_to="embed",
    ),
    Rule("instagram-label", "ui_cruft", r"View this (?:post|photo|video) on Instagram"),
)

EMBED_TEXT_RULES: tuple[Rule, ...] = (
    # The post's text on one line, with a link, and the attribution on the next.
    Rule(
        "tweet-two-lines",
        "social_post",
        rf"^[ \t]*(?P<value>[^\n]{{0,700}}?{_LINK}[^\n]{{0,200}}\n[ \t]*{_ATTRIBUTION})[ \t]*$",
        move_to="embed",
    ),
)
