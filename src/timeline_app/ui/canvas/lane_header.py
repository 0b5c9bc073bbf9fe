"""What a lane's header says, and how far in: a branch of nested categories reads as a tree."""

from __future__ import annotations

from timeline_app.model.view.lanes import Lane

LANE_INDENT = 12.0  # pixels a lane's header moves right for each category above it


def lane_header(lane: Lane) -> tuple[str, float]:
    """A lane's header text and how far it is indented: "▾ " over an open branch, "▸ " on a folded or
    collapsed lane."""
    marker = "▸ " if lane.collapsed or lane.folded else "▾ " if lane.branch else ""
    return marker + lane.label, lane.depth * LANE_INDENT
