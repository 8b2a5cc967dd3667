"""No import circles among `newsnorm.*` modules, and no import the layering in ARCHITECTURE.md
forbids, function-level and TYPE_CHECKING imports included: the graph is read from the source
(every `import` and `from … import`, wherever it sits), so a circle or a layer broken in a
function body is found before it bites at run time.

The layering: `transforms` imports none of our other packages and never Prefect, pyarrow or
DuckDB; `warehouse` imports only `schemas` and `transforms`; `flows`' subpackages import one
way, cli → orchestration → engine → stories, but for the two exceptions the map names."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from tests_support import ROOT

PACKAGES = ("flows", "transforms", "schemas", "warehouse")
Graph = Mapping[str, frozenset[str]]
# Which of our packages each may import (besides itself), as ARCHITECTURE.md draws them.
MAY_IMPORT = {
    "flows": {"transforms", "schemas", "warehouse"},
    "warehouse": {"schemas", "transforms"},
    "schemas": set(),
    "transforms": set(),
}
# Libraries the pure transforms never load: every cleaning rule is tested with a string.
NOT_IN_TRANSFORMS = frozenset({"prefect", "pyarrow", "duckdb"})
# `flows`' subpackages, each importing only itself and those after it ...
FLOWS_ORDER = ("cli", "orchestration", "engine", "stories")
# ... but for these two edges (fingerprints spilled to a file; linking checks the stop flag).
FLOWS_EXCEPTIONS = frozenset(
    {
        ("newsnorm.flows.stories.handed", "newsnorm.flows.engine.spill"),
        ("newsnorm.flows.stories.linking", "newsnorm.flows.engine.stopping"),
    }
)


def module_files() -> dict[str, Path]:
    """Every module of ours by its installed name: flows/cli/app.py → newsnorm.flows.cli.app."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(("newsnorm", *parts))] = path
    return modules


def imported_modules(module: str, path: Path, known: frozenset[str]) -> frozenset[str]:
    """Our modules that `module` imports anywhere in its source. `from a import b` names
    the module a.b when there is one, else a; relative imports are resolved."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(_ours(alias.name, known) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node.module, node.level)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else _ours(base, known))
    return frozenset(found - {None, module})  # type: ignore[arg-type]


def _absolute(module: str, is_package: bool, name: str | None, level: int) -> str:
    if not level:
        return name or ""
    parts = module.split(".")
    anchor = parts if is_package else parts[:-1]
    anchor = anchor[: len(anchor) - (level - 1)]
    return ".".join([*anchor, name] if name else anchor)


def _ours(name: str, known: frozenset[str]) -> str | None:
    """The longest of our modules that `name` is or lies inside, if any."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known:
            return candidate
    return None


def import_graph() -> Graph:
    files = module_files()
    known = frozenset(files)
    return {module: imported_modules(module, path, known) for module, path in files.items()}


def find_cycles(graph: Graph) -> list[list[str]]:
    """One circle per strongly connected component of two or more modules (or a module
    importing itself), as a path that returns to its start; sorted, so failures are stable."""
    cycles = []
    for component in _components(graph):
        members = set(component)
        start = min(component)
        if len(component) == 1 and start not in graph.get(start, ()):
            continue
        cycles.append(_circle_through(start, members, graph))
    return sorted(cycles)


