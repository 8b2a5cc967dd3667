"""`newsnorm adapters golden [--write] PATH...`: make or check golden files for any installed
adapter, plugins included, so an adapter shipped in its own package is tested as ours are."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from newsnorm.flows.cli.exit_codes import EXIT_ERROR, EXIT_OK


def golden_command(args: argparse.Namespace, out: TextIO) -> int:
    from newsnorm.flows.cli.golden import cases_at, dump, faults_of, outcome
    from newsnorm.transforms.adapters.registry import load_adapters

    paths = [Path(path) for path in args.paths]
    if missing := [str(path) for path in paths if not path.exists()]:
        print(f"newsnorm adapters golden: no such file or folder: {missing[0]}", file=sys.stderr)
        return EXIT_ERROR
    cases = cases_at(paths)
    if not cases:
        print(
            "newsnorm adapters golden: no raw samples (*.txt, *.html) in "
            + ", ".join(map(str, paths)),
            file=sys.stderr,
        )
        return EXIT_ERROR
    adapters = load_adapters()
    failed = 0
    for case in cases:
        result = outcome(case.raw, adapters)
        if args.write:
            case.expected_path.write_text(dump(result.output), "utf-8")
            out.write(f"wrote {case.expected_path}\n")
        faults = faults_of(case, result)
        failed += bool(faults)
        if faults or not args.write:
            out.write(f"{'FAIL' if faults else 'ok'}   {case.id}\n")
        for fault in faults:
            out.write(fault if fault.endswith("\n") else fault + "\n")
    out.write(f"{len(cases)} cases, {len(cases) - failed} ok, {failed} failed\n")
    if args.write:
        out.write("read each written file line by line before you commit it (docs/adapters.md)\n")
    return EXIT_ERROR if failed else EXIT_OK
