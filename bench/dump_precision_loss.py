"""What the text path keeps of whole-page dumps that is not story (issue #13, precision).

For each tuning wcxb page (bench/accuracy_metrics.py's split; the check part is never read) and
each converter bench/accuracy.py measures, the body's 4-token shingles (score.py's) that the
gold body does not hold are attributed to the story stage's unit they sit in, and that unit is
classed: where it sits (above the story's start, inside the densest block of first-stage
story, below it; "stage off" when the stage left the article alone), its second-stage
probability band, its shape (date line, caption-like, list item, Markdown link, short line,
heading-like, sentence, paragraph), whether it is mostly story (a shingle of a story unit the
gold lacks: the gold narrower than a paragraph, or text changed; a shingle across two units
goes to the less storied one, and across two story units is a seam: the gold's order or
joins differ), whether trafilatura's output for the page's HTML holds
the shingle (the gold narrower than an extractor too), and whether the unit repeats the
title or is the first line below it (a dek). A page's loss counts as score.py's precision
does, extra shingles over the body's shingles, so each dimension's "precision points" add
up to 1 - mean precision (printed beside score.py's own figure).

Usage, from the repository root:
    .venv/bin/python bench/dump_precision_loss.py [--limit N] [--jobs N] [--out FILE.jsonl]
        [--converter NAME]
--out writes one JSON line per page and converter with its extra pieces (page text: for
reading, never for the repository). The table's examples are shapes only (`Xx x 9`).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_pages import CONVERTERS, _adapters, _score, trafilatura_page
from accuracy_sets import Page
from dump_recall_loss import _DUMP, rows_from_command_line, stage_scores

from newsnorm.transforms.dump.context import story_block, story_start
from newsnorm.transforms.dump.features import _DATE, _LIST_MARKER, SENTENCE_END, SHORT_WORDS
from newsnorm.transforms.dump.story import WARNING
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import prepare_input
from newsnorm.transforms.pipeline import clean_input

DIMENSIONS = ("where", "band", "shape", "unit", "trafilatura", "title")
_CAPTION = re.compile(
    r"\b(?:photo|photograph|image|credit|getty|courtesy|shutterstock|illustration|pictured|"
    r"reuters|afp|istock|video)\b",
    re.IGNORECASE,
)
_BANDS = ((0.9, "p>=0.9"), (0.7, "p0.7-0.9"), (0.4, "p0.4-0.7"), (0.0, "p<0.4"))


def shape(unit: Unit) -> str:
    """The unit's shape class, read on its kept text and its first input line."""
    text, words = unit.text, len(unit.text.split())
    if words <= 12 and _DATE.search(text):
        return "date line"
    if words <= 40 and _CAPTION.search(text):
        return "caption-like"
    if _LIST_MARKER.match(unit.raw.lstrip()):
        return "list item"
    if "](" in unit.raw or unit.raw.lstrip().startswith("["):
        return "markdown link"
    if words <= SHORT_WORDS:
        return "short line"
    if words <= 15 and not SENTENCE_END.search(text):
        return "heading-like"
    return "sentence" if words <= 40 else "paragraph"


def anonymised(text: str, limit: int = 10) -> str:
    """A line's shape without its words: `Xx` capitalised, `x` lower case, `X` capitals, `9`
    digits; punctuation kept."""
    out = []
    for token in text.split()[:limit]:
        token = re.sub(r"\d+", "9", token)
        token = re.sub(r"[^\W\d_]+", lambda m: _case(m.group()), token)
        out.append(token)
    return " ".join(out) + (" …" if len(text.split()) > limit else "")


def _case(word: str) -> str:
    if len(word) > 1 and word.isupper():
        return "X"
    return "Xx" if word[0].isupper() else "x"


def _band(probability: float) -> str:
    return next(name for low, name in _BANDS if probability >= low)


def attribute(page: Page, converter: str, extractor: Counter[Any]) -> dict[str, Any]:
    """The page's extra body shingles (not in the gold), each weighed and classed by the
    unit it sits in; `extractor` holds trafilatura's shingles of the page's HTML."""
    score = _score()
    assert page.html is not None
    text = CONVERTERS[converter](page.html)
    gold = page.gold.get("expected_body") or ""
    try:
        prepared = prepare_input(text.encode("utf-8"), _DUMP)
        article = clean_input(prepared, _adapters()).article
    except DocumentRejected:
        return {"page": page.key, "converter": converter, "body": 0}
    body = article.body
    alternative = page.gold.get("extra", {}).get("expected_body_required")
    if gold and alternative and alternative != gold:
        gold = score.best_gold(body, (gold, alternative))
    tp, fp, _ = score.body_counts(body, gold)
    row: dict[str, Any] = {"page": page.key, "converter": converter}
    if not gold or tp + fp <= 0:
        return {**row, "body": 0}
    want, have = score._shingles(gold), score._shingles(body)
    extra = have - want
    row |= {"body": sum(have.values()), "precision": tp / (tp + fp), "pieces": []}
    scored = stage_scores(prepared.text)
    owners = _owners(article.paragraphs, scored[0] if scored else [])
    tokens = [(t, i) for i, p in enumerate(article.paragraphs) for t in score.tokenize(p)]
    if owners is None or scored is None or len(tokens) < 4:
        row["pieces"] = [[{"unit": "unaligned"}, sum(extra.values()), ""]]
        return row
    units, first, second = scored
    acted = WARNING in article.warnings
    start, (_, block_end) = story_start(units, first), story_block(units, first)
    titles = score._shingles(article.title) + score._shingles(page.gold.get("expected_title"))
    kept = [owners[p] for p in range(len(article.paragraphs))]
    story = {u: _share(units[u].text, want) for u in kept}
    where: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for k in range(len(tokens) - 3):
        where[tuple(t for t, _ in tokens[k : k + 4])].append(k)
    for shingle, count in extra.items():
        found = where.get(shingle, [])
        if not found:
            row["pieces"].append([{"unit": "unaligned"}, count, ""])
            continue
        for k in found:
            spanned = sorted({owners[tokens[k + j][1]] for j in range(4)}, key=story.__getitem__)
            u = spanned[0]
            classes = {
                "where": _where(u, start, block_end) if acted else "stage off",
                "band": _band(second[u]) if acted else "stage off",
                "shape": shape(units[u]),
                "unit": "chrome unit" if story[u] < 0.5 else
                ("seam of story units" if len(spanned) > 1 else "story unit"),
                "trafilatura": "in trafilatura" if shingle in extractor else "not in trafilatura",
                "title": "title copy" if _share(units[u].text, titles) >= 0.5 else
                ("first line below title" if u == kept[0] else "-"),
            }  # fmt: skip
            row["pieces"].append([classes, count / len(found), units[u].text[:200]])
    return row


