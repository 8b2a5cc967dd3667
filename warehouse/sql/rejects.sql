-- Inputs that did not become articles, with the stable code and the message.
create or replace view rejects as
with rejected as (
    select *
    from inputs
    where status = 'rejected'
)

select input_uri, input_sha256, size_bytes, reason_code, reason, run_id, first_seen_at
from rejected;
