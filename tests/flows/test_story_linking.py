"""Story linking in the warehouse: copies and excerpts share a story, other articles do not,
and incremental runs, one-shot runs and any arrival order give the same stories."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import newsnorm.flows.engine.learning
import newsnorm.flows.stories.linking
from newsnorm.flows.engine.followups import pending_steps
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.transforms.minhash import DATASKETCH, RENSA
from newsnorm.warehouse import instance as process_db
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.story_links import article_bodies
from tests_support import GOLDEN, SEED, STORY_OTHERS, story_variants


def _ingest(warehouse: Warehouse, *sources: Path) -> None:
    settings = IngestSettings(warehouse=warehouse, strict=True)
    execute_ingest([str(source) for source in sources], settings)


@pytest.fixture(scope="module")
def one_shot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Warehouse, dict[str, Path]]:
    """The story variants ingested in one run with today's settings, once for the module:
    the tests below only read it (their own runs go to warehouses of their own)."""
    root = tmp_path_factory.mktemp("one-shot")
    files = story_variants(root / "in")
    warehouse = Warehouse.at(root / "warehouse")
    _ingest(warehouse, root / "in")
    return warehouse, files


def _sql(warehouse: Warehouse, statement: str) -> list[tuple[Any, ...]]:
    with open_warehouse(warehouse, read_only=True) as connection:
        return connection.execute(statement).fetchall()


def _stories(warehouse: Warehouse) -> dict[str, str]:
    """Each article's story, keyed by its source file's name."""
    with open_warehouse(warehouse, read_only=True) as connection:
        rows = connection.execute("select source_uri, story_id from copies").fetchall()
    return {Path(uri).stem: story for uri, story in rows}


def _groups(stories: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for name, story in stories.items():
        groups.setdefault(story, set()).add(name)
    return {frozenset(group) for group in groups.values()}


def test_copies_and_excerpts_share_a_story_and_other_articles_do_not(
    one_shot: tuple[Warehouse, dict[str, Path]],
) -> None:
    warehouse, _ = one_shot
    groups = _groups(_stories(warehouse))
    assert frozenset({"seed", "reheadlined", "excerpt"}) in groups
    assert all(len(group) == 1 for group in groups if "seed" not in group)
    assert len(groups) == 1 + len(STORY_OTHERS)
    [(copies, original_reason, syndicators)] = _sql(
        warehouse, "select copies, original_reason, syndicators from stories where copies > 1"
    )
    assert copies == 3
    assert original_reason == "earliest_ingested"  # text dumps: no URL, no date in common
    assert syndicators == ["Daily Caller News Foundation"]
    rows = _sql(
        warehouse, "select source_uri, similarity, containment from copies where not is_original"
    )
    by_name = {Path(uri).stem: (similarity, containment) for uri, similarity, containment in rows}
    assert by_name["excerpt"][0] < 0.8 < by_name["excerpt"][1]  # low Jaccard, contained


@pytest.mark.parametrize(
    "order",
    [
        ("others", "seed", "reheadlined", "excerpt"),
        ("excerpt", "reheadlined", "others", "seed"),
    ],
)
def test_incremental_runs_in_any_order_give_the_one_shot_stories(
    tmp_path: Path, order: tuple[str, ...], one_shot: tuple[Warehouse, dict[str, Path]]
) -> None:
    files = story_variants(tmp_path / "in")
    incremental = Warehouse.at(tmp_path / "incremental")
    for step in order:
        names = STORY_OTHERS if step == "others" else (step,)
        _ingest(incremental, *(files[name] for name in names))
    assert _stories(incremental) == _stories(one_shot[0])


def test_a_rerun_changes_no_story(tmp_path: Path, warehouse: Warehouse, sql: Any) -> None:
    story_variants(tmp_path / "in")
    _ingest(warehouse, tmp_path / "in")
    before = sql("select count(*) from raw_story_members")
    stories = _stories(warehouse)
    _ingest(warehouse, tmp_path / "in")
    assert sql("select count(*) from raw_story_members") == before
    assert _stories(warehouse) == stories


def test_a_linking_failure_is_said_and_the_next_run_links(
    tmp_path: Path,
    warehouse: Warehouse,
    sql: Callable[..., list[tuple[Any, ...]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = story_variants(tmp_path / "in")

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("linking bug\nsecond line")

    monkeypatch.setattr(newsnorm.flows.stories.linking, "link_new_articles", broken)
    summary = execute_ingest(
        [str(files["seed"]), str(files["excerpt"])], IngestSettings(warehouse=warehouse)
    )
    assert summary.status == "partial"
    assert summary.as_dict()["failed_steps"] == (
        "story linking failed (RuntimeError: linking bug second line)"
    )
    assert sql("select status from runs") == [("partial",)]
    assert sql("select count(*) from articles") == [(2,)]
    assert sql("select count(*) from copies") == [(0,)]
    [pending] = pending_steps(warehouse)
    assert (pending.step, pending.run_id) == ("story linking", summary.run_id)
    monkeypatch.undo()
    later = execute_ingest([str(files["ap"])], IngestSettings(warehouse=warehouse))
    assert later.status == "completed"
    assert sql("select count(*) from copies") == [(3,)]
    assert sql("select copies from stories order by copies desc limit 1") == [(2,)]
    assert pending_steps(warehouse) == []


def test_thresholds_are_configurable(tmp_path: Path, warehouse: Warehouse, sql: Any) -> None:
    from newsnorm.transforms.stories import StorySettings

    story_variants(tmp_path / "in")
    strict = IngestSettings(
        warehouse=warehouse, strict=True, stories=StorySettings(min_shared=10**6)
    )
    execute_ingest([str(tmp_path / "in")], strict)
    assert sql("select max(copies) from stories") == [(1,)]
    assert sql("select count(*) from raw_story_links") == [(0,)]


def test_the_cli_refuses_a_threshold_outside_zero_to_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from newsnorm.flows.cli import main

    with pytest.raises(SystemExit):
        main(["ingest", "--story-min-containment", "1.5", "x"])
    assert "at most 1" in capsys.readouterr().err


def test_the_warehouse_estimate_of_containment_is_the_python_one(
    one_shot: tuple[Warehouse, dict[str, Path]],
) -> None:
    """One SQL definition, the warehouse's macros, serves the candidate filter and the
    `copies` view; bench/stories.py measures with the Python `estimated_containment`: both
    compute the same number, and `copies` shows it (at most 1, 3 decimals)."""
    from newsnorm.transforms.stories import Fingerprint, estimated_containment

    warehouse, files = one_shot
    with open_warehouse(warehouse, read_only=True) as connection:
        stored = {
            Path(str(uri)).stem: Fingerprint(int(count), tuple(minhash), ())
            for uri, count, minhash in connection.execute(
                "select a.source_uri, f.shingle_count, f.minhash from articles a "
                "join raw_story_fingerprints f using (article_id) where f.minhash is not null"
            ).fetchall()
        }
        assert {"seed", "excerpt", "ap"} <= stored.keys() <= files.keys()
        # Every ordered pair in one statement (one a pair took ~40 ms each, mostly binding).
        pairs = connection.execute(
            "with f as (select $names as name, $counts as n, $minhashes as m), "
            "x as (select unnest(name) as name, unnest(n) as n, unnest(m) as m from f) "
            "select a.name, b.name, "
            "containment_from_jaccard(estimated_jaccard(a.m, b.m), a.n, b.n) from x a, x b",
            {
                "names": list(stored),
                "counts": [x.shingle_count for x in stored.values()],
                "minhashes": [list(x.minhash) for x in stored.values()],
            },
        ).fetchall()
        assert len(pairs) == len(stored) ** 2
        for x, y, estimate in pairs:
            assert estimate == pytest.approx(estimated_containment(stored[x], stored[y]))
        shown = connection.execute(
            "select c.source_uri, o.source_uri, c.containment from copies c "
            "join articles o on o.article_id = c.original_article_id where not c.is_original"
        ).fetchall()
    assert shown  # the re-headlined copy and the excerpt
    for copy, original, containment in shown:
        expected = estimated_containment(stored[Path(copy).stem], stored[Path(original).stem])
        assert containment == round(min(1.0, expected), 3)
    assert estimated_containment(stored["seed"], stored["excerpt"]) > 0.8  # excerpt is in seed
    assert estimated_containment(stored["seed"], stored["ap"]) < 0.1


def test_copies_link_and_stories_on_one_subject_do_not(warehouse: Warehouse) -> None:
    """Golden cases: a DCNF story and its republication with other cruft share a story; two
    harbor stories of DCNF and two settlement stories (DCNF, AP) do not."""
    cases = {
        "original": GOLDEN / "dcnf" / "original_page_related_promo.txt",
        "republished": GOLDEN / "dcnf" / "republished_caption_twice.txt",
        "same_subject": GOLDEN / "dcnf" / "original_page_photo_credit.txt",
        "settlement": GOLDEN / "dcnf" / "original_page_no_byline.txt",
        "settlement_wire": GOLDEN / "ap" / "radio_site_date_artefact.txt",
    }
    _ingest(warehouse, *cases.values())
    groups = _groups(_stories(warehouse))
    stem = {name: path.stem for name, path in cases.items()}
    assert frozenset({stem["original"], stem["republished"]}) in groups
    alone = ("same_subject", "settlement", "settlement_wire")
    assert {frozenset({stem[name]}) for name in alone} <= groups


def _many_copies(folder: Path, copies: int) -> list[Path]:
    """The seed under `copies` headlines of its own, as when many sites run one story."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = SEED.read_text(encoding="utf-8").splitlines()
    paths = []
    for number in range(copies):
        path = folder / f"copy{number:02d}.txt"
        path.write_text("\n".join([f"Ceasefire Talks, Day {number + 1}", *lines[1:]]) + "\n")
        paths.append(path)
    return paths


