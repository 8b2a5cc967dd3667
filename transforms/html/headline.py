"""The headline readers see: the page's h1, when what the page states about itself backs it.

Metadata titles are often written for search engines ('Best X in 2025 - Top 10 Picks') while
the h1 is the headline the article shows; but an h1 can also be the site's logo, a section
label or a pull quote. An h1 counts when most of its words occur in the page's stated titles
(JSON-LD headline, OpenGraph, Twitter, <title>) or in its URL's path: the same story, told
for another reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import unquote, urlsplit

from newsnorm.transforms.html.facts import PageFacts, clean_text, tags_named
from newsnorm.transforms.html.nodes import Tag
from newsnorm.transforms.html.sitenames import is_site_name

# Separators between a headline and a site name: bars (also the fullwidth and Hangul
# look-alikes) and fullwidth colons may come without spaces, dashes and the rest only
# between spaces so hyphenated words stay whole.
SEPARATOR = re.compile(
    r"(\s*[|\uff5c\u2016\u3163\uff1a]\s*|\s+(?:[-\u2013\u2014\u00b7\u2022\u00bb\u00ab~/*:]|::)\s+)"
)
_WORD = re.compile(r"[^\W_]+")
# Words compared by their opening, so 'apps' backs 'app' and 'biking' backs 'bike…'.
_STEM = 4
# Short function words say nothing about which story a heading names.
_MIN_WORD = 3
SHORT_WORDS = frozenset({"the", "and", "for", "you", "your", "our", "with", "from", "are"})
# A heading backed by at least this share of its words is the story's headline.
_BACKED = 0.6
_MIN_BACKED_WORDS = 2
# A long headline adds words of its own to the search title's ('11 SEO Strategies for 2025
# to Boost Rankings and Stay Ahead' beside 'Top 11 SEO Strategies for 2025'): four shared
# words are no chance, so a lower share of them backs it.
_LONG_BACKED = 0.4
_MIN_LONG_BACKED_WORDS = 4
_MAX_SITE_WORDS = 5
_MAX_HEADINGS = 8
# A stated title ending the h1 is the headline when it is at least this share of it.
_MIN_KICKED = 0.5
_MAX_HEADLINE = 300
_MAX_ARTICLE = 3
# A character a wrong encoding replaced, inside the heading (not a question's mark).
_LOST = re.compile(r"\ufffd|\?(?=.)")
# 'Name: Headline', a colon without a space before it (SEPARATOR wants one); titles.py cuts
# a site's name so written.
LEADING_NAME = re.compile(r"^(?P<head>[^:]{2,40}):\s+(?P<rest>\S.*)$")
# What ends a kicker shown before the headline: a dash, bar, colon, bullet or quote mark.
_KICKER_MARK = re.compile(r"[-\u2013\u2014|:\u00b7\u2022\u00ab\u00bb\"\u201c\u201e/]\s*$")


def visible_headline(
    facts: PageFacts, stated: Sequence[str], keys: frozenset[str], names: frozenset[str]
) -> str | None:
    """The best-backed h1 of the page, or None. `stated` are the stated titles with the site
    name cut; `names` the letters of names the page calls itself (`trailing_names`), which
    no headline is. Where a stated title has the h1's letters with fewer word breaks (markup
    splits words in headings: 'Planning C<span>ycle'), its spelling is taken."""
    known = _stems(" ".join([*stated, _url_words(facts.url)]))
    titles = {letters(title) for title in stated}
    best: tuple[float, int, str] | None = None
    for heading in _headings(facts):
        if _names_site(heading, keys) or letters(heading) in names:
            continue
        words = _stems(heading)
        backed = len(words & known)
        # One backed word is chance ('Planning' among a guide's section headings).
        if backed < _MIN_BACKED_WORDS and letters(heading) not in titles:
            continue
        # Ties go to the heading backed by more words: 'Blog' above the headline is
        # backed by the URL's '/blog/' alone.
        score = (backed / len(words), backed, heading)
        if _is_backed(score[0], backed) and (best is None or score[:2] > best[:2]):
            best = score
    if best is None:
        return None
    heading = best[2]
    mended = _mended(heading, stated)
    if mended:
        return mended
    shown = letters(heading)
    for title in stated:
        if letters(title) == shown and len(title.split()) < len(heading.split()):
            return title
    for title in stated:
        # 'Eskalation im Nahen Osten - «Headline»': a kicker shown before the headline.
        own = letters(title)
        kicked = _MIN_KICKED * len(shown) <= len(own) < len(shown) and shown.endswith(own)
        if kicked and _kicker_ends(heading, len(shown) - len(own)):
            return title
    return heading


def _is_backed(share: float, backed: int) -> bool:
    return share >= _BACKED or (share >= _LONG_BACKED and backed >= _MIN_LONG_BACKED_WORDS)


def _mended(heading: str, stated: Sequence[str]) -> str | None:
    """The stated title a heading spells with characters lost to a wrong encoding ('Event
    Planning? Beginner? Guide' beside 'Event Planning: Beginner's Guide'), else None."""
    if not _LOST.search(heading.rstrip("?")):
        return None
    pieces = (".{1,2}" if char in "?\ufffd" else re.escape(char) for char in heading)
    pattern = re.compile("".join(pieces), re.IGNORECASE)
    return next((title for title in stated if pattern.fullmatch(title)), None)


def _kicker_ends(heading: str, count: int) -> bool:
    """True when the heading's first `count` letters end at a mark ('Kicker - «Headline»',
    'Kicker: Headline') or are one short word ('The'): a question's opening words ('What's
    the best …?' beside a stated 'Best …') are no kicker."""
    seen = 0
    for index, char in enumerate(heading):
        own = len(letters(char))
        if own and seen == count:  # the stated title's first letter
            kicker = heading[:index]
            # 'The Best …' beside 'Best …': an article dropped, the same headline.
            article = len(kicker.split()) == 1 and count <= _MAX_ARTICLE
            return article or _KICKER_MARK.search(kicker) is not None
        seen += own
    return False


