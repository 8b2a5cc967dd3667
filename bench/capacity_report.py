"""The figures of bench/line_model_capacity.py's per-dump lines, the threshold and cost chosen
on the other folds (tuning only; dfit26).

For each setting, draw and held-out fold, the grid's (keep threshold, switch cost) pair is the
one with the best mean precision over the converters on the other folds whose recall there
is within `RECALL_SLACK` of main's at the shipped pair on every converter; the held-out
fold's dumps are scored at it. Per setting and draw: precision, recall and exact titles per
converter, how many dumps lose recall against main at the shipped pair (and lose story
text, counted as any recall fall), and the chosen pairs.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import line_model_pages as labelled

from newsnorm.transforms.dump import sequence

RECALL_SLACK = 0.0003
_SHIPPED = (sequence.KEEP_THRESHOLD, sequence.SWITCH_COST)
# (setting, draw, fold, threshold, cost, converter) -> {page: (counts, titled)}
Table = dict[tuple[Any, ...], dict[str, tuple[list[float], bool]]]


def _load(path: Path) -> Table:
    table: Table = defaultdict(dict)
    with path.open(encoding="utf-8") as file:
        for line in file:
            name, draw, fold, threshold, cost, converter, page, counts, titled = json.loads(line)
            table[(name, draw, fold, threshold, cost, converter)][page] = (counts, titled)
    return table


def _figures(table: Table, name: str, draw: int, folds: list[int], pair: tuple[float, float]
             ) -> dict[str, tuple[float, float]]:  # fmt: skip
    """Precision and recall per converter over the given folds at the given pair."""
    score = labelled.score_module()
    found: dict[str, list[list[float]]] = defaultdict(list)
    for (n, d, fold, threshold, cost, converter), pages in table.items():
        if n == name and d == draw and fold in folds and (threshold, cost) == pair:
            found[converter] += [counts for counts, _ in pages.values()]
    return {c: score.body_summary(counts)[:2] for c, counts in found.items()}


def _choose(table: Table, name: str, draw: int, fold: int, folds: list[int]) -> tuple[float, float]:
    """The grid's pair with the best mean precision on the other folds, recall kept."""
    others = [f for f in folds if f != fold]
    if not others:  # a draw run on one fold alone (`--folds`): nothing else may choose
        return _SHIPPED
    floor = _figures(table, "main", draw, others, _SHIPPED)
    pairs = sorted({(k[3], k[4]) for k in table if k[0] == name and k[1] == draw})
    best, chosen = -1.0, _SHIPPED
    for pair in pairs:
        figures = _figures(table, name, draw, others, pair)
        if all(figures[c][1] >= floor[c][1] - RECALL_SLACK for c in floor):
            precision = statistics.mean(p for p, _ in figures.values())
            if precision > best:
                best, chosen = precision, pair
    return chosen


def report(path: Path) -> str:
    table = _load(path)
    score = labelled.score_module()
    lines = []
    for name, draw in sorted(
        {(k[0], k[1]) for k in table}, key=lambda k: (k[1], k[0] != "main", k[0])
    ):
        folds = sorted({k[2] for k in table if k[0] == name and k[1] == draw})
        chosen = {fold: _choose(table, name, draw, fold, folds) for fold in folds}
        for label, pairs in (("shipped pair", dict.fromkeys(folds, _SHIPPED)), ("chosen", chosen)):
            found: dict[str, list[tuple[str, list[float], bool]]] = defaultdict(list)
            for fold, pair in pairs.items():
                for converter in ("inscriptis", "html2text", "get_text"):
                    pages = table.get((name, draw, fold, *pair, converter), {})
                    found[converter] += [(p, c, t) for p, (c, t) in pages.items()]
            parts = []
            for converter, rows in found.items():
                precision, recall = score.body_summary([c for _, c, _ in rows])[:2]
                titled = sum(t for _, _, t in rows)
                fell = _fell(table, draw, converter, rows)
                parts.append(f"{converter} {precision:.4f}/{recall:.4f} t{titled} fell{fell}")
            pairs_text = ",".join(f"{t}/{c}" for t, c in pairs.values())
            lines.append(f"{name} d{draw} {label} [{pairs_text}]: " + " | ".join(parts))
    return "\n".join(lines)


def _fell(
    table: Table, draw: int, converter: str, rows: list[tuple[str, list[float], bool]]
) -> int:
    """How many of the dumps lose recall against main's at the shipped pair (same draw)."""
    score = labelled.score_module()
    main: dict[str, list[float]] = {}
    for key, pages in table.items():
        if (
            key[0] == "main"
            and key[1] == draw
            and (key[3], key[4]) == _SHIPPED
            and key[5] == converter
        ):
            main.update({p: c for p, (c, _) in pages.items()})
    fell = 0
    for page, counts, _ in rows:
        if page in main and sum(main[page][::2]) > 0 and sum(counts[::2]) > 0:
            fell += score._recall(*counts) < score._recall(*main[page]) - 1e-9
    return fell
