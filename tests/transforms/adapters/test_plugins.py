"""Third-party adapters: a tiny plugin package, laid out as pip installs one, on sys.path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsnorm.flows.cli import EXIT_ERROR, EXIT_OK, main
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import AdapterError
from newsnorm.transforms.pipeline import process_text
from tests_support import fresh_modules

PLUGIN = """
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal


class AcmeWireAdapter(RuleAdapter):
    name = "{name}"
    priority = 50
    description = "Acme Wire test plugin"
    syndicator = "Acme Wire"
    signals = (Signal("notice", r"This story was distributed by Acme Wire", 1.0),)
    line_rules = (
        Rule(
            "notice",
            "republish_notice",
            r"This story was distributed by (?P<publisher>Acme Wire)\\.?",
        ),
    )
"""
STORY = (
    "Harbor Bridge Reopens After Repairs\n\nThe harbor bridge reopened to traffic on Monday after "
    "eight months of repairs that cost the city more than it had planned.\n\n"
    "This story was distributed by Acme Wire.\n"
)


def _install_plugin(site: Path, name: str = "acme_plugin", body: str = PLUGIN) -> None:
    """Write what `pip install newsnorm-acme` leaves in site-packages: code and dist-info."""
    package = site / "newsnorm_acme"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "adapter.py").write_text(body.format(name=name))
    info = site / "newsnorm_acme-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newsnorm-acme\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text(
        "[newsnorm.adapters]\nacme_plugin = newsnorm_acme.adapter:AcmeWireAdapter\n"
    )


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A site-packages folder on sys.path; each test imports its own plugin afresh."""
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    with fresh_modules("newsnorm_acme"):
        yield folder


def test_installed_plugin_is_listed_and_used(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _install_plugin(site)
    adapters = load_adapters()
    # Priority 50 sorts first. Not named acme_wire: a reader of docs/adapters.md may have added
    # the guide's adapter of that name, and two adapters of one name stop every run.
    assert adapters[0].name == "acme_plugin"
    article = process_text(STORY, adapters)
    assert (article.adapter, article.syndicator, article.original_publisher) == (
        "acme_plugin",
        "Acme Wire",
        "Acme Wire",
    )
    assert "distributed" not in article.body
    assert main(["adapters"]) == EXIT_OK
    assert "newsnorm_acme.adapter.AcmeWireAdapter" in capsys.readouterr().out


def test_plugin_name_clash_is_a_clear_error_at_start_up(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _install_plugin(site, name="dcnf")
    with pytest.raises(AdapterError, match="two adapters are named 'dcnf'"):
        load_adapters()
    assert main(["adapters"]) == EXIT_ERROR
    assert "rename one or uninstall the plugin" in capsys.readouterr().err


def test_broken_plugin_names_itself(site: Path) -> None:
    _install_plugin(site, body="raise ImportError('missing dependency: acme-sdk')\n")
    with pytest.raises(AdapterError, match=r"newsnorm_acme\.adapter:AcmeWireAdapter.*acme-sdk"):
        load_adapters()


def test_without_plugins_only_builtins_load(site: Path) -> None:
    _install_plugin(site)
    assert "acme_plugin" not in [adapter.name for adapter in load_adapters(include_plugins=False)]


def test_a_bad_pattern_names_the_adapter_that_declared_it(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 'signal 'notice': bad pattern' alone: many adapters have a signal of that name.
    _install_plugin(site, body=PLUGIN.replace('distributed by Acme Wire", 1.0', '(unclosed", 1.0'))
    assert main(["adapters"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "signal 'notice': bad pattern" in err
    assert "(declared at adapter.py:" in err
    assert "in AcmeWireAdapter)" in err
