"""Which of many pre-tested patterns a document may hold, from its literal scan at once.

Detection asks all ~155 signals of every adapter about every document and cleaning ~75
rules, and each pre-test (`Prefilter.admits`) costs ~0.4 µs of Python even when the scan has
already found none of its texts: ~60 µs a document, as much as the regexes it spares. A
`Gate` indexes every pattern by the texts of its first scanned option (the most selective);
the texts a document's scan found pick the few patterns worth asking, in their order. The
others cannot match: their first option's texts are all absent. Those picked still take
their own full pre-test, so what a caller finds is what asking every pattern finds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from newsnorm.transforms.literals import Prefilter
from newsnorm.transforms.literalscan import Tested

__all__ = ["Gate"]


class _Pretested(Protocol):
    @property
    def prefilter(self) -> Prefilter: ...


_P = TypeVar("_P", bound=_Pretested)


class Gate:
    """An index of prefilters (a signal's or rule's, in the caller's order) by the texts of
    their first scanned option; those without one are always asked."""

    __slots__ = ("always", "count", "index", "keys", "version")

    def __init__(self, prefilters: Sequence[Prefilter]) -> None:
        self.count = len(prefilters)
        always: list[int] = []
        index: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}
        self.version = 0
        for position, prefilter in enumerate(prefilters):
            if not prefilter.scanned:
                always.append(position)
                continue
            self.version = max(self.version, prefilter.version)
            for text in prefilter.scanned[0]:
                index[prefilter.caseless].setdefault(text, []).append(position)
        self.always = tuple(always)
        self.index = {
            kind: {text: tuple(at) for text, at in by.items()} for kind, by in index.items()
        }
        self.keys = {kind: frozenset(by) for kind, by in index.items()}

    def candidates(self, folded: str, caseless: str, tested: Tested | None) -> Sequence[int]:
        """Positions, in order, of the prefilters that may admit the document (`caseless` is
        `folded`'s caseless_text); every other one would reject it."""
        if tested is None:
            return range(self.count)
        chosen = set(self.always)
        for kind, haystack in ((False, folded), (True, caseless)):
            keys = self.keys[kind]
            if not keys:
                continue
            present = tested.present(haystack, kind, self.version)
            if present is None:  # a scan made before some of these texts were known
                return range(self.count)
            index = self.index[kind]
            for text in keys.intersection(present):
                chosen.update(index[text])
        return sorted(chosen)

    def admitted(
        self, patterns: Sequence[_P], folded: str, caseless: str, tested: Tested | None
    ) -> list[_P]:
        """The patterns (those this gate indexes, in order) whose pre-test admits the document."""
        return [
            patterns[position]
            for position in self.candidates(folded, caseless, tested)
            if patterns[position].prefilter.admits(folded, caseless, tested)
        ]
