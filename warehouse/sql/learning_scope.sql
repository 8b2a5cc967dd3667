-- Where an article's lines are counted as learned boilerplate: its URL's host without "www.",
-- else its site name, else the folder of its input. transforms/learned.py's learning_scope
-- decides the same for an article being cleaned; a test holds the two equal. Only ASCII letters
-- are lowered: DuckDB's lower() and Python's differ on others ('İ').
create or replace macro learning_scope(url, site, source_uri) as coalesce(
    nullif(
        regexp_replace(
            translate(
                regexp_extract(url, '^[A-Za-z][A-Za-z0-9+.\-]*://(?:[^/?#@]*@)?([^/?#:]+)', 1),
                'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
                'abcdefghijklmnopqrstuvwxyz'
            ),
            '^www\.',
            ''
        ),
        ''
    ),
    nullif(site, ''),
    regexp_extract(split_part(source_uri, '#', 1), '^(.*/)', 1)
);
