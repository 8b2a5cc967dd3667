"""`newsnorm adapters new NAME`: write a new adapter file and its golden-case folder."""

from __future__ import annotations

import keyword
import re
from pathlib import Path

_NAME = re.compile(r"[a-z][a-z0-9_]{1,40}")

TEMPLATE = '''"""{title}: <one line on who they are and what their syndicated copies carry>.

Wordings: <where each matched wording was read: the syndicator's republishing page, a dated
capture of a copy; the exact words are facts, the articles around them stay out of fixtures>.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.rules import Rule, Signal


class {cls}(RuleAdapter):
    name = "{name}"
    version = 1
    priority = 100
    description = "{title} stories and their republished copies."
    syndicator = "{title}"
    license = None  # a short licence id, e.g. "CC-BY-ND-4.0"
    # Weights: ~1.0 a notice naming the source, ~0.6 a house artefact, 0.1 a body mention.
    signals: ClassVar[tuple[Signal, ...]] = (
        Signal("notice", r"This (?:story|article) was originally published by {title}", 1.0),
    )
    # A line rule must match the whole line; patterns see folded text (ASCII quotes, dashes).
    line_rules: ClassVar[tuple[Rule, ...]] = (
        Rule(
            "republish-notice",
            "republish_notice",
            r"This (?:story|article) was originally published by (?P<publisher>{title})\\.?",
        ),
        Rule("byline", "byline", r"By:? [A-Z][^\\n]{{1,80}}", move_to="byline", zone="head"),
    )
    # A span rule cuts a piece out of a paragraph (a promo glued to a sentence).
    span_rules: ClassVar[tuple[Rule, ...]] = ()
    # More kinds when lines are not enough (docs/adapters.md): text_rules (a match across
    # lines), block_rules (from one line through another), neighbour rules (after=, before=),
    # and after_clean steps for what no rule can say. Never override clean().
'''


class ScaffoldError(ValueError):
    """The adapter cannot be scaffolded here; the message says why."""


def check_name(name: str) -> None:
    """An adapter name is also a module's and a golden folder's: refuse what cannot be one."""
    if not _NAME.fullmatch(name):
        raise ScaffoldError(f"{name!r}: use lowercase letters, digits and underscores")
    if keyword.iskeyword(name):
        raise ScaffoldError(f"{name!r} is a Python keyword: its module could not be imported")


def title_of(name: str) -> str:
    return " ".join(part.capitalize() for part in name.split("_"))


def class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_")) + "Adapter"


def scaffold_adapter(name: str, root: Path) -> list[Path]:
    """Create `transforms/adapters/<name>.py` and `tests/golden/<name>/`; return them."""
    check_name(name)
    adapters = root / "transforms" / "adapters"
    if not adapters.is_dir():
        raise ScaffoldError(
            f"{root.resolve()} is not a newsnorm checkout (no transforms/adapters); "
            "for an adapter in its own package, use --package DIR"
        )
    module = adapters / f"{name}.py"
    golden = root / "tests" / "golden" / name
    if module.exists():
        raise ScaffoldError(f"{module} already exists")
    template = TEMPLATE.format(title=title_of(name), cls=class_name(name), name=name)
    module.write_text(template, encoding="utf-8")
    golden.mkdir(parents=True, exist_ok=True)
    return [module, golden]


def next_steps(name: str) -> str:
    cls = class_name(name)
    return (
        f"next:\n"
        f"  1. put raw samples, exactly as scraped, in tests/golden/{name}/<case>.txt\n"
        f"  2. edit transforms/adapters/{name}.py (signals, rules; see docs/adapters.md)\n"
        f"  3. add {cls} to BUILTIN in transforms/adapters/__init__.py\n"
        f"  4. newsnorm explain tests/golden/{name}/<case>.txt   # what each rule does\n"
        f"  5. pytest tests/transforms/test_golden.py -k {name} --update-golden; read the JSON\n"
        f"  6. add a row per case to tests/golden/README.md (what the case was written on)\n"
    )
