"""The HTML report of `explain --html` and `show --html`: its markup (escaped, every cut
marked, nothing loaded) and, in headless Chromium, how it renders: the pieces and legend in
the DOM, each kind's colour on screen, no horizontal overflow, no request but the page."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from headless_chromium import CHROMIUM, Browser, decode_png

from newsnorm.flows.cli import EXIT_ERROR, EXIT_OK, main
from newsnorm.flows.cli.html_report import Cut, Report, mark_cuts, render_report
from newsnorm.flows.cli.report_style import PALETTE, kind_colours
from newsnorm.flows.engine.runner import RunSummary
from newsnorm.warehouse.lake import Warehouse
from tests_support import ROOT

SAMPLE = ROOT / "tests" / "golden" / "grist" / "salon_partner_page.html"


def _explain(tmp_path: Path, capsys: pytest.CaptureFixture[str], source: Path) -> tuple[Path, Any]:
    """Run `explain --html` on a file; the page and the JSON report of the same run."""
    page = tmp_path / "report.html"
    assert main(["explain", str(source), "--format", "json", "--html", str(page)]) == EXIT_OK
    captured = capsys.readouterr()
    assert f"wrote {page}" in captured.err
    return page, json.loads(captured.out)


def test_the_page_marks_every_cut_and_loads_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page, report = _explain(tmp_path, capsys, SAMPLE)
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html
    assert "default-src 'none'" in html
    assert not re.search(r"<script|<link|<img|<iframe|\ssrc=|url\(|@import", html, re.IGNORECASE)
    for removal in report["removals"]:
        marker = f"[{removal['start']}:{removal['end']}] {removal['kind']} · {removal['action']}"
        assert marker in html
        assert f"rule {removal['rule']} · adapter grist v{report['adapter_version']}" in html
    assert html.count('class="cut removed') + html.count('class="cut moved') >= len(
        report["removals"]
    )


def test_everything_from_the_input_is_escaped(tmp_path: Path) -> None:
    text = 'Headline <b>bold</b>\n<script>alert("x")</script> & more "quoted" text\n'
    start = text.index("& more")
    cut = Cut('r"1', "ad<marker>", "removed", start, len(text), text[start:], 'x" onmouseover="y')
    article = {"title": "<i>T</i>", "url": "javascript:alert(1)", "site": "https://ok.test/a"}
    html = render_report(Report("explain", "file:///a<b>.html", None, (), text, (cut,), article))
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert f'title="[{start}:{len(text)}] ad&lt;marker&gt; · removed by rule r&quot;1 · ' in html
    assert "adapter x&quot; onmouseover=&quot;y" in html
    assert "&amp; more &quot;quoted&quot; text" in html
    assert 'href="javascript' not in html
    assert '<a href="https://ok.test/a">' in html


def test_overlapping_cuts_take_the_innermost_look_and_name_both() -> None:
    outer = Cut("outer", "navigation", "removed", 1, 5, "bcde", "a v1")
    inner = Cut("inner", "byline", "moved", 2, 3, "c", "a v1")
    colours = kind_colours(["navigation", "byline"])
    marked = mark_cuts("abcdef", [outer, inner], colours)
    assert re.sub(r"<[^>]+>", "", marked) == "abcdef"
    pieces = re.findall(r'<span class="cut (\w+) k(\d+)" title="([^"]*)">(\w+)</span>', marked)
    assert [(action, text) for action, _, _, text in pieces] == [
        ("removed", "b"),
        ("moved", "c"),
        ("removed", "de"),
    ]
    assert "[1:5]" in pieces[1][2]
    assert "[2:3]" in pieces[1][2]
    assert int(pieces[1][1]) == colours["byline"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":  # .ci/run installs it: a missing browser is a failure
            pytest.fail("chromium is not installed: .ci/run should have installed it")
        pytest.skip(
            "headless Chromium is not installed (Debian's `chromium` package; .ci/run "
            "installs it in CI): the HTML report is not checked in a browser"
        )
    with Browser(1280, 900) as running:
        yield running


# Every marked piece, with its look, its description and its text; the legend's kinds.
_PIECES = """[...document.querySelectorAll('pre.text span.cut')].map(s => {
    const r = s.getBoundingClientRect();
    return [s.className, s.title, s.textContent, r.left, r.top + window.scrollY, r.right,
            r.bottom + window.scrollY];
})"""
_OVERFLOW = """[document.documentElement.scrollWidth - window.innerWidth,
    [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map(e => e.tagName + '.' + e.className)]"""


def _assert_no_overflow(browser: Browser, width: int) -> None:
    browser.resize(width, 900)
    excess, overflowing = browser.evaluate(_OVERFLOW)
    assert excess <= 0, f"the page is {excess}px wider than a {width}px window"
    assert overflowing == []


def test_the_report_of_a_real_sample_renders_in_chromium(
    browser: Browser, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page, report = _explain(tmp_path, capsys, SAMPLE)
    browser.resize(1280, 900)
    browser.load(page)
    assert browser.requested() == [page.resolve().as_uri()]
    pieces = browser.evaluate(_PIECES)
    for removal in report["removals"]:
        marker = f"[{removal['start']}:{removal['end']}] "
        own = [piece for piece in pieces if marker in piece[1]]
        assert "".join(piece[2] for piece in own) == removal["text"]
        assert all(removal["action"] in piece[0].split() for piece in own)
    shown = browser.evaluate("document.querySelector('pre.text').textContent")
    assert "Advertisement:" in shown
    assert report["title"] in shown
    legend = browser.evaluate(
        "[...document.querySelectorAll('.legend .kind')].map(e => e.textContent)"
    )
    assert legend == sorted({removal["kind"] for removal in report["removals"]})
    assert browser.evaluate("document.querySelector('.headline').textContent") == report["title"]
    assert browser.evaluate("document.querySelectorAll('.body p').length") == len(
        report["paragraphs"]
    )
    for width in (1280, 700):
        _assert_no_overflow(browser, width)
    browser.resize(1280, 900)
    image = decode_png(browser.screenshot(full_page=True))
    colours = kind_colours(removal["kind"] for removal in report["removals"])
    for kind, index in colours.items():
        first = next(piece for piece in pieces if f"k{index}" in piece[0].split())
        assert PALETTE[index] in image.colours_in(*first[3:]), f"{kind} is not highlighted"


def test_long_unbroken_text_wraps_inside_the_window(browser: Browser, tmp_path: Path) -> None:
    token = "x" * 3000
    text = f"Title\n{token}\nhttps://example.org/{'a' * 800}\n"
    cut = Cut("long", "navigation", "removed", 6, 3006, token, "generic v1")
    article = {"title": "Title", "url": f"https://example.org/{'a' * 800}", "paragraphs": [token]}
    page = tmp_path / "long.html"
    page.write_text(render_report(Report("explain", token, None, (token,), text, (cut,), article)))
    browser.load(page)
    for width in (1280, 480):
        _assert_no_overflow(browser, width)


@pytest.fixture
def stored_sample(
    tmp_path: Path, warehouse: Warehouse, ingest: Callable[..., RunSummary]
) -> tuple[Path, str]:
    """The sample ingested from a copy of it; the copy and the article's id."""
    source = tmp_path / "in" / SAMPLE.name
    source.parent.mkdir()
    shutil.copyfile(SAMPLE, source)
    ingest(source)
    from newsnorm.warehouse.lake import open_warehouse

    with open_warehouse(warehouse, read_only=True) as connection:
        [(article_id,)] = connection.execute("select article_id from articles").fetchall()
    return source, str(article_id)


def _show(warehouse: Warehouse, reference: str, page: Path) -> list[str]:
    return ["show", reference, "--warehouse", str(warehouse.root), "--html", str(page)]


def test_show_marks_the_stored_cuts_on_the_input_it_re_reads(
    warehouse: Warehouse, stored_sample: tuple[Path, str], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    _, article_id = stored_sample
    page = tmp_path / "show.html"
    assert main(_show(warehouse, article_id[:8], page)) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith(f"article     {article_id}\n")
    assert "note" not in out
    explained = tmp_path / "explained.html"
    assert main(["explain", str(stored_sample[0]), "--html", str(explained)]) == EXIT_OK
    marks = re.compile(r'<pre class="text">.*</pre>', re.DOTALL)
    shown, fresh = (marks.search(path.read_text()) for path in (page, explained))
    assert shown is not None
    assert fresh is not None
    assert shown.group() == fresh.group()  # the same input, the same cuts
    assert "input_sha256" in page.read_text()


def test_show_says_when_the_input_changed_or_is_gone(
    warehouse: Warehouse, stored_sample: tuple[Path, str], tmp_path: Path,
    capsys: pytest.CaptureFixture[str], browser: Browser,
) -> None:  # fmt: skip
    source, article_id = stored_sample
    cuts = int(re.search(r"cuts +\((\d+)\)", _run_show(warehouse, article_id, capsys))[1])  # type: ignore[index]
    source.write_text(source.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    changed = tmp_path / "changed.html"
    assert main(_show(warehouse, article_id, changed)) == EXIT_OK
    assert "note        the input changed since it was ingested" in capsys.readouterr().out
    source.unlink()
    gone = tmp_path / "gone.html"
    assert main(_show(warehouse, article_id, gone)) == EXIT_OK
    assert "note        the input is gone" in capsys.readouterr().out
    for page in (changed, gone):
        html = page.read_text(encoding="utf-8")
        assert '<pre class="text">' not in html
        assert html.count("<tr><td>") == cuts  # the boilerplate rows, listed
    browser.load(gone)
    assert browser.evaluate("document.querySelectorAll('table.cuts span.cut').length") == cuts
    _assert_no_overflow(browser, 700)


def _run_show(warehouse: Warehouse, article_id: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["show", article_id, "--warehouse", str(warehouse.root)]) == EXIT_OK
    return capsys.readouterr().out


@pytest.mark.parametrize("reference", ["ffffffffff", "abc"])
def test_show_an_unknown_article_is_one_line_and_exit_1(
    warehouse: Warehouse, stored_sample: tuple[Path, str], reference: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert main(["show", reference, "--warehouse", str(warehouse.root)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("newsnorm show: ")
    assert err.count("\n") == 1


def test_the_readme_examples_write_both_pages(
    tmp_path: Path, warehouse: Warehouse, ingest: Callable[..., RunSummary],
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## See what was removed", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\n(.*?)```", section, flags=re.DOTALL)
    assert block is not None
    monkeypatch.chdir(tmp_path)
    article_id = ""
    for line in block.group(1).splitlines():
        argv = [
            ROOT / arg if arg.startswith("tests/") else arg
            for arg in shlex.split(line, comments=True)
        ]
        argv = [str(arg).replace("ARTICLE_ID", article_id) for arg in argv[1:]]
        if argv[0] == "ingest":  # as the CLI does, without starting a Prefect server
            ingest(*argv[1:])
            article_id = _only_article_id(warehouse)
            continue
        if argv[0] != "explain":
            argv += ["--warehouse", str(warehouse.root)]
        assert main(argv) == EXIT_OK, argv
        out = capsys.readouterr().out
        if True:
            assert '<pre class="text">' in (tmp_path / argv[argv.index("--html") + 1]).read_text()
            assert out
    assert article_id


def _only_article_id(warehouse: Warehouse) -> str:
    from newsnorm.warehouse.lake import open_warehouse

    with open_warehouse(warehouse, read_only=True) as connection:
        [(article_id,)] = connection.execute("select article_id from articles").fetchall()
    return str(article_id)
