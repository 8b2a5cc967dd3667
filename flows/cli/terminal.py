"""One `newsnorm ingest` at a terminal: where log lines go, and what Ctrl-C does.

Log lines go to stderr above the progress bar, never into it (`progress.write_line`):
warnings and errors as one line each, with tracebacks and INFO lines only under
`--verbose`. Prefect's own notices and logs stay off the terminal unless `--verbose`.
The first Ctrl-C (or SIGTERM) asks the run to stop at the next input
(`stopping.STOP`): the run ends `cancelled` within a second or two, its committed chunks
kept; a second one interrupts at once.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from newsnorm.flows.engine.progress import write_line
from newsnorm.flows.engine.stopping import STOP, requesting_stop

# Prefect's console handler (its logging.yml): silenced unless --verbose. Set before
# Prefect is imported, which is when it reads its logging configuration.
PREFECT_CONSOLE_LEVEL = "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"


@dataclass(frozen=True, slots=True)
class TerminalSettings:
    """How much of the run the terminal shows."""

    verbose: bool = False
    quiet: bool = False

    @property
    def progress(self) -> bool:
        """The bar: on a terminal only; not under --quiet, nor under --verbose (whose log
        lines would otherwise crowd it)."""
        return sys.stderr.isatty() and not (self.quiet or self.verbose)


class _TerminalHandler(logging.Handler):
    """Writes each record as lines above the progress bar."""

    def __init__(self, verbose: bool) -> None:
        super().__init__(logging.INFO if verbose else logging.WARNING)
        self.verbose = verbose
        if verbose:
            self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def filter(self, record: logging.LogRecord) -> bool:
        # Prefect's records, and libraries' Python warnings, are not the user's business
        # unless asked for (--verbose).
        return self.verbose or not record.name.startswith(("prefect", "py.warnings"))

    def format(self, record: logging.LogRecord) -> str:
        if self.verbose:
            return super().format(record)
        hint = " (--verbose shows the traceback)" if record.exc_info else ""
        return f"newsnorm: {record.levelname.lower()}: {record.getMessage()}{hint}"

    def emit(self, record: logging.LogRecord) -> None:
        try:
            write_line(self.format(record), sys.stderr)
        except Exception:
            self.handleError(record)


@contextmanager
def terminal_logging(settings: TerminalSettings, *, prefect: bool) -> Iterator[None]:
    """Route log records to the terminal for the duration. With Prefect in the process and
    --verbose, Prefect's own console handler shows every record and ours stays out."""
    if prefect and not settings.verbose:
        os.environ.setdefault(PREFECT_CONSOLE_LEVEL, "CRITICAL")
    root = logging.getLogger()
    handler = None if (prefect and settings.verbose) else _TerminalHandler(settings.verbose)
    previous_level = root.level
    if handler is not None:
        root.addHandler(handler)
        root.setLevel(min(previous_level or logging.WARNING, handler.level))
    logging.captureWarnings(True)
    try:
        yield
    finally:
        logging.captureWarnings(False)
        if handler is not None:
            root.removeHandler(handler)
            root.setLevel(previous_level)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """The first Ctrl-C or SIGTERM requests a stop at the next input; a second one
    raises KeyboardInterrupt at once, unless the run is recording how it ended
    (`StopSwitch.holding_one`). Handlers are restored after, and the request forgotten."""
    try:
        with requesting_stop():
            yield
    finally:
        STOP.clear()
