"""transforms.jsonrepair: a JSON object cut off at its end is closed; malformed JSON is not."""

from __future__ import annotations

import pytest

from newsnorm.transforms.jsonrepair import load_object


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1}', ({"a": 1}, False)),
        ('{"a": "cut', ({"a": "cut"}, True)),
        ('{"a": [1, 2', ({"a": [1, 2]}, True)),
        ('{"a": {"b": "x"', ({"a": {"b": "x"}}, True)),
        ('{"a": 1, "b"', ({"a": 1}, True)),
        ('{"a": 1, "b":', ({"a": 1}, True)),
        ('{"a": 1,', ({"a": 1}, True)),
        ('{"a": "x\\u00', ({"a": "x"}, True)),
        ('{"a": "say \\"hi', ({"a": 'say "hi'}, True)),
        ('\ufeff {"a": 1}', ({"a": 1}, False)),
    ],
)
def test_objects_are_read_and_closed_when_cut_off(
    text: str, expected: tuple[dict[str, object], bool]
) -> None:
    assert load_object(text) == expected


@pytest.mark.parametrize("text", ["{not json", '{"a": 1}}', "[1, 2]", "", "plain"])
def test_anything_else_is_none(text: str) -> None:
    assert load_object(text) is None
