"""The text side of a search: a query's terms as the index tokenizes them, and the snippet
of a hit's body around its first matching word."""

from __future__ import annotations

import re

import duckdb

from newsnorm.warehouse.search_query import FTS_SCHEMA, SearchQueryError

SNIPPET_CHARS = 200
_SNIPPET_LEAD = 60
# Words the snippet scans for a match; a longer body falls back to its opening.
_SNIPPET_MAX_WORDS = 20_000
# The `fts` tokenizer's default separators (digits and ASCII punctuation) plus whitespace:
# snippets find words the way the index does.
_WORD = re.compile(r"[^\s0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/|'\"`-]+")


def query_terms(connection: duckdb.DuckDBPyConnection, query: str) -> tuple[list[str], list[str]]:
    """The query's index terms as the index tokenizes them, and which of them are stopwords."""
    tokens = [
        str(row[0])
        for row in connection.execute(
            f"select distinct t from (select unnest({FTS_SCHEMA}.tokenize(?)) as t) "
            "where t <> '' order by t",
            [query],
        ).fetchall()
    ]
    if not tokens:
        raise SearchQueryError(
            f"nothing to search for in {query!r}: digits and punctuation are not indexed"
        )
    ignored = [
        str(row[0])
        for row in connection.execute(
            f"select sw from {FTS_SCHEMA}.stopwords where sw in (select unnest(?)) order by sw",
            [tokens],
        ).fetchall()
    ]
    return tokens, ignored


def stems(connection: duckdb.DuckDBPyConnection, words: list[str]) -> list[str]:
    """Words as the index holds them: lower-cased, accents stripped, Porter-stemmed."""
    if not words:
        return []
    row = connection.execute(
        "select list_transform(?::varchar[], w -> stem(lower(strip_accents(w)), 'porter'))",
        [words],
    ).fetchone()
    return [str(stem) for stem in row[0]] if row else []


def snippet(connection: duckdb.DuckDBPyConnection, body: str, wanted_stems: list[str]) -> str:
    """A short window of the body around its first word that matches a query term."""
    matches = []
    for number, match in enumerate(_WORD.finditer(body)):
        if number >= _SNIPPET_MAX_WORDS:
            break
        matches.append(match)
    wanted = set(wanted_stems)
    start = 0
    for match, stem in zip(matches, stems(connection, [m.group() for m in matches]), strict=True):
        if stem in wanted:
            start = match.start()
            break
    return _window(body, max(0, start - _SNIPPET_LEAD))


def _window(body: str, start: int) -> str:
    if start > 0:
        space = body.find(" ", start)
        # Start at a word boundary, unless the only one is past the match.
        start = space + 1 if 0 <= space < start + _SNIPPET_LEAD else start
    end = min(len(body), start + SNIPPET_CHARS)
    if end < len(body):
        space = body.rfind(" ", start, end)
        end = space if space > start else end
    text = " ".join(body[start:end].split())
    return ("…" if start > 0 else "") + text + ("…" if end < len(body) else "")
