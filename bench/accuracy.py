"""Accuracy of newsnorm on pages nobody tuned it for (issue #13), tuning part beside check part.

Three sets, read from ../shared/ (the bench skips with a message where it is absent):

1. html: the 793 article pages of ../shared/benchmarks/wcxb/ through newsnorm's HTML path
   (`pipeline.process_page` with every adapter), beside trafilatura (called as
   bench/extraction.py calls it) and "change nothing" (the page's whole inscriptis text as the
   body, its <title> as the title).
2. dumps: the same pages as the text a scraper saves, made by inscriptis (what the issue's
   hidden set used), html2text (no wrapping, no images) and BeautifulSoup's get_text("\\n")
   (scripts and styles dropped); each dump goes through newsnorm's text path as a `.txt`
   file would (`pipeline.process` on its UTF-8 bytes). "Change nothing" = the dump itself as
   the body and its first line as the title (and no authors, no date).
3. syndicated: samples carrying a syndicator's notice, credit or byline: the dev corpus
   (../shared/corpus/dev/, its two listing pages aside) and benchmark pages found by
   bench/find_syndicated.py, as inscriptis dumps; labels in bench/syndicated_labels.tsv.
   "Change nothing" = the text as the body, its first line as the title, and the page's host
   as the syndicator.

The split, fixed before any result was seen: a page is in the tuning part when the first hex
digit of sha256("<dataset>/<id>") is 0-7 (e.g. "wcxb/0003"), else in the check part; a page
keeps its side in every set. Dev-corpus samples are all tuning: newsnorm's rules were written
on them; so are the benchmark pages dev samples were taken from (index.tsv names them: ap_4,
reuters_1 and futurism_1 are fundus and scrapinghub pages). The check part is the one that
counts; write rules while looking at tuning pages only (`--dump` writes only those).

Figures (pages' figures are means over pages unless a count is shown):
- body precision / recall / F1, title / authors / date exact: ../shared/benchmarks/score.py's,
  unchanged (4-token shingles of \\w+ runs; precision over non-empty outputs, recall over
  pages with gold; title equal after NFKC, quotes, whitespace and case folding; authors as
  sets of names; date = the YYYY-MM-DD written). A rejected page counts as empty output.
- date given none / right / wrong: over pages with a gold date, whether the tool gave no
  readable date, the gold one, or another one. No gold date: date given: over pages
  without a gold date, how many the tool gave one (an invented date, unless the page states
  one its annotators left out).
- pages lacking > 5% of trafilatura's main text: pages whose newsnorm body lacks more than 5%
  of the distinct 4-token shingles of trafilatura's output on the same page (trafilatura
  holds all of them); "no named rule removed": counting only shingles that are not in the
  text of any removal of a named rule (every removal but the HTML path's `page_chrome` drops
  of text outside trafilatura's main content; a paragraph repeating the body's text is named,
  `repeated_text`); "most": more than 50% so lost.
- pages worse / better than trafilatura: newsnorm's page F1 lower / higher by more than 0.05.
- notices and cruft removed from the body: of the labelled notice and cruft strings present
  in the input (folded: NFKC, straight quotes and dashes, whitespace, case; '^…' labels must
  fill a whole line), the share absent from the output body, pooled over samples.
- body sentences kept: of the reference sentences (story sentences of at least 6 words that
  occur in the input and carry no labelled string; the story is the benchmark's gold body, or
  a dev sample's labelled body lines), the share whose words occur in order in the body.
- syndicator named: the output's syndicator equals one of the labelled names (case,
  punctuation and a leading "The" aside). A rejected sample names none and keeps nothing.
- title exact (syndicated): score.py's title match, one trailing full stop aside; over samples
  with a gold title (the benchmark's, or the dev index's "Title:" note).

Usage, from the repository root (--jobs 2 is about 3 minutes for everything):
    .venv/bin/python bench/accuracy.py [--set html|dumps|syndicated] [--part tuning|check|both]
        [--limit N] [--jobs N] [--dump DIR]
The converters are `dev` extras (`pip install -e '.[dev]'`).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_metrics import Count, loss_by_rule
from accuracy_pages import CONVERTERS, Outcome, Task, run
from accuracy_report import (
    Table,
    dump_figures,
    html_figures,
    invariant_figures,
    page_f1,
    syndicated_figures,
    syndicated_row,
)
from accuracy_sets import (
    BENCHMARKS,
    DATASETS,
    Page,
    available,
    benchmark_pages,
    dev_samples,
    load_labels,
)

SETS = ("html", "dumps", "syndicated")
PARTS = ("tuning", "check")
TARGETS = {
    "body F1": "≥ trafilatura's",
    "title exact": "≥ 0.90",
    "authors exact": "≥ 0.90",
    "date exact": "≥ 0.90",
    "… of which no named rule removed > 5%": "0",
    "… of which most (> 50%) went with no named rule": "0",
    "notices and cruft removed from the body": "≥ 0.95",
    "body sentences kept": "≥ 0.99",
    "syndicator named": "≥ 0.95",
}
DUMP_TARGETS = {"body precision": "≥ 0.95", "body recall": "≥ 0.99", "title exact": "≥ 0.90"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, action="append", dest="sets")
    parser.add_argument("--part", choices=(*PARTS, "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="pages per set and part")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--dump", type=Path, help="write tuning-part pages' results here")
    args = parser.parse_args(argv)
    if reason := available():
        print(f"skipped: {reason}")
        return 0
    sets = args.sets or list(SETS)
    parts = list(PARTS) if args.part == "both" else [args.part]
    pages, tasks = plan(sets, parts, args.limit)
    started = time.perf_counter()
    outcomes = {outcome.key: outcome for outcome in execute(tasks, args.jobs)}
    seconds = time.perf_counter() - started
    print(f"{len(tasks)} pages in {seconds:.0f} s with {args.jobs} job(s)", file=sys.stderr)
    score = _score_module()
    tables = build_tables(score, sets, parts, pages, outcomes)
    for table in tables:
        print(table.markdown(), end="\n\n")
    print(summary(tables, parts))
    if args.dump:
        write_dump(args.dump, score, sets, pages, outcomes)
    return 0


def plan(
    sets: list[str], parts: list[str], limit: int | None
) -> tuple[dict[str, list[Page]], list[Task]]:
    """The pages of each set (in the asked parts, at most `limit` per set and part) and one
    task per distinct page doing all that the sets need of it."""
    pages: dict[str, list[Page]] = {name: [] for name in sets}
    if "html" in sets or "dumps" in sets:
        chosen = _limited(benchmark_pages("wcxb"), parts, limit)
        for name in ("html", "dumps"):
            if name in sets:
                pages[name] = chosen
    if "syndicated" in sets:
        labels = load_labels()
        samples: list[Page] = list(dev_samples(labels))
        for dataset in DATASETS:
            prefix = f"{dataset}/"
            wanted = {key.removeprefix(prefix) for key in labels if key.startswith(prefix)}
            for page in benchmark_pages(dataset, wanted):
                page.label = labels[page.key]
                samples.append(page)
        pages["syndicated"] = _limited(samples, parts, limit)
    by_key: dict[str, Page] = {}
    for name in sets:
        for page in pages[name]:
            if page.key in by_key and page.label is not None:
                by_key[page.key].label = page.label
            by_key.setdefault(page.key, page)
    converters = tuple(CONVERTERS) if "dumps" in sets else ()
    on_wcxb = {page.key for page in pages.get("html", []) + pages.get("dumps", [])}
    tasks = [
        Task(page, "html" in sets and key in on_wcxb, converters if key in on_wcxb else ())
        for key, page in by_key.items()
    ]
    return pages, tasks


def _limited(pages: Iterable[Page], parts: list[str], limit: int | None) -> list[Page]:
    kept: list[Page] = []
    per_part = dict.fromkeys(parts, 0)
    for page in pages:
        if page.part in per_part and (limit is None or per_part[page.part] < limit):
            per_part[page.part] += 1
            kept.append(page)
    return kept


def execute(tasks: list[Task], jobs: int) -> Iterator[Outcome]:
    if jobs <= 1:
        yield from map(run, tasks)
        return
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        yield from pool.imap_unordered(run, tasks, chunksize=4)


def _score_module() -> ModuleType:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    import score  # type: ignore[import-not-found]

    return score  # type: ignore[no-any-return]


def build_tables(
    score: ModuleType,
    sets: list[str],
    parts: list[str],
    pages: dict[str, list[Page]],
    outcomes: dict[str, Outcome],
) -> list[Table]:
    tables: list[Table] = []
    for name in sets:
        tools = ["newsnorm", "change nothing"] + (["trafilatura"] if name == "html" else [])
        table = Table(TITLES[name], [f"{part}: {tool}" for part in parts for tool in tools])
        for part in parts:
            chosen = [page for page in pages[name] if page.part == part]
            for tool in tools:
                table.add(f"{part}: {tool}", _figures(score, name, chosen, outcomes, tool))
        table.targets = dict(TARGETS)
        if name == "dumps":
            table.targets = {
                f"{converter}: {measure}": target
                for converter in CONVERTERS
                for measure, target in DUMP_TARGETS.items()
            }
        tables.append(table)
    return tables


TITLES = {
    "html": "HTML articles (wcxb): newsnorm's HTML path",
    "dumps": "Whole-page text dumps (wcxb pages): newsnorm's text path",
    "syndicated": "Syndicated texts (dev corpus and benchmark pages with a syndicator's trace)",
}


def _figures(
    score: ModuleType, name: str, pages: list[Page], outcomes: dict[str, Outcome], tool: str
) -> dict[str, float | Count | int | None]:
    if name == "html":
        figures = html_figures(score, pages, outcomes, tool)
        if tool == "newsnorm":
            figures.update(invariant_figures(score, pages, outcomes))
        return figures
    if name == "dumps":
        figures = {"pages": len(pages)}
        for converter in CONVERTERS:
            figures.update(dump_figures(score, pages, outcomes, converter, tool))
        return figures
    return syndicated_figures(score, pages, outcomes, tool)


def summary(tables: list[Table], parts: list[str]) -> str:
    """Each target against newsnorm's check-part figure (the tuning part where only it ran)."""
    part = "check" if "check" in parts else parts[0]
    lines = [f"Summary ({part} part, newsnorm against the issue's targets):"]
    for table in tables:
        for measure, cells in table.rows:
            target = table.targets.get(measure)
            value = cells.get(f"{part}: newsnorm")
            if not target or value is None:
                continue
            goal = _goal(target, cells.get(f"{part}: trafilatura"))
            got = value.share if isinstance(value, Count) else value
            if goal is None or got is None:
                continue
            met = got <= goal if target == "0" else got >= goal
            gap = f"{abs(goal - got):.3f}" if isinstance(got, float) else f"{abs(goal - got):.0f}"
            shown = f"{got:.3f}" if isinstance(got, float) else str(got)
            verdict = "met" if met else f"missed by {gap}" if gap.strip("0.") else "missed"
            lines.append(f"- {table.title.split(' (')[0]}: {measure} = {shown}: {verdict}")
    return "\n".join(lines)


