-- Every piece cut from an input: `text` = the decoded input's characters [start, end).
create or replace view boilerplate as
select
    article_id,
    input_sha256,
    rule,
    kind,
    action,
    "start",
    "end",
    text,
    adapter,
    adapter_version,
    run_id,
    schema_version
from raw_boilerplate;
