"""conflict-timeline: find dated events in reports about a conflict.

Public entry points are imported lazily so that `import timeline` stays cheap.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["tag", "load_events", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "tag":
        from timeline.temporal import tag

        return tag
    if name == "load_events":
        from timeline.store import load_events

        return load_events
    raise AttributeError(name)
