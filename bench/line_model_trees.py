"""Gradient-boosted trees with logistic loss, for bench/train_line_model.py (numpy).

Small on purpose: depth-2 trees on quantile bins, a fixed number of rounds, no early
stopping, so a run on the same data writes the same model. The trees are plain dicts that
`newsnorm.transforms.dump.model.Forest` evaluates without numpy.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Tree = dict[str, Any]


def train_forest(
    rows: Array, labels: Array, weights: Array, rounds: int, *, rate: float = 0.1,
    depth: int = 2, bins: int = 32, penalty: float = 1.0, distinct: bool = False,
    groups: Array | None = None, objective: str = "listwise", subsample: float = 1.0,
    min_weight: float = 1e-3,
) -> dict[str, Any]:  # fmt: skip
    """Boosted trees as {"base", "rate", "trees"}: log-odds = base + rate * sum of leaves.

    A feature's cuts are its quantiles. With `distinct`, a feature of at most `bins`
    distinct values is cut at each of them instead: its quantiles all fall on the common
    value when another is rarer than 1 in `bins` rows, and the trees can then never split
    on it (a 0/1 flag true on 2% of the rows).

    With `groups` (a non-decreasing group id per row: a page's candidates), the trees rank
    within each group instead (`objective` "listwise": the softmax over a group's rows
    against its positives, ListNet's loss; "pairwise": each positive against each other
    row, RankNet's), each group with a positive weighing alike and `weights` unused: which
    row is positive depends on the others, so a score only has to order its group.

    `min_weight` is the least hessian (weight times p(1 - p), summed) either side of a
    split must hold: a floor on how few rows a leaf may speak for."""
    edges = [_edges(rows[:, j], bins, distinct) for j in range(rows.shape[1])]
    assert bins < 256, "bins are stored as bytes"
    # One row of bins per feature, a byte each: the grower copies every
    # node's bins and reads them a feature at a time, so this layout is what keeps a
    # training run short (the trees are the same).
    binned = np.stack(
        [np.searchsorted(edge, rows[:, j], side="right") for j, edge in enumerate(edges)]
    ).astype(np.uint8)
    if groups is None:
        positive = float((weights * labels).sum())
        base = float(np.log(positive / float((weights * (1 - labels)).sum())))
    else:
        base = 0.0  # a constant orders nothing
    scores = np.full(len(labels), base)
    trees: list[Tree] = []
    rng = np.random.default_rng(0)
    grower = _Grower(binned, edges, bins + 1, penalty, min_weight)
    for _ in range(rounds):
        if groups is None:
            probability = 1 / (1 + np.exp(-scores))
            grower.gradient = (probability - labels) * weights
            grower.hessian = probability * (1 - probability) * weights
        else:
            rank = _listwise if objective == "listwise" else _pairwise
            grower.gradient, grower.hessian = rank(scores, labels, groups)
        tree = grower.grow(_drawn(len(labels), groups, subsample, rng), depth)
        scores += rate * predict_tree(tree, rows)
        trees.append(tree)
    return {"base": round(base, 6), "rate": rate, "trees": trees}


def _drawn(
    count: int, groups: Array | None, subsample: float, rng: np.random.Generator
) -> NDArray[np.int64]:
    """The rows a round's tree is grown on: all of them, or with `subsample` under 1 a
    seeded draw of that share of the groups (pages; rows without groups), so no tree
    learns from every page (stochastic gradient boosting)."""
    if subsample >= 1.0:
        return np.arange(count)
    if groups is None:
        return np.flatnonzero(rng.random(count) < subsample)
    ids, member = np.unique(groups, return_inverse=True)
    return np.flatnonzero((rng.random(len(ids)) < subsample)[member])


def _listwise(scores: Array, labels: Array, groups: Array) -> tuple[Array, Array]:
    """The gradient and diagonal hessian of each group's cross-entropy between the softmax
    of its scores and its positives (shared alike); groups without a positive give none."""
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    member = np.cumsum(np.r_[True, groups[1:] != groups[:-1]]) - 1
    top = np.maximum.reduceat(scores, starts)[member]
    exp = np.exp(scores - top)
    share = exp / np.add.reduceat(exp, starts)[member]
    positives = np.add.reduceat(labels, starts)[member]
    has = positives > 0
    target = np.where(has, labels / np.maximum(positives, 1), 0.0)
    gradient = np.where(has, share - target, 0.0)
    hessian = np.where(has, share * (1 - share), 0.0)
    return gradient, hessian


def _pairwise(scores: Array, labels: Array, groups: Array) -> tuple[Array, Array]:
    """RankNet's gradient and diagonal hessian over each group's (positive, other) pairs,
    each group's pairs weighing one in all; groups without a positive give none."""
    gradient, hessian = np.zeros(len(scores)), np.zeros(len(scores))
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    for start, end in zip(starts, [*starts[1:], len(scores)], strict=True):
        positive = np.flatnonzero(labels[start:end] > 0) + start
        other = np.flatnonzero(labels[start:end] <= 0) + start
        if not len(positive) or not len(other):
            continue
        # lost[i, j]: the chance the model orders other j above positive i
        lost = 1 / (1 + np.exp(scores[positive][:, None] - scores[other][None, :]))
        weight = 1 / lost.size
        gradient[positive] -= lost.sum(axis=1) * weight
        gradient[other] += lost.sum(axis=0) * weight
        curve = lost * (1 - lost) * weight
        hessian[positive] += curve.sum(axis=1)
        hessian[other] += curve.sum(axis=0)
    return gradient, hessian


def _edges(column: Array, bins: int, distinct: bool) -> Array:
    values = np.unique(column)
    if distinct and len(values) <= bins:
        return values[1:]  # value k of them falls in bin k
    return np.unique(np.quantile(column, np.linspace(0, 1, bins + 1)[1:-1]))


class _Grower:
    def __init__(
        self, binned: NDArray[np.uint8], edges: list[Array], size: int, penalty: float,
        min_weight: float,
    ) -> None:  # fmt: skip
        self.binned, self.edges, self.size, self.penalty = binned, edges, size, penalty
        self.min_weight = min_weight
        self.gradient: Array = np.zeros(0)
        self.hessian: Array = np.zeros(0)

    def grow(self, index: NDArray[np.int64], depth: int) -> Tree:
        split = self._best_split(index) if depth > 0 and len(index) >= 20 else None
        if split is None:
            value = -self.gradient[index].sum() / (self.hessian[index].sum() + self.penalty)
            return {"value": round(float(value), 6)}
        feature, cut = split
        edge = self.edges[feature]
        threshold = float(edge[cut]) if cut < len(edge) else float("inf")
        left = index[self.binned[feature, index] <= cut]
        right = index[self.binned[feature, index] > cut]
        return {
            "feature": int(feature),
            "threshold": round(threshold, 6),
            "left": self.grow(left, depth - 1),
            "right": self.grow(right, depth - 1),
        }

    def _best_split(self, index: NDArray[np.int64]) -> tuple[int, int] | None:
        gradient, hessian, binned = self.gradient[index], self.hessian[index], self.binned[:, index]
        total_g, total_h = gradient.sum(), hessian.sum()
        parent = total_g**2 / (total_h + self.penalty)
        best, found = 0.0, None
        for feature in range(binned.shape[0]):
            column = binned[feature]
            g = np.cumsum(np.bincount(column, gradient, minlength=self.size))[:-1]
            h = np.cumsum(np.bincount(column, hessian, minlength=self.size))[:-1]
            gain = (
                g**2 / (h + self.penalty)
                + (total_g - g) ** 2 / (total_h - h + self.penalty)
                - parent
            )
            gain[(h < self.min_weight) | (total_h - h < self.min_weight)] = -1
            cut = int(np.argmax(gain))
            if gain[cut] > best:
                best, found = float(gain[cut]), (feature, cut)
        return found


def predict_tree(tree: Tree, rows: Array) -> Array:
    if "value" in tree:
        return np.full(len(rows), tree["value"])
    left = rows[:, tree["feature"]] < tree["threshold"]
    out = np.empty(len(rows))
    out[left] = predict_tree(tree["left"], rows[left])
    out[~left] = predict_tree(tree["right"], rows[~left])
    return out


def predict(forest: dict[str, Any], rows: Array) -> Array:
    scores = np.full(len(rows), forest["base"])
    for tree in forest["trees"]:
        scores += forest["rate"] * predict_tree(tree, rows)
    probabilities: Array = 1 / (1 + np.exp(-scores))
    return probabilities
