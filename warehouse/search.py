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
import logging
import os
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
from newsnorm.warehouse.search_install import forgotten_in, install_lock
from newsnorm.warehouse.search_query import (
    DOCS_TABLE,
    FTS_SCHEMA,
    MAX_PHRASE_WORDS,
    SearchFilters,
    SearchQueryError,
    filter_sql,
    hits_sql,
    parse_query,
)
from newsnorm.warehouse.search_text import query_terms, snippet, stems
from newsnorm.warehouse.shell import shell_preamble
from newsnorm.warehouse.story_links import LATEST_MEMBERS
from newsnorm.warehouse.whole_files import process_alive

logger = logging.getLogger(__name__)

SEARCH_FILE = "search.duckdb"
SEARCH_INIT_FILE = "search.sql"
DEFAULT_LIMIT = 10
# Bump when the `docs` columns or the index options change: older indexes are rebuilt.
# 3: `placements`, so a story's copies are counted as the `stories` view counts them.
INDEX_FORMAT = 3
_TEMP_PREFIX = ".search-"
# Builds one refresh makes at most while articles keep being forgotten under it.
_BUILD_TRIES = 3
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
    "story_id",
    "placements",
)
_FINGERPRINT_COLUMNS = tuple(
    column for column in _DOC_COLUMNS if column not in ("body", "placements")
)
# What the index holds, read from the warehouse: one row per current article, with its story
# (linking may change a story without changing an article, so story ids are fingerprinted)
# and its placements: where it ran, its identical copies on other sites included (the
# `placements` view, which `stories.copies` counts; a duplicate input changes no article,
# so they are fingerprinted too). An article the view does not place yet counts once.
_DOCS_SOURCE = f"""(
    select a.*, m.story_id, greatest(coalesce(p.placements, 1), 1) as placements
    from articles a
    left join ({LATEST_MEMBERS}) m using (article_id)
    left join (
        select article_id, count(*) as placements from placements group by article_id
    ) p using (article_id)
    qualify row_number() over (partition by a.article_id order by a.ingested_at desc) = 1
)"""
# What the staleness check hashes: the articles with their stories, and the inputs that place
# them (every change of `placements` is a change of these: an input added, forgotten or made
# again). Hashing these is a scan; evaluating `placements` (windows over every input) on each
# search cost 2x the whole check at 10,000 articles.
_ARTICLES_FINGERPRINTED = f"""(
    select a.*, m.story_id
    from articles a
    left join ({LATEST_MEMBERS}) m using (article_id)
    qualify row_number() over (partition by a.article_id order by a.ingested_at desc) = 1
)"""
_PLACING_INPUTS = (
    "select count(*), coalesce(bit_xor(hash(input_uri, input_sha256, article_id, status, "
    "site, url, first_seen_at)), 0) from raw_inputs where status in ('ingested', 'duplicate')"
)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked article: what an analyst needs to decide whether to read it, and where it
    came from. `copies` counts its story's placements, as `stories.copies` does (its
    articles' and their identical copies' on other sites; 1 for an article that ran once);
    `matching` the placements of its articles that matched, when hits are collapsed."""

    article_id: str
    title: str | None
    syndicator: str | None
    published: date | None
    site: str | None
    url: str | None
    score: float
    snippet: str
    source_uri: str
    story_id: str | None
    copies: int
    matching: int | None = None


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
    goes to its own temporary file, then replaces the index in one rename. A build that
    holds an article forgotten while it ran (`forget`, `--purge` too) is never installed:
    it is built again, at most _BUILD_TRIES times in all, else the index is left as it is.
    """
    index = search_index_path(warehouse)
    _remove_abandoned_builds(warehouse.root)
    built = False
    for _ in range(_BUILD_TRIES):
        outcome = _build_and_install(warehouse, index, force)
        if outcome is not None:
            built = outcome
            break
        force = False  # a refresh that installed since may have done the work
    else:
        logger.warning("search index of %s not rebuilt: articles kept being forgotten", index)
    if built or not search_init_path(warehouse).is_file():
        write_search_init_file(warehouse)
    return built


def _build_and_install(warehouse: Warehouse, index: Path, force: bool) -> bool | None:
    """One build: True if installed, False if the index was fresh, None if an article it
    copied was forgotten before the rename (the build is discarded)."""
    temporary = warehouse.root / f"{_TEMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex}.duckdb"
    try:
        # Hold the catalog only to read: the index is built after it is detached, so
        # an ingest waiting to write is not kept waiting by the build.
        with open_warehouse(warehouse, read_only=True) as connection:
            fingerprint = _fingerprint(connection)
            if not force and fingerprint == stored_fingerprint(index):
                return False
            _copy_articles(connection, temporary)
        _build(temporary, fingerprint)
        # Checked and renamed under one lock, so a refresh that ran after a forget (forget's
        # own) cannot install between this check and this rename.
        with install_lock(warehouse.root):
            if _holds_forgotten(warehouse, temporary, fingerprint):
                return None
            os.replace(temporary, index)
        _fsync_directory(warehouse.root)
        return True
    finally:
        _remove_quietly(temporary)


def _holds_forgotten(warehouse: Warehouse, build: Path, fingerprint: str) -> bool:
    """Whether the build holds an article no longer current. Asked only when the articles
    moved since its fingerprint: articles only added since (an ingest) leave it installable
    as before (its fingerprint is older than them, so the next check rebuilds it)."""
    with open_warehouse(warehouse, read_only=True) as connection:
        return _fingerprint(connection) != fingerprint and forgotten_in(connection, build) > 0


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


