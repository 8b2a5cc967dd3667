-- The latest version of the article from each source (input_uri): a file that changed at
-- the same path shows its newest article; `article_versions` keeps them all.
create or replace view articles as
select *
from article_versions
qualify row_number() over (
    partition by source_uri order by ingested_at desc, article_id
) = 1;
