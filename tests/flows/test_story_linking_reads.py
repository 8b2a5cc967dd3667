"""What a linking chunk does not need to read: the facts of a new article alone in its story,
and the fingerprints of other settings where the warehouse holds none. Each such read is by
id over every data file, every chunk of a run, so skipping it must leave the stories and
originals as they were."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

import newsnorm.flows.stories.linking
import newsnorm.flows.stories.originals
import newsnorm.warehouse.row_reads
import newsnorm.warehouse.story_links
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from tests_support import STORY_OTHERS, story_variants


def _ingest(warehouse: Warehouse, source: Path) -> None:
    execute_ingest([str(source)], IngestSettings(warehouse=warehouse, strict=True))


def test_only_new_articles_in_stories_of_two_or_more_have_their_facts_read(
    tmp_path: Path,
    warehouse: Warehouse,
    sql: Callable[..., list[tuple[Any, ...]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The seed, its copy and its excerpt form one story, whose original is chosen from
    their facts; the unrelated articles are stories of one copy, with no original to
    choose, so their facts are never asked for."""
    originals = newsnorm.flows.stories.originals
    real, asked = originals.copy_facts, []

    def recording(connection: Any, article_ids: Iterable[str]) -> Any:
        wanted = list(article_ids)
        asked.extend(wanted)
        return real(connection, wanted)

    monkeypatch.setattr(originals, "copy_facts", recording)
    story_variants(tmp_path / "in")
    _ingest(warehouse, tmp_path / "in")
    copied = sql(
        "select c.article_id, c.source_uri from copies c join stories s using (story_id) "
        "where s.copies > 1"
    )
    assert len(copied) == 3  # the seed, its copy, its excerpt
    assert not any(Path(uri).stem in STORY_OTHERS for _, uri in copied)
    assert sorted(asked) == sorted(article for article, _ in copied)
    assert sql("select count(*) from raw_story_originals") == [(1,)]


