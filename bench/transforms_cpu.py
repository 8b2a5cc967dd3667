"""Per-document CPU benchmark of the pure transforms (issue #6): no I/O, no Prefect, no tables.

It generates the same reproducible corpus as bench/ingest.py (seeded `random.Random(42)`,
written to a temporary folder and read back once), keeps the decoded texts in memory, and
times `transforms.pipeline.process_text` over them, several rounds, reporting the median
ms/doc and docs/s. With --stages it also times each stage of `process_text` on its own
(document + fold, listing check, detection, cleaning, cleaning followed by the
`replace` that adds detection evidence, as process_text does, and the whole-page story
stage `dump.story.find_story` over the cleaned articles), so a change can be attributed.
With --worker it times what a pool worker does with each input instead (flows/engine/
workers.py, `_work`): `process_input` from the file's bytes, the lines it teaches learning
and its packed story fingerprint, CPU µs an article each.
Why: ingest's end-to-end figure mixes reading, hashing, Arrow and DuckDB with the
transforms; this isolates the part the transforms own, on a noisy machine (take the
median of several rounds, and run it more than once).

Usage, from the repository root:
    .venv/bin/python bench/transforms_cpu.py [--docs N] [--rounds R] [--stages]
    .venv/bin/python bench/transforms_cpu.py --worker [--corpus diverse|dense] [--docs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from corpus import CORPORA, SEED, generate_corpus

from newsnorm.flows.engine.processing import BatchSettings, process_input
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.taught import article_lines
from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.registry import load_adapters, select_adapter
from newsnorm.transforms.dump.story import find_story
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.handoff import packed_body
from newsnorm.transforms.listing import listing_reason
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Document
from newsnorm.transforms.stories import StorySettings

ROOT = Path(__file__).resolve().parent.parent


def corpus_texts(docs: int, shape: str = "diverse") -> list[str]:
    """The bench corpus' decodable texts (junk inputs left out), in file-name order."""
    return [
        data.decode("utf-8") for data in corpus_files(docs, shape) if data and b"\0" not in data
    ]


def corpus_files(docs: int, shape: str) -> list[bytes]:
    """The bench corpus' files, junk included, in file-name order."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate_corpus(Path(tmp) / "corpus", docs, random.Random(SEED), shape)
        return [path.read_bytes() for path in sorted(corpus.folder.iterdir())]


def worker_steps(files: list[bytes], rounds: int) -> dict[str, float]:
    """Median CPU seconds a round of each step a pool worker takes for every input."""
    adapters, stories = load_adapters(), StorySettings()
    settings = BatchSettings(max_bytes=64 * 1024 * 1024)
    raws = [RawInput(f"{index}.txt", None, len(data), data) for index, data in enumerate(files)]
    steps: dict[str, list[float]] = {"process_input": [], "taught lines": [], "fingerprint": []}
    for _ in range(rounds + 1):  # the first round warms caches up and is not counted
        spent = dict.fromkeys(steps, 0.0)
        for raw in raws:
            start = time.process_time()
            result = process_input(raw, adapters, settings)
            read = time.process_time()
            spent["process_input"] += read - start
            if isinstance(result, DocumentRejected):
                continue
            article_lines(result.article)
            taught = time.process_time()
            packed_body(result.article.body, stories)
            spent["taught lines"] += taught - read
            spent["fingerprint"] += time.process_time() - taught
        for name, seconds in spent.items():
            steps[name].append(seconds)
    return {name: statistics.median(seconds[1:]) for name, seconds in steps.items()}


def run_all(texts: list[str], adapters: tuple[SourceAdapter, ...]) -> int:
    """Process every text; the number rejected (a sanity figure that must not change)."""
    rejected = 0
    for text in texts:
        try:
            process_text(text, adapters)
        except DocumentRejected:
            rejected += 1
    return rejected


def timed(function: Callable[[], object], rounds: int) -> list[float]:
    """Seconds per round (process CPU time: less disturbed by other users of the machine)."""
    seconds = []
    for _ in range(rounds):
        start = time.process_time()
        function()
        seconds.append(time.process_time() - start)
    return seconds


def fresh(document: Document) -> Document:
    """The same document without what earlier rounds' pre-tests remembered about it."""
    return Document(document.text, document.folded, document.body_keys, document.caseless)


def stages(texts: list[str], adapters: tuple[SourceAdapter, ...], rounds: int) -> dict[str, float]:
    """Median seconds per stage over all texts."""
    documents = [Document.from_text(text) for text in texts]
    detections = [select_adapter(document, adapters) for document in documents]

    def clean() -> None:
        for detection, document in zip(detections, documents, strict=True):
            detection.adapter.clean(fresh(document))

    def clean_and_replace() -> None:
        for detection, document in zip(detections, documents, strict=True):
            article = detection.adapter.clean(fresh(document))
            replace(article, evidence=article.evidence)

    cleaned = [
        (document.text, detection.adapter.clean(fresh(document)))
        for detection, document in zip(detections, documents, strict=True)
    ]

    def story() -> None:
        for text, article in cleaned:
            find_story(text, article)

    figures = {
        "document": lambda: [Document.from_text(text) for text in texts],
        "listing": lambda: [listing_reason(document) for document in documents],
        "detect": lambda: [select_adapter(fresh(document), adapters) for document in documents],
        "clean": clean,
        "clean+replace": clean_and_replace,
        "story": story,
    }
    return {name: statistics.median(timed(run, rounds)) for name, run in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--stages", action="store_true", help="also time each stage")
    parser.add_argument("--worker", action="store_true", help="time a pool worker's steps")
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="diverse")
    args = parser.parse_args()
    if args.worker:
        files = corpus_files(args.docs, args.corpus)
        figures = worker_steps(files, args.rounds)
        print(f"a worker's steps, {args.corpus} corpus, {len(files)} files, CPU µs an input:")
        for name, seconds in (*figures.items(), ("all", sum(figures.values()))):
            print(f"  {name:<14} {seconds * 1e6 / len(files):.0f}")
        return

    texts = corpus_texts(args.docs, args.corpus)
    adapters = load_adapters()
    rejected = run_all(texts, adapters)  # warm-up: compiled patterns, caches
    rounds = timed(lambda: run_all(texts, adapters), args.rounds)
    median = statistics.median(rounds)
    count = len(texts)
    print(
        f"process_text: {count} docs ({rejected} rejected), {args.rounds} rounds: "
        f"median {median * 1000 / count:.3f} ms/doc, {count / median:,.0f} docs/s "
        f"(rounds: {', '.join(f'{value * 1000 / count:.3f}' for value in rounds)} ms/doc)"
    )
    if args.stages:
        for name, seconds in stages(texts, adapters, args.rounds).items():
            print(f"  {name:<9} {seconds * 1000 / count:.3f} ms/doc")


if __name__ == "__main__":
    main()
