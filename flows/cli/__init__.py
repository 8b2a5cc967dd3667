"""The `newsnorm` command line: options (`options.py`), commands by family, and output."""

from newsnorm.flows.cli.app import main
from newsnorm.flows.cli.exit_codes import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_REJECTS,
    EXIT_USAGE,
)

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "EXIT_REJECTS",
    "EXIT_USAGE",
    "main",
]
