"""Story linking's CPU per chunk, by step: relink a kept warehouse from empty story tables.

Why: a whole ingest mixes linking with the batches and the machine's load; a chunk's process
CPU by step says which step a change moved. The warehouse is copied (the original is kept),
its story tables emptied, and its articles linked again chunk by chunk as a run links them
after its batches: each chunk's fingerprints made first from its bodies (as a run's workers
hand them over) and timed apart, then `_link_chunk` timed in process CPU (DuckDB's threads
included), with each named step's share. Prints one JSON line a chunk and the medians of
the chunks after the first.

Usage, from the repository root (a warehouse kept by `bench/ingest.py --keep DIR`):
    .venv/bin/python bench/linking_chunks.py DIR/warehouse SCRATCH [--chunks N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import newsnorm.warehouse.story_bands as story_bands
import newsnorm.warehouse.story_links as story_links
from newsnorm.flows.stories import linking, originals
from newsnorm.flows.stories.chunks import fingerprinted
from newsnorm.flows.stories.originals import WeighedStories
from newsnorm.transforms.handoff import body_fingerprint
from newsnorm.transforms.stories import DEFAULT_SETTINGS
from newsnorm.warehouse.lake import Warehouse, open_warehouse

STORY_TABLES = ("fingerprints", "members", "links", "originals", "band_holders")
# Steps timed apart, where the module has them (names of linking's own module first).
LINKING_STEPS = (
    "_hashed_shingles", "article_bodies", "candidate_pairs", "shingle_hashes", "overlap",
    "shingles", "similarity", "verify_candidates", "stories_of", "_story_changes",
    "insert_tables", "drop_other_fingerprints",
)  # fmt: skip
QUERY_STEPS = ("record_holders", "_estimated")
# The band-key index's read (code from before: within record_holders, not apart).
BAND_STEPS = ("held_rows",)
# The originals' reads (of stories not weighed yet; of the new members' facts).
ORIGINALS_STEPS = ("_read_whole", "copy_facts")


def _timed(spent: dict[str, float], name: str, step: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **options: Any) -> Any:
        start = time.process_time()
        try:
            return step(*args, **options)
        finally:
            spent[name] += time.process_time() - start

    return timed


def relink(source: Path, scratch: Path, chunks: int) -> list[dict[str, float]]:
    """Process CPU seconds of each chunk's linking and its steps, and of its fingerprints."""
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(source, scratch)
    warehouse, spent = Warehouse(scratch), defaultdict[str, float](float)
    steps = (
        (linking, LINKING_STEPS),
        (story_links, QUERY_STEPS),
        (originals, ORIGINALS_STEPS),
        (story_bands, BAND_STEPS),
    )
    for module, names in steps:
        for name in names:
            if hasattr(module, name):
                setattr(module, name, _timed(spent, name, getattr(module, name)))
    rows, summary, weighed = [], linking.LinkSummary(), WeighedStories()
    carried: dict[str, Any] = {}
    extra = (carried,) if hasattr(linking, "CARRIED_BYTES") else ()  # code from before the carry
    with open_warehouse(warehouse, read_only=False) as connection:
        for table in STORY_TABLES:
            connection.execute(f"delete from raw_story_{table}")
        unlinked = story_links.unlinked_articles(connection, DEFAULT_SETTINGS.version())
        # As link_new_articles asks once a pass (code from before: every chunk).
        options: dict[str, Any] = {}
        if hasattr(story_links, "other_fingerprints"):
            version = DEFAULT_SETTINGS.version()
            options["replacing"] = story_links.other_fingerprints(connection, version)
        held = linking.HeldAhead() if hasattr(linking, "HeldAhead") else None
        if held is not None and not options.get("replacing", True):
            options["held"] = held  # as link_new_articles keeps the next chunk's index rows
            if hasattr(linking, "KeptSignatures"):  # and the signatures its chunks paired
                options["signatures"] = linking.KeptSignatures()
        made = _made(connection, unlinked[: chunks * linking.LINK_CHUNK])
        following = next(made, None)
        while following is not None:
            (chunk, fingerprints), following = following, next(made, None)
            if held is not None:  # the last chunk expects none, as a run's last link does
                held.expect(
                    [f.bands for f in following[0].prints.values() if f] if following else None
                )
            spent.clear()
            begun = time.process_time()
            linking._link_chunk(
                connection, chunk, "bench", DEFAULT_SETTINGS, summary, weighed, *extra, **options
            )
            row = {"link": time.process_time() - begun, "fingerprints": fingerprints}
            rows.append(row | dict(spent))
            print(json.dumps({k: round(v, 3) for k, v in rows[-1].items()}), flush=True)
    print(summary.describe())
    return rows


def _made(connection: Any, unlinked: list[tuple[int, str]]) -> Iterator[tuple[Any, float]]:
    """Each chunk fingerprinted from its bodies (as a run's workers hand them over), with the
    process CPU that took: made one chunk ahead, as a run's linking has the next chunk's."""
    for start in range(0, len(unlinked), linking.LINK_CHUNK):
        part = unlinked[start : start + linking.LINK_CHUNK]
        ids, span = [a for _, a in part], (part[0][0], part[-1][0])
        begun = time.process_time()
        bodies = story_links.article_bodies(connection, ids, span)
        given = {a: body_fingerprint(bodies[a], DEFAULT_SETTINGS) for a in ids}
        chunk = fingerprinted(ids, {}, span, DEFAULT_SETTINGS, given)
        yield chunk, time.process_time() - begun


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("warehouse", type=Path, help="a kept warehouse (copied, not changed)")
    parser.add_argument("scratch", type=Path, help="where the copy goes (replaced)")
    parser.add_argument("--chunks", type=int, default=20, help="chunks to link")
    options = parser.parse_args()
    later = relink(options.warehouse, options.scratch, options.chunks)[1:]
    steps = sorted({step for row in later for step in row})
    medians = {step: round(statistics.median(r.get(step, 0.0) for r in later), 3) for step in steps}
    print("medians after the first chunk:", json.dumps(medians))


if __name__ == "__main__":
    main()
