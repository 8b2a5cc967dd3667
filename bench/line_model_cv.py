"""Cross-validate the dump line model's stages on the trainer's page folds (tuning only).

For each of bench/train_line_model.py's three page folds, the lexicon and both stages are
fitted on every training page outside the fold (the wcxb tuning pages of the other folds,
plus the tuning pages of any `--extra` benchmark, all folds, as the trainer would take
them), and the story stage (`dump.story.find_story`, with the shipped title ranker) runs on
the fold's wcxb dumps with that model. Body precision and recall are score.py's, per dump,
over the wcxb tuning pages: a measure of how the stages do on pages they did not learn
from, to choose training pages and features without reading the check part. Without
`--thresholds` the stage runs as shipped (the body kept at `sequence.KEEP_THRESHOLD` with
the sequence smoother, the title's candidates at the trainer's threshold); each of
`--thresholds` sets both the body's keep threshold (the smoother still on) and the title's.
`--sections` fits the second stage with its section features too (dprec24), to compare
the two on the same folds, `--anchor` with the features of where each unit stands against
a first pass's headline too (dprec25); `--per-dump` writes each dump's counts, to count the dumps
whose recall falls.

The pages' dumps are converted and cleaned once and kept in `--cache` (a pickle per
dataset), since that is most of the time.

Usage: .venv/bin/python bench/line_model_cv.py [--extra fundus scrapinghub]
    [--languages en] [--thresholds 0.1 0.15] [--folds 0 1 2] [--lexicon-min-pages 5] [--jobs 2]
    [--phrase-sizes 0 2000] [--phrase-min-pages 5] [--draws 3] [--cache /tmp/line-model-cv]
    [--first-draw 1] [--sections | --anchor] [--per-dump /tmp/cv.jsonl]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import line_model_lexicon as wording
import line_model_pages as labelled
import line_model_title as titles
import train_line_model as trainer
from accuracy_sets import Page

from newsnorm.transforms.dump import sequence
from newsnorm.transforms.dump.model import parse_model
from newsnorm.transforms.dump.story import find_story
from newsnorm.transforms.records import Article

Counts = tuple[float, float, float]


@dataclass
class Dump:
    """One converter's dump of one page, as the trainer labels it and the stage reads it."""

    sample: labelled.Sample
    converter: str
    text: str
    article: Article
    gold: str


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", nargs="*", default=[])
    parser.add_argument("--languages", nargs="*", default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/line-model-cv"))
    # A threshold sweep scores each fold's model at several drop thresholds from one fit.
    parser.add_argument("--thresholds", nargs="*", type=float, default=None)
    parser.add_argument("--folds", nargs="*", type=int, default=list(range(titles.FOLDS)))
    parser.add_argument("--lexicon-min-pages", type=int, default=wording.LEXICON_MIN_PAGES)
    # Phrase lexicon sizes to compare on the same folds (0: none, its features all 0).
    parser.add_argument("--phrase-sizes", nargs="*", type=int, default=[wording.PHRASE_SIZE])
    parser.add_argument("--phrase-min-pages", type=int, default=wording.PHRASE_MIN_PAGES)
    # Draws of the page folds (draw 0: the trainer's; draw n salts the page hash with n).
    parser.add_argument("--draws", type=int, default=1)
    # The first draw to run (a long run split in parts: `--first-draw 1 --draws 1`).
    parser.add_argument("--first-draw", type=int, default=0)
    # The second stage with its section features too (dprec24), on the same folds.
    parser.add_argument("--sections", action="store_true")
    # ... and where each unit stands against a first pass's headline (dprec25).
    parser.add_argument("--anchor", action="store_true")
    # Each dump's counts, per draw and threshold, as JSON lines (which dumps lose recall).
    parser.add_argument("--per-dump", type=Path, default=None)
    args = parser.parse_args(argv)
    trainer.SECTIONS, trainer.ANCHOR = args.sections, args.anchor
    wording.LEXICON_MIN_PAGES = args.lexicon_min_pages
    wording.PHRASE_MIN_PAGES = args.phrase_min_pages
    dumps = _cached("wcxb", (), args)
    for dataset in args.extra:
        found = _cached(dataset, (dataset,), args)
        if args.languages is not None:
            wanted = labelled.in_languages(dataset, frozenset(args.languages)) or set()
            found = [d for d in found if d.sample.page.partition("/")[2] in wanted]
        print(f"{dataset}: {len({d.sample.page for d in found})} pages", file=sys.stderr)
        dumps += found
    counts: dict[tuple[int, int, float, str], list[Counts]] = {}
    pages: dict[tuple[int, int, float, str], list[tuple[str, bool]]] = {}
    for draw in range(args.first_draw, args.first_draw + args.draws):
        for size in args.phrase_sizes:
            wording.PHRASE_SIZE = size
            for fold in args.folds:
                _score_fold(dumps, fold, str(draw) if draw else "", args.thresholds, counts,
                            (draw, size), pages)  # fmt: skip
                print(f"draw {draw} phrases {size} fold {fold} done", file=sys.stderr, flush=True)
                _print_so_far(counts)
    if args.per_dump:
        _write_per_dump(args.per_dump, counts, pages)
    _print_figures(counts, args.draws)
    for key, scored in pages.items():
        print(f"titles {key}: {sum(titled for _, titled in scored)} of {len(scored)} exact")
    return 0


def _print_figures(counts: dict[tuple[int, int, float, str], list[Counts]], draws: int) -> None:
    """Precision and recall per draw, phrase size, threshold and dump, then their means."""
    means: dict[tuple[int, float, str], list[float]] = {}
    for (draw, size, threshold, name), found_counts in counts.items():
        precision, recall, _ = _score().body_summary(found_counts)
        print(
            f"draw {draw} phrases {size} threshold {threshold} {name}: precision"
            f" {precision:.4f} recall {recall:.4f} ({len(found_counts)} dumps)"
        )
        mean = means.setdefault((size, threshold, name), [0.0, 0.0])
        mean[0] += precision / draws
        mean[1] += recall / draws
    for (size, threshold, name), (precision, recall) in means.items():
        print(
            f"mean of {draws} draws: phrases {size} threshold {threshold} {name}:"
            f" precision {precision:.4f} recall {recall:.4f}"
        )


def _print_so_far(counts: dict[tuple[int, int, float, str], list[Counts]]) -> None:
    """The figures over the folds scored so far (a long run's progress, to stderr)."""
    for key, found_counts in counts.items():
        precision, recall, _ = _score().body_summary(found_counts)
        print(f"  so far {key}: {precision:.4f} / {recall:.4f} ({len(found_counts)} dumps)",
              file=sys.stderr, flush=True)  # fmt: skip


def _score_fold(
    dumps: list[Dump], fold: int, salt: str, thresholds: list[float] | None,
    counts: dict[tuple[int, int, float, str], list[Counts]], key: tuple[int, int],
    pages: dict[tuple[int, int, float, str], list[tuple[str, bool]]],
) -> None:  # fmt: skip
    """Fit the stages outside the fold (of the folds `salt` draws) and score its wcxb dumps."""
    inside = [
        d.sample
        for d in dumps
        if d.sample.dataset != "wcxb" or titles._fold(d.sample.page, salt) != fold
    ]
    stages, _ = trainer.train_stages(inside)
    shipped_body = sequence.KEEP_THRESHOLD
    try:
        for threshold in thresholds or [trainer.THRESHOLD]:
            # The body keeps at its own threshold (story.py reads `sequence.KEEP_THRESHOLD`),
            # the title's candidates at the model's: a sweep moves both, the default neither.
            sequence.KEEP_THRESHOLD = threshold if thresholds else shipped_body
            model = parse_model({**stages, **_shipped_title(), "threshold": threshold})
            for dump in dumps:
                if dump.sample.dataset == "wcxb" and titles._fold(dump.sample.page, salt) == fold:
                    story = find_story(dump.text, dump.article, model)
                    found = _score().body_counts(story.body, dump.gold)
                    counts.setdefault((*key, threshold, dump.converter), []).append(found)
                    # The page and whether the title is the gold's (score.py's, a final
                    # full stop aside): the stages' refit moves the title's candidates too.
                    titled = _same_title(story.title, dump.sample.title)
                    pages.setdefault((*key, threshold, dump.converter), []).append(
                        (dump.sample.page, titled)
                    )
    finally:
        sequence.KEEP_THRESHOLD = shipped_body


def _write_per_dump(
    path: Path,
    counts: dict[tuple[int, int, float, str], list[Counts]],
    pages: dict[tuple[int, int, float, str], list[tuple[str, bool]]],
) -> None:
    """One JSON line per scored dump: its draw, phrase size, threshold, converter, page,
    body counts (score.py's) and whether its title is the gold's, to compare two runs dump
    by dump."""
    with path.open("w", encoding="utf-8") as file:
        for key, found_counts in counts.items():
            for (page, titled), found in zip(pages[key], found_counts, strict=True):
                file.write(json.dumps([*key, page, list(found), titled]) + "\n")


def _cached(dataset: str, extra: tuple[str, ...], args: argparse.Namespace) -> list[Dump]:
    path = args.cache / f"{dataset}.pickle"
    if path.is_file():
        loaded: list[Dump] = pickle.loads(path.read_bytes())
        return loaded
    pages = [page for page in labelled.training_pages(extra, None) if page.dataset == dataset]
    with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
        dumps = [d for found in pool.imap(dumps_of, pages, chunksize=4) for d in found]
    args.cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(dumps))
    return dumps


def dumps_of(page: Page) -> list[Dump]:
    gold_body = page.gold.get("expected_body") or ""
    gold = labelled.Gold(gold_body)
    title = page.gold.get("expected_title") or ""
    return [
        Dump(
            labelled.Sample(page.key, units, [gold.share(u.text) for u in units], title, name),
            name,
            text,
            article,
            gold_body,
        )
        for name, text, article, units in labelled.dumps_of(page)
    ]


def _same_title(predicted: str, gold: str) -> bool:
    """score.py's title match, one trailing full stop aside (as bench/accuracy_report.py)."""

    def key(text: str) -> str:
        return str(_score().normalize_text(text)).removesuffix(".").strip()

    return bool(key(gold)) and key(predicted) == key(gold)


def _shipped_title() -> dict[str, Any]:
    from importlib import resources

    path = resources.files("newsnorm.transforms.dump").joinpath("line_model.json")
    data = json.loads(path.read_text("utf-8"))
    return {"title_features": data["title_features"], "title": data["title"]}


def _score() -> Any:
    return labelled.score_module()


if __name__ == "__main__":
    sys.exit(main())
