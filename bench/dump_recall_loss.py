"""What removed the story words the text path drops from whole-page dumps (issue #13, recall).

For each tuning wcxb page (bench/accuracy_metrics.py's split; the check part is never read) and
each converter bench/accuracy.py measures, the gold body's 4-token shingles (score.py's) that
the output body lacks are attributed to what removed them from the dump: the removal whose span
covers them (its rule, grouped: the line model with its second-stage probability, the text
above the headline, the story end, a chrome rule by name), the title (a gold shingle the title
line carries), normalisation (the words are kept but the shingle is not: text changed), a
rejected page, or nothing (the dump does not carry it: unreachable). A page's loss counts as
score.py's recall does, lost shingles over its gold shingles, so the "recall points" of the
causes add up to 1 - mean recall.

Usage, from the repository root:
    .venv/bin/python bench/dump_recall_loss.py [--limit N] [--jobs N] [--out FILE.jsonl]
        [--converter NAME]
--out writes one JSON line per page and converter with its lost pieces, for reading.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_pages import CONVERTERS, _adapters, _score
from accuracy_sets import Page, benchmark_pages

from newsnorm.transforms.dump.context import context_features
from newsnorm.transforms.dump.features import unit_features
from newsnorm.transforms.dump.model import line_model
from newsnorm.transforms.dump.units import Unit, align_units
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta, prepare_input
from newsnorm.transforms.pipeline import _clean_text, clean_input
from newsnorm.transforms.records import Article

_TOKEN = re.compile(r"\w+")
_DUMP = InputMeta("dump.txt")


# The story stage's drops a named step decided (story.py, story_end.py, author_box.py).
STORY_STEPS = frozenset(
    {
        "above_headline",
        "below_story_end",
        "repeated_items",
        "dropped_copy",
        "shown_again_below",
        "author_box",
    }
)


def _group(rule: str, probability: float | None) -> str:
    """A removal's rule as a cause: the story stage's decisions by what decided them."""
    if rule.startswith("outside-story"):
        reason = rule.partition(":")[2]
        if reason in STORY_STEPS:
            return f"story:{reason}"
        if probability is None:
            return "model:?"
        if probability >= 0.10:
            return "model:p0.10-0.15"
        return "model:p0.05-0.10" if probability >= 0.05 else "model:p<0.05"
    if rule.startswith("headline-"):
        return f"headline:{rule}"
    return f"rule:{rule}"


def stage_scores(text: str) -> tuple[list[Unit], list[float], list[float]] | None:
    """The units the story stage scores on a dump (as the adapters cleaned it), with their
    first- and second-stage probabilities; None when it has none to score."""
    try:
        article = _clean_text(text, _adapters(), check_listing=False, body_keys=None)
    except DocumentRejected:
        return None
    units = align_units(text, article)
    if units is None:
        return None
    model = line_model()
    rows = unit_features(units, model.lexicon, model.phrases)
    first = [model.first.score(row).probability for row in rows]
    second = [model.second.score(row).probability for row in context_features(units, rows, first)]
    return units, first, second


def _probabilities(text: str) -> dict[int, float]:
    """Second-stage probability of each unit the story stage scored, by its start offset."""
    scored = stage_scores(text)
    if scored is None:
        return {}
    units, _, second = scored
    return {unit.start: p for unit, p in zip(units, second, strict=True)}


def attribute(page: Page, converter: str, plain: Counter[Any] | None = None) -> dict[str, Any]:
    """The page's lost gold shingles by cause, with the lost pieces' text for reading;
    `plain` holds the inscriptis dump's shingles (what another dump's form may lose)."""
    score = _score()
    assert page.html is not None
    dump = CONVERTERS[converter](page.html)
    gold = page.gold.get("expected_body") or ""
    try:
        prepared = prepare_input(dump.encode("utf-8"), _DUMP)
        text = prepared.text
        article = clean_input(prepared, _adapters()).article
    except DocumentRejected as rejection:
        article = None
        rejected = rejection.code
    body = article.body if article else ""
    alternative = page.gold.get("extra", {}).get("expected_body_required")
    if gold and alternative and alternative != gold:
        gold = score.best_gold(body, (gold, alternative))
    want = score._shingles(gold)
    total = sum(want.values())
    have = score._shingles(body)
    lost = want - have
    row: dict[str, Any] = {"page": page.key, "converter": converter, "gold": total}
    if not total:
        return {**row, "causes": {}, "pieces": []}
    if article is None:
        return {**row, "causes": {f"rejected:{rejected}": sum(lost.values())}, "pieces": []}
    tokens, labels, markup = _token_labels(text, article)
    causes, pieces = _assign(lost, have, tokens, labels, markup, score._shingles(article.title))
    # What another converter's dump carries but this one's does not: its form (Markdown).
    plain = plain if converter != "inscriptis" else None
    formed = sum(count for shingle, count in lost.items() if plain and shingle in plain)
    causes["converter form"] += formed
    causes["not in dump"] += sum(lost.values()) - formed
    return {**row, "causes": dict(causes), "pieces": {k: v[:40] for k, v in pieces.items()}}


Token = tuple[int, str]


def _token_labels(text: str, article: Article) -> tuple[list[Token], list[str], list[bool]]:
    """The dump's \\w+ tokens, each with the cause of its removal ("kept" if none) and
    whether a Markdown rule cut it (a link's target: not text of the page)."""
    starts = _probabilities(text)
    unit_starts = sorted(starts)
    removals = sorted(article.removals, key=lambda r: r.start)
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text)]
    labels: list[str] = []
    markup: list[bool] = []
    for start, _word in tokens:
        label, is_markup = "kept", False
        for removal in removals:
            if removal.start <= start < removal.end:
                is_markup = removal.kind == "markup_residue" and not removal.rule.startswith(
                    "headline"
                )
                probability = None
                if removal.rule.startswith("outside-story"):
                    owner = [s for s in unit_starts if s <= start]
                    probability = starts[owner[-1]] if owner else None
                label = _group(removal.rule, probability)
                break
        labels.append(label)
        markup.append(is_markup)
    return tokens, labels, markup


