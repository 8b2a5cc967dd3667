-- One row per distinct (input_uri, input_sha256, reading_settings) ever seen: the same
-- bytes read with other settings (--field, --timezone) are another input. Each shows what
-- finally became of it: an input rejected for a passing reason (too large for the settings
-- then, a bug of ours) and processed again later shows its latest outcome.
-- A reject with no hash (the input was never read: not_found, unreadable, symlink_outside)
-- says only that the URI could not be read then, whatever its bytes or settings: any later
-- row of the same URI supersedes it; of a whole file's URI, also any later row of a record
-- in it (`FILE#line=N`: '#' is always the fragment, a name's own '#' is stored as %23); of a
-- folder's (ending in '/'), any later row of a file below it. `url`, `site` and
-- `published_at` say where the article an input made or duplicated ran, as that input says
-- (null before inputs schema 3).
create or replace view inputs as
with unread as (
    select input_uri, max(first_seen_at) as first_seen_at
    from raw_inputs
    where status = 'rejected' and input_sha256 is null
    group by input_uri
),

-- The unread rejects a later row supersedes: joined on the file's URI (hashed, the few
-- unread rejects on the build side); a folder's on the rows below it (a scan of raw_inputs
-- for each folder reject: rare, none when there is none).
superseded as (
    select distinct unread.input_uri
    from unread
    inner join raw_inputs as later
        on
            split_part(later.input_uri, '#', 1) = split_part(unread.input_uri, '#', 1)
            and later.first_seen_at > unread.first_seen_at
            and (later.input_uri = unread.input_uri or not contains(unread.input_uri, '#'))
    union
    select unread.input_uri
    from unread
    inner join raw_inputs as later
        on
            starts_with(later.input_uri, unread.input_uri)
            and later.first_seen_at > unread.first_seen_at
    where ends_with(unread.input_uri, '/')
)

select
    input_uri,
    input_sha256,
    size_bytes,
    status,
    reason_code,
    reason,
    article_id,
    encoding,
    adapter,
    run_id,
    first_seen_at,
    schema_version,
    reading_settings,
    url,
    site,
    published_at
from raw_inputs
where not (
    status = 'rejected'
    and input_sha256 is null
    and input_uri in (select s.input_uri from superseded as s)
)
qualify row_number() over (
    partition by input_uri, input_sha256, reading_settings order by first_seen_at desc
) = 1;
