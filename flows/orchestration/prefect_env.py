"""What Prefect is configured with, read before Prefect loads: the defaults newsnorm needs,
and whether a Prefect API is configured at all (which decides how `ingest` runs)."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

PREFECT_DEFAULTS = {
    # The ephemeral server otherwise makes one outbound analytics call per start.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # Its first start on a new machine migrates a fresh database; 20 s is not always enough.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}
API_URL_VARIABLE = "PREFECT_API_URL"


def apply_prefect_defaults() -> None:
    """Set each default unless the user already chose a value."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


def configured_api_url(environ: Mapping[str, str] | None = None) -> str | None:
    """The Prefect API this process would report to: PREFECT_API_URL in the environment,
    else in the active Prefect profile (`prefect config set PREFECT_API_URL=…`); None when
    neither names one. Read without importing Prefect, which takes over a second."""
    env = os.environ if environ is None else environ
    if url := env.get(API_URL_VARIABLE, "").strip():
        return url
    profiles = _profiles_path(env)
    try:
        data = tomllib.loads(profiles.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None  # no profiles file, or one Prefect itself would refuse
    active = env.get("PREFECT_PROFILE") or data.get("active")
    profile = data.get("profiles", {}).get(active, {}) if isinstance(active, str) else {}
    found = profile.get(API_URL_VARIABLE) if isinstance(profile, dict) else None
    if isinstance(found, str) and found.strip():
        return found.strip()
    return None


def _profiles_path(env: Mapping[str, str]) -> Path:
    """Where Prefect keeps its profiles: PREFECT_PROFILES_PATH, or profiles.toml in
    PREFECT_HOME (default ~/.prefect)."""
    if explicit := env.get("PREFECT_PROFILES_PATH"):
        return Path(explicit).expanduser()
    return Path(env.get("PREFECT_HOME") or "~/.prefect").expanduser() / "profiles.toml"
