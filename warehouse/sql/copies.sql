-- One row per current article (the `articles` view) with its story: whether it is the
-- story's original, whether it credits a syndicator (a notice or byline affiliation was
-- found), and its similarity to the original estimated from their MinHash signatures
-- (`similarity`: Jaccard of their word 5-grams; `containment`: the share of the smaller
-- body found in the other, which is ~1 for an excerpt). Copies whose cleaned title and
-- body are identical are one article with several inputs (`inputs`).
create or replace view copies as
with members as (
    select article_id, story_id
    from raw_story_members
    qualify row_number() over (
        partition by article_id order by assigned_at desc, story_id
    ) = 1
),
originals as (
    select story_id, original_article_id, reason
    from raw_story_originals
    qualify row_number() over (
        partition by story_id order by chosen_at desc, original_article_id
    ) = 1
),
prints as (
    select article_id, shingle_count, minhash from raw_story_fingerprints
),
copy as (
    select
        m.story_id,
        a.article_id,
        coalesce(o.original_article_id, m.story_id) as original_article_id,
        coalesce(o.reason, 'only_copy') as original_reason,
        a.title,
        a.site,
        a.url,
        a.source_uri,
        a.adapter,
        a.syndicator,
        a.original_publisher,
        a.original_url,
        (a.syndicator is not null or a.original_publisher is not null) as credits_syndicator,
        a.published_at,
        a.published_on,
        a.ingested_at,
        a.word_count
    from articles a
    join members m using (article_id)
    left join originals o using (story_id)
),
estimated as (
    select
        c.*,
        c.article_id = c.original_article_id as is_original,
        case
            when c.article_id = c.original_article_id then 1.0
            when p.minhash is null or q.minhash is null then null
            else estimated_jaccard(p.minhash, q.minhash)
        end as similarity,
        p.shingle_count,
        q.shingle_count as original_shingle_count
    from copy c
    left join prints p on p.article_id = c.article_id
    left join prints q on q.article_id = c.original_article_id
)
select
    story_id,
    article_id,
    is_original,
    original_article_id,
    original_reason,
    title,
    site,
    url,
    source_uri,
    adapter,
    syndicator,
    original_publisher,
    original_url,
    credits_syndicator,
    published_at,
    published_on,
    ingested_at,
    word_count,
    -- Distinct inputs: the same input read again with other settings is one input here.
    (
        select count(distinct (i.input_uri, i.input_sha256))
        from raw_inputs i where i.article_id = e.article_id
    ) as inputs,
    round(similarity, 3) as similarity,
    case
        when is_original then 1.0
        when similarity is null then null
        else round(least(1.0, containment_from_jaccard(
            similarity, shingle_count, original_shingle_count
        )), 3)
    end as containment
from estimated e;
