"""What `newsnorm forget` reads and deletes: the inputs under some sources, the articles they
made, and the rows that hang on those articles. Every statement runs in the caller's
transaction; `flows.engine.forget` decides what goes.

A target is a `file://` URI as the warehouse stores it: it matches an input of that name, the
records of that file (`<uri>#…`) and, for a folder, everything below it (`<uri>/…`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from newsnorm.warehouse.lake import physical_table
from newsnorm.warehouse.story_links import LATEST_MEMBERS
from newsnorm.warehouse.writer import Connection, keys_relation, registered


def matching_inputs(connection: Connection, targets: Sequence[str]) -> dict[str, set[str]]:
    """The stored input URIs under each target, by target."""
    with keys_relation(connection, "forget_targets", targets):
        rows = connection.execute(
            f"select distinct t.key, i.input_uri from {physical_table('inputs')} i "
            "join forget_targets t on i.input_uri = t.key "
            "or starts_with(i.input_uri, t.key || '#') or starts_with(i.input_uri, t.key || '/')"
        ).fetchall()
    found: dict[str, set[str]] = {target: set() for target in targets}
    for target, uri in rows:
        found[str(target)].add(str(uri))
    return found


def input_hashes(connection: Connection, uris: Sequence[str]) -> list[str]:
    """The distinct content hashes these inputs were read with."""
    with keys_relation(connection, "forget_uris", uris):
        rows = connection.execute(
            f"select distinct input_sha256 from {physical_table('inputs')} "
            "where input_uri in (select key from forget_uris) and input_sha256 is not null"
        ).fetchall()
    return [str(row[0]) for row in rows]


def articles_from(connection: Connection, uris: Sequence[str]) -> list[str]:
    """Every stored article version made from these inputs."""
    with keys_relation(connection, "forget_uris", uris):
        rows = connection.execute(
            f"select distinct article_id from {physical_table('articles')} "
            "where source_uri in (select key from forget_uris)"
        ).fetchall()
    return sorted(str(row[0]) for row in rows)


def other_holders(
    connection: Connection, article_ids: Sequence[str], uris: Sequence[str]
) -> dict[str, tuple[str, str]]:
    """For each article, the earliest input not being forgotten that gave the same article
    (a duplicate: the same story under another name), as (input_uri, input_sha256)."""
    with (
        keys_relation(connection, "forget_ids", article_ids),
        keys_relation(connection, "forget_uris", uris),
    ):
        rows = connection.execute(
            f"select article_id, input_uri, input_sha256 from {physical_table('inputs')} "
            "where article_id in (select key from forget_ids) "
            "and input_uri not in (select key from forget_uris) "
            "and status in ('ingested', 'duplicate') and input_sha256 is not null "
            "qualify row_number() over (partition by article_id "
            "order by first_seen_at, input_uri) = 1"
        ).fetchall()
    return {str(article_id): (str(uri), str(sha)) for article_id, uri, sha in rows}


def story_remains(
    connection: Connection, story_ids: Sequence[str]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """What is left of these stories: each remaining member's story, and the links among
    the remaining members."""
    with keys_relation(connection, "forget_stories", story_ids):
        members = connection.execute(
            f"with m as ({LATEST_MEMBERS}) select article_id, story_id from m "
            "where story_id in (select key from forget_stories)"
        ).fetchall()
    current = {str(article): str(story) for article, story in members}
    with keys_relation(connection, "story_remains", sorted(current)):
        links = connection.execute(
            "select article_id, linked_article_id from raw_story_links "
            "where article_id in (select key from story_remains) "
            "and linked_article_id in (select key from story_remains)"
        ).fetchall()
    return current, [(str(a), str(b)) for a, b in links]


def delete_rows(connection: Connection, table: str, column: str, values: Sequence[str]) -> int:
    """Delete the rows of a physical table whose `column` is one of `values`; how many."""
    if not values:
        return 0
    with keys_relation(connection, "forget_values", values):
        row = connection.execute(
            f"delete from {physical_table(table)} where {column} in (select key from forget_values)"
        ).fetchone()
    return int(row[0]) if row else 0


def _new_homes(holders: dict[str, tuple[str, str]]) -> pa.Table:
    """Each article with the input (input_uri, input_sha256) that holds it now, as the
    `new_homes` relation the statements below join."""
    ordered = sorted(holders.items())
    return pa.table(
        {
            "article_id": pa.array([article_id for article_id, _ in ordered], pa.string()),
            "uri": pa.array([uri for _, (uri, _) in ordered], pa.string()),
            "sha": pa.array([sha for _, (_, sha) in ordered], pa.string()),
        }
    )


def rehome_articles(connection: Connection, holders: dict[str, tuple[str, str]]) -> None:
    """Give each article to the input that still holds it: the article's row names that
    input, and the input, a duplicate until now, becomes the one that ingested it; the
    article's URL, site and date become the ones that input recorded. One statement a table
    for them all (each reads the table's files again)."""
    if not holders:
        return
    with registered(connection, "new_homes", _new_homes(holders)):
        connection.execute(
            f"update {physical_table('articles')} a set source_uri = h.uri, "
            "input_sha256 = h.sha from new_homes h where a.article_id = h.article_id"
        )
        connection.execute(
            f"update {physical_table('inputs')} i set status = 'ingested' from new_homes h "
            "where i.input_uri = h.uri and i.input_sha256 = h.sha "
            "and i.article_id = h.article_id"
        )
        connection.execute(_PLACED_AT_NEW_HOME)


# An article given to another input now runs where that input ran, as the input recorded it
# (inputs schema 3: URL, site, instant): the forgotten input's URL and site stay in no view.
# The day and the date's source were the forgotten input's: unknown now unless the instant
# is the same. An input recorded before schema 3 (no URL, no site) leaves the facts as they are.
_PLACED_AT_NEW_HOME = f"""
    update {physical_table("articles")} a set
        url = i.url,
        site = i.site,
        published_at = i.published_at,
        published_on = if(i.published_at is not distinct from a.published_at,
                          a.published_on, null),
        published_at_source = if(i.published_at is not distinct from a.published_at,
                                 a.published_at_source, null)
    from (
        select r.article_id, r.url, r.site, r.published_at
        from {physical_table("inputs")} r
        inner join new_homes h
            on r.input_uri = h.uri and r.input_sha256 = h.sha and r.article_id = h.article_id
        qualify row_number() over (partition by r.article_id order by r.first_seen_at desc) = 1
    ) i
    where a.article_id = i.article_id
        and (i.url is not null or i.site is not null)
        and (i.url is distinct from a.url or i.site is distinct from a.site)
"""


def delete_orphaned_boilerplate(connection: Connection, hashes: Sequence[str]) -> int:
    """Delete the removals recorded from these contents that no remaining input of the same
    article still has (after the forgotten inputs' rows are gone); how many."""
    with keys_relation(connection, "forget_hashes", hashes):
        row = connection.execute(
            f"delete from {physical_table('boilerplate')} b "
            "where b.input_sha256 in (select key from forget_hashes) and not exists ("
            f"select 1 from {physical_table('inputs')} i "
            "where i.input_sha256 = b.input_sha256 and i.article_id = b.article_id)"
        ).fetchone()
    return int(row[0]) if row else 0


def delete_manifest(connection: Connection, targets: Sequence[str]) -> int:
    """Delete the manifest rows of the files these targets name (or hold, for a folder), so
    an ingest reads them again; a file of which only some records go keeps its row."""
    with keys_relation(connection, "forget_targets", targets):
        row = connection.execute(
            f"delete from {physical_table('manifest')} m where exists (select 1 from "
            "forget_targets t where m.file_uri = t.key or starts_with(m.file_uri, t.key || '/'))"
        ).fetchone()
    return int(row[0]) if row else 0


def delete_story_links(connection: Connection, article_ids: Sequence[str]) -> int:
    """Delete the links either end of which is one of these articles; how many."""
    if not article_ids:
        return 0
    with keys_relation(connection, "forget_ids", article_ids):
        row = connection.execute(
            f"delete from {physical_table('story_links')} "
            "where article_id in (select key from forget_ids) "
            "or linked_article_id in (select key from forget_ids)"
        ).fetchone()
    return int(row[0]) if row else 0


# The counted teacher of each (scope, story) that loses every counted member in its scope:
# the member counted first (runs in the order they were learned, then by id, as learning
# counts them). Only articles of learned runs, long enough to be linked, were counted.
_LOST_TEACHERS = f"""
    with members as ({LATEST_MEMBERS}),
    counted as (
        select a.article_id, learning_scope(a.url, a.site, a.source_uri) as scope,
            m.story_id, r.learned_at
        from raw_articles a
        join raw_story_fingerprints f using (article_id)
        join members m using (article_id)
        join raw_learned_runs r on r.run_id = f.run_id
        where f.bands is not null
    ),
    gone as (select * from counted where article_id in (select key from forget_ids))
    select g.article_id, g.scope from gone g
    where not exists (
        select 1 from counted c where c.scope = g.scope and c.story_id = g.story_id
        and c.article_id not in (select key from forget_ids)
    )
    qualify row_number() over (
        partition by g.scope, g.story_id order by g.learned_at, g.article_id
    ) = 1
"""


def lost_teachers(connection: Connection, article_ids: Sequence[str]) -> list[tuple[str, str]]:
    """(article_id, scope) of the article that taught each story these articles take out of
    a scope entirely: its lines were counted once for that story, and are to be no more."""
    with keys_relation(connection, "forget_ids", article_ids):
        rows = connection.execute(_LOST_TEACHERS).fetchall()
    return [(str(article_id), str(scope)) for article_id, scope in rows]


def delete_learned_lines(connection: Connection, pairs: Sequence[tuple[str, str]]) -> None:
    """Delete these (scope, line) counts: no longer seen in two stories."""
    if not pairs:
        return
    table = pa.table(
        {
            "scope": pa.array([scope for scope, _ in pairs], pa.string()),
            "line": pa.array([line for _, line in pairs], pa.string()),
        }
    )
    with registered(connection, "forget_pairs", table):
        connection.execute(
            f"delete from {physical_table('learned_lines')} l where exists (select 1 from "
            "forget_pairs p where p.scope = l.scope and p.line = l.line)"
        )


# Each counted article (of a learned run, long enough to be linked) of these stories, with
# its story and the scope it is counted in now.
_COUNTED_IN_STORIES = f"""
    with members as ({LATEST_MEMBERS})
    select a.article_id, m.story_id, learning_scope(a.url, a.site, a.source_uri)
    from raw_articles a
    join raw_story_fingerprints f using (article_id)
    join members m using (article_id)
    join raw_learned_runs r on r.run_id = f.run_id
    where f.bands is not null and m.story_id in (select key from forget_stories)
"""

# The scope each article given to another input will be counted in: the new input's URL and
# site when it recorded any (as `_PLACED_AT_NEW_HOME` sets them), and its URI.
_SCOPES_AT_NEW_HOMES = f"""
    select a.article_id, learning_scope(
        if(i.url is null and i.site is null, a.url, i.url),
        if(i.url is null and i.site is null, a.site, i.site), h.uri)
    from {physical_table("articles")} a
    join new_homes h on a.article_id = h.article_id
    join {physical_table("inputs")} i
        on i.input_uri = h.uri and i.input_sha256 = h.sha and i.article_id = h.article_id
    qualify row_number() over (partition by a.article_id order by i.first_seen_at desc) = 1
"""


def counted_members(connection: Connection, story_ids: Sequence[str]) -> list[tuple[str, str, str]]:
    """(article_id, story_id, scope) of every counted article of these stories."""
    with keys_relation(connection, "forget_stories", story_ids):
        rows = connection.execute(_COUNTED_IN_STORIES).fetchall()
    return [(str(article), str(story), str(scope)) for article, story, scope in rows]


def scopes_at_new_homes(
    connection: Connection, holders: dict[str, tuple[str, str]]
) -> dict[str, str]:
    """The learning scope each of these articles will have once `rehome_articles` gives it
    to its holder (input_uri, input_sha256)."""
    if not holders:
        return {}
    with registered(connection, "new_homes", _new_homes(holders)):
        rows = connection.execute(_SCOPES_AT_NEW_HOMES).fetchall()
    return {str(article): str(scope) for article, scope in rows}
