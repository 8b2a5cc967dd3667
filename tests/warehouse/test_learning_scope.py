"""The SQL macro `learning_scope` decides an article's scope as transforms.learned does: the
batch cuts the lines of the scope Python computes, reprocess finds articles by the macro's."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsnorm.transforms.learned import learning_scope
from newsnorm.warehouse.views import view_sql

# Text as stored: no line breaks in a path, and no lone surrogates, which no stored text can
# hold (a JSON record's escaped ones are read as U+FFFD: transforms/jsonrepair.py).
_CHARACTERS = st.characters(blacklist_characters="\n", blacklist_categories=("Cs",))
_TEXT = st.characters(blacklist_categories=("Cs",))
# A host's letters: ASCII, and letters whose lower case differs between Python and DuckDB
# or has another length ('\u0130' İ, Kelvin's K, capital sharp s, Greek sigma, 'É').
_HOST_LETTERS = "AZaz09.-\u0130\u212a\u1e9e\u03a3\u00c9"
URLS = st.one_of(
    st.none(),
    st.text(_TEXT, max_size=40),
    st.builds(
        "{}://{}{}{}{}{}".format,
        st.sampled_from(["http", "https", "HTTPS", "ftp", "1x", "a+b.c-d"]),
        st.sampled_from(["", "user@", "a:b@", "@"]),
        st.sampled_from(["", "www.", "WWW."]),
        # Hosts of any letters: 'İstanbul' lowers to two characters in Python, one in SQL.
        st.text(st.sampled_from(_HOST_LETTERS), max_size=12)
        | st.text(st.characters(whitelist_categories=("L",)), max_size=12),
        st.sampled_from(["", ":8080", ":", "?q=1", "#top"]),
        st.sampled_from(["", "/", "/2024/story", "/a#b"]),
    ),
)
SITES = st.one_of(st.none(), st.just(""), st.text(_TEXT, max_size=20))
URIS = st.one_of(
    st.text(_TEXT, max_size=40),
    st.builds(
        "file:///{}/{}{}".format,
        st.text(_CHARACTERS, max_size=15),
        st.text(_CHARACTERS, max_size=10),
        st.sampled_from(["", "#line=3", "#<urn:uuid:1/2>"]),
    ),
)


@pytest.fixture(scope="module")
def connection() -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect() as connection:
        connection.execute(view_sql("learning_scope"))
        yield connection


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(url=URLS, site=SITES, source_uri=URIS)
def test_sql_and_python_agree(
    connection: duckdb.DuckDBPyConnection, url: str | None, site: str | None, source_uri: str
) -> None:
    [(scope,)] = connection.execute(
        "select learning_scope($url, $site, $uri)", {"url": url, "site": site, "uri": source_uri}
    ).fetchall()
    assert scope == learning_scope(url, site, source_uri)


def test_sql_scope_of_a_page_and_of_a_text_file(connection: duckdb.DuckDBPyConnection) -> None:
    rows = connection.execute(
        "select learning_scope('https://www.News.example/a', 'News', 'file:///in/a.html'), "
        "learning_scope(null, null, 'file:///in/site/a.txt')"
    ).fetchall()
    assert rows == [("news.example", "file:///in/site/")]


def test_only_ascii_letters_are_lowered_on_both_sides(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    # Python lowers 'İ' to 'i' and a combining dot, DuckDB to 'i': one scope counted, another
    # looked up. A host's non-ASCII letters are kept as written (browsers send them as IDNA).
    url = "https://WWW.İstanbul-Haber.com/a"
    [(scope,)] = connection.execute(
        "select learning_scope($url, null, '')", {"url": url}
    ).fetchall()
    assert scope == learning_scope(url, None, "") == "İstanbul-haber.com"