def test_many_copies_join_one_story_through_a_bounded_sample(
    tmp_path: Path, warehouse: Warehouse, sql: Callable[..., list[tuple[Any, ...]]]
) -> None:
    """Every band key of these copies is held by all twelve: each new copy meets two
    holders of a key and keeps three candidates, yet all join one story, with one link
    each (no spare links asked) instead of one per pair."""
    from newsnorm.transforms.stories import StorySettings

    _many_copies(tmp_path / "in", 12)
    bounded = StorySettings(bucket_cap=2, candidate_cap=3, spare_links=0)
    execute_ingest([str(tmp_path / "in")], IngestSettings(warehouse, strict=True, stories=bounded))
    assert _groups(_stories(warehouse)) == {frozenset(f"copy{n:02d}" for n in range(12))}
    assert sql("select count(*) from raw_story_links") == [(11,)]


@pytest.mark.parametrize(("caps", "most"), [((100, 100), 66), ((2, 100), 12 * 2), ((100, 1), 12)])
def test_candidates_are_capped_per_band_key_and_per_article(
    tmp_path: Path, warehouse: Warehouse, caps: tuple[int, int], most: int
) -> None:
    from newsnorm.transforms.stories import DEFAULT_SETTINGS
    from newsnorm.warehouse.story_links import candidate_pairs

    _many_copies(tmp_path / "in", 12)
    _ingest(warehouse, tmp_path / "in")
    with open_warehouse(warehouse, read_only=False) as connection:
        keys = [
            (str(article), int(key))
            for article, bands in connection.execute(
                "select article_id, bands from raw_story_fingerprints"
            ).fetchall()
            for key in bands
        ]
        pairs = candidate_pairs(connection, keys, DEFAULT_SETTINGS.version(), 0.25, caps)
    assert len({a for pair in pairs for a in pair}) == 12
    assert len(pairs) <= most
    assert caps != (100, 100) or len(pairs) == most  # uncapped: every pair


