"""Story linking at warehouse scale: the time to link new articles against stored ones.

Issue #7 asks for the time to link 10k new articles against 100k existing ones. This
builds a warehouse with `--existing` generated articles (Zipf-distributed words), links
them all once (the backfill), then adds `--new` articles of which a tenth are copies of
stored ones (verbatim, re-headlined, excerpts) and times linking only those, which is
what each ingest pays. Articles are inserted directly (no ingest), so only linking is
measured. It prints candidates, links, seconds and articles/s, and checks that every
planted copy landed in its original's story.

Usage, from the repository root:
    .venv/bin/python bench/story_linking.py [--existing 100000] [--new 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from corpus import SEED, headline

from newsnorm.flows.stories.linking import link_new_articles
from newsnorm.schemas.tables import ARTICLES
from newsnorm.schemas.validate import to_table, version_of
from newsnorm.warehouse.contract import prepare_warehouse
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.writer import commit_tables

ROOT = Path(__file__).resolve().parent.parent

INSERT_CHUNK = 5_000
COPY_SHARE = 0.1


def article_row(title: str, body_paragraphs: list[str], number: int) -> dict[str, object]:
    body = "\n\n".join(body_paragraphs)
    article_id = hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()[:32]
    return {
        "article_id": article_id,
        "title": title,
        "authors": [],
        "adapter": "generic",
        "adapter_version": 1,
        "body": body,
        "paragraphs": body_paragraphs,
        "related": [],
        "word_count": len(body.split()),
        "source_uri": f"bench://article/{number}",
        "input_sha256": hashlib.sha256(body.encode()).hexdigest(),
        "run_id": "bench",
        "ingested_at": datetime.now(UTC),
        "schema_version": version_of(ARTICLES),
    }


def insert(warehouse: Warehouse, rows: list[dict[str, object]]) -> None:
    for start in range(0, len(rows), INSERT_CHUNK):
        with open_warehouse(warehouse, read_only=False) as connection:
            prepare_warehouse(connection)
            commit_tables(
                connection, {"articles": to_table(rows[start : start + INSERT_CHUNK], ARTICLES)}
            )


VOCABULARY = np.array([f"w{rank}" for rank in range(1, 30_001)])
WEIGHTS = 1 / np.arange(1, 30_001)  # Zipf, like the words of real text
WEIGHTS /= WEIGHTS.sum()


def generate(rng: random.Random, first: int, count: int) -> list[tuple[str, list[str]]]:
    """Unrelated articles: a headline and 4-12 paragraphs of Zipf-distributed words (real
    unrelated stories share few 5-word runs; bench/corpus.py's template sentences share
    many, which would measure the templates, not linking)."""
    words = np.random.default_rng(first)
    articles = []
    for i in range(count):
        sizes = words.integers(30, 90, size=rng.randint(4, 12))
        drawn = VOCABULARY[words.choice(len(VOCABULARY), size=int(sizes.sum()), p=WEIGHTS)]
        body, start = [], 0
        for size in sizes:
            body.append(" ".join(drawn[start : start + size]))
            start += size
        articles.append((headline(rng, first + i), body))
    return articles


def plant_copies(
    rng: random.Random, stored: list[tuple[str, list[str]]], count: int
) -> list[tuple[int, tuple[str, list[str]]]]:
    """(index of the stored original, copy) pairs: verbatim body re-headlined, or an
    excerpt of its first half, or with a sentence of site cruft appended."""
    planted = []
    for _ in range(count):
        index = rng.randrange(len(stored))
        title, body = stored[index]
        kind = rng.randrange(3)
        if kind == 0:
            copy = (f"{title}: What We Know", body)
        elif kind == 1:
            copy = (title, body[: max(2, len(body) // 2)])
        else:
            copy = (title, [*body, "Sign up for our daily newsletter to get stories like this."])
        planted.append((index, copy))
    return planted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--existing", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=10_000)
    args = parser.parse_args(argv)
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="newsnorm-story-bench-") as scratch:
        warehouse = Warehouse.at(Path(scratch) / "warehouse")
        start = time.perf_counter()
        stored = generate(rng, 0, args.existing)
        insert(warehouse, [article_row(t, p, i) for i, (t, p) in enumerate(stored)])
        print(
            f"stored          {args.existing:,} articles inserted "
            f"in {time.perf_counter() - start:.1f} s"
        )
        start = time.perf_counter()
        with open_warehouse(warehouse, read_only=False) as connection:
            backfill = link_new_articles(connection, "bench-backfill")
        backfill_s = time.perf_counter() - start
        print(
            f"backfill        {backfill.describe()} in {backfill_s:.1f} s "
            f"({backfill.articles / backfill_s:,.0f} articles/s)"
        )
        copies = round(args.new * COPY_SHARE)
        planted = plant_copies(rng, stored, copies)
        fresh = generate(rng, args.existing, args.new - copies)
        new_rows = [article_row(t, p, args.existing + i) for i, (t, p) in enumerate(fresh)]
        copy_rows = [
            article_row(t, p, 2 * args.existing + i) for i, (_, (t, p)) in enumerate(planted)
        ]
        insert(warehouse, new_rows + copy_rows)
        start = time.perf_counter()
        with open_warehouse(warehouse, read_only=False) as connection:
            linked = link_new_articles(connection, "bench-new")
        linked_s = time.perf_counter() - start
        print(
            f"new             {linked.describe()} in {linked_s:.1f} s "
            f"({linked.articles / linked_s:,.0f} articles/s): {args.new:,} new against "
            f"{args.existing:,} stored"
        )
        with open_warehouse(warehouse, read_only=True) as connection:
            members = dict(
                connection.execute(
                    "select article_id, story_id from raw_story_members qualify row_number() "
                    "over (partition by article_id order by assigned_at desc) = 1"
                ).fetchall()
            )
        originals = [str(article_row(*stored[i], i)["article_id"]) for i, _ in planted]
        found = sum(
            members.get(str(row["article_id"])) == members.get(original)
            for row, original in zip(copy_rows, originals, strict=True)
        )
        print(
            f"check           {found:,} of {len(copy_rows):,} planted copies share "
            "their original's story"
        )
    return 0 if found == len(copy_rows) else 1


if __name__ == "__main__":
    sys.exit(main())
