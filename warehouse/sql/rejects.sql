-- Inputs that did not become articles, with the stable code and the message. An input (one
-- URI and its bytes) counts once, by its latest verdict: read again with other settings
-- (--field, --timezone) it has another `inputs` row (history), but the same bad line is one
-- reject, and none once a reading made it an article. At equal times an article wins.
create or replace view rejects as
with latest as (
    select *
    from inputs
    qualify row_number() over (
        partition by input_uri, input_sha256
        order by first_seen_at desc, status = 'rejected'
    ) = 1
)

select input_uri, input_sha256, size_bytes, reason_code, reason, run_id, first_seen_at
from latest
where status = 'rejected';
