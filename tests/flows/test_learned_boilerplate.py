"""Boilerplate learned from the corpus, across runs and processes: a line recurring in the
different stories of one site is counted after each run, cut by the next run, and cut from
the older articles by `reprocess`; copies of one story and lines of too few stories are not."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pytest

import newsnorm.flows.engine.learning
from newsnorm.flows.engine.reprocess import reprocess
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.transforms.learned import KEPT_WARNING, learning_scope
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from tests_support import ROOT

Sql = Callable[..., list[tuple[Any, ...]]]
WORDS = [
    *("council", "budget", "school", "river", "police", "election", "hospital", "court"),
    *("bridge", "farm", "union", "market", "storm", "museum", "library", "transit"),
    *("housing", "water", "energy", "tax", "ferry", "harbour", "nurse", "teacher"),
]
# A line the site adds to every story, in a shape no shared rule knows (a newsletter plug
# would be cut by the shared chrome rules before it could be learned).
PLUG = "Harbour Daily has been edited in Portsmouth by the Coastal Press Trust since 1921."
RUNNER = (
    "import sys\n"
    "from newsnorm.flows.engine.runner import execute_ingest\n"
    "from newsnorm.flows.engine.settings import IngestSettings\n"
    "from newsnorm.warehouse.lake import Warehouse\n"
    "execute_ingest([sys.argv[2]], IngestSettings(warehouse=Warehouse.at(sys.argv[1]), "
    "strict=True))\n"
)


def _stories(folder: Path, names: range, plug: str = PLUG) -> list[Path]:
    """Different stories of one site (random words: no two are copies), each with `plug`."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(names.start)
    paths = []
    for n in names:
        paragraphs = [_sentence(rng) for _ in range(3)]
        path = folder / f"story{n:03d}.txt"
        path.write_text("\n\n".join([f"Story {n} on the {rng.choice(WORDS)}", *paragraphs, plug]))
        paths.append(path)
    return paths


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(25)).capitalize() + "."


def _carrying(sql: Sql, line: str = PLUG) -> dict[str, bool]:
    rows = sql("select source_uri, list_contains(paragraphs, ?) from articles", line)
    return {Path(str(uri)).name: bool(found) for uri, found in rows}


def _run_in_a_process(*args: str) -> None:
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, capture_output=True, timeout=300)


def test_second_run_cuts_what_the_first_taught_and_reprocess_cleans_the_first(
    warehouse: Warehouse, sql: Sql, tmp_path: Path
) -> None:
    site = tmp_path / "in" / "harbour-daily"
    first = _stories(site, range(6))
    _run_in_a_process("-c", RUNNER, str(warehouse.root), str(site))
    scope = learning_scope(None, None, first[0].as_uri())
    assert sql("select scope, line, stories, scope_stories, cut from learned_boilerplate") == [
        (scope, PLUG, 6, 6, True)
    ]
    assert all(_carrying(sql).values())  # learned after the run: its own articles keep it

    second = _stories(site, range(6, 9))
    _run_in_a_process("-c", RUNNER, str(warehouse.root), str(site))
    carrying = _carrying(sql)
    assert {name for name, found in carrying.items() if not found} == {p.name for p in second}
    cuts = sql(
        "select a.source_uri, b.kind, b.text, b.evidence from boilerplate b "
        "join articles a using (article_id, input_sha256) where b.rule = 'learned-boilerplate'"
    )
    evidence = f"seen in 6 of 6 stories of {scope}"
    assert sorted((Path(uri).name, kind, text, why) for uri, kind, text, why in cuts) == [
        (path.name, "learned_boilerplate", PLUG, evidence) for path in second
    ]
    # The second run's stories count too, though their bodies no longer show the line.
    assert sql("select stories, scope_stories from learned_boilerplate") == [(9, 9)]

    _run_in_a_process("-m", "newsnorm.flows.cli", "reprocess", "--warehouse", str(warehouse.root))
    assert not any(_carrying(sql).values())
    assert sql("select count(*) from article_versions") == [(15,)]  # 6 older versions kept
    assert sql("select stories from learned_boilerplate") == [(9,)]  # new versions are copies
    kinds = sql("select kind from runs order by started_at")
    assert kinds == [("ingest",), ("ingest",), ("reprocess",)]
    again = reprocess(warehouse)
    assert (again.stale, again.new_versions) == (0, 0)