def search(
    warehouse: Warehouse,
    query: str,
    limit: int = DEFAULT_LIMIT,
    filters: SearchFilters | None = None,
) -> SearchResult:
    """The `limit` best articles for `query` by BM25 over title and body, among those the
    filters and the query's phrases in quotes let through.

    Refreshes the index first when it is missing or stale, so answers cover every
    committed article. Words are lower-cased, stripped of accents and Porter-stemmed
    ("running" finds "runs"); English stopwords, digits and punctuation are not indexed.
    A phrase ("border wall") must appear as written, any case, whole words.
    """
    if not query.strip():
        raise SearchQueryError("the query is empty: give one or more words to look for")
    if limit <= 0:
        raise SearchQueryError(f"the limit must be positive, got {limit}")
    filters = filters or SearchFilters()
    parsed = parse_query(query)
    if (longest := max((len(words) for words in parsed.phrases), default=0)) > MAX_PHRASE_WORDS:
        raise SearchQueryError(
            f"a quoted phrase may hold at most {MAX_PHRASE_WORDS} words; this one holds "
            f"{longest}: quote a shorter passage"
        )
    refresh_search_index(warehouse)
    with _open_index(search_index_path(warehouse)) as connection:
        tokens, ignored = query_terms(connection, parsed.words)
        if len(ignored) == len(tokens):
            return SearchResult([], ignored)
        where, parameters = filter_sql(filters, parsed.phrases)
        match = f"{FTS_SCHEMA}.match_bm25(article_id, ?)"
        rows = connection.execute(
            hits_sql(DOCS_TABLE, match, filters, where), [parsed.words, *parameters, limit]
        ).fetchall()
        wanted = stems(connection, [token for token in tokens if token not in ignored])
        hits = [_hit(row, snippet(connection, row[7] or "", wanted)) for row in rows]
    return SearchResult(hits, ignored)


def _hit(row: tuple[object, ...], text: str) -> SearchHit:
    """A hit from a row of `search_query.hits_sql`."""
    return SearchHit(
        article_id=str(row[0]),
        title=row[1],  # type: ignore[arg-type]
        syndicator=row[2],  # type: ignore[arg-type]
        published=row[3],  # type: ignore[arg-type]
        site=row[4],  # type: ignore[arg-type]
        url=row[5],  # type: ignore[arg-type]
        score=float(row[6]),  # type: ignore[arg-type]
        snippet=text,
        source_uri=str(row[8]),
        story_id=row[9],  # type: ignore[arg-type]
        copies=int(row[10]),  # type: ignore[call-overload]
        matching=None if row[11] is None else int(row[11]),  # type: ignore[call-overload]
    )


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


def _fingerprint(connection: duckdb.DuckDBPyConnection) -> str:
    """Counts and XORs of row hashes of the articles and of the inputs placing them: equal
    for the same rows in any order. A commit between this and the build's copy leaves the
    index newer than its fingerprint: the next check rebuilds it, never takes it as fresh."""
    columns = ", ".join(_FINGERPRINT_COLUMNS)
    row = connection.execute(
        f"select count(*), coalesce(bit_xor(hash({columns})), 0) from {_ARTICLES_FINGERPRINTED}"
    ).fetchone()
    count, digest = row if row else (0, 0)
    placing = connection.execute(_PLACING_INPUTS).fetchone()
    inputs, inputs_digest = placing if placing else (0, 0)
    return f"v{INDEX_FORMAT}:duckdb-{duckdb.__version__}:{count}:{digest}:{inputs}:{inputs_digest}"


def _copy_articles(connection: duckdb.DuckDBPyConnection, target: Path) -> None:
    """Copy the current articles, with their stories, into a new DuckDB file (one row per
    article_id)."""
    connection.execute(f"ATTACH {literal(str(target))} AS {_BUILD_ALIAS}")
    try:
        connection.execute(
            f"create table {_BUILD_ALIAS}.main.{DOCS_TABLE} as "
            f"select {', '.join(_DOC_COLUMNS)} from {_DOCS_SOURCE}"
        )
    finally:
        connection.execute(f"DETACH {_BUILD_ALIAS}")


def _build(path: Path, fingerprint: str) -> None:
    """Index `docs` and record the fingerprint of what it was copied from; closed and
    synced to disk."""
    with duckdb.connect(str(path), config=OFFLINE_CONFIG) as connection:
        load_fts(connection)
        connection.execute(
            f"PRAGMA create_fts_index({literal(DOCS_TABLE)}, 'article_id', 'title', 'body', "
            "stemmer = 'porter', stopwords = 'english', strip_accents = 1, lower = 1)"
        )
        connection.execute(
            "create table search_meta as select ? as fingerprint, now() as built_at, "
            f"(select count(*) from {DOCS_TABLE}) as articles",
            [fingerprint],
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


def _remove_abandoned_builds(root: Path) -> None:
    """Temporary builds left by a killed process (its pid is gone) are deleted."""
    for path in root.glob(f"{_TEMP_PREFIX}*"):
        pid_text = path.name.removeprefix(_TEMP_PREFIX).split("-", 1)[0]
        if pid_text.isdigit() and not process_alive(int(pid_text)):
            _remove_quietly(path)


def _remove_quietly(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        # Quietly: a failed build's cleanup must not hide why it failed (a read-only
        # warehouse, `--warehouse` naming a file: nothing was built there).
        with contextlib.suppress(OSError):
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
    "SearchFilters",
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
