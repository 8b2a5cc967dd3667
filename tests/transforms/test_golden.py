"""Every golden case: the pipeline's output equals the reviewed expected JSON."""

from __future__ import annotations

import json

import pytest

from golden_cases import GOLDEN, GoldenCase, actual_output, discover, dump, run
from newsnorm.flows.cli.golden import claim_fault, difference, removal_faults
from newsnorm.transforms.adapters import BUILTIN

CASES = discover()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_golden_case(case: GoldenCase, update_golden: bool) -> None:
    actual = actual_output(case.raw)
    if update_golden:
        case.expected_path.write_text(dump(actual), encoding="utf-8")
    assert case.expected_path.exists(), f"no {case.expected_path.name}: run pytest --update-golden"
    # The diff is what `newsnorm adapters golden` prints; the comparison stays the data's.
    expected = json.loads(case.expected_path.read_text(encoding="utf-8"))
    assert actual == expected, difference(case, actual)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_golden_case_is_claimed_by_its_folder_adapter(case: GoldenCase) -> None:
    assert claim_fault(case, actual_output(case.raw)) is None


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_golden_removals_slice_the_input_and_leave_the_body(case: GoldenCase) -> None:
    result = run(case.raw)
    if result.text is None:
        pytest.skip("rejected case: nothing removed")
    assert removal_faults(result) == []


def test_every_builtin_adapter_has_a_golden_case() -> None:
    folders = {case.adapter for case in CASES}
    missing = sorted(adapter.name for adapter in BUILTIN if adapter.name not in folders)
    assert not missing, f"adapters without golden cases in {GOLDEN}: {missing}"


def test_every_builtin_adapter_cleans_an_article_in_a_golden_case() -> None:
    """A folder of rejections only would never show the adapter's rules at work."""
    cleaned = {case.adapter for case in CASES if "rejected" not in actual_output(case.raw)}
    missing = sorted(adapter.name for adapter in BUILTIN if adapter.name not in cleaned)
    assert not missing, f"adapters whose golden cases are all rejections: {missing}"
