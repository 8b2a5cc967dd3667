"""Story fingerprints made by the run's workers: linking stores the fingerprint of the body
it stores, whether the workers made it or the parent cut a learned line from that body
after them (the article then has another id, and linking fingerprints its body itself)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine import workers
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.stories import handed
from newsnorm.transforms.handoff import body_fingerprint
from newsnorm.transforms.stories import DEFAULT_SETTINGS
from newsnorm.warehouse.lake import Warehouse

Sql = Callable[..., list[tuple[Any, ...]]]
WORDS = ["council", "budget", "school", "river", "police", "bridge", "farm", "union", "storm"]
PLUG = "Tide Courier is printed in Falmouth by the Estuary Press Guild since 1904 each week."


def _write_stories(folder: Path, names: range) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(names.start)
    for n in names:
        lines = [
            " ".join(rng.choice(WORDS) for _ in range(30)).capitalize() + "." for _ in range(3)
        ]
        text = "\n\n".join([f"Story {n} on the {rng.choice(WORDS)}", *lines, PLUG])
        (folder / f"story{n:03d}.txt").write_text(text)
    # A copy of the first story under another headline: linking has a pair to verify.
    first = (folder / f"story{names.start:03d}.txt").read_text().split("\n\n", 1)[1]
    (folder / f"copy{names.start:03d}.txt").write_text(f"Copy of story {names.start}\n\n{first}")


def test_linking_fingerprints_the_stored_body_when_a_learned_line_cut_it(
    warehouse: Warehouse, sql: Sql, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "MIN_POOLED", 1)  # every chunk goes to the workers
    monkeypatch.setattr(workers, "available_cores", lambda: 2)
    taken: list[set[str]] = []
    original = handed.HandedFingerprints.take

    def spied(self: Any, article_ids: Any, settings: Any) -> Any:
        found = original(self, article_ids, settings)
        taken.append(set(found))
        return found

    monkeypatch.setattr(handed.HandedFingerprints, "take", spied)
    site = tmp_path / "in" / "tide-courier"
    settings = IngestSettings(warehouse=warehouse, strict=True)
    _write_stories(site, range(6))
    execute_ingest([str(site)], settings)
    first = {str(a) for (a,) in sql("select article_id from articles")}
    assert taken == [first]  # every fingerprint made by the workers
    assert len(first) == 7
    assert sql("select cut from learned_boilerplate where line = ?", PLUG) == [(True,)]

    _write_stories(site, range(6, 10))
    taken.clear()
    execute_ingest([str(site)], settings)
    second = {str(a) for (a,) in sql("select article_id from articles")} - first
    bodies = dict(sql("select article_id, body from articles"))
    assert len(second) == 5
    assert not any(PLUG in bodies[a] for a in second)  # the line was cut
    assert taken == [set()]  # the workers fingerprinted the bodies before the cut: none used

    stored = sql("select article_id, shingle_count, minhash, bands from raw_story_fingerprints")
    assert len(stored) == 12
    for article_id, count, minhash, bands in stored:
        made = body_fingerprint(bodies[article_id], DEFAULT_SETTINGS)
        assert made is not None
        assert (count, tuple(minhash), tuple(bands)) == (
            made.shingle_count,
            made.minhash,
            made.bands,
        )
    assert sql("select count(*) from raw_story_links") == [(2,)]
