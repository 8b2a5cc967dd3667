"""Class what a dump keeps after its story, and score a structural story end, out of fold.

Runs the story stage on the wcxb tuning dumps with the trainer's out-of-fold verdicts (as
bench/dump_sequence_cv.py does, so the figures are as on unseen pages), then reads the kept
units: the tail is every kept unit under half of whose word 4-grams are in the gold, after the
gold story's last kept unit. It prints the precision that dropping each class of the tail would
give (a bound), by what stands between it and the story (a run of short or list lines, a
heading-like line, nothing), and for each `--ends` setting `x,q,f,run` the change that a
structural end makes: the first heading-like unit below the densest block of first-stage story
(100 kept words above it) after which a share x of the units is dropped, every kept unit is
under second-stage probability q and they hold at most f of the kept words above it (and,
with run 3, the next three units are short or list lines) ends the story. Dumps whose
precision rises and whose recall falls are counted: a rule that takes story from a few dumps
is what the check part punishes (round dprec23, docs/history/text-dumps.md).

Usage: .venv/bin/python bench/dump_story_tail.py VERDICTS_CACHE [--ends 0.9,0.3,0.1,3 ...]
    [--dumps /tmp/line-model-cv] [--jobs 2]
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import line_model_cv
import line_model_pages as labelled
from dump_sequence_cv import _Given

from newsnorm.transforms.dump.context import story_block
from newsnorm.transforms.dump.model import LineModel, line_model
from newsnorm.transforms.dump.story import find_story
from newsnorm.transforms.dump.units import align_units

_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*$")
_LIST_MARK = re.compile(r"^\s*(?:[*\-+\u2022]|\d{1,3}[.)])\s")
Counts = tuple[float, float, float]


@dataclass
class Traced:
    """One dump's units as the story stage saw them, what it kept, and their gold shares."""

    converter: str
    texts: list[str]
    raws: list[str]
    second: list[float]
    kept: list[int]
    share: dict[int, float]
    block_end: int
    gold: str


def heading_like(text: str) -> bool:
    return 1 <= len(text.split()) <= 8 and not _SENTENCE_END.search(text.strip())


def _short(traced: Traced, index: int) -> bool:
    return len(traced.texts[index].split()) <= 5 or bool(_LIST_MARK.match(traced.raws[index]))


def trace(verdicts: Path, args: argparse.Namespace) -> list[Traced]:
    """Every wcxb tuning dump the stage acts on, run with its out-of-fold verdicts."""
    samples, (first, second) = pickle.loads(verdicts.read_bytes())
    index = {(s.page, s.dump): i for i, s in enumerate(samples) if s.dataset == "wcxb"}
    shipped, found = line_model(), []
    for dump in line_model_cv._cached("wcxb", (), args):
        at = index.get((dump.sample.page, dump.converter))
        units = align_units(dump.text, dump.article)
        if at is None or units is None or len(units) != len(second[at]):
            continue
        model = LineModel(
            shipped.lexicon, None, _Given(first[at]), _Given(second[at]),  # type: ignore[arg-type]
            shipped.title, shipped.threshold,
        )  # fmt: skip
        paragraphs = list(find_story(dump.text, dump.article, model).paragraphs)
        kept, at_unit = [], 0
        for paragraph in paragraphs:
            while at_unit < len(units) and units[at_unit].text != paragraph:
                at_unit += 1
            if at_unit < len(units):
                kept.append(at_unit)
                at_unit += 1
        gold = labelled.Gold(dump.gold)
        texts = [unit.text for unit in units]
        share = {k: gold.share(texts[k]) for k in kept}
        raws, end = [unit.raw for unit in units], story_block(units, first[at])[1]
        found.append(
            Traced(dump.converter, texts, raws, list(second[at]), kept, share, end, dump.gold)
        )
    return found


