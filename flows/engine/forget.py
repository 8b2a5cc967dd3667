"""`newsnorm forget SOURCE…`: remove inputs and the articles they made (a takedown, a
mistaken ingest), in one transaction under the writer lock, logged as a run of kind `forget`.

What goes:
- every `inputs` row under the sources: a file, its records (`FILE#line=3`, a WARC record,
  an array item) or one of them, everything below a folder;
- the article versions those inputs made, unless another input still holds the same
  article (a duplicate: the same story under another name), which then becomes its source;
- the removals (`boilerplate`) recorded from their contents that no remaining input shares;
- the `manifest` rows of the files named (or below a folder named), so ingesting them again
  reads them;
- the forgotten articles' story fingerprints, links and memberships. The stories they were
  in are formed again from the links left (one the removal splits becomes two), each named
  by its smallest member, with its original chosen again;
- a story taken out of a site's learned-line counts entirely (no counted copy of it left
  there): the lines of the copy that taught it, and the site's story count, go down by one,
  and a line then seen in fewer than two stories is dropped.

What stays, and why:
- the learned-line counts of a story that keeps a counted copy on that site: the story was
  counted once, and is still there (its copy carries the lines, or nearly); and the cuts made
  with a line whose count went down, in articles stored before (their bodies are not re-read);
- the `runs` that ingested the inputs: they are the history of what ran;
- a file of which only some records were named keeps its manifest row: ingest does not read
  it again (bringing those records back) until it changes or `--rescan`;
- the Parquet files of earlier snapshots, until `newsnorm compact` expires them, unless
  `purge`: then the files still holding forgotten rows are rewritten without them and every
  earlier snapshot is expired, so the forgotten text leaves the disk at once.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from newsnorm.flows.engine.counts import Counts
from newsnorm.flows.engine.forget_learning import count_moved, moving_teachers, uncount_learned
from newsnorm.flows.engine.rows import Row, RunStamp
from newsnorm.flows.engine.runs import finish_run, run_row
from newsnorm.flows.engine.stopping import STOP, stopped_by
from newsnorm.flows.stories.originals import choose_originals
from newsnorm.flows.stories.rows import members_table, originals_table
from newsnorm.transforms.stories import assign_stories
from newsnorm.warehouse.compact import purge_deleted
from newsnorm.warehouse.contract import prepare_warehouse
from newsnorm.warehouse.forget import (
    articles_from,
    delete_manifest,
    delete_orphaned_boilerplate,
    delete_rows,
    delete_story_links,
    input_hashes,
    matching_inputs,
    other_holders,
    rehome_articles,
    story_remains,
)
from newsnorm.warehouse.lake import Warehouse, keeping_attached_to, open_warehouse
from newsnorm.warehouse.lock import exclusive_writer
from newsnorm.warehouse.search import refresh_search_index, search_index_path
from newsnorm.warehouse.story_bands import holders_rebuilt
from newsnorm.warehouse.story_links import stories_of
from newsnorm.warehouse.transaction import transaction
from newsnorm.warehouse.writer import Connection, insert_tables, record_run

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class Forgotten:
    """What a forget run removed (or, with `dry_run`, would remove)."""

    run_id: str
    dry_run: bool = False
    inputs: int = 0
    articles: int = 0
    # Articles another input still holds: kept, now naming that input as their source.
    kept: int = 0
    boilerplate: int = 0
    manifest: int = 0
    stories: int = 0
    # Learned-line counts taken down (a story gone from a site's counts).
    learned_lines: int = 0
    # Files deleted from disk by a purge.
    purged_files: int = 0
    # Sources under which the warehouse holds no input.
    unmatched: list[str] = field(default_factory=list)
    # What went wrong refreshing the search index after the commit (None: nothing), and
    # whether the index was deleted for it (the next search builds it again).
    search_problem: str | None = None
    search_deleted: bool = False


class _DryRun(Exception):
    """Rolls a dry run's transaction back."""


