"""`newsnorm stories` (the most-copied stories) and `newsnorm story ID` (one story's copies)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from newsnorm.flows.cli.exit_codes import EXIT_ERROR, EXIT_OK
from newsnorm.flows.cli.options import warehouse_from
from newsnorm.flows.cli.row_output import ROW_WRITERS
from newsnorm.flows.cli.story_output import (
    COPY_COLUMNS,
    copy_rows,
    report_json,
    write_story_list_text,
    write_story_text,
)
from newsnorm.warehouse.story_reads import STORY_COLUMNS


def stories_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.stories.report import StoryReportError, top_stories
    from newsnorm.warehouse.extension import WarehouseError

    try:
        stories = top_stories(warehouse_from(args), args.min_copies, args.limit)
    except (StoryReportError, WarehouseError) as err:
        print(f"newsnorm stories: {err}", file=sys.stderr)
        return EXIT_ERROR
    if not stories.rows:
        if args.format == "text":
            out.write(stories.empty_message() + "\n")
            return EXIT_OK
        print(stories.empty_message(), file=sys.stderr)
    if args.format == "text":
        write_story_list_text(stories, out)
        return EXIT_OK
    ROW_WRITERS[args.format](list(STORY_COLUMNS), [stories.rows], out)
    return EXIT_OK


def story_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.stories.report import StoryReportError, load_story
    from newsnorm.warehouse.extension import WarehouseError

    try:
        report = load_story(warehouse_from(args), args.story_id)
    except (StoryReportError, WarehouseError) as err:
        print(f"newsnorm story: {err}", file=sys.stderr)
        return EXIT_ERROR
    if args.format == "text":
        write_story_text(report, out)
    elif args.format == "json":
        out.write(json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n")
    else:
        ROW_WRITERS[args.format](list(COPY_COLUMNS), [copy_rows(report)], out)
    return EXIT_OK
