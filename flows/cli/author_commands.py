"""Commands for adapter authors: `adapters` (what is installed), `adapters new`, `explain`."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import TextIO

from newsnorm.flows.cli.exit_codes import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from newsnorm.flows.cli.row_output import write_table


def adapters_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.transforms.adapters.registry import load_adapters

    rows = [
        (
            adapter.name,
            str(adapter.priority),
            str(adapter.version),
            f"{type(adapter).__module__}.{type(adapter).__qualname__}",
            adapter.description,
        )
        for adapter in load_adapters()
    ]
    write_table(["name", "priority", "version", "class", "description"], [rows], out)
    return EXIT_OK


def new_adapter_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.cli.plugin_scaffold import plugin_next_steps, scaffold_plugin
    from newsnorm.flows.cli.scaffold import ScaffoldError, next_steps, scaffold_adapter

    try:
        if args.package:  # an adapter shipped in its own package, outside newsnorm
            created = scaffold_plugin(args.name, Path(args.package))
        else:
            created = scaffold_adapter(args.name, Path(args.root or "."))
    except ScaffoldError as err:
        print(f"newsnorm adapters new: {err}", file=sys.stderr)
        return EXIT_ERROR
    for path in created:
        out.write(f"created {path}\n")
    if args.package:
        out.write(plugin_next_steps(args.name, Path(args.package)))
    else:
        out.write(next_steps(args.name))
    return EXIT_OK


def explain_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.cli.explain_output import explanation_json, write_explanation
    from newsnorm.flows.engine.picking import pick_input, skipped_reason
    from newsnorm.flows.engine.settings import DEFAULT_MAX_BYTES
    from newsnorm.transforms.adapters.registry import load_adapters
    from newsnorm.transforms.errors import AdapterFailed
    from newsnorm.transforms.explain import Explanation, explain_input
    from newsnorm.transforms.inputs import Reading

    try:
        reading = Reading.of(dict(args.field), args.timezone)
    except ValueError as err:
        print(f"newsnorm explain: --field: {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        picked = pick_input(args.file, DEFAULT_MAX_BYTES)
    except LookupError as err:
        print(f"newsnorm explain: {err}", file=sys.stderr)
        return EXIT_ERROR
    raw = picked.raw
    if raw.rejection is not None and raw.rejection.code in ("not_found", "unreadable"):
        print(
            f"newsnorm explain: cannot read {args.file}: {raw.rejection.message}", file=sys.stderr
        )
        return EXIT_ERROR
    if (skipped := skipped_reason(raw)) is not None:  # as ingest: counted, never read
        explanation = Explanation("", None, (), None, None, skipped=skipped)
    elif raw.rejection is not None or raw.data is None:
        explanation = Explanation("", None, (), None, raw.rejection)
    else:
        try:
            explanation = explain_input(raw.data, raw.meta(reading), load_adapters())
        except AdapterFailed as err:  # one line naming the adapter; its traceback if asked
            if args.verbose:
                traceback.print_exception(err, file=sys.stderr)
            hint = "" if args.verbose else " (--verbose shows the traceback)"
            print(f"newsnorm explain: {args.file}: {err}{hint}", file=sys.stderr)
            return EXIT_ERROR
    if args.html:
        from newsnorm.flows.cli.html_report import render_report
        from newsnorm.flows.cli.report_sources import explain_report

        report = explain_report(raw.uri, explanation, picked.others, picked.skipped)
        if not write_html(Path(args.html), render_report(report), "explain"):
            return EXIT_ERROR
    if args.format == "json":
        data = {
            "input": raw.uri,
            "other_inputs": list(picked.others),
            "skipped_records": list(picked.skipped),
            **explanation_json(explanation),
        }
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        write_explanation(raw.uri, explanation, out, picked.others, picked.skipped)
    return EXIT_OK


def write_html(path: Path, page: str, command: str) -> bool:
    """Write the page, saying where on stderr (stdout keeps the report it always prints)."""
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as err:
        print(f"newsnorm {command}: cannot write {path}: {err.strerror or err}", file=sys.stderr)
        return False
    print(f"newsnorm {command}: wrote {path}", file=sys.stderr)
    return True