def source_targets(sources: Sequence[str]) -> list[str]:
    """Each SOURCE as the warehouse names inputs: a `file://` URI as printed (`source_uri`,
    `input_uri`, a record's fragment included), or a path, made absolute (it need not exist
    any more: a file already deleted is forgotten all the same)."""
    targets: list[str] = []
    for source in sources:
        if source.startswith("file://"):
            targets.append(source.rstrip("/") if len(source) > len("file:///") else source)
            continue
        path, fragment = source, ""
        if "#" in source and not os.path.exists(source):  # FILE#line=3, as `explain` takes
            path, _, fragment = source.rpartition("#")
        uri = Path(os.path.abspath(os.path.expanduser(path))).as_uri()
        targets.append(f"{uri}#{fragment}" if fragment else uri)
    return list(dict.fromkeys(targets))


def forget(
    warehouse: Warehouse, sources: Sequence[str], dry_run: bool = False, purge: bool = False
) -> Forgotten:
    """Remove the inputs under `sources` and what hangs on them, atomically; holds the
    writer lock. A dry run counts the same rows and changes nothing; `purge` then deletes
    the removed rows from disk too (`compact.purge_deleted`). When no source matches a
    stored input, nothing is removed or recorded (`unmatched` names them all), but `purge`
    still deletes from disk what earlier runs removed."""
    targets = source_targets(sources)
    stamp = RunStamp(str(uuid.uuid4()), datetime.now(UTC), tuple(targets))
    outcome = Forgotten(stamp.run_id, dry_run=dry_run)
    writer = exclusive_writer(warehouse, job="forget", while_waiting=STOP.check)
    # Its steps follow one another at once: one attach for them all (warehouse/kept_attach.py).
    with writer, keeping_attached_to(warehouse):
        with open_warehouse(warehouse, read_only=False) as connection:
            prepare_warehouse(connection)
            # Nothing under any target: nothing to forget, so no run is recorded (as a lookup
            # of an id the warehouse does not hold records none); the caller says so. A purge
            # still runs: `forget X --purge` after a plain `forget X` is how a takedown ends.
            if not any(matching_inputs(connection, targets).values()):
                outcome.unmatched = list(targets)
                if purge and not dry_run:
                    outcome.purged_files = purge_deleted(connection)
                return outcome
            if not dry_run:
                record_run(connection, _run_row(stamp, outcome, "running"))
        status = "failed"
        try:
            with open_warehouse(warehouse, read_only=False) as connection:
                try:
                    with transaction(connection):
                        _remove(connection, targets, stamp, outcome)
                        STOP.check()  # the last moment a stop rolls it all back
                        if dry_run:
                            raise _DryRun
                except _DryRun:
                    pass
                except BaseException:  # rolled back: nothing was removed
                    _zero(outcome)
                    raise
            status = "completed"  # committed: a Ctrl-C in the purge after changes nothing
            if purge and not dry_run:
                with open_warehouse(warehouse, read_only=False) as connection:
                    outcome.purged_files = purge_deleted(connection)
        except BaseException as err:  # a stop in the transaction: rolled back, nothing forgotten
            if status != "completed" and stopped_by(err):
                status = "cancelled"
            raise
        finally:
            if not dry_run:
                finish_run(warehouse, _run_row(stamp, outcome, status))
    if outcome.inputs and not dry_run:
        _refresh_search(warehouse, outcome)
    return outcome