def test_no_chunk_looks_for_fingerprints_of_other_settings_where_there_are_none(
    tmp_path: Path,
    warehouse: Warehouse,
    sql: Callable[..., list[tuple[Any, ...]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A warehouse fingerprinted with today's settings only: the pass asks once, and no
    chunk reads fingerprints by id to replace them (a warehouse fingerprinted by another
    engine is fingerprinted again: test_story_linking.py)."""
    linking = newsnorm.flows.stories.linking
    real, calls = linking.drop_other_fingerprints, []

    def recording(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(linking, "drop_other_fingerprints", recording)
    story_variants(tmp_path / "in")
    _ingest(warehouse, tmp_path / "in")
    assert calls == []
    assert sql("select count(*) from raw_story_fingerprints") == [(7,)]
    assert sql("select count(*) from stories where copies = 3") == [(1,)]


class _Recording:
    """A connection that keeps the statements it is asked to execute."""

    def __init__(self, connection: Any) -> None:
        self.connection, self.statements = connection, list[str]()

    def execute(self, statement: str, *args: Any) -> Any:
        self.statements.append(statement)
        return self.connection.execute(statement, *args)

    def register(self, *args: Any) -> Any:
        return self.connection.register(*args)

    def unregister(self, *args: Any) -> Any:
        return self.connection.unregister(*args)


def test_a_few_bodies_are_read_by_their_rows_and_are_the_bodies_stored(
    tmp_path: Path, warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bodies asked by id alone (a chunk's few paired stored articles) are read by their
    row ids, so only the files holding them are decoded: an id filter decoded every file's
    body column, however few the ids. The bodies are those stored, an id not stored is
    left out, and past FEW_ROWS ids they are read by id as before, alike."""
    story_links = newsnorm.warehouse.story_links
    for name, path in story_variants(tmp_path / "in").items():  # a data file each
        (tmp_path / name).mkdir()
        _ingest(warehouse, path.rename(tmp_path / name / path.name).parent)
    with open_warehouse(warehouse, read_only=True) as connection:
        stored = dict(connection.execute("select article_id, body from raw_articles").fetchall())
        few, rows = sorted(stored)[1:3], _Recording(connection)
        assert story_links.article_bodies(rows, [*few, "none"]) == {a: stored[a] for a in few}
        assert any("rowid between" in statement for statement in rows.statements)
        # The id column settled which are stored: no second read by id for the one not.
        assert not any("wanted_ids" in statement for statement in rows.statements)
        monkeypatch.setattr(newsnorm.warehouse.row_reads, "FEW_ROWS", 1)
        ids = _Recording(connection)
        assert story_links.article_bodies(ids, [*few, "none"]) == {a: stored[a] for a in few}
        assert not any("rowid between" in statement for statement in ids.statements)
        assert story_links.article_bodies(rows, sorted(stored)) == stored


def test_a_chunks_bodies_are_read_from_its_rows_span_without_a_join_on_ids(
    tmp_path: Path, warehouse: Warehouse
) -> None:
    """A chunk's own bodies, asked with the span of rows they were stored in, are read from
    those rows whole when the span holds few more rows than the articles asked: no join on
    their ids (twice the read's CPU on a dense chunk). An article stored outside the span
    is read again without it; a span holding many more rows than asked is joined on ids."""
    story_links = newsnorm.warehouse.story_links
    story_variants(tmp_path / "in")
    _ingest(warehouse, tmp_path / "in")
    with open_warehouse(warehouse, read_only=True) as connection:
        rows = connection.execute(
            "select min(rowid), article_id, any_value(body) from raw_articles "
            "group by article_id order by 1"
        ).fetchall()
        stored = {article: body for _, article, body in rows}
        inside, span = [a for _, a, _ in rows[1:4]], (rows[1][0], rows[3][0])
        spanned = _Recording(connection)
        asked = [*inside, rows[-1][1]]  # the last is stored after the span
        assert story_links.article_bodies(spanned, asked) == {a: stored[a] for a in asked}
        spanned = _Recording(connection)
        assert story_links.article_bodies(spanned, asked, span) == {a: stored[a] for a in asked}
        assert not any("wanted_ids" in statement for statement in spanned.statements)
        assert sum("rowid between $low" in statement for statement in spanned.statements) == 1
        joined = _Recording(connection)
        wide = (rows[0][0], rows[-1][0])  # every row, for one article
        assert story_links.article_bodies(joined, inside[:1], wide) == {
            inside[0]: stored[inside[0]]
        }
        assert any("wanted_ids" in statement for statement in joined.statements)


def test_a_chunk_reads_the_stories_of_its_paired_stored_articles_once(
    tmp_path: Path,
    warehouse: Warehouse,
    sql: Callable[..., list[tuple[Any, ...]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The seed stored by a first run; a second run's chunk pairs its copy and excerpt with
    it and links them: the seed's story is asked once (verification and the story changes
    both start from it, and the chunk writes no membership in between), a read by id over
    every membership file. The three still form one story."""
    linking = newsnorm.flows.stories.linking
    real, asked = linking.stories_of, []

    def recording(connection: Any, article_ids: Iterable[str]) -> Any:
        wanted = sorted(article_ids)
        if wanted:  # none asked: no read
            asked.append(wanted)
        return real(connection, wanted)

    files = story_variants(tmp_path / "all")
    (tmp_path / "first").mkdir()
    files["seed"].rename(tmp_path / "first" / "seed.txt")
    _ingest(warehouse, tmp_path / "first")
    monkeypatch.setattr(linking, "stories_of", recording)
    _ingest(warehouse, tmp_path / "all")
    seed = sql("select article_id from articles where source_uri like '%seed.txt'")[0][0]
    assert asked == [[seed]]
    assert sql("select count(*) from stories where copies = 3") == [(1,)]