def _assign(
    lost: Counter[Any],
    have: Counter[Any],
    tokens: list[Token],
    labels: list[str],
    markup: list[bool],
    title_shingles: Counter[Any],
) -> tuple[Counter[str], dict[str, list[str]]]:
    """Lost shingles to causes, first on the dump's words as the Markdown rules leave them
    (link targets cut), then on the raw words; what is assigned leaves `lost`."""
    causes: Counter[str] = Counter()
    pieces: dict[str, list[str]] = defaultdict(list)
    clean = [i for i in range(len(tokens)) if not markup[i]]
    for sequence, markup_pass in ((clean, False), (list(range(len(tokens))), True)):
        where: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for k in range(len(sequence) - 3):
            where[tuple(tokens[sequence[k + j]][1] for j in range(4))].append(k)
        for shingle in [s for s in lost if s in where]:
            count, found = lost[shingle], where[shingle]
            removed = []
            for k in found:
                window = [
                    "normalisation:markup" if markup_pass and markup[i] else labels[i]
                    for i in sequence[k : k + 4]
                ]
                dropped = [w for w in window if w != "kept"]
                if dropped:
                    removed.append((Counter(dropped).most_common(1)[0][0], sequence[k]))
            for cause, index in removed[:count]:
                causes[cause] += 1
                pieces[cause].append(" ".join(w for _, w in tokens[index : index + 4]))
            taken = min(count, len(removed))
            # Kept occurrences beyond those the body shows: in the title, or changed.
            spare = max(0, min(count - taken, len(found) - len(removed) - have.get(shingle, 0)))
            if spare:
                causes["title" if shingle in title_shingles else "normalisation:kept"] += spare
            lost[shingle] = count - taken - spare
            if not lost[shingle]:
                del lost[shingle]
    return causes, pieces


def _run(task: tuple[Page, tuple[str, ...]]) -> list[dict[str, Any]]:
    page, converters = task
    assert page.html is not None
    plain = _score()._shingles(CONVERTERS["inscriptis"](page.html))
    rows = []
    for converter in converters:
        try:
            rows.append(attribute(page, converter, plain))
        except Exception as error:  # a page the bench cannot read: say so, go on
            rows.append({"page": page.key, "converter": converter, "gold": 0, "error": repr(error)})
    return rows


def tuning_pages(limit: int | None = None) -> list[Page]:
    """The wcxb pages of the tuning part (the check part is never read)."""
    return [p for p in benchmark_pages("wcxb") if p.part == "tuning"][:limit]


def collect(
    worker: Callable[[tuple[Page, tuple[str, ...]]], list[dict[str, Any]]],
    pages: list[Page],
    converters: tuple[str, ...],
    jobs: int,
    out: Path | None,
) -> list[dict[str, Any]]:
    """Every page's rows from `worker`, in page order; each also appended to `out`."""
    rows: list[dict[str, Any]] = []
    with multiprocessing.Pool(jobs) as pool:
        for found in pool.imap(worker, [(page, converters) for page in pages]):
            rows.extend(found)
            if out:
                with out.open("a", encoding="utf-8") as handle:
                    for row in found:
                        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def rows_from_command_line(
    worker: Callable[[tuple[Page, tuple[str, ...]]], list[dict[str, Any]]], description: str
) -> tuple[list[dict[str, Any]], list[str]]:
    """The options both loss scripts take (`--limit`, `--jobs`, `--out`, `--converter`), and
    `worker`'s rows for the tuning pages they ask for, with the converters measured."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--converter", choices=tuple(CONVERTERS))
    args = parser.parse_args()
    converters = [args.converter] if args.converter else list(CONVERTERS)
    rows = collect(worker, tuning_pages(args.limit), tuple(converters), args.jobs, args.out)
    return rows, converters


def main() -> int:
    rows, converters = rows_from_command_line(_run, __doc__.splitlines()[0])
    for name in converters:
        mine = [row for row in rows if row["converter"] == name and row["gold"]]
        points: Counter[str] = Counter()
        shingles: Counter[str] = Counter()
        for row in mine:
            for cause, count in row["causes"].items():
                points[cause] += count / row["gold"] / len(mine)
                shingles[cause] += count
        print(f"\n{name}: {len(mine)} pages, recall {1 - sum(points.values()):.4f}")
        for cause, value in points.most_common():
            print(f"  {cause:60s} {value:.4f}  {shingles[cause]:6d} shingles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
