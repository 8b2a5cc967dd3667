"""An ingest run's default sizes and places: plain constants, cheap to import.

The command line reads them to build its options before anything heavy is loaded, so a
mistake on the command line is answered at once.
"""

from __future__ import annotations

DEFAULT_WAREHOUSE = "warehouse/data"
# Where `--warehouse` defaults from, before DEFAULT_WAREHOUSE.
WAREHOUSE_VARIABLE = "NEWSNORM_WAREHOUSE"
DEFAULT_BATCH_FILES = 500
DEFAULT_BATCH_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_COMPACT_AFTER_FILES = 1000
