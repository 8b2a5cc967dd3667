"""Run every dev-corpus sample through the adapters and flag notices that survive.

For each sample in ../shared/corpus/dev/ (provenance in its index.tsv) it prints the
adapter chosen (beside the syndicator the index names), the syndicator, the authors,
the kinds of text removed, and any catalogue notice wording (bench/notice_wordings.txt)
still present in the cleaned body; then, per adapter, the real samples it was checked on
(the golden cases are written for the project, so this is where the rules meet real text);
then a total line. It exits 1 if a sample crashed or a notice survived, so it can gate a
release. Each sample is read as ingest reads it. Without ../shared/ it says so and skips.

Usage, from the repository root:
    .venv/bin/python bench/adapters.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import csv
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input
from newsnorm.transforms.text import fold_for_matching

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
WORDINGS = Path(__file__).resolve().parent / "notice_wordings.txt"


@dataclass(frozen=True, slots=True)
class Outcome:
    sample: str
    expected: str
    adapter: str
    syndicator: str
    authors: str
    removed: str
    survivors: tuple[str, ...] = ()
    crashed: bool = False


def load_wordings() -> list[str]:
    lines = WORDINGS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def run_sample(path: Path, expected: str, wordings: list[str]) -> Outcome:
    try:
        data = path.read_bytes()
        adapters = load_adapters()
        article = process_input(data, InputMeta(path.name), adapters).article
    except DocumentRejected as rejection:
        return Outcome(path.name, expected, f"rejected: {rejection.code}", "-", "-", "-")
    except Exception:  # the point of this script is to report crashes, not to stop at one
        traceback.print_exc()
        return Outcome(path.name, expected, "CRASH", "-", "-", "-", crashed=True)
    body = fold_for_matching(article.body)
    survivors = tuple(wording for wording in wordings if wording in body)
    kinds = sorted({removal.kind for removal in article.removals})
    return Outcome(
        path.name,
        expected,
        article.adapter,
        article.syndicator or "-",
        ", ".join(article.authors) or "-",
        ", ".join(kinds) or "-",
        survivors,
    )


def read_index(corpus: Path) -> dict[str, str]:
    with (corpus / "index.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row["syndicator"] for row in csv.DictReader(handle, delimiter="\t")}


def print_table(outcomes: list[Outcome]) -> None:
    header = ("sample", "index says", "adapter", "syndicator", "authors", "removed kinds")
    rows = [(o.sample, o.expected, o.adapter, o.syndicator, o.authors, o.removed) for o in outcomes]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(5)]
    for row in [header, *rows]:
        cells = [str(cell).ljust(width) for cell, width in zip(row[:5], widths, strict=True)]
        print("  ".join([*cells, row[5]]))
    for outcome in outcomes:
        for wording in outcome.survivors:
            print(f"SURVIVED  {outcome.sample}: {wording!r}")


def print_coverage(outcomes: list[Outcome], adapter_names: list[str]) -> None:
    """Which real samples each adapter cleaned, and which samples no adapter made an article of."""
    print("\nchecked on real samples, per adapter:")
    width = max(len(name) for name in [*adapter_names, "no article"])
    for name in adapter_names:
        samples = [outcome.sample for outcome in outcomes if outcome.adapter == name]
        print(f"  {name.ljust(width)}  {', '.join(samples) or 'none (golden cases only)'}")
    others = [o for o in outcomes if o.adapter not in adapter_names]
    if others:
        listed = ", ".join(f"{o.sample} ({o.expected}, {o.adapter})" for o in others)
        print(f"  {'no article'.ljust(width)}  {listed}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if not (args.corpus / "index.tsv").is_file():
        print(f"skipped: no dev corpus at {args.corpus} (it lives in ../shared/, outside the repo)")
        return 0
    index = read_index(args.corpus)
    wordings = load_wordings()
    outcomes = [
        run_sample(args.corpus / name, expected, wordings) for name, expected in index.items()
    ]
    print_table(outcomes)
    print_coverage(outcomes, [adapter.name for adapter in load_adapters()])
    crashed = sum(outcome.crashed for outcome in outcomes)
    survived = sum(len(outcome.survivors) for outcome in outcomes)
    rejected = sum(outcome.adapter.startswith("rejected") for outcome in outcomes)
    print(
        f"total: {len(outcomes)} samples, {len(outcomes) - rejected - crashed} articles, "
        f"{rejected} rejected, {crashed} crashed, {survived} notice wordings survived"
    )
    return 1 if crashed or survived else 0


if __name__ == "__main__":
    sys.exit(main())
