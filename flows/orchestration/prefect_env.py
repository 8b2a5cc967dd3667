"""Prefect defaults newsnorm needs, applied explicitly by entry points before Prefect loads."""

from __future__ import annotations

import os

PREFECT_DEFAULTS = {
    # The ephemeral server otherwise makes one outbound analytics call per start.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # Its first start on a new machine migrates a fresh database; 20 s is not always enough.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def apply_prefect_defaults() -> None:
    """Set each default unless the user already chose a value."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
