"""Links between the docs resolve: a page moved or a heading renamed (docs/history/ keeps
the round logs the reference pages point at) must not leave a reader at a dead link."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_SKIP = {".git", ".venv", "node_modules", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
# A Markdown link's target: [text](target), the target up to a space or the closing bracket.
_LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
# A repository path to a docs page named in prose or code: docs/x.md, docs/history/x.md.
_DOCS_PATH = re.compile(r"(?<![\w/.-])docs/[\w/-]+\.md\b")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
# Tests that name pages which do not exist, on purpose.
_INVENTED = {"tests/test_architecture.py", "tests/test_doc_links.py"}


def _files(*suffixes: str) -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*")
        if path.suffix in suffixes and path.is_file()
        if not _SKIP & set(path.relative_to(ROOT).parts)
    ]


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(text: str) -> set[str]:
    headings = re.findall(r"^#{1,6} +(.+?) *#*$", _FENCE.sub("", text), flags=re.MULTILINE)
    return {anchor(heading) for heading in headings}


def dead_links(page: Path, text: str) -> list[str]:
    """The page's relative links whose file, or whose #anchor in it, does not exist."""
    prose = _CODE_SPAN.sub("", _FENCE.sub("", text))
    dead = []
    for target in _LINK.findall(prose):
        if re.match(r"[a-z][a-z0-9+.-]*:|/", target):
            continue  # a URL or a site's own path (an example), not this repository's
        path, _, fragment = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        missing = not linked.exists()
        if missing or (fragment and fragment not in anchors(linked.read_text(encoding="utf-8"))):
            dead.append(target)
    return dead


def test_anchor_follows_github() -> None:
    assert anchor("The page's `<title>` as a check (issue #13, round dtitle23)") == (
        "the-pages-title-as-a-check-issue-13-round-dtitle23"
    )
    assert anchor("Memory at 100,000: a file") == "memory-at-100000-a-file"


def test_dead_links_are_found(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A page\n\n## Its part\n", encoding="utf-8")
    page = tmp_path / "b.md"
    text = "[ok](a.md#its-part) [no file](gone.md) [no part](a.md#gone) `[c](x.md)` [w](https://x)"
    assert dead_links(page, text) == ["gone.md", "a.md#gone"]


def test_every_relative_markdown_link_resolves() -> None:
    dead = {
        str(page.relative_to(ROOT)): found
        for page in _files(".md")
        if (found := dead_links(page, page.read_text(encoding="utf-8")))
    }
    assert dead == {}


def test_every_named_docs_page_exists() -> None:
    missing = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in _files(".md", ".py")
        if str(path.relative_to(ROOT)) not in _INVENTED
        for name in _DOCS_PATH.findall(path.read_text(encoding="utf-8"))
        if not (ROOT / name).exists()
    }
    assert sorted(missing) == []
