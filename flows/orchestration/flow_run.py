"""One `newsnorm ingest` as a recorded Prefect flow run of `ingest-articles`.

On the configured Prefect API, or, without one, on a local server started for the run
(local_server.py: it ignores the terminal's Ctrl-C and dies with us even on SIGKILL).
Prefect is imported here and only here on this path: a run without Prefect never loads it.
"""

from __future__ import annotations

from typing import TextIO

from newsnorm.flows.orchestration.parameters import IngestParameters
from newsnorm.flows.orchestration.task_runners import shared_prefect_api


def run_ingest_flow(
    parameters: IngestParameters, *, progress: bool, notices: TextIO
) -> dict[str, int | str]:
    """Run the flow in this process and return its counts; `notices` hears about a local
    server being started. Raises what the run raises (RunCancelled on Ctrl-C)."""
    from newsnorm.flows.orchestration.ingest_flow import ingest_articles
    from newsnorm.warehouse.lake import Warehouse

    root = Warehouse.at(parameters.warehouse).root
    with shared_prefect_api(parameters.runner, root, notices):
        counts: dict[str, int | str] = ingest_articles(
            **parameters.as_flow_parameters(), progress=progress
        )
    return counts
