"""The `ingest-articles` Prefect flow: batches of inputs as tasks, a summary artifact."""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from flows.batch import Counts
from flows.runner import (
    DEFAULT_BATCH_BYTES,
    DEFAULT_BATCH_FILES,
    DEFAULT_COMPACT_AFTER_FILES,
    DEFAULT_MAX_BYTES,
    DEFAULT_WAREHOUSE,
    BatchJob,
    IngestSettings,
    execute_ingest,
    run_batch_job,
)
from warehouse.lake import Warehouse


# Never cached and never retried: a batch writes, and a blind retry could write twice
# (inputs already committed are skipped on the next run anyway).
@task(name="ingest-batch", cache_policy=NO_CACHE, persist_result=False)
def ingest_batch_task(job: BatchJob) -> Counts:
    return run_batch_job(job)


@flow(name="ingest-articles", persist_result=False)
def ingest_articles(
    sources: list[str],
    warehouse: str = DEFAULT_WAREHOUSE,
    batch_files: int = DEFAULT_BATCH_FILES,
    batch_bytes: int = DEFAULT_BATCH_BYTES,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strict: bool = False,
    fields: dict[str, str] | None = None,
    rescan: bool = False,
    follow_symlinks: bool = False,
    progress: bool = False,
    compact_after_files: int = DEFAULT_COMPACT_AFTER_FILES,
) -> dict[str, int | str]:
    """Ingest files and folders into the warehouse; returns the run's counts."""
    logger = get_run_logger()
    settings = IngestSettings(
        warehouse=Warehouse.at(warehouse),
        batch_files=batch_files,
        batch_bytes=batch_bytes,
        max_bytes=max_bytes,
        strict=strict,
        fields=fields or {},
        rescan=rescan,
        follow_symlinks=follow_symlinks,
        progress=progress,
        compact_after_files=compact_after_files,
    )
    summary = execute_ingest(
        sources, settings, run_batch=ingest_batch_task, flow_run_id=flow_run.get_id()
    )
    counts = summary.as_dict()
    logger.info(
        "run %s: %s seen, %s ingested, %s duplicate, %s unchanged, %s rejected, %s skipped "
        "in %s batches",
        counts["run_id"],
        counts["seen"],
        counts["ingested"],
        counts["duplicate"],
        counts["unchanged"],
        counts["rejected"],
        counts["skipped"],
        counts["batches"],
    )
    create_table_artifact(
        key="ingest-summary",
        table=[counts],
        description=f"newsnorm ingest into {settings.warehouse.root}",
    )
    return counts
