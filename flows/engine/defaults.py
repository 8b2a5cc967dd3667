"""An ingest run's default sizes and places: plain constants (and the environment's
warehouse), cheap to import.

Every default the command line shows lives here, not in the module that uses it: the
command line reads them to build its options before anything heavy is loaded, so `--help`
and a mistake on the command line are answered at once (tests/flows/test_terminal.py).
"""

from __future__ import annotations

import os

DEFAULT_WAREHOUSE = "warehouse/data"
# Where the warehouse defaults from, before DEFAULT_WAREHOUSE.
WAREHOUSE_VARIABLE = "NEWSNORM_WAREHOUSE"
DEFAULT_BATCH_FILES = 500
# Batches run in the run's own process grow to this many files once as many are batched:
# a batch's commit costs ~250 ms of the parent's CPU whatever its size (docs/scale.md).
DEFAULT_GROWN_BATCH_FILES = 2000
DEFAULT_BATCH_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_COMPACT_AFTER_FILES = 1000
# How long compaction keeps the files it replaced, for readers of older snapshots.
DEFAULT_RETAIN_SECONDS = 600


def default_warehouse() -> str:
    """$NEWSNORM_WAREHOUSE when set (and not empty), else warehouse/data: every command's
    `--warehouse` and the flow's `warehouse` parameter alike, read when they are used."""
    return os.environ.get(WAREHOUSE_VARIABLE, "").strip() or DEFAULT_WAREHOUSE
