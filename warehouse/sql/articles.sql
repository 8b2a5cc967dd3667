-- One row per article: the first input that produced an article_id defines it.
create or replace view articles as
select
    article_id,
    title,
    authors,
    byline,
    published_at,
    syndicator,
    license,
    adapter,
    adapter_version,
    body,
    paragraphs,
    related,
    word_count,
    source_uri,
    input_sha256,
    run_id,
    ingested_at,
    schema_version,
    author_affiliations,
    original_publisher,
    original_url,
    co_publishers,
    dateline,
    credits,
    evidence
from raw_articles;
