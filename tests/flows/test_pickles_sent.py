"""What crosses from the workers (docs/history/scale.md, twenty-fifth round): an article the run's
process has no reason to read (no learned line to cut in its scope) crosses as its facts and
its prebuilt rows, without its pickle, and is made again, equal, if read all the same; a
run's articles of a scope with cut lines still cross pickled; a chunk with work to spare is
sent in larger groups."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine import prebuilt, runner, workers
from newsnorm.flows.engine.prebuilt import ArticleFacts, Prebuilt
from newsnorm.flows.engine.processing import BatchSettings, process_here, process_input
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.engine.taught import TaughtLines, article_lines
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.learned import learning_scope
from newsnorm.transforms.pipeline import Processed
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.learned import cut_scopes
from tests_support import golden_inputs, write_site_stories

SETTINGS = BatchSettings(max_bytes=10_000_000)
WORDS = ("tide", "quay", "ferry", "council", "gull", "lantern", "harbour", "rope", "mill")
PLUG = "The Saltmarsh Ledger has been printed above the old rope works since 1887."


def _raws() -> list[RawInput]:
    return golden_inputs(lambda n: f"file:///in/site{n % 3}/{n}.txt")


def _scope(raw: RawInput, result: Processed) -> str:
    return learning_scope(result.article.url, result.article.site, raw.uri)


def test_only_articles_of_scopes_with_cut_lines_cross_pickled(
    in_workers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    raws = _raws()
    here = list(process_here(raws, load_adapters(), SETTINGS))
    scopes = {_scope(raw, r) for raw, r in zip(raws, here, strict=True) if isinstance(r, Processed)}
    assert len(scopes) > 1
    kept = sorted(scopes)[0]
    monkeypatch.setattr(workers, "_cut_scopes", frozenset({kept}))
    items = [(raw, SETTINGS, None, True) for raw in raws]
    results, rows = workers._work_group(items)
    assert rows is not None
    sent = {raw.uri: result[0] for raw, result in zip(raws, results, strict=True)}
    for raw, result in zip(raws, here, strict=True):
        if isinstance(result, Processed):
            assert bool(sent[raw.uri]) == (_scope(raw, result) == kept), raw.uri
    monkeypatch.setattr(workers, "_cut_scopes", None)  # scopes not known: every one pickled
    assert all(result[0] for result in workers._work_group(items)[0] if len(result) == 3)


def test_an_article_sent_without_its_pickle_is_made_again_equal(
    in_workers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    raws, adapters = _raws(), load_adapters()
    monkeypatch.setattr(workers, "_cut_scopes", frozenset())
    remakes = iter([lambda raw=raw: process_input(raw, adapters, SETTINGS) for raw in raws])
    group = workers._work_group([(raw, SETTINGS, None, False) for raw in raws])
    made = [
        result
        for result in workers._as_results(iter([group]), None, None, remakes)
        if isinstance(result, Prebuilt)
    ]
    assert len(made) > 10
    assert not any(result._pickled for result in made)
    here = [r for r in process_here(raws, adapters, SETTINGS) if isinstance(r, Processed)]
    assert made == here
    copy = pickle.loads(pickle.dumps(made[0]))
    assert type(copy) is Processed
    assert copy == made[0]


def test_an_input_made_again_into_another_article_is_refused() -> None:
    raws, adapters = _raws(), load_adapters()
    other = process_input(raws[1], adapters, SETTINGS)
    facts = ArticleFacts("not-the-id-of-that-article", "generic", "utf-8", None, None)
    unread = Prebuilt(b"", facts, None, lambda: other)
    with pytest.raises(RuntimeError, match="not made again"):
        _ = unread.article
    with pytest.raises(RuntimeError, match="not made again"):
        _ = Prebuilt(b"", facts, None).article  # nothing to make it with


def test_the_first_of_a_chunks_copies_keeps_its_offered_lines(in_workers: None) -> None:
    """Two inputs of one article in a chunk: the first, the one a batch adds, is held with
    the lines offered for it, its article not read (nor made again)."""
    [raw, *_] = _raws()
    copy = RawInput(raw.uri.replace(".txt", "-copy.txt"), raw.sha256, raw.size, raw.data)
    group = workers._work_group([(item, SETTINGS, None, True) for item in (raw, copy)])
    taught = TaughtLines()
    first, second = workers._as_results(iter([group]), None, taught)
    assert isinstance(first, Prebuilt)
    assert isinstance(second, Prebuilt)
    assert first.facts.article_id == second.facts.article_id
    taught.add_result(first)
    assert first._read is None
    expected = article_lines(first.article)
    assert taught.take([first.facts.article_id]) == {first.facts.article_id: expected}
    taught.close()


def _stories(folder: Path, names: range, plug: str | None) -> None:
    write_site_stories(folder, names, plug, WORDS)


def test_a_run_pickles_the_articles_of_scopes_with_cut_lines_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second run's chunk holds articles of a site whose plug the first run taught (cut
    here: read from their pickles) and of a site with no cut line (never read, never made
    again here); the run asks once, at its start, which scopes hold a cut line."""
    monkeypatch.setattr(workers, "available_cores", lambda: 2)
    monkeypatch.setattr(workers, "MIN_POOLED", 1)
    warehouse = Warehouse.at(tmp_path / "w")
    ledger, other = tmp_path / "in" / "saltmarsh-ledger", tmp_path / "in" / "mill-weekly"
    _stories(ledger, range(40), PLUG)
    execute = runner.execute_ingest
    execute([str(ledger)], IngestSettings(warehouse=warehouse, strict=True))
    scope = learning_scope(None, None, (ledger / "story000.txt").as_uri())
    with open_warehouse(warehouse, read_only=True) as connection:
        assert cut_scopes(connection, 5) == frozenset({scope})
        assert cut_scopes(connection, 0) is None  # past the bound: every article pickled
    _stories(ledger, range(40, 80), PLUG)
    _stories(other, range(100, 140), None)
    unpickled: list[Any] = []
    remade: list[Any] = []
    loads, again = prebuilt.pickle.loads, Prebuilt._made_again
    monkeypatch.setattr(prebuilt.pickle, "loads", lambda data: unpickled.append(1) or loads(data))
    monkeypatch.setattr(Prebuilt, "_made_again", lambda self: remade.append(1) or again(self))
    counts = execute([str(tmp_path / "in")], IngestSettings(warehouse=warehouse, strict=True))
    assert counts.counts.ingested == 80
    assert (len(unpickled), len(remade)) == (40, 0)  # the ledger's new stories, read to cut


