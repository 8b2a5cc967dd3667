"""Whether a run is short enough to keep the catalog attached between its steps.

A run of a few files opens the catalog ~8 times, and each open's attach costs more than the
run's own work (warehouse/kept_attach.py). While its inputs fit in one small batch the run
keeps the catalog attached; a second batch, or a first one past these bounds, means the
batches' transforms may take long, and the catalog is let go so that `query`, `status` and
other runs are not kept waiting. A file may hold many inputs (a `.jsonl.gz` of a few hundred
KiB: thousands of records), so each chunk is judged again once read: any chunk but a batch's
first, or a first one past the same bounds, lets the catalog go before its transforms.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.sources import InputRef
from newsnorm.warehouse.kept_attach import KeptAttach, let_go

SHORT_RUN_INPUTS = 32
SHORT_RUN_BYTES = 512 * 1024


def kept_while_short(
    batches: Iterable[list[InputRef]], kept: KeptAttach | None
) -> Iterator[list[InputRef]]:
    """The batches as they come; the kept catalog is let go before a batch that makes the
    run more than short is processed."""
    for number, refs in enumerate(batches):
        if kept is not None and (number or not is_short(refs)):
            kept.stop()
            kept = None
        yield refs


def is_short(refs: list[InputRef]) -> bool:
    """A batch whose transforms end well within a second (a compressed file may hold more
    than its size says: the hold's own limit, MAX_HOLD_S, still bounds the wait)."""
    return len(refs) <= SHORT_RUN_INPUTS and sum(ref.size or 0 for ref in refs) <= SHORT_RUN_BYTES


def let_go_unless_short(chunk: Sequence[object], number: int) -> None:
    """Let the kept catalog go before chunk `number` of a batch (its inputs, as read) unless
    it is the batch's first and short."""
    inputs = [item for item in chunk if isinstance(item, RawInput)]
    size = sum(item.size or 0 for item in inputs)
    if number or len(inputs) > SHORT_RUN_INPUTS or size > SHORT_RUN_BYTES:
        let_go()
