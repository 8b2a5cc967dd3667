"""The line model: boosted trees read from `line_model.json`, evaluated in pure Python.

`bench/train_line_model.py` writes the file from the tuning part of the benchmark pages;
nothing here learns. A score is the sum of the trees' leaf values (log-odds that a unit is
story); each leaf's value is shared among the features on its path, so a decision can say
which features pushed it (`Scored.reasons`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

Tree = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Forest:
    """Boosted trees over named features: `base` plus `rate` times each tree's leaf."""

    features: tuple[str, ...]
    base: float
    rate: float
    trees: tuple[Tree, ...]

    def score(self, row: Sequence[float]) -> Scored:
        total = self.base
        pushes = dict.fromkeys(self.features, 0.0)
        for tree in self.trees:
            node, path = tree, []
            while "value" not in node:
                feature = node["feature"]
                path.append(feature)
                node = node["left"] if row[feature] < node["threshold"] else node["right"]
            value = self.rate * node["value"]
            total += value
            for feature in path:
                pushes[self.features[feature]] += value / len(path)
        return Scored(1 / (1 + math.exp(-total)), pushes)


@dataclass(frozen=True, slots=True)
class Scored:
    """A unit's probability of being story, and each feature's push (log-odds)."""

    probability: float
    pushes: Mapping[str, float]

    def reasons(self, count: int = 3) -> tuple[str, ...]:
        """The features that pushed hardest towards chrome, strongest first."""
        against = sorted((push, name) for name, push in self.pushes.items() if push < 0)
        return tuple(name for _, name in against[:count])


@dataclass(frozen=True, slots=True)
class LineModel:
    """Both stages, the title ranker, the word (and, if any, phrase) weights of the first
    stage's lexical features and the probability under which a unit is dropped (the title's
    candidates read it; the body keeps at `sequence.KEEP_THRESHOLD` with the sequence)."""

    lexicon: Mapping[str, float]
    phrases: Mapping[str, float] | None
    first: Forest
    second: Forest
    title: Forest
    threshold: float
    # The ranker fitted with the story's echo not measured on any page (the features
    # `title_evidence.UNKNOWN_ECHO` throughout): for a page whose prose was not counted
    # (`story.py`), where the ranker fitted with the echo took the first line (fixdt24).
    title_unmeasured: Forest | None = None


def forest(data: Mapping[str, Any], features: Sequence[str]) -> Forest:
    return Forest(tuple(features), data["base"], data["rate"], tuple(data["trees"]))


@cache
def line_model() -> LineModel:
    """The shipped model (read once per process)."""
    path = resources.files("newsnorm.transforms.dump").joinpath("line_model.json")
    text = path.read_text("utf-8")
    return parse_model(json.loads(text))


def parse_model(data: Mapping[str, Any]) -> LineModel:
    return LineModel(
        lexicon=data["lexicon"],
        phrases=data.get("phrases"),
        first=forest(data["first"], data["first_features"]),
        second=forest(data["second"], data["second_features"]),
        title=forest(data["title"], data["title_features"]),
        threshold=data["threshold"],
        title_unmeasured=(
            forest(data["title_unmeasured"], data["title_features"])
            if "title_unmeasured" in data
            else None
        ),
    )
