"""The warehouse tables' Arrow schemas: the public contract, versioned per table.

Grow a schema by adding nullable fields at the end and bumping its version;
never rename or retype a field (old Parquet files must stay readable).
"""

from __future__ import annotations

import pyarrow as pa

TIMESTAMP = pa.timestamp("us", tz="UTC")
RELATED = pa.struct([pa.field("title", pa.string()), pa.field("url", pa.string())])
AFFILIATION = pa.struct([pa.field("name", pa.string()), pa.field("affiliation", pa.string())])
DATELINE = pa.struct([pa.field("place", pa.string()), pa.field("agency", pa.string())])
CREDIT = pa.struct([pa.field("kind", pa.string()), pa.field("text", pa.string())])
EVIDENCE = pa.struct([pa.field("signal", pa.string()), pa.field("weight", pa.float64())])
EMBED = pa.struct(
    [pa.field("kind", pa.string()), pa.field("text", pa.string()), pa.field("url", pa.string())]
)


def _schema(table: str, version: int, fields: list[pa.Field]) -> pa.Schema:
    return pa.schema(fields, metadata={"table": table, "schema_version": str(version)})


# Version 2 added the provenance columns after schema_version, version 3 the page
# columns (url … published_on), version 4 author_organizations, version 5 warnings and
# embeds, version 6 description, version 7 pipeline_version; older rows read them as null.
ARTICLES = _schema(
    "articles",
    7,
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("title", pa.string(), nullable=False),
        pa.field("authors", pa.list_(pa.string()), nullable=False),
        pa.field("byline", pa.string()),
        pa.field("published_at", TIMESTAMP),
        pa.field("syndicator", pa.string()),
        pa.field("license", pa.string()),
        pa.field("adapter", pa.string(), nullable=False),
        pa.field("adapter_version", pa.int32(), nullable=False),
        pa.field("body", pa.string(), nullable=False),
        pa.field("paragraphs", pa.list_(pa.string()), nullable=False),
        pa.field("related", pa.list_(RELATED), nullable=False),
        pa.field("word_count", pa.int32(), nullable=False),
        pa.field("source_uri", pa.string(), nullable=False),
        pa.field("input_sha256", pa.string(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("ingested_at", TIMESTAMP, nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
        pa.field("author_affiliations", pa.list_(AFFILIATION)),
        pa.field("original_publisher", pa.string()),
        pa.field("original_url", pa.string()),
        pa.field("co_publishers", pa.list_(pa.string())),
        pa.field("dateline", DATELINE),
        pa.field("credits", pa.list_(CREDIT)),
        pa.field("evidence", pa.list_(EVIDENCE)),
        pa.field("url", pa.string()),
        pa.field("site", pa.string()),
        pa.field("language", pa.string()),
        pa.field("published_at_source", pa.string()),
        pa.field("published_on", pa.date32()),
        pa.field("author_organizations", pa.list_(pa.string())),
        pa.field("warnings", pa.list_(pa.string())),
        pa.field("embeds", pa.list_(EMBED)),
        pa.field("description", pa.string()),
        # The version of the shared stages that made the row (transforms.pipeline); null:
        # stored before it was recorded, so `reprocess` treats it as older than any.
        pa.field("pipeline_version", pa.int32()),
    ],
)

# Version 2 added `evidence` (why a learned line was cut: where it was seen).
BOILERPLATE = _schema(
    "boilerplate",
    2,
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("input_sha256", pa.string(), nullable=False),
        pa.field("rule", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("action", pa.string(), nullable=False),
        pa.field("start", pa.int64(), nullable=False),
        pa.field("end", pa.int64(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("adapter", pa.string(), nullable=False),
        pa.field("adapter_version", pa.int32(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
        pa.field("evidence", pa.string()),
    ],
)

# Version 2 added `reading_settings`, version 3 `url`, `site` and `published_at`.
INPUTS = _schema(
    "inputs",
    3,
    [
        pa.field("input_uri", pa.string(), nullable=False),
        # Null only when the input could not be read at all (missing, no permission).
        pa.field("input_sha256", pa.string()),
        pa.field("size_bytes", pa.int64()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("reason_code", pa.string()),
        pa.field("reason", pa.string()),
        pa.field("article_id", pa.string()),
        pa.field("encoding", pa.string()),
        pa.field("adapter", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("first_seen_at", TIMESTAMP, nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
        # The reading settings the input was read with, those its kind uses (a JSON record:
        # `--field` overrides and `--timezone`; a page: the zone; text: none), as canonical
        # JSON; null: the defaults. The same bytes read with other settings are another input.
        pa.field("reading_settings", pa.string()),
        # Where the article this input made or duplicated ran, as this input says (its URL,
        # site and instant): identical copies on several sites are one article, and these
        # are how its other placements are counted (the `placements` view). Null for a
        # reject, and for every input stored before version 3.
        pa.field("url", pa.string()),
        pa.field("site", pa.string()),
        pa.field("published_at", TIMESTAMP),
    ],
)

# Version 2 added `skipped` (WARC records that are not HTML responses), version 3 `kind`,
# version 4 `sources` and `settings`.
RUNS = _schema(
    "runs",
    4,
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("flow_run_id", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("started_at", TIMESTAMP, nullable=False),
        pa.field("finished_at", TIMESTAMP),
        pa.field("seen", pa.int64(), nullable=False),
        pa.field("ingested", pa.int64(), nullable=False),
        pa.field("duplicate", pa.int64(), nullable=False),
        pa.field("unchanged", pa.int64(), nullable=False),
        pa.field("rejected", pa.int64(), nullable=False),
        pa.field("newsnorm_version", pa.string(), nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
        pa.field("skipped", pa.int64()),
        # 'ingest', 'reprocess' or 'forget'; null on runs recorded before schema 3 (ingests).
        pa.field("kind", pa.string()),
        # What the run was given: its SOURCE arguments (as given), and the settings that
        # shape what it stores (field mapping, time zone, size limit, story thresholds, …)
        # as JSON.
        pa.field("sources", pa.list_(pa.string())),
        pa.field("settings", pa.string()),
    ],
)

# What a run learnt about each source file it read through: a later run trusts a file
# whose size and modification time are unchanged and does not read it again.
# Version 2 added `reading_settings`.
MANIFEST = _schema(
    "manifest",
    2,
    [
        pa.field("file_uri", pa.string(), nullable=False),
        pa.field("size_bytes", pa.int64(), nullable=False),
        pa.field("mtime_ns", pa.int64(), nullable=False),
        # The file's hash where the file is one input; null for WARC and JSON-lines
        # files, whose records are hashed one by one in `inputs`.
        pa.field("content_sha256", pa.string()),
        pa.field("inputs", pa.int64(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("recorded_at", TIMESTAMP, nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
        # The run's reading settings (`inputs.reading_settings`, all of them): a run with
        # others reads the file again, so the row vouches only for the settings it names.
        pa.field("reading_settings", pa.string()),
    ],
)

# Story clustering (flows/stories/). One fingerprint per article id: its MinHash and
# band keys (null when the body is too short to be linked), made with `settings`; an
# article with a fingerprint has been linked.
STORY_FINGERPRINTS = _schema(
    "story_fingerprints",
    1,
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("settings", pa.string(), nullable=False),
        pa.field("shingle_count", pa.int32(), nullable=False),
        pa.field("minhash", pa.list_(pa.int64())),
        pa.field("bands", pa.list_(pa.int64())),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
    ],
)

# Verified copy pairs (article_id < linked_article_id) and their exact overlap.
STORY_LINKS = _schema(
    "story_links",
    1,
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("linked_article_id", pa.string(), nullable=False),
        pa.field("shared_shingles", pa.int32(), nullable=False),
        pa.field("jaccard", pa.float64(), nullable=False),
        pa.field("containment", pa.float64(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
    ],
)

# Each article's story, appended whenever it changes (stories merge when a new copy links
# two of them); the latest row per article holds.
STORY_MEMBERS = _schema(
    "story_members",
    1,
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("story_id", pa.string(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("assigned_at", TIMESTAMP, nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
    ],
)

# Each story's original (stories of two or more copies) and why it was chosen
# (transforms.story_originals.choose_original), appended when its copies change; latest holds.
STORY_ORIGINALS = _schema(
    "story_originals",
    1,
    [
        pa.field("story_id", pa.string(), nullable=False),
        pa.field("original_article_id", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("chosen_at", TIMESTAMP, nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
    ],
)

# The band-key index story linking finds candidates in (warehouse/story_bands.py): each
# MinHash band key of `story_fingerprints` with the articles that were among its 16
# smallest holders when recorded (so its 16 smallest holders now). Derived: rebuilt from
# the fingerprints when a warehouse gains it and when fingerprints are deleted.
STORY_BAND_HOLDERS = _schema(
    "story_band_holders",
    1,
    [
        pa.field("settings", pa.string(), nullable=False),
        pa.field("band_key", pa.int64(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
    ],
)

# Boilerplate learned from the corpus (flows/engine/learning.py): each line, a whole body
# paragraph, seen in at least two different stories of its scope (a site, else the input's
# folder), with how many; one row per (scope, line), rewritten when its count grows.
LEARNED_LINES = _schema(
    "learned_lines",
    1,
    [
        pa.field("scope", pa.string(), nullable=False),
        pa.field("line", pa.string(), nullable=False),
        pa.field("stories", pa.int64(), nullable=False),
        pa.field("first_run_id", pa.string(), nullable=False),
        pa.field("first_seen_at", TIMESTAMP, nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("updated_at", TIMESTAMP, nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
    ],
)

# How many different stories of each scope were counted: a line's share is its stories
# over these. One row per scope.
LEARNED_SCOPES = _schema(
    "learned_scopes",
    1,
    [
        pa.field("scope", pa.string(), nullable=False),
        pa.field("stories", pa.int64(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("updated_at", TIMESTAMP, nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
    ],
)

# The runs whose linked articles have been counted, each in the transaction that counted
# them: a run whose counting failed or was killed is counted by the next one.
LEARNED_RUNS = _schema(
    "learned_runs",
    1,
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("stories", pa.int64(), nullable=False),
        pa.field("lines", pa.int64(), nullable=False),
        pa.field("learned_at", TIMESTAMP, nullable=False),
        pa.field("schema_version", pa.int32(), nullable=False),
    ],
)

ALL_TABLES: tuple[pa.Schema, ...] = (
    ARTICLES,
    BOILERPLATE,
    INPUTS,
    RUNS,
    MANIFEST,
    STORY_FINGERPRINTS,
    STORY_LINKS,
    STORY_MEMBERS,
    STORY_ORIGINALS,
    STORY_BAND_HOLDERS,
    LEARNED_LINES,
    LEARNED_SCOPES,
    LEARNED_RUNS,
)