@pytest.mark.skipif(RENSA is None, reason="rensa's wheel is not installed here")
def test_a_warehouse_fingerprinted_by_datasketch_is_fingerprinted_again_and_keeps_its_stories(
    tmp_path: Path, warehouse: Warehouse, sql: Callable[..., list[tuple[Any, ...]]]
) -> None:
    """A warehouse from before rensa: its articles are fingerprinted again by the next run
    (signatures of two engines never meet), keep their stories and the run that first
    linked them, and a new copy joins their story."""
    from newsnorm.transforms.stories import DEFAULT_SETTINGS, StorySettings

    files = story_variants(tmp_path / "in")
    excerpt = files.pop("excerpt")
    old = StorySettings(engine=DATASKETCH)
    execute_ingest([str(path) for path in files.values()], IngestSettings(warehouse, stories=old))
    groups = _groups(_stories(warehouse))
    first_runs = sql("select article_id, run_id from raw_story_fingerprints order by 1")
    assert sql("select distinct settings from raw_story_fingerprints") == [(old.version(),)]
    _ingest(warehouse, excerpt)
    assert sql("select distinct settings from raw_story_fingerprints") == [
        (DEFAULT_SETTINGS.version(),)
    ]
    again = sql("select article_id, run_id from raw_story_fingerprints order by 1")
    assert set(first_runs) < set(again)  # same runs; the excerpt's is new
    assert sql("select count(*), count(distinct article_id) from copies")[0] == (7, 7)
    seed_story = next(group for group in groups if "seed" in group)
    assert seed_story | {"excerpt"} in _groups(_stories(warehouse))


