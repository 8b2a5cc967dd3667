"""Gradient-boosted trees with logistic loss, for bench/train_line_model.py (numpy).

Small on purpose: shallow trees on quantile bins, a fixed number of rounds, no early
stopping, so a run on the same data writes the same model. The trees are plain dicts that
`newsnorm.transforms.dump.model.Forest` evaluates without numpy.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Tree = dict[str, Any]
Histograms = tuple[Array, Array]


def train_forest(
    rows: Array, labels: Array, weights: Array, rounds: int, *, rate: float = 0.1,
    depth: int = 2, bins: int = 32, penalty: float = 1.0,
) -> dict[str, Any]:  # fmt: skip
    """Boosted trees as {"base", "rate", "trees"}: log-odds = base + rate * sum of leaves."""
    edges = [
        np.unique(np.quantile(rows[:, j], np.linspace(0, 1, bins + 1)[1:-1]))
        for j in range(rows.shape[1])
    ]
    binned = np.stack(
        [np.searchsorted(edge, rows[:, j], side="right") for j, edge in enumerate(edges)], 1
    )
    positive = float((weights * labels).sum())
    base = float(np.log(positive / float((weights * (1 - labels)).sum())))
    scores = np.full(len(labels), base)
    trees: list[Tree] = []
    grower = _Grower(binned, edges, bins + 1, penalty)
    every = np.arange(len(labels))
    for _ in range(rounds):
        probability = 1 / (1 + np.exp(-scores))
        grower.gradient = (probability - labels) * weights
        grower.hessian = probability * (1 - probability) * weights
        tree = grower.grow(every, depth, None)
        scores += rate * grower.leaves
        trees.append(tree)
    return {"base": round(base, 6), "rate": rate, "trees": trees}


class _Grower:
    """Grows one tree on binned rows: each node's gradient and hessian histograms over
    every feature's bins come from one `bincount` of the flattened (feature, bin) cells."""

    def __init__(self, binned: NDArray[np.int64], edges: list[Array], size: int, penalty: float):
        self.edges, self.size, self.penalty = edges, size, penalty
        self.features = binned.shape[1]
        self.cells = (binned + np.arange(self.features) * size).astype(np.int32)
        self.binned = binned
        self.gradient: Array = np.zeros(0)
        self.hessian: Array = np.zeros(0)
        # Each row's leaf value in the tree grown last (what the round adds to its score).
        self.leaves: Array = np.zeros(len(binned))

    def grow(self, index: NDArray[np.int64], depth: int, histograms: Histograms | None) -> Tree:
        """A node over `index`; `histograms` are its own when its parent's sibling made them
        cheaper (a child's histogram is its parent's minus its sibling's)."""
        if depth == 0 or len(index) < 20:
            return self._leaf(index)
        histograms = histograms or self._histograms(index)
        split = self._best_split(index, histograms)
        if split is None:
            return self._leaf(index)
        feature, cut = split
        edge = self.edges[feature]
        threshold = float(edge[cut]) if cut < len(edge) else float("inf")
        goes_left = self.binned[index, feature] <= cut
        left, right = index[goes_left], index[~goes_left]
        small, large = (left, right) if len(left) <= len(right) else (right, left)
        own = self._histograms(small) if depth > 1 else None
        other = (histograms[0] - own[0], histograms[1] - own[1]) if own else None
        grown = {
            id(small): self.grow(small, depth - 1, own),
            id(large): self.grow(large, depth - 1, other),
        }
        return {
            "feature": int(feature),
            "threshold": round(threshold, 6),
            "left": grown[id(left)],
            "right": grown[id(right)],
        }

    def _leaf(self, index: NDArray[np.int64]) -> Tree:
        value = round(
            float(-self.gradient[index].sum() / (self.hessian[index].sum() + self.penalty)), 6
        )
        self.leaves[index] = value
        return {"value": value}

    def _histograms(self, index: NDArray[np.int64]) -> Histograms:
        cells = self.cells[index].ravel()
        size = self.features * self.size
        shape = (self.features, self.size)
        return (
            np.bincount(cells, np.repeat(self.gradient[index], self.features), size)
            .astype(np.float64)
            .reshape(shape),
            np.bincount(cells, np.repeat(self.hessian[index], self.features), size)
            .astype(np.float64)
            .reshape(shape),
        )

    def _best_split(
        self, index: NDArray[np.int64], histograms: Histograms
    ) -> tuple[int, int] | None:
        total_g = self.gradient[index].sum()
        total_h = self.hessian[index].sum()
        g = np.cumsum(histograms[0], axis=1)[:, :-1]
        h = np.cumsum(histograms[1], axis=1)[:, :-1]
        parent = total_g**2 / (total_h + self.penalty)
        gain = (
            g**2 / (h + self.penalty) + (total_g - g) ** 2 / (total_h - h + self.penalty) - parent
        )
        gain[(h < 1e-3) | (total_h - h < 1e-3)] = -1
        feature, cut = np.unravel_index(int(np.argmax(gain)), gain.shape)
        if gain[feature, cut] <= 0:
            return None
        return int(feature), int(cut)


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