def _goal(target: str, reference: object) -> float | None:
    if target == "≥ trafilatura's":
        return reference if isinstance(reference, float) else None
    return float(target.removeprefix("≥ "))


def write_dump(
    folder: Path,
    score: ModuleType,
    sets: list[str],
    pages: dict[str, list[Page]],
    outcomes: dict[str, Outcome],
) -> None:
    """Per-page results of the tuning part only, one JSON line per page, one file per set."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in sets:
        with (folder / f"accuracy-{name}.jsonl").open("w", encoding="utf-8") as handle:
            for page in pages[name]:
                if page.part == "tuning":
                    row = _dump_row(score, name, page, outcomes[page.key])
                    handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        print(f"wrote {folder / f'accuracy-{name}.jsonl'} (tuning part only)", file=sys.stderr)


# Where a page's date came from and what was warned of (bench/html_date_sources.py reads them).
_DATE_FIELDS = ("date_source", "warnings")


def _dump_row(score: ModuleType, name: str, page: Page, outcome: Outcome) -> dict[str, object]:
    gold = {key: page.gold.get(f"expected_{key}") for key in ("title", "authors", "date")}
    row: dict[str, object] = {"page": page.key, "url": page.url, "gold": gold}
    if name == "html":
        for tool, prediction in (
            ("newsnorm", outcome.newsnorm),
            ("trafilatura", outcome.trafilatura),
        ):
            prediction = prediction or {}
            row[tool] = {
                key: prediction.get(key)
                for key in ("title", "authors", "date", *_DATE_FIELDS, "syndicator", "rejected")
            }
            counts = outcome.counts.get(tool)
            row[tool]["page_f1"] = page_f1(score, counts) if counts else None  # type: ignore[index]
        ours, theirs = outcome.newsnorm or {}, outcome.trafilatura or {}
        row["trafilatura_text_lost_by_rule"] = loss_by_rule(
            theirs.get("body") or "", ours.get("body") or "", ours.get("removals", [])
        )
    elif name == "dumps":
        for converter, prediction in outcome.text_path.items():
            p, r, _ = score.body_summary([outcome.counts[f"{converter}/newsnorm"]])
            row[converter] = {
                "body_p": p,
                "body_r": r,
                "title": prediction.get("title"),
                "authors": prediction.get("authors"),
                "date": prediction.get("date"),
                "rejected": prediction.get("rejected"),
            }
    else:
        figures = syndicated_row(score, page, outcome, "newsnorm")
        prediction = figures.pop("prediction")
        row["figures"] = {key: str(value) for key, value in figures.items()}
        row["newsnorm"] = {
            key: prediction.get(key) for key in ("title", "syndicator", "authors", "rejected")
        }
        row["expected_syndicator"] = page.label.syndicator if page.label else None
    return row


if __name__ == "__main__":
    sys.exit(main())
