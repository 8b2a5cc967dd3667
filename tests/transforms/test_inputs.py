"""Which path an input takes (transforms.inputs.input_kind), decided in one place, and how a
JSON record is read: WordPress REST posts, truncated captures, HTML fragments."""

from __future__ import annotations

import json

import pytest

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta, input_kind, prepare_input
from newsnorm.transforms.pipeline import process_input

ADAPTERS = load_adapters(include_plugins=False)
PARAGRAPH = (
    "The harbour board voted on Tuesday to extend the ferry timetable through the winter, "
    "after a season in which passenger numbers rose by a third and the last boat ran full."
)
WP_POST = {
    "id": 41,
    "date": "2025-03-02T09:15:00",
    "link": "https://harbour.example/2025/03/ferry-timetable/",
    "title": {"rendered": "Ferry timetable extended &#8211; board&#8217;s vote"},
    "content": {"rendered": f"<p>{PARAGRAPH}</p>\n<p>{PARAGRAPH}</p>"},
}


@pytest.mark.parametrize(
    ("data", "meta", "kind"),
    [
        (b"Headline\n\nBody.", InputMeta("a.txt"), "text"),
        (b"Headline", InputMeta("page.HTML"), "html"),
        (b"{}", InputMeta("post.json"), "json"),
        (b"<html><body><p>x</p></body></html>", InputMeta("saved.txt"), "html"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><p>x", InputMeta("saved"), "html"),
        (b"<div class='story'><p>A fragment.</p></div>", InputMeta("fragment.txt"), "html"),
        (b"<Sponsored> Headline\n\nBody.", InputMeta("a.txt"), "text"),
        (b'{"title": "A", "body": "B"}', InputMeta("export.txt"), "json"),
        (b'{"title": "A", "body": "cut off', InputMeta("export.txt"), "json"),
        (b"{Sponsored} Headline\n\nBody.", InputMeta("a.txt"), "text"),
        (b"<p>x</p>", InputMeta("a.txt", media_type="application/json"), "json"),
        (b"plain", InputMeta("a.txt", media_type="text/html; charset=utf-8"), "html"),
    ],
    ids=[
        "text", "html-suffix", "json-suffix", "html-in-txt", "bom-doctype", "fragment-in-txt",
        "bracket-text", "json-in-txt", "truncated-json-in-txt", "brace-text", "declared-json",
        "declared-html",
    ],
)  # fmt: skip
def test_input_kind(data: bytes, meta: InputMeta, kind: str) -> None:
    assert input_kind(data, meta) == kind


def test_a_wordpress_rest_post_saved_as_text_is_read_as_the_post() -> None:
    article = process_input(json.dumps(WP_POST).encode(), InputMeta("post.txt"), ADAPTERS).article
    assert article.title == "Ferry timetable extended \u2013 board\u2019s vote"
    assert article.paragraphs == (PARAGRAPH, PARAGRAPH)  # the first paragraph is not the title
    assert article.url == WP_POST["link"]
    # Its date settles the page's "no date"; a WordPress author is a number, so nobody is named.
    assert article.warnings == ("no_author",)


def test_a_post_cut_off_mid_content_keeps_what_it_holds_and_says_so() -> None:
    data = json.dumps(WP_POST).encode()
    cut = data[: data.index(b"</p>\\n<p>") + 30]  # inside the second paragraph's string
    article = process_input(cut, InputMeta("post.txt"), ADAPTERS).article
    assert article.paragraphs[0] == PARAGRAPH
    assert article.warnings == ("no_author", "input_truncated")


def test_a_json_line_that_is_malformed_before_its_end_is_still_refused() -> None:
    with pytest.raises(DocumentRejected, match="invalid_json"):
        prepare_input(b'{"title": oops, "body": "B"}', InputMeta(media_type="application/json"))


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le", "utf-32-be", "utf-32-le"])
def test_a_record_in_utf_16_or_32_without_a_bom_is_read_whatever_its_name(encoding: str) -> None:
    """JSON tells UTF-16/32 by where its NULs stand (json.loads reads them so); big-endian
    ones, which open with a NUL, were rejected as binary under a name that is not .json."""
    record = {"title": "Caf\u00e9 owners meet", "text": "Owners of the caf\u00e9 met to talk."}
    data = json.dumps(record, ensure_ascii=False).encode(encoding)
    meta = InputMeta(name="saved.txt")
    assert input_kind(data, meta) == "json"
    prepared = prepare_input(data, meta)
    assert prepared.encoding == encoding
