"""The CLI's options are defined once: `serve` takes every option of `ingest` that shapes a
run, and `IngestParameters` is exactly the flow's parameters, with the flow's defaults."""

from __future__ import annotations

import argparse
import ast
import dataclasses
import inspect
from pathlib import Path

import pytest

from newsnorm.flows.cli import app
from newsnorm.flows.cli.app import build_parser
from newsnorm.flows.cli.ingest_options import ingest_parameters
from newsnorm.flows.engine.defaults import (
    DEFAULT_GROWN_BATCH_FILES,
    DEFAULT_WAREHOUSE,
    WAREHOUSE_VARIABLE,
)
from newsnorm.flows.orchestration.ingest_flow import ingest_articles
from newsnorm.flows.orchestration.parameters import (
    STORY_MIN_CONTAINMENT,
    STORY_MIN_SHARED,
    IngestParameters,
)
from newsnorm.transforms.stories import DEFAULT_SETTINGS as DEFAULT_STORY_SETTINGS

# Options about one `ingest` in a terminal, not about the run the flow makes.
INGEST_ONLY = {"--quiet", "--verbose", "--fail-on-reject", "--prefect", "--no-prefect"}


def _options(command: str) -> set[str]:
    subparsers = next(
        action
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    parser = subparsers.choices[command]
    return {flag for action in parser._actions for flag in action.option_strings}


def test_serve_takes_every_ingest_option() -> None:
    ingest, serve = _options("ingest"), _options("serve")
    assert {"--rescan", "--follow-symlinks", "--runner", "--story-min-shared"} <= ingest
    assert ingest - INGEST_ONLY <= serve


def test_ingest_parameters_are_the_flows_parameters_with_its_defaults() -> None:
    flow = inspect.signature(ingest_articles.fn).parameters
    for item in dataclasses.fields(IngestParameters):
        assert item.name in flow, f"{item.name} is not a parameter of ingest-articles"
        if item.default is not dataclasses.MISSING:
            assert flow[item.name].default == item.default, item.name
    # What the flow takes besides: batch_bytes (no option) and progress (the CLI's terminal).
    assert set(flow) - {item.name for item in dataclasses.fields(IngestParameters)} == {
        "batch_bytes",
        "progress",
    }


def test_the_warehouse_defaults_from_the_environment_where_it_is_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The flow's parameter is None, read as $NEWSNORM_WAREHOUSE where the flow runs (a
    # worker's environment, for a deployment), as the command line's --warehouse is.
    assert inspect.signature(ingest_articles.fn).parameters["warehouse"].default is None
    monkeypatch.delenv(WAREHOUSE_VARIABLE, raising=False)
    assert IngestParameters(sources=("in",)).warehouse == DEFAULT_WAREHOUSE
    monkeypatch.setenv(WAREHOUSE_VARIABLE, str(tmp_path / "lake"))
    assert IngestParameters(sources=("in",)).warehouse == str(tmp_path / "lake")
    args = build_parser().parse_args(["ingest", "in"])
    assert ingest_parameters(args).warehouse == str(tmp_path / "lake")


def test_options_left_alone_give_the_flows_defaults() -> None:
    args = build_parser().parse_args(["ingest", "in"])
    assert ingest_parameters(args) == IngestParameters(sources=("in",))
    args = build_parser().parse_args(["serve", "in", "--interval", "60"])
    assert ingest_parameters(args) == IngestParameters(sources=("in",))


def test_the_story_defaults_written_out_for_the_command_line_are_the_engines() -> None:
    assert DEFAULT_STORY_SETTINGS.min_containment == STORY_MIN_CONTAINMENT
    assert DEFAULT_STORY_SETTINGS.min_shared == STORY_MIN_SHARED


def test_only_the_default_batch_size_grows_on_a_long_run() -> None:
    # A long run's batches grow past the default size (fewer commits); a size the operator
    # chose (smaller commits, less lost to a stop) is kept throughout.
    default = ingest_parameters(build_parser().parse_args(["ingest", "in"]))
    chosen = ingest_parameters(build_parser().parse_args(["ingest", "in", "--batch-size", "100"]))
    assert default.settings().grown_batch_files == DEFAULT_GROWN_BATCH_FILES > 0
    assert chosen.settings().grown_batch_files == 0


def _calls_in(path: Path) -> set[str]:
    """The argparse methods that define options, as called in one module."""
    defining = {"add_argument", "add_argument_group", "add_mutually_exclusive_group"}
    return {
        node.func.attr
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in defining
    }


def test_options_are_defined_in_the_two_option_modules_only() -> None:
    """ "Where is this option defined?" has one answer: options.py, or ingest_options.py for
    `ingest` and `serve`; app.py only lists the commands with their options and handlers."""
    cli = Path(app.__file__).parent
    defining = {path.name for path in cli.glob("*.py") if _calls_in(path)}
    assert defining == {"options.py", "ingest_options.py"}


def _subparser(command: str) -> argparse.ArgumentParser:
    subparsers = next(
        action
        for action in build_parser(command)._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    return subparsers.choices[command]


@pytest.mark.parametrize("command", ["reprocess", "show"])
def test_field_says_it_only_reads_inputs_ingested_with_the_defaults(command: str) -> None:
    # Both read each stored input with its recorded settings; --field is for the rest.
    [field] = [a for a in _subparser(command)._actions if "--field" in a.option_strings]
    assert field.help is not None
    assert "ingested with the default reading settings" in field.help
    assert "every other input is read with the settings it was ingested with" in field.help
    [ingest_field] = [a for a in _subparser("ingest")._actions if "--field" in a.option_strings]
    assert ingest_field.help is not None
    assert "default reading settings" not in ingest_field.help


def test_reprocess_help_says_what_it_does() -> None:
    description = _subparser("reprocess").description or ""
    assert "stale" in description
    assert "--all" in description
    assert "settings it was ingested with" in description
