-- One row per distinct (input_uri, input_sha256, reading_settings) ever seen: the same
-- bytes read with other settings (--field, --timezone) are another input. Each shows what
-- finally became of it: an input rejected for a passing reason (too large for the settings
-- then, a bug of ours) and processed again later shows its latest outcome.
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
    schema_version,
    reading_settings
from raw_inputs
qualify row_number() over (
    partition by input_uri, input_sha256, reading_settings order by first_seen_at desc
) = 1;
