"""What `newsnorm search` asks of the index beyond its words: phrases in quotes, filters on
site, syndicator and date, and one hit per story, as SQL over the index's `docs` table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

DOCS_TABLE = "docs"
FTS_SCHEMA = f"fts_main_{DOCS_TABLE}"
# A query's phrases: text in double quotes (straight or typographic); an unclosed quote runs
# to the end of the query.
_PHRASE = re.compile(r"[\"“”„]([^\"“”„]*)(?:[\"“”„]|$)")
# A phrase's words: runs of letters and digits. Between two of them the text may hold any
# run of other characters (spaces, a line break, the dots of "U.S."), as the index sees it.
_PHRASE_WORD = re.compile(r"[^\W_]+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
# The date a hit shows and the date filters compare: the date as the source states it,
# else the UTC date of the instant.
HIT_DATE = "coalesce(published_on, cast(timezone('UTC', published_at) as date))"
# The URL's host, lower-cased, without user info or port.
_HOST = r"regexp_extract(lower(url), '^[a-z][a-z0-9+.-]*://(?:[^/@]*@)?([^/:?#]+)', 1)"
# Not a letter or digit: the boundary of a phrase's first and last word (RE2, Unicode-aware).
_EDGE = r"[^\pL\pN]"


class SearchQueryError(ValueError):
    """The query cannot be searched (empty, or no word the index could hold)."""


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """What narrows a search: every given filter must hold. `site` is a site name or a
    host (a subdomain counts: `example.org` finds `www.example.org`); `syndicator` is a
    part of the syndicator's name, any case; `since` and `until` are inclusive dates (an
    undated article is left out when either is given); `one_per_story` keeps the best hit
    of each story and counts the story's copies (placements) that matched."""

    site: str | None = None
    syndicator: str | None = None
    since: date | None = None
    until: date | None = None
    one_per_story: bool = False


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """The words BM25 ranks on (quotes dropped) and the phrases a hit must contain."""

    words: str
    phrases: tuple[tuple[str, ...], ...]


def parse_query(query: str) -> ParsedQuery:
    """Split `"border wall" funding` into the words to rank on and the phrase "border wall"."""
    phrases = tuple(
        words
        for match in _PHRASE.finditer(query)
        if len(words := tuple(_PHRASE_WORD.findall(match.group(1)))) > 0
    )
    return ParsedQuery(" ".join(_PHRASE.sub(r" \1 ", query).split()), phrases)


# The longest quoted phrase searched for: its pattern grows with it, and RE2 refused one of
# about 450 words ("pattern too large - compile failed", a traceback).
MAX_PHRASE_WORDS = 200


def phrase_pattern(words: tuple[str, ...]) -> str:
    """An RE2 pattern that finds the words in this order, any case, as whole words."""
    inner = f"{_EDGE}+".join(re.escape(word) for word in words)
    return f"(?i)(?:^|{_EDGE}){inner}(?:$|{_EDGE})"


def site_key(site: str) -> str:
    """`--site` as compared: lower case, without scheme, user, `www.`, port, path, query or
    trailing dot (an article's host is read from its URL without them)."""
    bare = _SCHEME.sub("", site.strip().lower())
    if "." not in bare:
        return bare
    host = re.split(r"[/?#]", bare, maxsplit=1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    return host.rstrip(".").removeprefix("www.")


def filter_sql(
    filters: SearchFilters, phrases: tuple[tuple[str, ...], ...]
) -> tuple[str, list[object]]:
    """The `where` conditions (joined by `and`, "true" when none) and their parameters."""
    conditions: list[str] = []
    parameters: list[object] = []
    if filters.site:
        key = site_key(filters.site)
        conditions.append(f"(lower(trim(site)) = ? or {_HOST} = ? or ends_with({_HOST}, '.' || ?))")
        parameters += [key, key, key]
    if filters.syndicator:
        conditions.append("contains(lower(syndicator), ?)")
        parameters.append(filters.syndicator.strip().lower())
    if filters.since:
        conditions.append(f"{HIT_DATE} >= ?")
        parameters.append(filters.since)
    if filters.until:
        conditions.append(f"{HIT_DATE} <= ?")
        parameters.append(filters.until)
    for words in phrases:
        conditions.append("regexp_matches(coalesce(title, '') || chr(10) || coalesce(body, ''), ?)")
        parameters.append(phrase_pattern(words))
    return " and ".join(conditions) or "true", parameters


def hits_sql(docs: str, match: str, filters: SearchFilters, where: str) -> str:
    """The ranked hits: `docs` scored by `match` (a BM25 call over the words, parameter 1),
    filtered by `where`, one per story when asked; the limit is the last parameter.

    Columns: article_id, title, syndicator, date, site, url, score, body, source_uri,
    story_id, copies (the story's placements: its articles' and their identical copies',
    as `stories.copies` counts them), matching (with one_per_story, the story's placements
    known to match: every placement of its hits, or with a site or date filter, which tests
    an article's own placement, one a hit; else null)."""
    story = "coalesce(story_id, article_id)"
    placed = f"sum(placements) over (partition by {story})"
    matching = "null"
    if filters.one_per_story:
        # Words, phrases and the syndicator hold for every identical copy of a hit; a site or
        # a date is tested on the article's own placement only, so with one of those only
        # that placement is known to match and counted (its copies elsewhere are not).
        by_placement = filters.site or filters.since or filters.until
        matching = f"count(*) over (partition by {story})" if by_placement else placed
    collapse = (
        f"qualify row_number() over (partition by {story} order by score desc, article_id) = 1"
        if filters.one_per_story
        else ""
    )
    return f"""
        with scored as (
            select *, {match} as score, {placed} as copies
            from {docs}
        ),
        hits as (
            select *, {matching} as matching
            from scored
            where score is not null and {where}
            {collapse}
        )
        select article_id, title, syndicator, {HIT_DATE}, site, url, score, body,
            source_uri, story_id, copies, matching
        from hits
        order by score desc, article_id
        limit ?
    """
