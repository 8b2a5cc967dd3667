-- Every piece cut from an input: `text` = the decoded input's characters [start, end);
-- `evidence` says why where the rule alone does not (a learned line: where it was seen).
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
    schema_version,
    evidence
from raw_boilerplate;
