-- One row per story (copies of one article across sites, linked by flows/stories/linking.py):
-- its original and why it was chosen, how many copies and sites ran it, the syndicators
-- credited, and when it was first and last seen (published_at, else the start of the
-- published_on day in UTC, else ingestion time). `copies` and `sites` count placements (the
-- `placements` view): identical copies on several sites are one article but several
-- copies; `articles` counts the distinct articles, `crediting_copies` the articles whose
-- notice or byline credits a syndicator.
create or replace view stories as
select
    story_id,
    any_value(original_article_id) as original_article_id,
    any_value(original_reason) as original_reason,
    max(title) filter (where is_original) as original_title,
    count(*) as copies,
    count(distinct site) as sites,
    coalesce(
        list(distinct syndicator order by syndicator) filter (where syndicator is not null),
        []
    ) as syndicators,
    count(*) filter (where credits_syndicator and is_source) as crediting_copies,
    min(coalesce(published_at, timezone('UTC', published_on::timestamp), first_seen_at))
        as first_seen,
    max(coalesce(published_at, timezone('UTC', published_on::timestamp), first_seen_at))
        as last_seen,
    count(*) filter (where is_source) as articles
from placements
group by story_id;
