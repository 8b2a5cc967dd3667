-- Lines learned as boilerplate: a whole body paragraph seen verbatim in different stories of
-- one scope (a site, else the folder of the inputs). `cut` is what ingest and reprocess act
-- on: seen in at least 5 different stories and in at least a fifth of the stories counted in
-- its scope. Copies of one story count once; a line seen in one story only is not kept here.
create or replace view learned_boilerplate as
with lines as (
    select * from raw_learned_lines
),

scopes as (
    select scope, stories as scope_stories from raw_learned_scopes
),

shares as (
    select
        lines.*,
        scopes.scope_stories,
        lines.stories / greatest(scopes.scope_stories, lines.stories) as share
    from lines
    join scopes using (scope)
)

select
    scope,
    line,
    stories,
    scope_stories,
    share,
    stories >= 5 and share >= 0.2 as cut,
    first_run_id,
    first_seen_at,
    run_id,
    updated_at
from shares;
