"""transforms.jsonrepair: a JSON object cut off at its end is closed; malformed JSON is not."""

from __future__ import annotations

import json

import pytest

from newsnorm.transforms.jsonrepair import load_object, without_lone_surrogates


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


@pytest.mark.parametrize(
    ("raw", "expected", "repaired"),
    [
        ('{"a": "x\\ud800y"}', {"a": "x\ufffdy"}, True),  # a lone high half
        ('{"a": ["\\udc80"]}', {"a": ["\ufffd"]}, True),  # a lone low half, in a list
        ('{"\\udbff": {"b": 1}}', {"\ufffd": {"b": 1}}, True),  # in a key
        ('{"a": "\\ud83d\\ude00"}', {"a": "\U0001f600"}, False),  # a pair is one character
        ('{"a": "\\\\ud800"}', {"a": "\\ud800"}, False),  # an escaped backslash, then text
    ],
)
def test_lone_surrogates_become_replacement_characters(
    raw: str, expected: dict[str, object], repaired: bool
) -> None:
    loaded = load_object(raw)
    assert loaded is not None
    value, was_repaired = without_lone_surrogates(loaded[0], raw.encode())
    assert (value, was_repaired) == (expected, repaired)
    json.dumps(value, ensure_ascii=False).encode("utf-8")  # holds nothing UTF-8 cannot
