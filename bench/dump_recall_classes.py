"""What dropped the story words the text path loses on whole-page dumps, by class (issue #13).

bench/dump_recall_loss.py attributes each lost gold 4-token shingle (score.py's) to the removal
that covers it in the dump; this script classes the story stage's own drops further, so that a
round can tell a rule it may change from the line model: the second stage under the threshold
(`model`) or the story/chrome sequence over it (`smoother`, `chrome_run` in sequence.py), each
by where the unit stands against the story the body keeps (`above` the headline, `lead` below
it and above the first kept unit, `gap` between kept units, `tail` below the last) and by its
shape (bench/dump_precision_loss.py's classes: list item, short line, heading-like, sentence,
...). Named steps keep their names (`story:below_story_end`, `story:above_headline`,
`rule:see-also`, ...), the rest as dump_recall_loss.py has them (not in the dump, the
converter's form, the title, normalisation, a rejected page). Tuning wcxb pages only.

Prints, per converter and class, the recall points (they add up to 1 - recall), the shingles,
and how many dumps and sites (the page URL's host) lose some. `--depth 1` prints the causes
only, `--depth 2` with the place, 3 (the default) with the shape too.

Usage, from the repository root:
    .venv/bin/python bench/dump_recall_classes.py [--limit N] [--jobs N] [--depth D]
        [--converter NAME]
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_pages import CONVERTERS, _adapters, _score
from accuracy_sets import Page
from dump_precision_loss import shape
from dump_recall_loss import (
    _DUMP,
    _TOKEN,
    STORY_STEPS,
    _assign,
    _group,
    collect,
    stage_scores,
    tuning_pages,
)

from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import prepare_input
from newsnorm.transforms.pipeline import clean_input
from newsnorm.transforms.records import Article, Removal

# The story stage's drops that a named step decided, and the headline the title overruled.
_NAMED = STORY_STEPS | {"overruled_headline"}


def stage_cause(rule: str) -> str | None:
    """`model` or `smoother` for a drop the story stage's scores decided, None otherwise."""
    head, _, reason = rule.partition(":")
    if head != "outside-story" or reason.split("(")[0] in _NAMED:
        return None
    return "smoother" if reason.startswith("chrome_run") else "model"


def kept_units(units: Sequence[Unit], removals: Sequence[Removal]) -> tuple[int, list[int]]:
    """The headline's unit and the units the body keeps: those no drop of the story stage,
    no moved line and no whole-line rule covers (a Markdown or headline cut inside one does
    not count)."""
    free = []
    for index, unit in enumerate(units):
        covered = any(
            removal.start < unit.end
            and removal.end > unit.start
            and removal.kind != "markup_residue"
            and not removal.rule.startswith("headline-")
            and (removal.kind == "page_chrome" or removal.start <= unit.start)
            for removal in removals
        )
        if not covered:
            free.append(index)
    return (free[0], free[1:]) if free else (-1, [])


def place(index: int, title: int, kept: Sequence[int]) -> str:
    """Where a dropped unit stands against the headline and the story the body keeps."""
    if index < title:
        return "above"
    if not kept or index < kept[0]:
        return "lead"
    return "gap" if index < kept[-1] else "tail"


def token_labels(
    text: str, article: Article
) -> tuple[list[tuple[int, str]], list[str], list[bool]]:
    """The dump's \\w+ tokens, each with its cause (`kept` if none; the story stage's own
    drops as `model:<place>/<shape>` or `smoother:...`) and whether a Markdown rule cut it."""
    scored = stage_scores(text)
    units = scored[0] if scored else []
    starts = [unit.start for unit in units]
    title, kept = kept_units(units, article.removals)
    removals = sorted(article.removals, key=lambda r: r.start)
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text)]
    labels, markup = [], []
    for start, _word in tokens:
        label, is_markup = "kept", False
        removal = next((r for r in removals if r.start <= start < r.end), None)
        if removal is not None:
            is_markup = removal.kind == "markup_residue" and not removal.rule.startswith("headline")
            label = _group(removal.rule, None)
            cause = stage_cause(removal.rule)
            owner = bisect.bisect_right(starts, start) - 1
            if cause and owner >= 0 and start < units[owner].end:
                label = f"{cause}:{place(owner, title, kept)}/{shape(units[owner])}"
        labels.append(label)
        markup.append(is_markup)
    return tokens, labels, markup


