"""The HTML report's look: its style sheet and the colour each kind of cut gets."""

from __future__ import annotations

from collections.abc import Iterable

# Light backgrounds that dark text reads on: sixteen hues around the colour wheel, each
# next one seven steps on, so kinds side by side in the legend never look alike. A report
# with more kinds than colours reuses them in order (the legend still names every kind).
PALETTE = (
    "#f7a1a1", "#bdfae3", "#f7a1e2", "#c5fabd", "#cca1f7", "#f2fabd", "#a1b6f7", "#fad4bd",
    "#a1f7f7", "#fabdd4", "#a1f7b6", "#f2bdfa", "#ccf7a1", "#c5bdfa", "#f7e2a1", "#bde3fa",
)  # fmt: skip


def kind_colours(kinds: Iterable[str]) -> dict[str, int]:
    """Each kind present, in name order, with the index of its colour in PALETTE."""
    return {kind: index % len(PALETTE) for index, kind in enumerate(sorted(set(kinds)))}


_KINDS = "".join(f".k{index}{{background-color:{colour}}}" for index, colour in enumerate(PALETTE))

STYLE = (
    """
*{box-sizing:border-box}
html{font-family:system-ui,sans-serif;font-size:15px;color:#1d1d1f;background:#fff}
body{margin:0;padding:16px 20px;max-width:100%;overflow-wrap:anywhere}
h1{font-size:1.3rem;margin:0 0 6px}
h2{font-size:1.05rem;margin:0 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:.95rem;margin:14px 0 6px}
code{font-family:ui-monospace,monospace;font-size:.9em}
.source .label{color:#666}
.read-as{color:#666;margin-left:6px}
.note{background:#fff4e5;border-left:4px solid #f0a020;padding:6px 10px;margin:6px 0}
.note.rejected{background:#fde8e8;border-left-color:#d33}
.legend{margin:10px 0 14px}
.legend ul{list-style:none;padding:0;margin:6px 0 0;display:flex;flex-wrap:wrap;gap:6px 16px}
.legend li{display:flex;align-items:center;gap:6px}
.swatch{display:inline-block;width:1.6em;height:1.1em;border:1px solid #888}
.count{color:#555;font-size:.9em}
.panes{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:20px}
@media (max-width:900px){.panes{grid-template-columns:minmax(0,1fr)}}
.pane{min-width:0}
pre.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;padding:10px;
  font-family:ui-monospace,monospace;font-size:.85rem;line-height:1.5;background:#fafafa;
  border:1px solid #e3e3e3}
.cut{border-radius:2px}
.cut:hover{outline:2px solid #333}
.cut.removed{text-decoration:line-through;text-decoration-thickness:2px;
  text-decoration-color:#b00020}
.cut.moved{text-decoration:underline;text-decoration-style:double;text-decoration-color:#1f4fd1}
.sample{padding:0 3px;background:#eee}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:4px 0}
th,td{border:1px solid #e3e3e3;padding:3px 6px;text-align:left;vertical-align:top;
  overflow-wrap:anywhere}
table.fields th{width:11em;font-weight:600;color:#444}
col.offsets{width:6.5em}
col.narrow{width:9em}
ul.values{margin:0;padding-left:1.2em}
.body p{margin:0 0 .7em;line-height:1.45}
"""
    + _KINDS
)
