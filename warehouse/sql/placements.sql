-- One row per place a current article ran. Copies whose cleaned title and body are
-- identical are one article (its facts are its first input's), so a wire story run verbatim
-- on three sites is one row of `copies`; here it is three: the article's own placement (the
-- `copies` row: site, URL and date of the input that made it, or of its source input since
-- `forget` removed that one, as the source input recorded) and each `duplicate` input
-- that held the same article at another URL or site, as that input said. One row per
-- distinct (article, site, url): the same page stored twice under two names is one
-- placement. Inputs stored before inputs schema 3 recorded no placement and add none, nor
-- does an input whose path holds other bytes since; a duplicate of an article `reprocess`
-- made again places the new version.
-- The article's story, title and credits are on every one of its placements (its first
-- input's: a duplicate's own credits are not recorded). The `stories` view counts these rows.
create or replace view placements as
-- An input's latest article: a file changed at the same path runs another text now, as a
-- source changed at its path is no longer a current article.
with latest as (
    select article_id, status, site, url, input_uri, input_sha256, published_at, first_seen_at
    from raw_inputs
    where status in ('ingested', 'duplicate')
    qualify row_number() over (partition by input_uri order by first_seen_at desc) = 1
),
-- Articles `reprocess` made again from the same input bytes under another id: their
-- duplicates, stored against the old id, now place the new one.
remade as (
    select distinct made.article_id as made_id, l.article_id as now_id
    from raw_inputs made
    inner join latest l
        on l.input_uri = made.input_uri and l.input_sha256 = made.input_sha256
    where made.status = 'ingested' and l.article_id <> made.article_id
),
sourced as (
    select
        c.*,
        s.site as source_site,
        s.url as source_url,
        s.published_at as source_published_at,
        (s.site is not null or s.url is not null)
        and (s.site is distinct from c.site or s.url is distinct from c.url) as moved
    from copies c
    left join latest s on s.input_uri = c.source_uri and s.article_id = c.article_id
),
own as (
    select
        story_id,
        article_id,
        is_original,
        true as is_source,
        if(moved, source_site, site) as site,
        if(moved, source_url, url) as url,
        source_uri as input_uri,
        if(moved, source_published_at, published_at) as published_at,
        if(moved, null, published_on) as published_on,
        ingested_at as first_seen_at,
        original_article_id,
        original_reason,
        title,
        syndicator,
        credits_syndicator
    from sourced
),
other as (
    select
        o.story_id,
        o.article_id,
        false as is_original,
        false as is_source,
        i.site,
        i.url,
        i.input_uri,
        i.published_at,
        null::date as published_on,
        i.first_seen_at,
        o.original_article_id,
        o.original_reason,
        o.title,
        o.syndicator,
        o.credits_syndicator
    from latest i
    left join remade r on r.made_id = i.article_id
    inner join own o on o.article_id = coalesce(r.now_id, i.article_id)
    where i.status = 'duplicate' and (i.url is not null or i.site is not null)
)
select
    story_id,
    article_id,
    is_original,
    is_source,
    site,
    url,
    input_uri,
    published_at,
    published_on,
    first_seen_at,
    original_article_id,
    original_reason,
    title,
    syndicator,
    credits_syndicator
from (select * from own union all by name select * from other)
qualify row_number() over (
    partition by article_id, site, url order by is_source desc, first_seen_at, input_uri
) = 1;
