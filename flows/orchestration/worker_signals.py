"""Pool workers ignore Ctrl-C: a terminal sends SIGINT to its whole process group, workers
included, and only the parent may decide what a Ctrl-C does.

A Prefect process-pool worker that took it raised KeyboardInterrupt out of its batch; Prefect
re-raised that in the pool's management thread, the batch's done-callback never fired and
the run waited for it for ever (flows/engine/concurrent.py). The parent's first Ctrl-C stops
the run after the batches in flight; a second one ends it (docs/operations.md).
`ignore_ctrl_c` is the process pool's initializer; this module is also the Dask preload of a
local cluster's workers (`dask_setup`), so they ignore it from their start.
"""

from __future__ import annotations

import signal
from typing import Any


def ignore_ctrl_c() -> None:
    """SIGINT ignored in this process (a pool worker's main thread, where it starts)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def dask_setup(worker: Any) -> None:
    """Dask's hook for a preload module, run as the worker starts, in its main thread."""
    ignore_ctrl_c()
