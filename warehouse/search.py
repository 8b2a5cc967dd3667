"""Full-text search (BM25) over articles, in a DuckDB file beside the DuckLake catalog.

DuckDB's `fts` extension cannot index a DuckLake table (`PRAGMA create_fts_index` writes
helper tables DuckLake refuses: "unsupported type NULL"), so the index lives in
`<warehouse>/search.duckdb`: a native table `docs` copied from the `articles` view, plus
the index in schema `fts_main_docs`. It is rebuilt whole into a temporary file and moved
into place with `os.replace`, so a reader sees the old index or the new one, never half of
one; and only when the articles changed (a fingerprint of what the index was built from is
stored with it). `fts` is loaded from its PyPI wheel: nothing is downloaded at run time.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from newsnorm.warehouse.ddl import literal
from newsnorm.warehouse.extension import (
    OFFLINE_CONFIG,
    WarehouseError,
    fts_extension_path,
    load_fts,
)
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.shell import shell_preamble

SEARCH_FILE = "search.duckdb"
SEARCH_INIT_FILE = "search.sql"
DOCS_TABLE = "docs"
FTS_SCHEMA = f"fts_main_{DOCS_TABLE}"
DEFAULT_LIMIT = 10
# Bump when the `docs` columns or the index options change: older indexes are rebuilt.
INDEX_FORMAT = 1
SNIPPET_CHARS = 200
_SNIPPET_LEAD = 60
# Words the snippet scans for a match; a longer body falls back to its opening.
_SNIPPET_MAX_WORDS = 20_000
_TEMP_PREFIX = ".search-"
_BUILD_ALIAS = "newsnorm_search_build"

# Columns the index is built from, in `docs` order; `body` is covered by `article_id`
# (a hash of the normalized title and body) in the fingerprint, so it is not rehashed.
_DOC_COLUMNS = (
    "article_id",
    "title",
    "body",
    "syndicator",
    "published_on",
    "published_at",
    "site",
    "url",
    "source_uri",
    "ingested_at",
)
_FINGERPRINT_COLUMNS = tuple(column for column in _DOC_COLUMNS if column != "body")
# The `fts` tokenizer's default separators (digits and ASCII punctuation) plus whitespace:
# snippets find words the way the index does.
_WORD = re.compile(r"[^\s0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/|'\"`-]+")


class SearchQueryError(ValueError):
    """The query cannot be searched (empty, or no word the index could hold)."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked article: what an analyst needs to decide whether to read it."""

    article_id: str
    title: str | None
    syndicator: str | None
    published: date | None
    site: str | None
    url: str | None
    score: float
    snippet: str


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits, best first, and the query words the index ignores (stopwords)."""

    hits: list[SearchHit]
    ignored_words: list[str]


def search_index_path(warehouse: Warehouse) -> Path:
    return warehouse.root / SEARCH_FILE


def search_init_path(warehouse: Warehouse) -> Path:
    return warehouse.root / SEARCH_INIT_FILE


def refresh_search_index(warehouse: Warehouse, *, force: bool = False) -> bool:
    """Rebuild `search.duckdb` when the articles changed since its build; True if rebuilt.

    Call it after an ingest commits (outside any open of the warehouse: it opens the
    catalog read-only itself). Safe beside readers and beside another refresh: each build
    goes to its own temporary file, then replaces the index in one rename.
    """
    index = search_index_path(warehouse)
    _remove_abandoned_builds(warehouse.root)
    temporary = warehouse.root / f"{_TEMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex}.duckdb"
    built = False
    try:
        # Hold the catalog only to read: the index is built after it is detached, so
        # an ingest waiting to write is not kept waiting by the build.
        with open_warehouse(warehouse, read_only=True) as connection:
            stale = force or _fingerprint(connection, "articles") != stored_fingerprint(index)
            if stale:
                _copy_articles(connection, temporary)
        if stale:
            _build(temporary)
            os.replace(temporary, index)
            _fsync_directory(warehouse.root)
            built = True
    finally:
        _remove_quietly(temporary)
    if built or not search_init_path(warehouse).is_file():
        write_search_init_file(warehouse)
    return built


def stored_fingerprint(index: Path) -> str | None:
    """The fingerprint `index` was built from; None when it is missing or unreadable."""
    if not index.is_file():
        return None
    try:
        with duckdb.connect(str(index), read_only=True, config=OFFLINE_CONFIG) as connection:
            row = connection.execute("select fingerprint from search_meta").fetchone()
    except duckdb.Error:
        return None
    return str(row[0]) if row else None


def search(warehouse: Warehouse, query: str, limit: int = DEFAULT_LIMIT) -> SearchResult:
    """The `limit` best articles for `query` by BM25 over title and body.

    Refreshes the index first when it is missing or stale, so answers cover every
    committed article. Words are lower-cased, stripped of accents and Porter-stemmed
    ("running" finds "runs"); English stopwords, digits and punctuation are not indexed.
    """
    if not query.strip():
        raise SearchQueryError("the query is empty: give one or more words to look for")
    if limit <= 0:
        raise SearchQueryError(f"the limit must be positive, got {limit}")
    refresh_search_index(warehouse)
    with _open_index(search_index_path(warehouse)) as connection:
        tokens, ignored = _query_terms(connection, query)
        if len(ignored) == len(tokens):
            return SearchResult([], ignored)
        rows = connection.execute(
            f"""
            select article_id, title, syndicator,
                coalesce(published_on, cast(timezone('UTC', published_at) as date)),
                site, url, score, body
            from (
                select *, {FTS_SCHEMA}.match_bm25(article_id, ?) as score from {DOCS_TABLE}
            )
            where score is not null
            order by score desc, article_id
            limit ?
            """,
            [query, limit],
        ).fetchall()
        stems = _stems(connection, [token for token in tokens if token not in ignored])
        hits = [
            SearchHit(
                article_id=str(row[0]),
                title=row[1],
                syndicator=row[2],
                published=row[3],
                site=row[4],
                url=row[5],
                score=float(row[6]),
                snippet=_snippet(connection, row[7] or "", stems),
            )
            for row in rows
        ]
    return SearchResult(hits, ignored)


def _query_terms(connection: duckdb.DuckDBPyConnection, query: str) -> tuple[list[str], list[str]]:
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


def write_search_init_file(warehouse: Warehouse) -> None:
    """`search.sql`: what the DuckDB shell runs to search this warehouse from SQL.

    The `fts` macros name their tables without a catalog, so the index must be the
    default database (`USE search`); the warehouse is attached too, as `newsnorm`.
    """
    content = (
        "-- Search this newsnorm warehouse from SQL: duckdb -init <this file>\n"
        "-- then: select title, score from (select *, fts_main_docs.match_bm25(article_id, "
        "'words') as score from docs) where score is not null order by score desc;\n"
        "SET autoinstall_known_extensions = false;\n"
        "SET autoload_known_extensions = false;\n"
        f"{shell_preamble(warehouse)}"  # DuckLake, and httpfs + secret for an s3:// warehouse
        f"LOAD {literal(str(fts_extension_path()))};\n"
        f"{warehouse.attach_sql(read_only=True, for_shell=True)};\n"
        f"ATTACH {literal(str(search_index_path(warehouse)))} AS search (READ_ONLY);\n"
        "USE search;\n"
    )
    target = search_init_path(warehouse)
    temporary = target.with_name(f"{_TEMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex}.sql")
    temporary.write_text(content, encoding="utf-8")
    temporary.replace(target)


def _fingerprint(connection: duckdb.DuckDBPyConnection, table: str) -> str:
    """Count and XOR of row hashes: equal for the same set of indexed rows, in any order."""
    columns = ", ".join(_FINGERPRINT_COLUMNS)
    row = connection.execute(
        f"select count(*), coalesce(bit_xor(hash({columns})), 0) from {table}"
    ).fetchone()
    count, digest = row if row else (0, 0)
    return f"v{INDEX_FORMAT}:duckdb-{duckdb.__version__}:{count}:{digest}"


def _copy_articles(connection: duckdb.DuckDBPyConnection, target: Path) -> None:
    """Copy the `articles` view into a new DuckDB file (one row per article_id)."""
    connection.execute(f"ATTACH {literal(str(target))} AS {_BUILD_ALIAS}")
    try:
        connection.execute(
            f"create table {_BUILD_ALIAS}.main.{DOCS_TABLE} as "
            f"select {', '.join(_DOC_COLUMNS)} from articles "
            "qualify row_number() over (partition by article_id order by ingested_at desc) = 1"
        )
    finally:
        connection.execute(f"DETACH {_BUILD_ALIAS}")


def _build(path: Path) -> None:
    """Index `docs` and record what it was built from; closed and synced to disk."""
    with duckdb.connect(str(path), config=OFFLINE_CONFIG) as connection:
        load_fts(connection)
        connection.execute(
            f"PRAGMA create_fts_index({literal(DOCS_TABLE)}, 'article_id', 'title', 'body', "
            "stemmer = 'porter', stopwords = 'english', strip_accents = 1, lower = 1)"
        )
        connection.execute(
            "create table search_meta as select ? as fingerprint, now() as built_at, "
            f"(select count(*) from {DOCS_TABLE}) as articles",
            [_fingerprint(connection, DOCS_TABLE)],
        )
        connection.execute("CHECKPOINT")
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


@contextlib.contextmanager
def _open_index(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    try:
        connection = duckdb.connect(str(path), read_only=True, config=OFFLINE_CONFIG)
    except duckdb.Error as err:
        raise WarehouseError(f"cannot open the search index {path}: {err}") from err
    try:
        load_fts(connection)
        yield connection
    finally:
        connection.close()


def _stems(connection: duckdb.DuckDBPyConnection, words: list[str]) -> list[str]:
    """Words as the index holds them: lower-cased, accents stripped, Porter-stemmed."""
    if not words:
        return []
    row = connection.execute(
        "select list_transform(?::varchar[], w -> stem(lower(strip_accents(w)), 'porter'))",
        [words],
    ).fetchone()
    return [str(stem) for stem in row[0]] if row else []


def _snippet(connection: duckdb.DuckDBPyConnection, body: str, stems: list[str]) -> str:
    """A short window of the body around its first word that matches a query term."""
    matches = []
    for number, match in enumerate(_WORD.finditer(body)):
        if number >= _SNIPPET_MAX_WORDS:
            break
        matches.append(match)
    wanted = set(stems)
    start = 0
    for match, stem in zip(matches, _stems(connection, [m.group() for m in matches]), strict=True):
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


def _remove_abandoned_builds(root: Path) -> None:
    """Temporary builds left by a killed process (its pid is gone) are deleted."""
    for path in root.glob(f"{_TEMP_PREFIX}*"):
        pid_text = path.name.removeprefix(_TEMP_PREFIX).split("-", 1)[0]
        if pid_text.isdigit() and not _alive(int(pid_text)):
            _remove_quietly(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_quietly(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (a crash right after keeps the new index)."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


__all__ = [
    "DEFAULT_LIMIT",
    "SearchHit",
    "SearchQueryError",
    "SearchResult",
    "refresh_search_index",
    "search",
    "search_index_path",
    "search_init_path",
    "stored_fingerprint",
    "write_search_init_file",
]
