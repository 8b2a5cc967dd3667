"""`IngestParameters`: the `ingest-articles` flow's parameters as one value, which `newsnorm
ingest` runs once and `newsnorm serve` stores in a deployment, so the two never drift."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from newsnorm.flows.engine.defaults import (
    DEFAULT_BATCH_BYTES,
    DEFAULT_BATCH_FILES,
    DEFAULT_COMPACT_AFTER_FILES,
    DEFAULT_GROWN_BATCH_FILES,
    DEFAULT_MAX_BYTES,
    default_warehouse,
)
from newsnorm.flows.orchestration.task_runners import DEFAULT_RUNNER, check_runner

if TYPE_CHECKING:
    from newsnorm.flows.engine.settings import IngestSettings

# transforms.stories.DEFAULT_SETTINGS's thresholds, written out: importing that module loads
# datasketch and SciPy (most of a second), and the command line must answer before that.
# tests/flows/test_cli_options.py holds the two equal.
STORY_MIN_CONTAINMENT = 0.5
STORY_MIN_SHARED = 20


class ParameterError(ValueError):
    """A parameter the flow would refuse, found before any server or flow run starts."""


@dataclass(frozen=True, slots=True)
class IngestParameters:
    """What one ingest run is asked to do. Every field is a parameter of the flow of the
    same name and default (a test holds them equal), but the warehouse: read here from
    $NEWSNORM_WAREHOUSE when the value is made, and by the flow, whose default is None,
    when it runs. The PostgreSQL catalog is not one: parameters are stored and shown by
    the Prefect server, a password with them."""

    sources: tuple[str, ...]
    warehouse: str = field(default_factory=default_warehouse)
    batch_files: int = DEFAULT_BATCH_FILES
    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False
    # JSON-lines field overrides: {"title": "headline"} looks for "headline" first.
    fields: Mapping[str, str] = field(default_factory=dict)
    rescan: bool = False
    follow_symlinks: bool = False
    compact_after_files: int = DEFAULT_COMPACT_AFTER_FILES
    runner: str = DEFAULT_RUNNER
    dask_address: str | None = None
    story_min_containment: float = STORY_MIN_CONTAINMENT
    story_min_shared: int = STORY_MIN_SHARED
    # The IANA zone of dates written without one (--timezone).
    timezone: str | None = None

    def check(self) -> None:
        """Raise ParameterError, naming the option, for what the flow would refuse."""
        from newsnorm.transforms.jsonrecord import field_mapping

        try:
            field_mapping(self.fields)
        except ValueError as err:
            raise ParameterError(f"--field: {err}") from err
        from newsnorm.transforms.dates import check_zone

        try:
            if self.timezone:
                check_zone(self.timezone)
        except ValueError as err:
            raise ParameterError(f"--timezone: {err}") from err
        try:
            check_runner(self.runner, self.dask_address)
        except ValueError as err:
            raise ParameterError(str(err)) from err

    def absolute(self) -> IngestParameters:
        """Local paths made absolute, so flow runs need not share our working directory;
        an s3:// warehouse stays as it is."""
        warehouse = self.warehouse
        return replace(
            self,
            sources=tuple(os.path.abspath(source) for source in self.sources),
            warehouse=warehouse if "://" in warehouse else os.path.abspath(warehouse),
        )

    def settings(
        self, *, progress: bool = False, batch_bytes: int = DEFAULT_BATCH_BYTES
    ) -> IngestSettings:
        """The engine's options for this run, as the flow builds them and as `newsnorm
        ingest` builds them when it runs the same work without Prefect."""
        from newsnorm.flows.engine.settings import IngestSettings
        from newsnorm.transforms.stories import DEFAULT_SETTINGS as DEFAULT_STORY_SETTINGS
        from newsnorm.warehouse.lake import Warehouse

        return IngestSettings(
            warehouse=Warehouse.at(self.warehouse),
            batch_files=self.batch_files,
            # The default batch size grows on a long run; a size the caller chose is kept.
            grown_batch_files=(
                DEFAULT_GROWN_BATCH_FILES if self.batch_files == DEFAULT_BATCH_FILES else 0
            ),
            batch_bytes=batch_bytes,
            max_bytes=self.max_bytes,
            strict=self.strict,
            fields=dict(self.fields),
            rescan=self.rescan,
            follow_symlinks=self.follow_symlinks,
            progress=progress,
            compact_after_files=self.compact_after_files,
            stories=replace(
                DEFAULT_STORY_SETTINGS,
                min_containment=self.story_min_containment,
                min_shared=self.story_min_shared,
            ),
            timezone=self.timezone,
        )

    def as_flow_parameters(self) -> dict[str, Any]:
        """Keyword arguments of `ingest_articles`, in plain JSON types (Prefect stores them)."""
        values: dict[str, Any] = {item.name: getattr(self, item.name) for item in fields(self)}
        values["sources"] = list(self.sources)
        values["fields"] = dict(self.fields)
        return values
