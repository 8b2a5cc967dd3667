"""A requested stop (Ctrl-C, SIGTERM: `serve`'s normal end) is no error in Prefect's logs.

On a stop the batch task returns a `Cancelled` state (ingest_flow.py), and the flow a
`Cancelled` state whose data is the `RunCancelled` it caught, so both are cancelled on the
server and a caller in-process gets the stop raised again. Prefect still logs them as
errors: its task engine logs any task that ends other than completed at ERROR ("Finished in
state Cancelled(…)"), and its flow engine, handed the `RunCancelled`, logs it at ERROR with
its traceback ("Engine execution exited with unexpected exception") before re-raising it.
The filters here change exactly those two records: a cancelled task's finish is logged at
INFO, and the flow's `RunCancelled` is dropped (the flow logs one line of its own for the
stop). Any other error keeps its record, level and traceback.
"""

from __future__ import annotations

import logging

from newsnorm.flows.engine.runner import RunCancelled

# The loggers Prefect's engines log a flow run's and a task run's states and errors on.
FLOW_RUN_LOGGER = "prefect.flow_runs"
TASK_RUN_LOGGER = "prefect.task_runs"
_CANCELLED_FINISH = "Finished in state Cancelled("


class _CancelledRun(logging.Filter):
    """Drops a record whose exception is a requested stop's `RunCancelled`."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, RunCancelled)


class _CancelledTask(logging.Filter):
    """Logs a cancelled task's finish at INFO, as the flow engine logs a cancelled flow's."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO and str(record.msg).startswith(_CANCELLED_FINISH):
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return True


def quiet_requested_stops() -> None:
    """Keep Prefect's engines from logging a requested stop as an error (once a process:
    the filters stay on their loggers)."""
    for name, kind in ((FLOW_RUN_LOGGER, _CancelledRun), (TASK_RUN_LOGGER, _CancelledTask)):
        logger = logging.getLogger(name)
        if not any(isinstance(item, kind) for item in logger.filters):
            logger.addFilter(kind())
