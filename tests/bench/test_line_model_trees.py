"""The line model's tree trainer (bench/line_model_trees.py): the same data gives the same
model byte for byte (the shipped model is reproduced from its script), it learns a rule that
needs two features, and the package's pure-Python Forest scores as the trainer's numpy does."""

from __future__ import annotations

import importlib
import json
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from newsnorm.transforms.dump.model import Forest
from tests_support import ROOT

if str(ROOT / "bench") not in sys.path:
    sys.path.append(str(ROOT / "bench"))
trees = importlib.import_module("line_model_trees")


def _data(seed: int = 7) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Story when both of two features are high; a third feature is noise."""
    rng = np.random.default_rng(seed)
    rows = rng.random((600, 3))
    labels = ((rows[:, 0] > 0.5) & (rows[:, 1] > 0.3)).astype(np.float64)
    return rows, labels, np.ones(len(rows))


def test_the_same_data_gives_the_same_model_byte_for_byte() -> None:
    rows, labels, weights = _data()
    first = trees.train_forest(rows, labels, weights, 20)
    again = trees.train_forest(rows.copy(), labels.copy(), weights.copy(), 20)
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)


def test_it_learns_a_rule_of_two_features_and_the_package_scores_alike() -> None:
    rows, labels, weights = _data()
    forest = trees.train_forest(rows, labels, weights, 40)
    held_out, truth, _ = _data(seed=8)
    predicted = trees.predict(forest, held_out)
    assert ((predicted > 0.5) == truth.astype(bool)).mean() > 0.95
    scored = Forest(("a", "b", "noise"), forest["base"], forest["rate"], tuple(forest["trees"]))
    for row, probability in zip(held_out[:50], predicted[:50], strict=True):
        assert abs(scored.score(list(row)).probability - probability) < 1e-9


def test_distinct_cuts_let_the_trees_split_on_a_rare_flag() -> None:
    """A 0/1 flag true on 2% of the rows: every quantile cut falls on 0, so the quantile
    trees never split on it; with `distinct` they do, and learn that it marks the positives."""
    rng = np.random.default_rng(3)
    rows = np.column_stack([(np.arange(1000) % 50 == 0).astype(float), rng.random(1000)])
    labels = rows[:, 0].copy()
    weights = np.ones(len(rows))
    used = {
        distinct: {
            node["feature"]
            for tree in trees.train_forest(rows, labels, weights, 20, distinct=distinct)["trees"]
            if "feature" in (node := tree)
        }
        for distinct in (False, True)
    }
    assert 0 not in used[False]
    assert 0 in used[True]
    forest = trees.train_forest(rows, labels, weights, 40, distinct=True)
    assert list(trees.predict(forest, np.array([[1.0, 0.5], [0.0, 0.5]])) > 0.5) == [True, False]


def test_a_ranking_objective_learns_what_is_best_within_each_group() -> None:
    """The positive of a group is its row of highest first feature, whose level differs
    from group to group (a page-wide offset the trees cannot learn alone); a group without a
    positive moves nothing. Each ranking objective's gradient sums to zero over a group, and
    both rank the positive first far more often than logistic loss on each row alone."""
    rng = np.random.default_rng(5)
    sizes = rng.integers(3, 9, 200)
    groups = np.repeat(np.arange(len(sizes)), sizes).astype(float)
    rows = rng.random((len(groups), 2))
    rows[:, 0] += np.repeat(rng.random(len(sizes)) * 2, sizes)
    labels = np.zeros(len(groups))
    for group in range(len(sizes) - 1):  # the last group has no positive
        inside = np.flatnonzero(groups == group)
        labels[inside[np.argmax(rows[inside, 0])]] = 1.0

    def won(scores: np.ndarray) -> float:
        tops = [labels[groups == g][np.argmax(scores[groups == g])] for g in range(len(sizes) - 1)]
        return float(np.mean(tops))

    alone = won(trees.predict(trees.train_forest(rows, labels, np.ones(len(groups)), 40), rows))
    for objective in ("listwise", "pairwise"):
        gradient, hessian = getattr(trees, f"_{objective}")(np.zeros(len(groups)), labels, groups)
        sums = np.bincount(groups.astype(int), gradient)
        assert np.allclose(sums, 0.0)
        assert (hessian[groups == len(sizes) - 1] == 0).all()
        forest = trees.train_forest(
            rows, labels, np.ones(len(groups)), 40, groups=groups, objective=objective
        )
        assert forest["base"] == 0.0
        assert won(trees.predict(forest, rows)) > max(0.8, alone + 0.1)


def test_subsampled_trees_are_grown_on_whole_groups_and_reproducible() -> None:
    """With `subsample`, each tree is grown on a seeded draw of whole groups (a page's
    candidates together): the draw is about that share of the groups, the same on every
    run, and the forest still ranks the positive first."""
    rng = np.random.default_rng(3)
    sizes = rng.integers(3, 9, 300)
    groups = np.repeat(np.arange(len(sizes)), sizes).astype(float)
    rows = rng.random((len(groups), 2))
    labels = np.zeros(len(groups))
    for group in range(len(sizes)):
        inside = np.flatnonzero(groups == group)
        labels[inside[np.argmax(rows[inside, 0])]] = 1.0
    drawn = trees._drawn(len(groups), groups, 0.5, np.random.default_rng(0))
    chosen = np.unique(groups[drawn])
    assert 0.4 < len(chosen) / len(sizes) < 0.6
    assert len(drawn) == int(np.isin(groups, chosen).sum())  # every row of a drawn group
    weights = np.ones(len(groups))
    half = trees.train_forest(rows, labels, weights, 30, groups=groups, subsample=0.5)
    again = trees.train_forest(rows, labels, weights, 30, groups=groups, subsample=0.5)
    full = trees.train_forest(rows, labels, weights, 30, groups=groups)
    assert json.dumps(half, sort_keys=True) == json.dumps(again, sort_keys=True)
    assert json.dumps(half, sort_keys=True) != json.dumps(full, sort_keys=True)
    scores = trees.predict(half, rows)
    tops = [labels[groups == g][np.argmax(scores[groups == g])] for g in range(len(sizes))]
    assert float(np.mean(tops)) > 0.8


def test_a_leaf_weight_floor_keeps_the_trees_off_a_handful_of_rows() -> None:
    """A flag true on 1% of the rows marks them: with the default floor (a thousandth of a
    row's hessian) the trees split on it; with a floor above what those rows hold they
    cannot, and the flagged rows are scored as the rest."""
    rng = np.random.default_rng(4)
    rows = np.column_stack([(np.arange(1000) % 100 == 0).astype(float), rng.random(1000)])
    labels = rows[:, 0].copy()
    weights = np.ones(len(rows))
    flagged = np.array([[1.0, 0.5], [0.0, 0.5]])
    loose = trees.train_forest(rows, labels, weights, 20, distinct=True)
    floored = trees.train_forest(rows, labels, weights, 20, distinct=True, min_weight=5.0)
    assert trees.predict(loose, flagged)[0] > 0.5
    assert abs(trees.predict(floored, flagged)[0] - trees.predict(floored, flagged)[1]) < 0.05


def test_the_trainer_fits_the_stages_at_the_settings_it_is_given() -> None:
    """`--stage-trees` (bench/train_line_model.py): depth, rounds and rate reach the trees;
    an unknown key is refused; "pages" weighs each page alike, "words" each word, and the
    shipped "units" each page by its number of units, the weights averaging one a unit."""
    trainer = importlib.import_module("train_line_model")
    shipped = trainer.stage_settings("")
    assert (shipped["depth"], shipped["rounds"], shipped["weighting"]) == (2, 120, "units")
    deeper = trainer.stage_settings("depth=3,rounds=7,rate=0.2")
    assert (deeper["depth"], deeper["rounds"], deeper["rate"]) == (3.0, 7.0, 0.2)
    with pytest.raises(SystemExit):
        trainer.stage_settings("leaves=9")
    words = np.array([1.0, 3.0])
    saved = trainer.WEIGHTING
    try:
        weighed = {}
        for weighting in ("units", "pages", "words"):
            trainer.WEIGHTING = weighting
            weighed[weighting] = list(trainer._weights(words))
    finally:
        trainer.WEIGHTING = saved
    assert weighed == {"units": [0.5, 1.5], "pages": [0.25, 0.75], "words": [1.0, 3.0]}
    rows, labels, _ = _data()
    samples = [
        SimpleNamespace(units=[SimpleNamespace(text="a b")] * 20, shares=labels[at : at + 20])
        for at in range(0, len(rows), 20)
    ]
    table = [rows[at : at + 20].tolist() for at in range(0, len(rows), 20)]
    try:
        trainer.use_stage_settings(deeper)
        forest = trainer._fit(table, samples, trainer.ROUNDS)
    finally:
        trainer.use_stage_settings(shipped)
    assert (len(forest["trees"]), forest["rate"], _depth(forest["trees"][0])) == (7, 0.2, 3)
    assert trainer.stage_settings("") == shipped


def test_lines_weigh_each_page_alike_and_story_lines_weigh_more() -> None:
    """`weighting=lines` (dfit27) gives each of a page's units the same share of one, whatever
    its words; `story=w` makes a story unit weigh w chrome units' weight, the weights still
    averaging one a unit (the penalty's scale), so the stages fitted with it score higher."""
    trainer = importlib.import_module("train_line_model")
    shipped = trainer.stage_settings("")
    assert (shipped["weighting"], shipped["story"]) == ("units", 1.0)
    try:
        trainer.use_stage_settings(trainer.stage_settings("weighting=lines"))
        assert list(trainer._weights(np.array([1.0, 3.0, 4.0, 8.0]))) == [0.25] * 4
        rows, labels, _ = _data()
        samples = [
            SimpleNamespace(units=[SimpleNamespace(text="a b")] * 20, shares=labels[at : at + 20])
            for at in range(0, len(rows), 20)
        ]
        table = [rows[at : at + 20].tolist() for at in range(0, len(rows), 20)]
        seen: list[np.ndarray] = []
        fit = trainer.train_forest
        trainer.train_forest = lambda rows, labels, weights, *a, **k: (
            seen.append(weights) or fit(rows, labels, weights, *a, **k)
        )
        kept = {}
        for story in (1.0, 4.0):
            trainer.use_stage_settings(trainer.stage_settings(f"story={story},rounds=10"))
            kept[story] = trees.predict(trainer._fit(table, samples, 10), rows).mean()
    finally:
        trainer.train_forest = fit
        trainer.use_stage_settings(shipped)
    story_rows = labels == 1.0
    assert np.allclose(seen[0], 1.0)
    assert abs(seen[1].mean() - 1.0) < 1e-9
    assert np.allclose(seen[1][story_rows] / seen[1][~story_rows][0], 4.0)
    assert kept[4.0] > kept[1.0]


def test_a_page_weighs_its_units_to_the_given_power() -> None:
    """`size=a` with `weighting=pages` (dfit28): a page of n units weighs n ** a, shared by its
    words, so 0 weighs each page one, 1 each its units (as shipped), a half between them."""
    trainer = importlib.import_module("train_line_model")
    shipped = trainer.stage_settings("")
    assert shipped["size"] == 0.0
    short, long = np.array([1.0, 3.0]), np.array([2.0] * 8)
    weighed = {}
    try:
        for given in ("weighting=pages", "weighting=pages,size=0.5", "weighting=pages,size=1"):
            trainer.use_stage_settings(trainer.stage_settings(given))
            weighed[given] = [trainer._weights(w).sum() for w in (short, long)]
        trainer.use_stage_settings(shipped)
        units = [trainer._weights(w).sum() for w in (short, long)]
    finally:
        trainer.use_stage_settings(shipped)
    assert np.allclose(weighed["weighting=pages"], [1.0, 1.0])
    assert np.allclose(weighed["weighting=pages,size=0.5"], [2**0.5, 8**0.5])
    assert np.allclose(weighed["weighting=pages,size=1"], units)


def test_the_weighting_can_fit_one_stage_and_leave_the_other_as_shipped() -> None:
    """`stages=second` (dfit28): the second stage's rows are weighed as `weighting` says, the
    first stage's as shipped (each page by its units), and `stages=first` the other way."""
    trainer = importlib.import_module("train_line_model")
    shipped = trainer.stage_settings("")
    assert shipped["stages"] == "both"
    samples = [
        SimpleNamespace(units=[SimpleNamespace(text=t) for t in ("a", "a b c")], shares=[1, 0]),
        SimpleNamespace(units=[SimpleNamespace(text="a b")] * 6, shares=[1, 0] * 3),
    ]
    table = [[[0.0], [1.0]], [[0.0], [1.0]] * 3]
    seen: dict[tuple[str, str], list[float]] = {}
    fit = trainer.train_forest
    try:
        trainer.train_forest = lambda rows, labels, weights, *a, **k: weights
        for only in ("first", "second"):
            trainer.use_stage_settings(trainer.stage_settings(f"weighting=pages,stages={only}"))
            for stage in ("first", "second"):
                seen[(only, stage)] = list(trainer._fit(table, samples, 1, stage))
    finally:
        trainer.train_forest = fit
        trainer.use_stage_settings(shipped)
    units = [0.5, 1.5, *[1.0] * 6]
    pages = [x * 8 / 2 for x in (0.25, 0.75, *[1 / 6] * 6)]  # rescaled to average one
    assert np.allclose(seen[("first", "first")], pages)
    assert np.allclose(seen[("first", "second")], units)
    assert np.allclose(seen[("second", "first")], units)
    assert np.allclose(seen[("second", "second")], pages)


def _depth(tree: dict[str, object]) -> int:
    if "value" in tree:
        return 0
    return 1 + max(_depth(tree["left"]), _depth(tree["right"]))  # type: ignore[arg-type]


def test_the_second_stage_can_be_fitted_on_each_unit_s_run_of_lines() -> None:
    """`runs=1` (dfit29): the second stage's rows end with `RUN_FEATURES` (the run of lines
    each unit sits in, `transforms/dump/runs.py`) and its feature names say so, in the rows'
    order; as shipped it reads neither."""
    trainer = importlib.import_module("train_line_model")
    runs = importlib.import_module("newsnorm.transforms.dump.runs")
    shipped = trainer.stage_settings("")
    assert shipped["runs"] == 0.0
    texts = ["Home", "News", "A long line of prose that the story holds, ending here.", "Tip"]
    sample = SimpleNamespace(units=[SimpleNamespace(text=t, raw=t) for t in texts])
    own = [[0.0] * len(trainer.FEATURES) for _ in texts]
    found = {}
    try:
        for given in ("", "runs=1"):
            trainer.use_stage_settings(trainer.stage_settings(given))
            rows = trainer._context_rows([sample], [own], [[0.1, 0.2, 0.9, 0.1]])[0]
            found[given] = (rows, trainer.second_features(list(trainer.FEATURES)))
    finally:
        trainer.use_stage_settings(shipped)
    (plain, plain_names), (with_runs, names) = found[""], found["runs=1"]
    assert names == [*plain_names, *runs.RUN_FEATURES]
    assert all(len(row) == len(names) for row in with_runs)
    assert all(len(row) == len(plain_names) for row in plain)
    assert [row[: len(plain_names)] for row in with_runs] == plain