def attribute(page: Page, converter: str, plain: Counter[Any] | None) -> dict[str, Any]:
    """The page's lost gold shingles by class; `plain`: the inscriptis dump's shingles."""
    score = _score()
    assert page.html is not None
    gold = page.gold.get("expected_body") or ""
    host = urlsplit(page.url or "").hostname or page.key
    row: dict[str, Any] = {"page": page.key, "site": host, "converter": converter}
    try:
        prepared = prepare_input(CONVERTERS[converter](page.html).encode("utf-8"), _DUMP)
        article: Article | None = clean_input(prepared, _adapters()).article
    except DocumentRejected as rejection:
        article, rejected = None, rejection.code
    alternative = page.gold.get("extra", {}).get("expected_body_required")
    if gold and alternative and alternative != gold:
        gold = score.best_gold(article.body if article else "", (gold, alternative))
    want = score._shingles(gold)
    have = score._shingles(article.body if article else "")
    lost, row["gold"] = want - have, sum(want.values()) if gold.strip() else 0
    if not row["gold"]:
        return {**row, "causes": {}}
    if article is None:
        return {**row, "causes": {f"rejected:{rejected}": sum(lost.values())}}
    tokens, labels, markup = token_labels(prepared.text, article)
    causes, _ = _assign(lost, have, tokens, labels, markup, score._shingles(article.title))
    plain = plain if converter != "inscriptis" else None
    formed = sum(n for shingle, n in lost.items() if plain and shingle in plain)
    causes["converter form"] += formed
    causes["not in dump"] += sum(lost.values()) - formed
    return {**row, "causes": {k: v for k, v in causes.items() if v}}


def _run(task: tuple[Page, tuple[str, ...]]) -> list[dict[str, Any]]:
    page, converters = task
    assert page.html is not None
    plain = _score()._shingles(CONVERTERS["inscriptis"](page.html))
    return [attribute(page, converter, plain) for converter in converters]


def cut(cause: str, depth: int) -> str:
    """A story-stage class cut to `depth` parts: 1 the cause, 2 with the place, 3 with the
    shape; other causes whole."""
    head, _, rest = cause.partition(":")
    if head not in {"model", "smoother"}:
        return cause
    return head if depth == 1 else f"{head}:{'/'.join(rest.split('/')[: depth - 1])}"


def table(rows: Sequence[dict[str, Any]], depth: int) -> list[tuple[str, float, int, int, int]]:
    """Per class cut to `depth` parts (cause, place, shape): recall points, shingles, dumps
    and sites, most points first."""
    pages = [row for row in rows if row["gold"]]
    points: Counter[str] = Counter()
    shingles: Counter[str] = Counter()
    dumps: dict[str, set[str]] = defaultdict(set)
    sites: dict[str, set[str]] = defaultdict(set)
    for row in pages:
        for cause, count in row["causes"].items():
            name = cut(cause, depth)
            points[name] += count / row["gold"] / len(pages)
            shingles[name] += count
            dumps[name].add(row["page"])
            sites[name].add(row["site"])
    return [(k, v, shingles[k], len(dumps[k]), len(sites[k])) for k, v in points.most_common()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--depth", type=int, choices=(1, 2, 3), default=3)
    parser.add_argument("--converter", choices=tuple(CONVERTERS))
    args = parser.parse_args()
    converters = (args.converter,) if args.converter else tuple(CONVERTERS)
    rows = collect(_run, tuning_pages(args.limit), converters, args.jobs, None)
    for name in converters:
        mine = [row for row in rows if row["converter"] == name]
        found = table(mine, args.depth)
        pages = sum(1 for row in mine if row["gold"])
        print(f"\n{name}: {pages} pages, recall {1 - sum(f[1] for f in found):.4f}")
        print(f"  {'class':52s} {'points':>7s} {'shingles':>8s} {'dumps':>5s} {'sites':>5s}")
        for label, value, count, dumps, sites in found:
            print(f"  {label:52s} {value:7.4f} {count:8d} {dumps:5d} {sites:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