def _components(graph: Graph) -> Iterator[list[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                yield component


def _circle_through(start: str, members: set[str], graph: Graph) -> list[str]:
    """A shortest path from `start` back to itself inside one component (breadth first)."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph.get(node, ())):
                if child not in members:
                    continue
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError(f"{start} is in a component but on no circle")


def test_no_module_of_ours_imports_itself_back() -> None:
    graph = import_graph()
    assert "newsnorm.flows.cli.app" in graph  # the walk found the subpackages
    assert "newsnorm.flows.engine.runner" in graph["newsnorm.flows.orchestration.ingest_flow"]
    cycles = find_cycles(graph)
    assert not cycles, "import circles:\n" + "\n".join(" → ".join(cycle) for cycle in cycles)


def test_function_level_and_relative_imports_are_edges(tmp_path: Path) -> None:
    source = tmp_path / "b.py"
    source.write_text(
        "def later():\n    from newsnorm.pkg import a\n    from . import c\n    import os\n"
    )
    known = frozenset({"newsnorm.pkg", "newsnorm.pkg.a", "newsnorm.pkg.b", "newsnorm.pkg.c"})
    edges = imported_modules("newsnorm.pkg.b", source, known)
    assert edges == {"newsnorm.pkg.a", "newsnorm.pkg.c"}


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c", "a"]]),
        ({"a": {"a"}}, [["a", "a"]]),
        ({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c", "a"}}, [["a", "b", "a"], ["c", "d", "c"]]),
    ],
    ids=["none", "three", "self", "two-circles"],
)
def test_circles_are_found_and_named(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    frozen = {node: frozenset(edges) for node, edges in graph.items()}
    assert find_cycles(frozen) == expected


def libraries_imported(path: Path) -> frozenset[str]:
    """The top-level names of every absolute import in a module, wherever it sits."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return frozenset(found)


def layer_violations(graph: Graph) -> list[str]:
    """Every edge that goes against MAY_IMPORT or FLOWS_ORDER, as "a → b"."""
    wrong = []
    for module, edges in sorted(graph.items()):
        for imported in sorted(edges):
            if not _allowed(module, imported):
                wrong.append(f"{module} → {imported}")
    return wrong


def _allowed(module: str, imported: str) -> bool:
    here, there = module.split("."), imported.split(".")
    if here[1] != there[1]:
        return there[1] in MAY_IMPORT[here[1]]
    if here[1] != "flows" or len(here) < 4 or len(there) < 4:
        return True  # within one package (the order is `flows`' only), or `newsnorm.flows`
    rank = FLOWS_ORDER.index
    return rank(there[2]) >= rank(here[2]) or (module, imported) in FLOWS_EXCEPTIONS


def test_imports_follow_the_layering_the_map_draws() -> None:
    graph = import_graph()
    assert "newsnorm.flows.stories.linking" in graph  # the subpackages were walked
    wrong = layer_violations(graph)
    assert not wrong, "imports ARCHITECTURE.md forbids:\n" + "\n".join(wrong)


def test_transforms_never_import_prefect_pyarrow_or_duckdb() -> None:
    loaded = {
        module: libraries_imported(path) & NOT_IN_TRANSFORMS
        for module, path in module_files().items()
        if module.startswith("newsnorm.transforms")
    }
    assert len(loaded) > 50
    assert {module: found for module, found in loaded.items() if found} == {}


@pytest.mark.parametrize(
    ("module", "imported", "allowed"),
    [
        ("newsnorm.transforms.clean", "newsnorm.warehouse.lake", False),
        ("newsnorm.transforms.clean", "newsnorm.transforms.rules", True),
        ("newsnorm.warehouse.lake", "newsnorm.flows.engine.defaults", False),
        ("newsnorm.warehouse.search", "newsnorm.transforms.text", True),
        ("newsnorm.schemas.tables", "newsnorm.transforms.records", False),
        ("newsnorm.flows.cli.app", "newsnorm.flows.engine.stopping", True),
        ("newsnorm.flows.engine.runner", "newsnorm.flows.orchestration.serve", False),
        ("newsnorm.flows.stories.linking", "newsnorm.flows.engine.stopping", True),
        ("newsnorm.flows.stories.linking", "newsnorm.flows.engine.batch", False),
        ("newsnorm.flows.engine.runner", "newsnorm.flows.stories.linking", True),
    ],
)
def test_a_forbidden_edge_is_named(module: str, imported: str, allowed: bool) -> None:
    graph = {module: frozenset({imported})}
    assert layer_violations(graph) == ([] if allowed else [f"{module} → {imported}"])


def test_a_library_imported_in_a_function_is_found(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def later():\n    import duckdb.typing\n    from pyarrow import table\n")
    assert libraries_imported(source) == {"duckdb", "pyarrow"}