def test_a_chunk_with_work_to_spare_goes_in_larger_groups() -> None:
    chunk = workers.group_size(500, 2)
    assert workers.SEND_AT_ONCE < chunk <= workers.MOST_AT_ONCE
    assert 500 / chunk >= 2 * workers.GROUPS_A_WORKER  # each worker still takes several
    assert workers.group_size(workers.MIN_POOLED, 2) == workers.SEND_AT_ONCE
    assert workers.group_size(100_000, 2) == workers.MOST_AT_ONCE


def test_a_later_copy_keeps_its_own_offer_when_the_first_was_changed_here(
    in_workers: None,
) -> None:
    """Review of pcpu29: the first of a chunk's copies changed in the parent (a learned line
    cut gives it another id) is not the one added; the next copy, crossed without its
    pickle, found the first's offer and was made again in the parent."""
    [raw, *_] = _raws()
    copy = RawInput(raw.uri.replace(".txt", "-copy.txt"), raw.sha256, raw.size, raw.data)
    group = workers._work_group([(item, SETTINGS, None, True) for item in (raw, copy)])
    taught = TaughtLines()
    _first, second = workers._as_results(iter([group]), None, taught)
    assert isinstance(second, Prebuilt)
    taught.add_result(second)  # the first was changed and added as another article
    assert second._read is None  # held with its own offered lines, its article not read
    assert second.facts.article_id in taught.take([second.facts.article_id])
    taught.close()


def test_an_article_that_cannot_be_made_again_is_left_to_learning_not_the_run(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Review of pcpu29: processing in the parent can disagree with the worker's (a JSON
    record nested near the recursion limit, met at another stack depth under spawn); the
    refusal ended the run and lost every input of its chunk. Its lines are not held:
    learning reads the stored article back."""
    facts = ArticleFacts("an-article-made-in-a-worker", "generic", "utf-8", None, None)
    unread = Prebuilt(b"", facts, None, lambda: None)
    taught = TaughtLines()
    taught.add_result(unread)
    assert taught.take([facts.article_id]) == {}
    assert "not made again" in caplog.text
    taught.close()