def shown_headings(facts: PageFacts) -> frozenset[str]:
    """Letters of the page's h1 headings."""
    return frozenset(letters(heading) for heading in _headings(facts))


def _names_site(heading: str, keys: frozenset[str]) -> bool:
    """A short heading naming the site (its logo); a headline may open with the name."""
    return len(heading.split()) <= _MAX_SITE_WORDS and is_site_name(heading, keys)


def trailing_names(titles: Iterable[str]) -> frozenset[str]:
    """Letters of the parts after the first separator of stated titles ('Headline | Site
    Name'), when shorter than the first: what a page appends to its headlines is its own
    name or section ('Site | Headline' puts the headline last)."""
    names: set[str] = set()
    for title in titles:
        parts = SEPARATOR.split(title)
        first = letters(parts[0])
        names.update(letters(part) for part in parts[2::2] if len(letters(part)) < len(first))
    names.discard("")
    return frozenset(names)


def leading_names(titles: Sequence[str]) -> frozenset[str]:
    """Letters of the opening parts of stated titles whose rest (no shorter) another one
    states alone ('Blog Name: Headline' beside og:title 'Headline'): statements agreeing
    on the headline show that what stands before it is the site's name."""
    whole = {letters(title) for title in titles}
    names: set[str] = set()
    for title in titles:
        parts = SEPARATOR.split(title, maxsplit=1)
        match = LEADING_NAME.match(title)
        if len(parts) == 3:
            head, rest = letters(parts[0]), letters(parts[2])
        elif match:
            head, rest = letters(match["head"]), letters(match["rest"])
        else:
            continue
        if rest in whole and head not in whole and len(head) <= len(rest):
            names.add(head)
    names.discard("")
    return frozenset(names)


def letters(text: str) -> str:
    """Letters and digits only, casefolded: two spellings of one title compare equal."""
    return "".join(filter(str.isalnum, text.casefold()))


def _headings(facts: PageFacts) -> list[str]:
    found: list[str] = []
    for tag in tags_named(facts, "h1")[:_MAX_HEADINGS]:
        if isinstance(tag, Tag):
            text = clean_text(tag.get_text(" "))
            if text and len(text) <= _MAX_HEADLINE and text not in found:
                found.append(text)
    return found


def _stems(text: str) -> set[str]:
    words = (word.casefold() for word in _WORD.findall(text))
    return {
        word[:_STEM]
        for word in words
        if (len(word) >= _MIN_WORD or word.isdigit()) and word not in SHORT_WORDS
    }


def _url_words(url: str | None) -> str:
    """The words of the URL's path ('/blog/best-language-learning-app/' → 'blog best …')."""
    if not url:
        return ""
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    return " ".join(_WORD.findall(unquote(path)))
