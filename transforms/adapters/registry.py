"""Find adapters (built-ins plus the `newsnorm.adapters` entry points) and order them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.jointdetect import JointDetection
from newsnorm.transforms.errors import AdapterError
from newsnorm.transforms.records import Document, Evidence

ENTRY_POINT_GROUP = "newsnorm.adapters"
# A claim needs this much evidence: one explicit notice or a house artefact, never a
# body mention (weight ~0.1) alone.
MIN_EVIDENCE = 0.5
FALLBACK_PRIORITY = 1000


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


@dataclass(frozen=True, slots=True)
class Detection:
    """One adapter's claim on a document: the signals it found and their total weight."""

    adapter: SourceAdapter
    evidence: tuple[Evidence, ...]

    @property
    def score(self) -> float:
        return sum(item.weight for item in self.evidence)


# The adapters last detected with, their signals behind one gate (jointdetect.py).
_joint: JointDetection | None = None


def detect_all(document: Document, adapters: Sequence[SourceAdapter]) -> list[Detection]:
    """Every adapter's claim, in detection order (what `newsnorm explain` shows): each
    adapter's `detect`, the plain ones' asked at once through one gate."""
    global _joint
    joint = _joint
    if joint is None or not joint.serves(adapters):
        joint = _joint = JointDetection(adapters)
    claims = joint.evidence(document)
    return [Detection(adapter, claim) for adapter, claim in zip(adapters, claims, strict=True)]


def select_adapter(document: Document, adapters: Sequence[SourceAdapter]) -> Detection:
    """The best-supported claim at or above MIN_EVIDENCE, else the first fallback adapter.

    Ties go to the adapter earlier in detection order. A fallback (priority >=
    FALLBACK_PRIORITY, like `generic`) is chosen only when nothing else qualifies.
    """
    best = _best(detect_all(document, adapters))
    if best is not None:
        return best
    for adapter in adapters:
        if adapter.priority >= FALLBACK_PRIORITY:
            return Detection(adapter, ())
    raise AdapterError("no adapter claimed the document and no fallback adapter is installed")


def _qualifying(detections: Iterable[Detection]) -> Iterator[Detection]:
    """The claims that may win: a non-fallback adapter's, with evidence >= MIN_EVIDENCE."""
    for detection in detections:
        if not detection.evidence or detection.adapter.priority >= FALLBACK_PRIORITY:
            continue
        if detection.score >= MIN_EVIDENCE:
            yield detection


def _best(detections: Iterable[Detection]) -> Detection | None:
    best: Detection | None = None
    for detection in _qualifying(detections):
        if best is None or detection.score > best.score:
            best = detection
    return best


def tied_claims(detections: Sequence[Detection]) -> tuple[Detection, ...]:
    """The winning claims when two or more qualify with the same, highest evidence (else
    none), in detection order: the first is the one chosen (`select_adapter`'s tie-break),
    which `newsnorm explain` says, so an author sees a tie rather than a silent pick."""
    best = _best(detections)
    if best is None:
        return ()
    tied = tuple(item for item in _qualifying(detections) if item.score == best.score)
    return tied if len(tied) > 1 else ()


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
