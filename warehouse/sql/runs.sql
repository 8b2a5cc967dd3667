-- One row per ingest, reprocess or forget run; counts are final once status = 'completed'.
create or replace view runs as
select
    run_id,
    flow_run_id,
    status,
    started_at,
    finished_at,
    seen,
    ingested,
    duplicate,
    unchanged,
    rejected,
    newsnorm_version,
    schema_version,
    skipped,
    coalesce(kind, 'ingest') as kind,
    sources,
    settings
from raw_runs;
