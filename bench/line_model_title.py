"""The dump line model's title ranker: its fit, and its cross-validation by page folds.

Split from bench/train_line_model.py (the trainer's job is the stages and the file): the
ranker's settings, how it is fitted on each page's candidates (listwise), and
`cross_validate`, which scores it out of fold through the text path's own choice
(`headline.choose`, `title_line.overrule`); the trainer's docstring says how they are used.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from line_model_pages import Sample, score_module
from line_model_trees import predict, train_forest

from newsnorm.transforms.dump.context import story_start
from newsnorm.transforms.dump.headline import (
    FIT_BELOW,
    TITLE_FEATURES,
    Candidate,
    choose,
    page_candidates,
    title_candidates,
    title_text,
)
from newsnorm.transforms.dump.page_gate import looks_like_page
from newsnorm.transforms.dump.sequence import KEEP_THRESHOLD
from newsnorm.transforms.dump.title_evidence import UNKNOWN_ECHO
from newsnorm.transforms.dump.title_line import overrule
from newsnorm.transforms.dump.title_site import page_names

# Title ranker rounds: refit on two thirds of the tuning pages and scored on the third,
# 60 rounds gave titles 0.674 / 0.647 / 0.723, 120 gave 0.691 / 0.657 / 0.752, 240 gave
# 0.684 / 0.655 / 0.747 (depth 3: 60 rounds 0.686 / 0.657 / 0.740, 120 rounds 0.657 /
# 0.652 / 0.657), pointwise; listwise (dtitle14, means of 3 fold draws), 120 rounds gave
# 0.711 / 0.754 / 0.799, 240 gave 0.719 / 0.754 / 0.803, 400 gave 0.713 / 0.754 / 0.796
# (its page-summed hessians are smaller, so each round moves less); docs/history/text-dumps.md.
TITLE_ROUNDS = 240
# The title ranker's 0/1 flags are mostly rare (a list marker, a bare URL, a Markdown `# `
# heading): cut at each distinct value, or the quantile cuts never split on them
# (line_model_trees.train_forest).
DISTINCT_CUTS = True
# How the title ranker's trees are fitted: "pointwise" (each candidate alone, logistic
# loss), or over each page's candidates at once, "listwise" (the softmax over them) or
# "pairwise" (the gold against each other one); line_model_trees.train_forest. Means of 6
# fold draws (inscriptis / html2text / get_text): pointwise at 120 rounds 0.706 / 0.750 /
# 0.799, listwise at 240 0.717 / 0.752 / 0.804 (docs/history/text-dumps.md).
TITLE_OBJECTIVE = "listwise"
# Each title tree may be grown on a seeded draw of this share of the pages (stochastic
# gradient boosting), so no tree fits every page: out of fold by site (dtitle22; 3 draws,
# sums of dumps right, inscriptis / html2text / get_text) 0.5 gave 947 / 1039 / 1009
# against 946 / 1036 / 998 with every page, but its refit took a `By …` line for the
# headline on a constructed page (tests/transforms/test_dump_meta_lines.py): not shipped.
TITLE_SUBSAMPLE = 1.0
FOLDS = 3


def _titled(
    samples: list[Sample], verdicts: list[list[float]]
) -> tuple[list[Sample], list[list[float]]]:
    """The wcxb samples and their verdicts: the title ranker learns from wcxb pages alone,
    as the other sets' gold titles are missing (scrapinghub) or follow another convention
    (fundus). The verdicts come from folds fitted on every training page, so the full run
    and `--title-only` fit the same ranker."""
    titled = [i for i, sample in enumerate(samples) if sample.dataset == "wcxb"]
    return [samples[i] for i in titled], [verdicts[i] for i in titled]


@dataclass
class _TitleSet:
    """A page dump's headline candidates as the text path ranks them, which units' title text
    is the gold title (unit 0's too), the story's start, the units the second stage keeps."""

    sample: Sample
    candidates: list[Candidate]
    labels: dict[int, bool]
    start: int
    body: list[int]


def cross_validate(
    samples: list[Sample],
    verdicts: tuple[list[list[float]], list[list[float]]],
    threshold: float,
    draws: int = 1,
) -> str:
    """Per dump, the share of wcxb page dumps whose headline, chosen by a ranker fitted on
    the other two page folds, is the gold title, for each of `draws` draws of the folds and
    their mean; and the share with the gold title among the eligible candidates."""
    _, second = _titled(samples, verdicts[1])
    samples, first = _titled(samples, verdicts[0])
    sets = _title_sets(samples, first, second, threshold)
    counts = Counter(title_set.sample.dump for title_set in sets)
    reachable: Counter[str] = Counter()
    for title_set in sets:
        reachable[title_set.sample.dump] += any(
            title_set.labels[c.index] for c in title_set.candidates if c.eligible
        )
    lines: list[str] = []
    mean = dict.fromkeys(counts, 0.0)
    for draw in range(draws):
        exact = _draw(samples, first, sets, str(draw) if draw else "")
        for dump in counts:
            mean[dump] += exact[dump] / draws
        lines.append(f"draw {draw}: " + _per_dump(exact, counts))
    lines.append(f"mean of {draws}: " + _per_dump(mean, counts))
    lines.append("reachable: " + _per_dump(reachable, counts))
    lines.append("page dumps: " + ", ".join(f"{dump} {n}" for dump, n in counts.items()))
    return "\n".join(lines)


def _draw(
    samples: list[Sample], first: list[list[float]], sets: list[_TitleSet], salt: str
) -> Counter[str]:
    """Per dump, the page dumps whose chosen headline is the gold title, on the folds
    that `salt` draws."""
    folds = [_fold(title_set.sample.page, salt) for title_set in sets]
    exact: Counter[str] = Counter()
    for fold in range(FOLDS):
        inside = [i for i, sample in enumerate(samples) if _fold(sample.page, salt) != fold]
        ranker = _fit_title([samples[i] for i in inside], [first[i] for i in inside])
        for title_set in (s for s, f in zip(sets, folds, strict=True) if f == fold):
            if not title_set.candidates:
                continue  # the text path's title is then the first unit, seldom a headline
            scores = list(predict(ranker, np.array([c.row for c in title_set.candidates])))
            chosen = choose(title_set.candidates, scores)
            chosen = overrule(title_set.sample.units, chosen, title_set.start, title_set.body)
            exact[title_set.sample.dump] += title_set.labels[chosen]
    return exact


def _per_dump(found: Mapping[str, float], counts: Counter[str]) -> str:
    return " / ".join(f"{dump} {found[dump] / total:.3f}" for dump, total in counts.items())


def _title_sets(
    samples: list[Sample], first: list[list[float]], second: list[list[float]], threshold: float
) -> list[_TitleSet]:
    """The candidates of each page dump (dumps the text path takes as pages only)."""
    score = score_module()
    sets = []
    for sample, own_first, own_second in zip(samples, first, second, strict=True):
        units = sample.units
        if not looks_like_page(units):
            continue
        candidates = page_candidates(units, own_first, own_second, threshold)
        names = page_names(units)
        labels = {
            index: bool(score.title_exact(title_text(units[index].text, names), sample.title))
            for index in {0, *(c.index for c in candidates)}  # 0: `title_line.overrule`
        }
        body = [index for index, p in enumerate(own_second) if p >= KEEP_THRESHOLD]
        sets.append(_TitleSet(sample, candidates, labels, story_start(units, own_first), body))
    return sets


def _fit_title(
    samples: list[Sample], verdicts: list[list[float]], measured: bool = True
) -> dict[str, Any]:
    """The ranker, fitted on every page's candidates (`measured` False: with the story's
    echo not measured, `unmeasured`)."""
    score = score_module()
    table, labels, groups = [], [], []
    for page, (sample, verdict) in enumerate(zip(samples, verdicts, strict=True)):
        start = story_start(sample.units, verdict)
        # Fitted on the narrower window the text path served before dtitle18: served wider
        # (`headline._BELOW`), it gains more on CV than refit on the wider one.
        for index, row in title_candidates(sample.units, verdict, start, below=FIT_BELOW):
            table.append(row)
            # Labelled on the title as cut by shape alone: refit on the page's names too
            # (`title_site`, served), CV lost 4 inscriptis dumps over 3 draws, all the refit's.
            text = title_text(sample.units[index].text)
            labels.append(1.0 if score.title_exact(text, sample.title) else 0.0)
            groups.append(page)
    table = table if measured else unmeasured(table)
    weights = np.ones(len(labels))
    return train_forest(
        np.array(table), np.array(labels), weights, TITLE_ROUNDS, distinct=DISTINCT_CUTS,
        groups=None if TITLE_OBJECTIVE == "pointwise" else np.array(groups, float),
        objective=TITLE_OBJECTIVE, subsample=TITLE_SUBSAMPLE,
    )  # fmt: skip


def unmeasured(table: list[list[float]]) -> list[list[float]]:
    """The candidates' rows with the story's echo not measured (`title_evidence.UNKNOWN_ECHO`
    throughout), to fit the ranker the text path uses where no prose was counted
    (`story.title_ranker`; fixdt24: fitted on echoes alone, the ranker took such a page's
    first line, the only one unknown, and kept the menu)."""
    share = TITLE_FEATURES.index("story_share")
    return [row[:share] + list(UNKNOWN_ECHO) + row[share + 2 :] for row in table]


def _fold(page: str, salt: str = "") -> int:
    """The page's fold; a salt re-draws the folds (the empty salt is the stages' folds)."""
    return int(hashlib.sha256((salt + page).encode()).hexdigest(), 16) % FOLDS
