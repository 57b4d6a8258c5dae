"""Score `extract` on the ACLED-style dev set (tests/events/data/acled_style_dev.jsonl).

The set is the project's own writing: short ACLED-style event descriptions built from the codebook's
definitions (facts from real events, our words), each with its publication date and the gold date,
type, sub-type, actor1, actor2, fatalities (0 when none is stated) and place.
Run `python -m tests.events.devset [--holdout] [--errors]` for the figures; tests/events/test_events_devset.py guards them.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timeline.events import extract
from timeline.model import Document, Event

DEV_SET = Path(__file__).resolve().parent / "data" / "acled_style_dev.jsonl"
#: Written after the rules were tuned and never tuned against: how they do on text they have not seen.
HOLDOUT = Path(__file__).resolve().parent / "data" / "acled_style_holdout.jsonl"


def load(path: Path = DEV_SET) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main_event(events: list[Event]) -> Event | None:
    """The description's event: the most confident one, the earliest on a tie."""
    return max(events, key=lambda e: e.confidence, default=None) if events else None


@dataclass
class Scores:
    n: int = 0
    hits: dict[str, int] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, ok: bool, why: str) -> None:
        self.hits[name] = self.hits.get(name, 0) + int(ok)
        if not ok:
            self.errors.setdefault(name, []).append(why)

    def rate(self, name: str) -> float:
        return self.hits.get(name, 0) / self.n if self.n else 0.0


def score(path: Path = DEV_SET) -> Scores:
    s = Scores()
    for row in load(path):
        s.n += 1
        doc = Document(row["text"], published=date.fromisoformat(row["published"]), published_source="given")
        ev = main_event(extract(doc))
        rid = row["id"]
        s.add("event", ev is not None, f"{rid}: no event")
        if ev is None:
            for k in ("date", "type", "sub_type", "actor1", "actor2", "fatalities"):
                s.add(k, False, f"{rid}: no event")
            continue
        got_date = ev.date_start.isoformat() if ev.date_start else None
        s.add("date", got_date == row["date"] and (ev.date_relation == "reported") == (row["date_relation"] == "reported"),
              f"{rid}: date {got_date} {ev.date_relation} != {row['date']} {row['date_relation']}")
        s.add("type", ev.event_type == row["event_type"], f"{rid}: type {ev.event_type} != {row['event_type']} | {row['text'][:90]}")
        s.add("sub_type", ev.sub_type == row["sub_type"], f"{rid}: sub {ev.sub_type} != {row['sub_type']}")
        s.add("actor1", (ev.actor1 or "").lower() == (row["actor1"] or "").lower(),
              f"{rid}: actor1 {ev.actor1!r} != {row['actor1']!r} | {row['text'][:90]}")
        s.add("actor2", (ev.actor2 or "").lower() == (row["actor2"] or "").lower(),
              f"{rid}: actor2 {ev.actor2!r} != {row['actor2']!r}")
        s.add("fatalities", (ev.fatalities or 0) == row["fatalities"],
              f"{rid}: fatalities {ev.fatalities} != {row['fatalities']} | {row['text'][:90]}")
    return s


if __name__ == "__main__":
    result = score(HOLDOUT if "--holdout" in sys.argv else DEV_SET)
    for name in ("event", "date", "type", "sub_type", "actor1", "actor2", "fatalities"):
        print(f"{name:11s} {result.rate(name):.3f}  ({result.hits.get(name, 0)}/{result.n})")
    if "--errors" in sys.argv:
        for name, errs in result.errors.items():
            print(f"\n## {name}")
            print("\n".join(errs))