def test_copies_of_one_story_never_teach_a_line(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    site = tmp_path / "wire-copies"
    [original] = _stories(site, range(1))
    title, body = original.read_text().split("\n\n", 1)
    for n in range(1, 8):  # re-headlined copies of one story, each with the site's plug
        (site / f"copy{n}.txt").write_text(f"{title}, copy {n}\n\n{body}")
    ingest(site)
    assert sql("select count(distinct story_id) from stories") == [(1,)]
    assert sql("select count(*) from learned_boilerplate") == [(0,)]
    assert sql("select stories from raw_learned_scopes") == [(1,)]


def test_a_line_seen_in_too_few_stories_is_not_cut(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    site = tmp_path / "small-site"
    _stories(site, range(4))
    ingest(site)
    assert sql("select stories, cut from learned_boilerplate") == [(4, False)]
    _stories(site, range(4, 6))
    ingest(site)
    assert all(_carrying(sql).values())
    assert sql("select stories, cut from learned_boilerplate") == [(6, True)]


def test_a_line_in_too_small_a_share_of_a_sites_stories_is_not_cut(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    site = tmp_path / "big-site"
    _stories(site, range(6))
    _stories(site, range(6, 36), plug="")
    ingest(site)
    assert sql("select stories, scope_stories, cut from learned_boilerplate") == [(6, 36, False)]


def test_each_site_learns_its_own_lines(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    _stories(tmp_path / "in" / "one", range(6))
    _stories(tmp_path / "in" / "other", range(6, 8))
    ingest(tmp_path / "in")
    ingest_more = _stories(tmp_path / "in" / "other", range(8, 9))
    ingest(tmp_path / "in")
    assert _carrying(sql)[ingest_more[0].name]  # 3 stories of "other": its own count
    assert sql("select scope_stories, stories, cut from learned_boilerplate order by scope") == [
        (6, 6, True),
        (3, 3, False),
    ]


def test_a_run_whose_learning_failed_is_counted_by_the_next(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    _stories(site, range(6))
    with monkeypatch.context() as broken:
        broken.setattr(newsnorm.flows.engine.learning, "teachers", _fail)
        summary = ingest(site)  # counting fails: said, the run is partial
    assert summary.as_dict()["failed_steps"].startswith("boilerplate learning failed (")
    assert sql("select status from runs") == [("partial",)]
    assert sql("select count(*) from raw_learned_runs") == [(0,)]
    ingest(site)  # nothing new to ingest; the first run's stories are counted now
    assert sql("select stories, scope_stories, cut from learned_boilerplate") == [(6, 6, True)]
    # Only runs that linked articles are counted: the first one, by the second run.
    assert sql("select run_id from raw_learned_runs") == sql(
        "select run_id from runs order by started_at limit 1"
    )


def test_counting_in_small_chunks_gives_the_same_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    _stories(site, range(8))
    _stories(site, range(8, 12), plug="A line that only some of the stories carry, for counting.")
    story = (site / "story000.txt").read_text()
    (site / "copy.txt").write_text(story.replace("Story 0", "Story zero"))  # not a new story
    in_transaction = _watch_reads(monkeypatch)
    earlier = _compare_earlier_stories(monkeypatch)
    counts = []
    for chunk in (1_000, 3):
        monkeypatch.setattr(newsnorm.flows.engine.learning, "LEARN_CHUNK", chunk)
        warehouse = Warehouse.at(tmp_path / f"warehouse-{chunk}")
        execute_ingest([str(site)], IngestSettings(warehouse=warehouse, strict=True))
        with open_warehouse(warehouse, read_only=True) as connection:
            counts.append(
                connection.execute(
                    "select line, stories, scope_stories from learned_boilerplate order by line"
                ).fetchall()
            )
    assert counts[0] == counts[1]
    assert [stories for _, stories, _ in counts[0]] == [4, 8]
    assert sum(earlier)  # a line one earlier chunk carried, no count stored yet
    # Counting reads with no transaction open (one held the memory of every read until it
    # ended, chunk after chunk); only the counts are written in one.
    assert in_transaction
    assert not any(in_transaction)


def _compare_earlier_stories(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Check each chunk's earlier stories, found from the pairs two stories carry (read once
    a run), against the search of every stored article a chunk (`stories_before`); the
    list gets the pairs that had one, chunk by chunk."""
    learning = newsnorm.flows.engine.learning
    found = learning._stories_before
    had: list[int] = []

    def both(connection: Any, run_id: str, first_ids: Any, missing: Any, *rest: Any) -> Any:
        before = found(connection, run_id, first_ids, missing, *rest)
        searched = learning.stories_before(connection, run_id, first_ids, missing)
        assert {pair: count for pair, count in before.items() if count} == searched
        had.append(len(searched))
        return before

    monkeypatch.setattr(learning, "_stories_before", both)
    return had


def _watch_reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether learning's transaction was open at each of its reads."""
    learning = newsnorm.flows.engine.learning
    seen: list[bool] = []
    open_now = [False]
    begin = learning.transaction

    @contextmanager
    def watched_transaction(connection: duckdb.DuckDBPyConnection) -> Iterator[None]:
        open_now[0] = True
        try:
            with begin(connection):
                yield
        finally:
            open_now[0] = False

    monkeypatch.setattr(learning, "transaction", watched_transaction)
    for name in ("taught_text", "stored_counts", "stories_before", "recurring_pairs"):
        read = getattr(learning, name)

        def watched(*args: Any, _read: Any = read) -> Any:
            seen.append(open_now[0])
            return _read(*args)

        monkeypatch.setattr(learning, name, watched)
    return seen


def test_reprocess_leaves_articles_that_kept_a_known_line_on_purpose(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    rail = "Read the rest of our ferry series and more local transport stories on the website."
    _stories(site, range(6), plug=rail)
    ingest(site)
    short = site / "short.txt"
    short.write_text(f"A short brief on the ferry\n\nThe ferry is late again today.\n\n{rail}\n")
    ingest(site)
    [(paragraphs, warnings)] = sql(
        "select paragraphs, warnings from articles where source_uri = ?", short.as_uri()
    )
    assert rail in paragraphs
    assert KEPT_WARNING in warnings
    outcome = reprocess(warehouse)
    assert outcome.stale == 6  # the first run's stories, not the brief that kept it


def _fail(*args: object) -> object:
    raise RuntimeError("counting failed")


def test_lines_the_batches_kept_are_those_the_warehouse_gives_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Learning counts the lines a run's batches kept (flows/engine/taught.py) instead of
    reading them back: for every teacher, cut lines included, they must be the same, and so
    must the lines only cut from it (learning searches their earlier stories apart)."""
    learning = newsnorm.flows.engine.learning
    site = tmp_path / "in" / "harbour-daily"
    warehouse = Warehouse.at(tmp_path / "warehouse")
    _stories(site, range(6))
    execute_ingest([str(site)], IngestSettings(warehouse=warehouse, strict=True))
    compared: list[int] = []
    chunk_lines = learning._chunk_lines

    def both(connection: Any, article_ids: Any, held: Any) -> Any:
        kept, cut = chunk_lines(connection, article_ids, held)
        assert held is not None
        assert len(held.take(article_ids)) == len(article_ids)  # every teacher was kept
        assert (kept, cut) == chunk_lines(connection, article_ids, None)
        compared.append(sum(PLUG in lines for lines in kept.values()))
        compared.append(sum(lines == {PLUG} for lines in cut.values()))
        return kept, cut

    monkeypatch.setattr(learning, "_chunk_lines", both)
    _stories(site, range(6, 9))  # the second run cuts the plug from these three
    execute_ingest([str(site)], IngestSettings(warehouse=warehouse, strict=True))
    assert compared == [3, 3]
    with open_warehouse(warehouse, read_only=True) as connection:
        rows = connection.execute("select stories from learned_boilerplate").fetchall()
    assert rows == [(9,)]


def test_a_run_reads_each_scopes_cut_lines_once_and_cuts_them_in_every_chunk(
    warehouse: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "in" / "harbour-daily"
    _stories(site, range(6))
    execute_ingest([str(site)], IngestSettings(warehouse=warehouse, strict=True))
    newer = _stories(site, range(6, 12))
    _stories(tmp_path / "in" / "other-site", range(12, 15))
    asked: list[str] = []
    read = newsnorm.flows.engine.learning.known_lines

    def watched(connection: Any, scopes: Any) -> Any:
        asked.extend(scopes)
        return read(connection, scopes)

    monkeypatch.setattr(newsnorm.flows.engine.learning, "known_lines", watched)
    # Batches of two files, each its own chunk: the learned lines are asked for by chunk.
    settings = IngestSettings(warehouse=warehouse, strict=True, batch_files=2, grown_batch_files=0)
    execute_ingest([str(tmp_path / "in")], settings)
    assert sorted(asked) == sorted(
        {learning_scope(None, None, p.as_uri()) for p in newer}
        | {learning_scope(None, None, (tmp_path / "in" / "other-site" / "x.txt").as_uri())}
    )
    with open_warehouse(warehouse, read_only=True) as connection:
        carrying = _carrying(lambda query, *args: connection.execute(query, args).fetchall())
    assert not any(carrying[path.name] for path in newer)  # cut in every chunk


def test_known_cuts_let_go_of_their_scopes_past_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[set[str]] = []

    def known(connection: Any, scopes: Any) -> list[tuple[str, str, int, int]]:
        asked.append(set(scopes))
        return [(scope, f"a line of {scope}", 5, 5) for scope in scopes if scope != "bare"]

    monkeypatch.setattr(newsnorm.flows.engine.learning, "known_lines", known)
    cuts = newsnorm.flows.engine.learning.KnownCuts(kept_scopes=3)
    assert set(cuts.lines(None, ["one", "bare"])["one"]) == {"a line of one"}  # type: ignore[arg-type]
    assert cuts.lines(None, ["one", "bare"])["bare"] == {}  # type: ignore[arg-type]
    cuts.lines(None, ["two", "three"])  # type: ignore[arg-type]  # past 3: the first two let go
    cuts.lines(None, ["one", "two"])  # type: ignore[arg-type]
    assert asked == [{"one", "bare"}, {"two", "three"}, {"one"}]


def test_a_run_keeps_a_bounded_number_of_cut_lines_one_scope_string_a_scope(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Bounded by scopes only, 20,000 scopes of 20 cut lines kept 112 MiB in the parent (the
    scope's name stored again in every line): lines are bounded too, and share their scope."""
    learning = newsnorm.flows.engine.learning

    def twenty_lines(connection: object, scopes: Any) -> list[tuple[Any, ...]]:
        # A new string each row, as DuckDB gives.
        return [
            ("".join(scope), f"line {n} of {scope}", 3, 9) for scope in scopes for n in range(20)
        ]

    monkeypatch.setattr(learning, "known_lines", twenty_lines)
    cuts = learning.KnownCuts()
    most = 0
    for n in range(4_000):  # 80,000 lines met, in 4,000 scopes
        known = cuts.lines(None, [f"site{n}.example"])  # type: ignore[arg-type]
        most = max(most, sum(len(lines) for lines in known.values()))
        [line, *_] = known[f"site{n}.example"].values()
        assert line.scope is next(scope for scope in known if scope == line.scope)
    assert most <= learning.KEPT_LINES + 20