def _owners(paragraphs: tuple[str, ...], units: list[Unit]) -> list[int] | None:
    """The unit each body paragraph is (the stage keeps units' texts, in order)."""
    owners: list[int] = []
    index = 0
    for paragraph in paragraphs:
        while index < len(units) and units[index].text != paragraph:
            index += 1
        if index >= len(units):
            return None
        owners.append(index)
        index += 1
    return owners


def _share(text: str, shingles: Counter[Any]) -> float:
    """The share of the text's shingles in `shingles`; a text of under four tokens counts
    when a shingle there holds its tokens in a row."""
    own = _score()._shingles(text)
    if len(own) == 1 and len(next(iter(own))) < 4:
        part = next(iter(own))
        n = len(part)
        return float(any(part in {s[i : i + n] for i in range(5 - n)} for s in shingles))
    return sum(1 for s in own if s in shingles) / max(1, len(own))


def _where(index: int, start: int, end: int) -> str:
    if index < start:
        return "above story start"
    return "inside block" if index <= end else "below block"


def _run(task: tuple[Page, tuple[str, ...]]) -> list[dict[str, Any]]:
    page, converters = task
    extractor = _score()._shingles((trafilatura_page(page) or {}).get("body"))
    rows = []
    for converter in converters:
        try:
            rows.append(attribute(page, converter, extractor))
        except Exception as error:  # a page the bench cannot read: say so, go on
            rows.append({"page": page.key, "converter": converter, "body": 0, "error": repr(error)})
    return rows


def report(rows: list[dict[str, Any]], converters: list[str]) -> None:
    """Precision points by class per converter, each dimension on its own; then the largest
    classes of chrome units (where, shape, band) with shape examples."""
    points: dict[str, Counter[tuple[str, str]]] = {name: Counter() for name in converters}
    combos: dict[str, Counter[str]] = {name: Counter() for name in converters}
    examples: dict[str, list[str]] = defaultdict(list)
    for name in converters:
        mine = [row for row in rows if row["converter"] == name and row["body"]]
        precision = sum(row["precision"] for row in mine) / len(mine)
        lost = 0.0
        for row in mine:
            for classes, weight, text in row["pieces"]:
                value = weight / row["body"] / len(mine)
                lost += value
                for dim in DIMENSIONS:
                    points[name][(dim, classes.get(dim, "unaligned"))] += value
                if classes.get("unit") == "chrome unit":
                    key = f"{classes['where']} | {classes['shape']} | {classes['band']}"
                    combos[name][key] += value
                    shown = anonymised(text)
                    if name == converters[0] and len(examples[key]) < 3 and text:
                        examples[key] += [shown] if shown not in examples[key] else []
        print(f"{name}: {len(mine)} pages, precision {precision:.4f} (score.py), "
              f"1 - attributed loss {1 - lost:.4f}")  # fmt: skip
    print("\nprecision points by class (" + " / ".join(converters) + ")")
    for dim in DIMENSIONS:
        values = sorted({v for p in points.values() for d, v in p if d == dim},
                        key=lambda v: -sum(p[(dim, v)] for p in points.values()))  # fmt: skip
        for value in values:
            figures = " ".join(f"{points[n][(dim, value)]:.4f}" for n in converters)
            print(f"  {dim:12s} {value:28s} {figures}")
    print("\nchrome units: where | shape | band (examples from " + converters[0] + ")")
    total: Counter[str] = sum(combos.values(), Counter())
    for key, _ in total.most_common(20):
        figures = " ".join(f"{combos[n][key]:.4f}" for n in converters)
        print(f"  {key:50s} {figures}   " + " || ".join(examples[key]))


def main() -> int:
    rows, converters = rows_from_command_line(_run, __doc__.splitlines()[0])
    report(rows, converters)
    return 0


if __name__ == "__main__":
    sys.exit(main())