def tail(traced: Traced) -> dict[int, str]:
    """The tail's units and what separates each from the gold story's last kept unit."""
    story = [k for k in traced.kept if traced.share[k] >= 0.5]
    if not story:
        return {}
    last, found = story[-1], {}
    for k in (k for k in traced.kept if k > last and traced.share[k] < 0.5):
        run = best = 0
        for i in range(last + 1, k):
            run = run + 1 if _short(traced, i) else 0
            best = max(best, run)
        heading = any(heading_like(traced.texts[i]) for i in range(last + 1, k))
        found[k] = (
            "a run of short or list lines"
            if best >= 3
            else "a heading-like line"
            if heading
            else "no heading"
        )
    return found


def structural_end(x: float, q: float, f: float, run: int) -> Callable[[Traced], set[int]]:
    """The kept units from the structural end down (the module's docstring)."""

    def ends_here(traced: Traced, e: int, kept_after: list[int], above: int) -> bool:
        texts, after = traced.texts, len(traced.texts) - e
        return (
            e > traced.block_end
            and above >= 100
            and bool(kept_after)
            and after >= 3
            and heading_like(texts[e])
            and all(_short(traced, i) for i in range(e + 1, min(e + 1 + run, len(texts))))
            and after - len(kept_after) >= x * after
            and max(traced.second[k] for k in kept_after) < q
            and sum(len(texts[k].split()) for k in kept_after) <= f * above
        )

    def drops(traced: Traced) -> set[int]:
        kept, above = set(traced.kept), 0
        for e, text in enumerate(traced.texts):
            kept_after = [k for k in traced.kept if k >= e]
            if ends_here(traced, e, kept_after, above):
                return set(kept_after)
            above += len(text.split()) if e in kept else 0
        return set()

    return drops


def _figures(
    found: Sequence[Traced], rule: Callable[[Traced], set[int]]
) -> dict[str, list[Counts]]:
    score = labelled.score_module()
    counts: dict[str, list[Counts]] = {}
    for traced in found:
        drop = rule(traced)
        body = "\n\n".join(traced.texts[k] for k in traced.kept if k not in drop)
        counts.setdefault(traced.converter, []).append(score.body_counts(body, traced.gold))
    return counts


def _compare(name: str, base: dict[str, list[Counts]], new: dict[str, list[Counts]]) -> None:
    summary = labelled.score_module().body_summary
    cells = []
    for converter, found in new.items():
        (p0, r0), (p1, r1) = summary(base[converter])[:2], summary(found)[:2]
        pairs = [
            (summary([a])[:2], summary([b])[:2])
            for a, b in zip(base[converter], found, strict=True)
        ]
        up = sum(b[0] > a[0] + 1e-9 for a, b in pairs)
        down = sum(b[1] < a[1] - 1e-9 for a, b in pairs)
        cells.append(f"{converter} {p1 - p0:+.4f}/{r1 - r0:+.4f} (P up {up}, R down {down})")
    print(f"{name}: {' | '.join(cells)}", flush=True)


def _tail_class(
    tails: dict[int, dict[int, str]], where: str | None
) -> Callable[[Traced], set[int]]:
    return lambda traced: {k for k, w in tails[id(traced)].items() if where in (None, w)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("verdicts", type=Path)
    parser.add_argument("--ends", nargs="*", default=["0.9,0.3,0.1,3"])
    parser.add_argument("--dumps", dest="cache", type=Path, default=Path("/tmp/line-model-cv"))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    found = trace(args.verdicts, args)
    base = _figures(found, lambda traced: set())
    tails = {id(traced): tail(traced) for traced in found}
    for where in ("a run of short or list lines", "a heading-like line", "no heading", None):
        name = f"tail after {where or 'anything'} (a bound)"
        _compare(name, base, _figures(found, _tail_class(tails, where)))
    for setting in args.ends:
        x, q, f, run = setting.split(",")
        _compare(
            f"end {setting}",
            base,
            _figures(found, structural_end(float(x), float(q), float(f), int(run))),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
