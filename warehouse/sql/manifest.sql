-- The latest record of each source file read through: what a run trusts without reading.
create or replace view manifest as
select
    file_uri,
    size_bytes,
    mtime_ns,
    content_sha256,
    inputs,
    run_id,
    recorded_at,
    reading_settings
from raw_manifest
qualify row_number() over (partition by file_uri order by recorded_at desc) = 1;
