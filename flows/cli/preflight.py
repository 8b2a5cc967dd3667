"""Mistakes on the `ingest` command line, found before anything heavy is loaded.

Each is answered in one line with exit status 2 (`EXIT_USAGE`), in well under a second:
a source that does not exist, a `--warehouse` that is a file (or cannot be created), a
bad `--field` or runner option. Checked from the parameters alone, no warehouse opened.
"""

from __future__ import annotations

import os
from pathlib import Path

from newsnorm.flows.orchestration.parameters import IngestParameters, ParameterError


def check_ingest(parameters: IngestParameters) -> None:
    """Raise ParameterError, in words a user can act on, for a mistake in `parameters`."""
    missing = [source for source in parameters.sources if not os.path.lexists(source)]
    if missing:
        raise ParameterError(
            f"no such file or folder: {', '.join(missing)}"
            if len(missing) < 4
            else f"{len(missing)} sources do not exist, the first: {missing[0]}"
        )
    check_warehouse_path(parameters.warehouse)
    parameters.check()


def check_warehouse_path(location: str) -> None:
    """A local warehouse is a folder, or can be made one; an s3:// URL is checked later."""
    if not location.strip():
        raise ParameterError("--warehouse is empty (an unset variable?): name a folder")
    if "://" in location:
        return
    path = Path(location).expanduser()
    if path.exists() and not path.is_dir():
        raise ParameterError(f"--warehouse {location} is a file, not a folder")
    existing = next((p for p in (path, *path.parents) if p.exists()), None)
    if existing is None or not existing.is_dir():
        raise ParameterError(f"--warehouse {location}: {existing} is a file, not a folder")
    if existing != path and not os.access(existing, os.W_OK | os.X_OK):
        raise ParameterError(
            f"--warehouse {location}: cannot create it, {existing} is not writable"
        )
