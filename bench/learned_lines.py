"""Learned boilerplate on real pages: are the lines that recur across a site's different pages
cruft, or story? (issue #13's repeated-line learning, flows/engine/learning.py)

The benchmark sets hold about one page per site (wcxb: 768 hosts for 793 pages; no host has
more than 4 pages in any set), so no line in them reaches the 5 different stories that
`learned_boilerplate` requires before a line is cut: on bench/accuracy.py's sets learning
cuts nothing, by construction, and those figures cannot show it. This bench measures the
signal underneath at its weakest instead: every line (a whole body paragraph, as
`transforms.learned.countable_lines` counts them) that newsnorm keeps in the bodies of two
or more different stories of one host, through the HTML path and through the text path on
inscriptis dumps, and how many of those the page's gold body holds (a cut there would lose
story). Pages of one host that are copies of one story (transforms.stories.is_copy) count
once, as learning counts them.

Parts as in bench/accuracy.py (accuracy_metrics.part_of); the check part prints aggregates
only, and `--show` lists the recurring lines of the tuning part alone.

Usage, from the repository root:
    .venv/bin/python bench/learned_lines.py [--part tuning|check|both] [--show]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_metrics import host, word_key
from accuracy_pages import inscriptis_dump
from accuracy_sets import DATASETS, Page, available, benchmark_pages

from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.learned import MIN_LINE_WORDS, countable_lines
from newsnorm.transforms.pipeline import process_input
from newsnorm.transforms.stories import is_copy, shingles, similarity
from newsnorm.transforms.text import count_words

PATHS = ("html", "inscriptis")
# A line of fewer words matches some gold body by chance ("Tech", "Contact"): it counts as
# story only when it is a whole line of the gold body.
SENTENCE_WORDS = 6


@dataclass(slots=True)
class Tally:
    """Recurring lines found on one path and part, and how many of them are story."""

    hosts: int = 0
    pages: int = 0
    lines: int = 0
    story_lines: int = 0
    words: int = 0
    story_words: int = 0
    shown: list[tuple[str, int, bool]] = field(default_factory=list)

    def row(self, name: str) -> str:
        share = f"{self.story_lines / self.lines:.3f}" if self.lines else "-"
        return (
            f"| {name} | {self.hosts} | {self.pages} | {self.lines} | {self.story_lines} | "
            f"{share} | {self.words} | {self.story_words} |"
        )


def bodies(page: Page, adapters: Sequence[SourceAdapter]) -> dict[str, tuple[str, ...]]:
    """The paragraphs newsnorm keeps on each path (none where the page is rejected)."""
    assert page.html_bytes is not None
    assert page.html is not None
    inputs = {
        "html": (page.html_bytes, InputMeta(media_type="text/html", url=page.url)),
        "inscriptis": (inscriptis_dump(page.html).encode("utf-8"), InputMeta("dump.txt")),
    }
    found = {}
    for path, (data, meta) in inputs.items():
        try:
            found[path] = process_input(data, meta, adapters).article.paragraphs
        except DocumentRejected:
            found[path] = ()
    return found


def stories(paragraph_sets: Sequence[tuple[str, ...]]) -> list[int]:
    """A story number per page: pages that are copies of another share its number."""
    shingled = [shingles("\n\n".join(paragraphs)) for paragraphs in paragraph_sets]
    numbers = list(range(len(shingled)))
    for a in range(len(shingled)):
        for b in range(a):
            if shingled[a] and shingled[b] and is_copy(similarity(shingled[a], shingled[b])):
                numbers[a] = numbers[b]
                break
    return numbers


def tally_host(
    pages: Sequence[Page], found: Sequence[tuple[str, ...]], counted: Tally, shorter: Tally
) -> None:
    """Add the lines that recur in two or more different stories of one host's pages: those
    learning counts to `counted`, the shorter ones it leaves (same rules, fewer words) to
    `shorter`."""
    seen: defaultdict[str, set[int]] = defaultdict(set)
    for number, paragraphs in zip(stories(found), found, strict=True):
        for line in countable_lines(paragraphs, min_words=1):
            seen[line].add(number)
    golds = [str(page.gold.get("expected_body") or "") for page in pages]
    gold_lines = {word_key(line) for gold in golds for line in gold.splitlines()}
    gold_text = [word_key(gold) for gold in golds]
    for line, numbers in sorted(seen.items()):
        if len(numbers) < 2:
            continue
        key = word_key(line)
        # A line of the gold body, or a sentence long enough not to match by chance.
        story = key in gold_lines or (
            count_words(line) >= SENTENCE_WORDS and any(key in gold for gold in gold_text)
        )
        words = count_words(line)
        tally = counted if countable_lines([line]) else shorter
        tally.lines += 1
        tally.words += words
        tally.story_lines += story
        tally.story_words += words if story else 0
        tally.shown.append((line, len(numbers), story))


def by_host(part: str) -> Iterable[list[Page]]:
    for dataset in DATASETS:
        hosts: defaultdict[str, list[Page]] = defaultdict(list)
        for page in benchmark_pages(dataset):
            if page.part == part and page.html is not None:
                hosts[f"{dataset}:{host(page.url)}"].append(page)
        yield from (pages for pages in hosts.values() if len(pages) > 1)


def measure(part: str) -> dict[str, Tally]:
    """Tallies by "<path>" (lines learning counts) and "<path>, shorter" (lines it leaves)."""
    adapters = load_adapters(include_plugins=False)
    tallies = {name: Tally() for path in PATHS for name in (path, f"{path}, shorter")}
    for pages in by_host(part):
        found = [bodies(page, adapters) for page in pages]
        for path in PATHS:
            counted, shorter = tallies[path], tallies[f"{path}, shorter"]
            for tally in (counted, shorter):
                tally.hosts += 1
                tally.pages += len(pages)
            tally_host(pages, [item[path] for item in found], counted, shorter)
    return tallies


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--part", choices=("tuning", "check", "both"), default="both")
    parser.add_argument("--show", action="store_true", help="list the tuning part's lines")
    args = parser.parse_args(argv)
    if reason := available():
        print(f"skipped: {reason}")
        return 0
    parts = ("tuning", "check") if args.part == "both" else (args.part,)
    print(
        f"| path (shorter: under {MIN_LINE_WORDS} words, not counted), part | hosts with ≥ 2 "
        "pages | their pages | recurring lines | in gold body | share | words of those lines "
        "| in gold body |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for part in parts:
        for name, tally in measure(part).items():
            print(tally.row(f"{name}, {part}"))
            if args.show and part == "tuning":
                for line, count, story in tally.shown:
                    print(f"    {count} {'STORY' if story else 'cruft'}: {line[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