def _remove(
    connection: Connection, targets: Sequence[str], stamp: RunStamp, outcome: Forgotten
) -> None:
    """Every deletion, in the caller's transaction, in an order where each step still sees
    what it needs (stories before their members go, removals after their inputs)."""
    matched = matching_inputs(connection, targets)
    outcome.unmatched = [target for target in targets if not matched[target]]
    uris = sorted(set().union(*matched.values()))
    if not uris:
        return
    hashes = input_hashes(connection, uris)
    made = articles_from(connection, uris)
    holders = other_holders(connection, made, uris)
    gone = [article_id for article_id in made if article_id not in holders]
    # A kept article may run on another site now (`rehome_articles`): its story's original
    # is chosen again too, from the facts its new input gives it.
    stories = sorted(set(stories_of(connection, [*gone, *holders]).values()))
    # A kept article counted in another site's scope from now on leaves its old scope's
    # learned-line counts as a forgotten one does, and joins its new scope's.
    movers = moving_teachers(connection, holders)
    STOP.check()  # each step may take seconds on a large warehouse; nothing is committed
    outcome.learned_lines = uncount_learned(connection, [*gone, *movers], stamp)
    STOP.check()
    outcome.inputs = len(uris)
    delete_rows(connection, "inputs", "input_uri", uris)
    outcome.articles = delete_rows(connection, "articles", "article_id", gone)
    outcome.learned_lines += count_moved(connection, movers, stamp)
    rehome_articles(connection, holders)
    outcome.kept = len(holders)
    outcome.boilerplate = delete_orphaned_boilerplate(connection, hashes)
    outcome.manifest = delete_manifest(connection, targets)
    with holders_rebuilt(connection, gone):  # the band-key index loses them too
        delete_rows(connection, "story_fingerprints", "article_id", gone)
    delete_rows(connection, "story_members", "article_id", gone)
    delete_story_links(connection, gone)
    delete_rows(connection, "story_originals", "story_id", stories)
    STOP.check()
    outcome.stories = _reform_stories(connection, stories, stamp)


def _reform_stories(connection: Connection, story_ids: Sequence[str], stamp: RunStamp) -> int:
    """Form the stories that lost members again from the links left: each part is named by
    its smallest member and gets its original chosen again from its current members (no
    row for a part of one copy: the views say `only_copy`). How many stories there are now."""
    current, links = story_remains(connection, story_ids)
    if not current:
        return 0
    formed = assign_stories({}, sorted(current), links)
    changed = {article: story for article, story in formed.items() if current[article] != story}
    # A part may take back an id a story had before a merge, and that id's old original
    # with it: a part of one copy has none (`only_copy`), a larger one gets a new row.
    delete_rows(connection, "story_originals", "story_id", sorted(set(formed.values())))
    now = datetime.now(UTC)
    insert_tables(connection, {"story_members": members_table(changed, stamp.run_id, now)})
    # Read after the new memberships: it groups copies by their current story.
    originals = choose_originals(connection, set(formed.values()))
    insert_tables(connection, {"story_originals": originals_table(originals, stamp.run_id, now)})
    return len(set(formed.values()))


def _zero(outcome: Forgotten) -> None:
    """A rolled-back forget removed nothing: its counts say so (the run row's seen too)."""
    outcome.inputs = outcome.articles = outcome.kept = outcome.boilerplate = 0
    outcome.manifest = outcome.stories = outcome.learned_lines = 0


def _run_row(stamp: RunStamp, outcome: Forgotten, status: str) -> Row:
    """A forget run counts the inputs it removed as seen."""
    return run_row(stamp, "forget", status, Counts(), seen=outcome.inputs)


def _refresh_search(warehouse: Warehouse, outcome: Forgotten) -> None:
    """Forgotten articles must leave search results and the disk too. An index that cannot
    be rebuilt still holds their text: it is deleted (the next search builds it again), and
    one that cannot be deleted either is reported, never passed over."""
    index = search_index_path(warehouse)
    if not index.exists():
        return
    try:
        refresh_search_index(warehouse)
        return
    except Exception as err:
        logger.exception("could not refresh the search index of %s", warehouse.root)
        outcome.search_problem = f"{type(err).__name__}: {err}"
    try:
        index.unlink(missing_ok=True)
        outcome.search_deleted = True
    except OSError as err:
        outcome.search_problem += f"; nor delete it: {type(err).__name__}: {err}"