def _bodies_read_linking_in_pairs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Link two articles a chunk from now on; the returned list fills with the ids of the
    stored bodies linking reads."""
    linking = newsnorm.flows.stories.linking
    link, read = linking.link_new_articles, []

    def in_pairs(*args: Any, **options: Any) -> Any:
        return link(*args, **options, chunk=2)

    def reading(connection: Any, ids: Any, row_ids: Any = None) -> dict[str, str]:
        read.extend(ids)
        return article_bodies(connection, ids, row_ids)

    monkeypatch.setattr(linking, "link_new_articles", in_pairs)
    monkeypatch.setattr(linking, "article_bodies", reading)
    return read


def test_a_chunk_reuses_the_hashed_shingles_of_what_the_chunk_before_paired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twelve copies linked two at a time: every chunk pairs every stored copy, whose
    hashed shingles the chunk before carried over, so each body is read once in the run
    (not again in every later chunk), and the stories are those of one chunk."""
    _many_copies(tmp_path / "in", 12)
    one_chunk = Warehouse.at(tmp_path / "one-chunk")
    _ingest(one_chunk, tmp_path / "in")
    read = _bodies_read_linking_in_pairs(monkeypatch)
    small_chunks = Warehouse.at(tmp_path / "small-chunks")
    _ingest(small_chunks, tmp_path / "in")
    assert sorted(read) == sorted(set(read))
    assert len(read) == 12
    assert _groups(_stories(small_chunks)) == _groups(_stories(one_chunk))
    assert len(_groups(_stories(small_chunks))) == 1


