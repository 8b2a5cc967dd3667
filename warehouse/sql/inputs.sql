-- One row per distinct (input_uri, input_sha256) ever seen, with what became of it.
create or replace view inputs as
select
    input_uri,
    input_sha256,
    size_bytes,
    status,
    reason_code,
    reason,
    article_id,
    encoding,
    adapter,
    run_id,
    first_seen_at,
    schema_version
from raw_inputs;
