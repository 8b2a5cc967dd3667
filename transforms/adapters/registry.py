"""Find adapters (built-ins plus the `newsnorm.adapters` entry points) and order them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib.metadata import entry_points

from transforms.adapters import BUILTIN
from transforms.adapters.base import SourceAdapter
from transforms.errors import AdapterError
from transforms.records import Document

ENTRY_POINT_GROUP = "newsnorm.adapters"


def load_adapters(include_plugins: bool = True) -> tuple[SourceAdapter, ...]:
    """Every installed adapter, instantiated, in detection order; name clashes fail here."""
    classes: list[type[SourceAdapter]] = list(BUILTIN)
    if include_plugins:
        classes.extend(_plugin_classes())
    return order_adapters(cls() for cls in classes)


def order_adapters(adapters: Iterable[SourceAdapter]) -> tuple[SourceAdapter, ...]:
    """Sort by (priority, name) and reject two adapters that share a name."""
    seen: dict[str, SourceAdapter] = {}
    for adapter in adapters:
        if not isinstance(adapter, SourceAdapter):
            raise AdapterError(f"{adapter!r} does not implement SourceAdapter")
        if adapter.name in seen:
            raise AdapterError(
                f"two adapters are named {adapter.name!r}: {_origin(seen[adapter.name])} and "
                f"{_origin(adapter)}; rename one or uninstall the plugin"
            )
        seen[adapter.name] = adapter
    return tuple(sorted(seen.values(), key=lambda adapter: (adapter.priority, adapter.name)))


def select_adapter(document: Document, adapters: Sequence[SourceAdapter]) -> SourceAdapter:
    """The first adapter, in detection order, that claims the document."""
    for adapter in adapters:
        if adapter.detect(document):
            return adapter
    raise AdapterError("no adapter claimed the document and no fallback adapter is installed")


def _plugin_classes() -> list[type[SourceAdapter]]:
    classes: list[type[SourceAdapter]] = []
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = entry_point.load()
        except Exception as err:  # a broken plugin must name itself, whatever it raised
            message = f"adapter plugin {entry_point.value!r} failed to load: {err}"
            raise AdapterError(message) from err
        if not isinstance(loaded, type):
            raise AdapterError(f"adapter plugin {entry_point.value!r} is not a class")
        classes.append(loaded)
    return classes


def _origin(adapter: SourceAdapter) -> str:
    cls = type(adapter)
    return f"{cls.__module__}.{cls.__qualname__}"