def test_the_carry_holds_no_more_bytes_than_its_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a budget below one body's hashed shingles nothing is carried: later chunks
    read the stored bodies again, and the stories are the same."""
    _many_copies(tmp_path / "in", 6)
    read = _bodies_read_linking_in_pairs(monkeypatch)
    monkeypatch.setattr(newsnorm.flows.stories.linking, "CARRIED_BYTES", 8)
    warehouse = Warehouse.at(tmp_path / "w")
    _ingest(warehouse, tmp_path / "in")
    assert len(read) > len(set(read)) == 6
    assert len(_groups(_stories(warehouse))) == 1


def test_linking_in_small_chunks_links_every_article_into_the_same_stories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_shot: tuple[Warehouse, dict[str, Path]]
) -> None:
    """The unlinked ids are asked for once per pass and linked chunk by chunk, each chunk's
    bodies read within its row-id range; an article outside the range it was given (row
    ids moved under the pass) is read all the same. Passes of a few chunks, each on a fresh
    DuckDB instance, cut the same chunks."""
    story_variants(tmp_path / "in")
    one_chunk = one_shot[0]
    link = newsnorm.flows.stories.linking.link_new_articles
    instances: list[object] = []

    def in_pairs(*args: Any, **options: Any) -> Any:
        instances.append(process_db._instance)
        return link(*args, **options, chunk=2)

    monkeypatch.setattr(newsnorm.flows.stories.linking, "link_new_articles", in_pairs)
    monkeypatch.setattr(newsnorm.flows.stories.linking, "LINK_PASS", 3)  # one chunk a pass
    small_chunks = Warehouse.at(tmp_path / "small-chunks")
    _ingest(small_chunks, tmp_path / "in")
    with open_warehouse(small_chunks, read_only=True) as connection:
        counts = connection.execute(
            "select (select count(*) from raw_articles), "
            "(select count(distinct article_id) from raw_story_fingerprints)"
        ).fetchone()
    assert counts is not None
    assert counts[0] == counts[1] > 4
    assert _stories(small_chunks) == _stories(one_chunk)
    assert len(instances) == len({id(instance) for instance in instances}) >= counts[0] // 2
    with open_warehouse(small_chunks, read_only=True) as connection:
        rows = connection.execute("select rowid, article_id from raw_articles").fetchall()
        ids = [article_id for _, article_id in rows]
        everything = article_bodies(connection, ids)
        first_row = min(row_id for row_id, _ in rows)
        assert len(everything) == len(ids)
        assert article_bodies(connection, ids, (first_row, first_row)) == everything


def test_a_pass_asks_for_its_own_articles_and_one_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pass holds the unlinked articles of its own chunks, not every one left (a
    100,000-article run held them all, pass after pass): it asks for one past its own, to
    know whether another pass follows, and the passes together link every article once."""
    story_variants(tmp_path / "in")
    linking = newsnorm.flows.stories.linking
    link, unlinked = linking.link_new_articles, linking.unlinked_articles
    asked: list[tuple[int | None, list[str]]] = []

    def in_pairs(*args: Any, **options: Any) -> Any:
        return link(*args, **options, chunk=2)

    def watched(connection: Any, settings: str, most: int | None = None) -> Any:
        found = unlinked(connection, settings, most)
        asked.append((most, [article_id for _, article_id in found]))
        return found

    monkeypatch.setattr(linking, "link_new_articles", in_pairs)
    monkeypatch.setattr(linking, "unlinked_articles", watched)
    monkeypatch.setattr(linking, "LINK_PASS", 3)  # one chunk of two a pass
    warehouse = Warehouse.at(tmp_path / "w")
    _ingest(warehouse, tmp_path / "in")
    with open_warehouse(warehouse, read_only=True) as connection:
        articles = connection.execute("select count(distinct article_id) from raw_articles")
        total = articles.fetchone()
    assert total is not None
    assert total[0] > 4
    assert {most for most, _ in asked} == {3}
    assert all(len(found) == 3 for _, found in asked[:-1])
    assert len(asked[-1][1]) <= 2  # the last pass: none left past it
    linked = [article_id for _, found in asked for article_id in found[:2]]
    assert len(linked) == len(set(linked)) == total[0]
    assert [found[2] for _, found in asked[:-1]] == [found[0] for _, found in asked[1:]]


def test_linking_and_learning_each_start_on_a_fresh_duckdb_instance(
    tmp_path: Path, warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batches' and linking's scans leave memory with the instance they used: each step
    after the commits gets a new one."""
    used: dict[str, object] = {}
    link = newsnorm.flows.stories.linking.link_new_articles
    learn = newsnorm.flows.engine.learning.learn_new_stories

    def recorded(step: str, action: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **options: Any) -> Any:
            used[step] = process_db._instance
            return action(*args, **options)

        return run

    monkeypatch.setattr(newsnorm.flows.stories.linking, "link_new_articles", recorded("link", link))
    monkeypatch.setattr(
        newsnorm.flows.engine.learning, "learn_new_stories", recorded("learn", learn)
    )
    story_variants(tmp_path / "in")
    _ingest(warehouse, tmp_path / "in")
    assert used["link"] is not None
    assert used["learn"] is not None
    assert used["link"] is not used["learn"]
