"""How one read input becomes an article or a recorded rejection, and the settings a
batch reads and processes its inputs with: shared by batches, the worker pool and reprocess."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from newsnorm.flows.engine.reading import RawInput
from newsnorm.transforms import pipeline
from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.errors import AdapterFailed, DocumentRejected
from newsnorm.transforms.inputs import Reading
from newsnorm.transforms.pipeline import Processed

logger = logging.getLogger(__name__)

# The rejection of an input our own code failed on: recorded, and retried next run.
INTERNAL_ERROR = "internal_error"


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """How inputs are read and what to do when our own code fails on one."""

    max_bytes: int
    # Raise on an unexpected error instead of recording the input as rejected.
    strict: bool = False
    # How inputs are read beyond their bytes (--field, --timezone): part of their identity.
    reading: Reading = field(default_factory=Reading)
    # Inputs are committed in chunks of at most this many, or this many bytes.
    chunk_inputs: int = 500
    chunk_bytes: int = 64 * 1024 * 1024
    # Read and hash every file again instead of trusting the manifest.
    rescan: bool = False
    # The run's batches run one after another and hold the writer lock: nothing commits
    # between a chunk's lookup and its commit, so the lookup is not repeated (~70 ms a chunk).
    alone: bool = False


# Turns a chunk's inputs into articles or rejections, in order: `process_here`, or a pool
# of worker processes (flows/engine/workers.py).
Processor = Callable[
    [Sequence[RawInput], Sequence[SourceAdapter], BatchSettings],
    Iterable[Processed | DocumentRejected],
]


def process_here(
    raws: Sequence[RawInput], adapters: Sequence[SourceAdapter], settings: BatchSettings
) -> Iterator[Processed | DocumentRejected]:
    """Process inputs one after another in this process."""
    for raw in raws:
        yield process_input(raw, adapters, settings)


def process_input(
    raw: RawInput, adapters: Sequence[SourceAdapter], settings: BatchSettings
) -> Processed | DocumentRejected:
    """The article in one read input, or why there is none (our own bugs included)."""
    assert raw.data is not None
    try:
        return pipeline.process_input(raw.data, raw.meta(settings.reading), adapters)
    except DocumentRejected as rejection:
        return rejection
    except Exception as err:
        if settings.strict:
            raise
        # A bug of ours or of an adapter must not cost the run or the other inputs: record
        # it loudly, naming the adapter that raised (its `detect`, `clean` or a step) if one did.
        if isinstance(err, AdapterFailed):
            logger.exception("internal error on %s: %s", raw.uri, err)
            return DocumentRejected(INTERNAL_ERROR, str(err), err.adapter)
        logger.exception("internal error on %s", raw.uri)
        return DocumentRejected(INTERNAL_ERROR, f"{type(err).__name__}: {err}")
