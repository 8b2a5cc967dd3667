"""Every adapter's detection of one document through one literal gate (speed only).

Each `RuleAdapter.detect` runs its own `Gate` over the document's literal scan: a call, two
lookups, a set and a sort (~1.5 µs) for each of the ~26 adapters, though on most documents
the scan found none of an adapter's texts. One gate over the signals of every adapter that
keeps `RuleAdapter.detect` picks the few signals worth asking for all of them at once; each
picked signal takes its full search as before, so every adapter gets the evidence its own
`detect` gives, in its order. An adapter with a `detect` of its own (a plugin's) is asked
itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsnorm.transforms.adapters.base import RuleAdapter, SourceAdapter
from newsnorm.transforms.errors import AdapterFailed
from newsnorm.transforms.literalgate import Gate
from newsnorm.transforms.records import Document, Evidence
from newsnorm.transforms.rules import Signal, caseless_text

__all__ = ["JointDetection"]

# `RuleAdapter.detect` as defined: a patched one (a test's mock) is an adapter's own detect.
_RULE_DETECT = RuleAdapter.detect


def _plain(adapter: SourceAdapter) -> bool:
    """Whether the adapter detects with `RuleAdapter.detect` over its `signals`."""
    if type(adapter).detect is not _RULE_DETECT:
        return False
    return "detect" not in getattr(adapter, "__dict__", {})


class JointDetection:
    """The signals of a sequence of adapters behind one gate (built for those adapters, and
    for the signals they hold when built: `serves` tells whether it still fits)."""

    __slots__ = ("adapters", "gate", "held", "labels", "others", "owners", "signals")

    def __init__(self, adapters: Sequence[SourceAdapter]) -> None:
        self.adapters = tuple(adapters)
        signals: list[Signal] = []
        owners: list[int] = []
        held: list[tuple[RuleAdapter, tuple[Signal, ...]]] = []
        others: list[int] = []
        for index, adapter in enumerate(self.adapters):
            if not isinstance(adapter, RuleAdapter) or not _plain(adapter):
                others.append(index)
                continue
            held.append((adapter, adapter.signals))
            signals.extend(adapter.signals)
            owners.extend([index] * len(adapter.signals))
        self.signals = tuple(signals)
        self.owners = tuple(owners)
        self.labels = tuple(f"signal:{signal.name}" for signal in signals)
        self.held = tuple(held)
        self.others = tuple(others)
        self.gate = Gate([signal.prefilter for signal in signals])

    def serves(self, adapters: Sequence[SourceAdapter]) -> bool:
        """Whether these are the adapters it was built for, still holding the same signals
        and detecting with `RuleAdapter.detect` (a `detect` set later is asked itself)."""
        mine = self.adapters
        if len(adapters) != len(mine) or any(
            a is not b for a, b in zip(adapters, mine, strict=True)
        ):
            return False
        return all(adapter.signals is signals and _plain(adapter) for adapter, signals in self.held)

    def evidence(self, document: Document) -> list[tuple[Evidence, ...]]:
        """Each adapter's `detect(document)`, in the adapters' order."""
        folded = document.folded
        caseless = document.caseless or caseless_text(folded)
        tested = document.tested
        found: list[list[Evidence]] = [[] for _ in self.adapters]
        signals, owners, labels = self.signals, self.owners, self.labels
        for position in self.gate.candidates(folded, caseless, tested):
            signal = signals[position]
            if signal.search(folded, caseless, tested):
                found[owners[position]].append(Evidence(labels[position], signal.weight))
        claims = [tuple(items) for items in found]
        for index in self.others:
            adapter = self.adapters[index]
            try:
                claims[index] = tuple(adapter.detect(document))
            except Exception as err:  # a plugin's own `detect`
                raise AdapterFailed.wrapping(adapter.name, "detect", err) from err
        return claims
