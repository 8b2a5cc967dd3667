"""Built-in source adapters; `registry.load_adapters` adds installed plugins."""

from __future__ import annotations

from transforms.adapters.base import RuleAdapter, SourceAdapter
from transforms.adapters.dcnf import DcnfAdapter
from transforms.adapters.generic import GenericAdapter

BUILTIN: tuple[type[SourceAdapter], ...] = (DcnfAdapter, GenericAdapter)

__all__ = ["BUILTIN", "RuleAdapter", "SourceAdapter"]
