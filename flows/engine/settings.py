"""How an ingest run is set up: the defaults, and `IngestSettings`, the engine's options object."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# The defaults live in a module of their own that the command line imports cheaply.
from newsnorm.flows.engine.defaults import DEFAULT_BATCH_BYTES as DEFAULT_BATCH_BYTES
from newsnorm.flows.engine.defaults import DEFAULT_BATCH_FILES as DEFAULT_BATCH_FILES
from newsnorm.flows.engine.defaults import (
    DEFAULT_COMPACT_AFTER_FILES as DEFAULT_COMPACT_AFTER_FILES,
)
from newsnorm.flows.engine.defaults import (
    DEFAULT_GROWN_BATCH_FILES as DEFAULT_GROWN_BATCH_FILES,
)
from newsnorm.flows.engine.defaults import DEFAULT_MAX_BYTES as DEFAULT_MAX_BYTES
from newsnorm.flows.engine.defaults import DEFAULT_WAREHOUSE as DEFAULT_WAREHOUSE
from newsnorm.transforms.stories import DEFAULT_SETTINGS as DEFAULT_STORY_SETTINGS
from newsnorm.transforms.stories import StorySettings
from newsnorm.warehouse.lake import Warehouse


@dataclass(frozen=True, slots=True)
class IngestSettings:
    warehouse: Warehouse
    batch_files: int = DEFAULT_BATCH_FILES
    batch_bytes: int = DEFAULT_BATCH_BYTES
    # Batches run one after another (not concurrently) take max(batch_files, this) files,
    # each one chunk, once this many files are batched (0: batch_files throughout).
    grown_batch_files: int = DEFAULT_GROWN_BATCH_FILES
    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False
    # JSON-lines field overrides: {"title": "headline"} looks for "headline" first.
    fields: Mapping[str, str] = field(default_factory=dict)
    # Read and hash every file again instead of trusting the manifest.
    rescan: bool = False
    # Follow symbolic links out of a source folder (else rejected as symlink_outside).
    follow_symlinks: bool = False
    # Draw a progress bar on stderr (the CLI sets it on a terminal, unless --quiet).
    progress: bool = False
    # Compact after the run once the warehouse holds more data files than this (0: never).
    compact_after_files: int = DEFAULT_COMPACT_AFTER_FILES
    # How new articles are linked to stories (thresholds: docs/stories.md).
    stories: StorySettings = DEFAULT_STORY_SETTINGS
    # The IANA zone of dates inputs state without one (--timezone); None: no instant.
    timezone: str | None = None

    def described(self) -> str:
        """The settings that shape what a run stores, as JSON for its `runs` row."""
        shaping = {
            "fields": dict(sorted(self.fields.items())),
            "timezone": self.timezone,
            "max_bytes": self.max_bytes,
            "follow_symlinks": self.follow_symlinks,
            "story_min_containment": self.stories.min_containment,
            "story_min_shared": self.stories.min_shared,
        }
        return json.dumps(shaping, sort_keys=True)


def reread_limit(stored_sizes: Iterable[int | None] = ()) -> int:
    """The size limit for reading stored inputs again (`reprocess`, `show`): the default,
    or the largest of them where an ingest with a higher `--max-bytes` took one. An input
    the warehouse holds is never refused as too large when it is read again."""
    return max([DEFAULT_MAX_BYTES, *(size for size in stored_sizes if size)])
