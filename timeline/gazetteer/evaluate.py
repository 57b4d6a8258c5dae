"""Score the event's place against a dev set of coded descriptions (tests/events/data/places_dev.jsonl).

Each line: {"id", "text", "place", "admin1", "country", "lat", "lon", "level"}. A description is a hit
at D km when any place of any event extracted from it lies within D km of the coded point.

    python -m timeline.gazetteer.evaluate tests/events/data/places_dev.jsonl [--errors]
"""
from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from ..model import Document, Place
from .specific import distance_km

#: Descriptions are dated relative to this day ("on Tuesday").
PUBLISHED = date(2024, 12, 1)
POINT_LEVELS = ("village", "town", "city")


def event_places(text: str) -> list[Place]:
    from ..events.extract import extract

    seen, out = set(), []
    for ev in extract(Document(text, published=PUBLISHED)):
        for p in ev.places:
            if (p.name, p.country, p.lat) not in seen:
                seen.add((p.name, p.country, p.lat))
                out.append(p)
    return out


def evaluate(path: Path) -> dict:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = []
    for r in rows:
        coded = Place(r["place"], r["country"], r["lat"], r["lon"], r["level"])
        places = event_places(r["text"])
        best = min((distance_km(p, coded) for p in places), default=float("inf"))
        results.append({"id": r["id"], "level": r["level"], "km": best, "got": [p.name for p in places]})
    points = [x for x in results if x["level"] in POINT_LEVELS]
    return {
        "descriptions": len(results),
        "point_level": len(points),
        "within_25km_point_level": sum(x["km"] <= 25 for x in points) / max(1, len(points)),
        "within_50km_all": sum(x["km"] <= 50 for x in results) / max(1, len(results)),
        "results": results,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--errors", action="store_true", help="list the descriptions missed at 50 km")
    args = ap.parse_args()
    got = evaluate(args.path)
    print(f"descriptions {got['descriptions']}, at village/town/city level {got['point_level']}")
    print(f"within 25 km (village/town/city level): {got['within_25km_point_level']:.3f}")
    print(f"within 50 km (all): {got['within_50km_all']:.3f}")
    if args.errors:
        for x in got["results"]:
            if x["km"] > 25:
                print(f"  {x['id']}: {x['km']:.0f} km  got {x['got']}")


if __name__ == "__main__":
    main()
