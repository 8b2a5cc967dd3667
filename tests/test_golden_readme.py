"""The golden README's provenance table names every case file and nothing else."""

from __future__ import annotations

import re

from golden_cases import GOLDEN, discover

ROW = re.compile(r"^\| `(?P<case>[^`]+)` \| (?P<provenance>.+) \|$", re.MULTILINE)


def test_the_provenance_table_lists_exactly_the_case_files() -> None:
    rows = ROW.findall((GOLDEN / "README.md").read_text(encoding="utf-8"))
    listed = [case for case, _ in rows]
    cases = {f"{case.adapter}/{case.raw.name}" for case in discover()}
    assert len(listed) == len(set(listed)), "a case is listed twice"
    assert not set(listed) - cases, f"listed but not a case file: {sorted(set(listed) - cases)}"
    assert not cases - set(listed), f"cases without provenance: {sorted(cases - set(listed))}"
    assert all(provenance.strip() for _, provenance in rows)
