"""Made-up event records shaped like the store's, for benchmarks and demo exports.

Deterministic for a seed. The sentences are generated from short templates written
for this project (no text from any corpus), with the date expression inside the
sentence and the offsets of a real record, so highlighting and every export path
are exercised. Place coordinates are approximate public facts.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from timeline.model import EVENT_TYPES

PLACES: tuple[tuple[str, str, float, float, str], ...] = (
    ("Kyiv", "UA", 50.45, 30.52, "city"), ("Kharkiv", "UA", 49.99, 36.23, "city"),
    ("Odesa", "UA", 46.48, 30.73, "city"), ("Zaporizhzhia", "UA", 47.84, 35.14, "city"),
    ("Dnipro", "UA", 48.46, 35.05, "city"), ("Lviv", "UA", 49.84, 24.03, "city"),
    ("Kherson", "UA", 46.64, 32.61, "city"), ("Mykolaiv", "UA", 46.97, 31.99, "city"),
    ("Donetsk Oblast", "UA", 48.0, 37.8, "region"), ("Black Sea", None, 43.4, 34.3, "water"),
    ("Moscow", "RU", 55.76, 37.62, "city"), ("Yelabuga", "RU", 55.76, 52.05, "city"),
    ("Alabuga special economic zone", "RU", 55.80, 52.10, "facility"), ("Kursk", "RU", 51.73, 36.19, "city"),
    ("Belgorod", "RU", 50.60, 36.59, "city"), ("Crimea", "UA", 45.3, 34.4, "region"),
    ("Tehran", "IR", 35.69, 51.39, "city"), ("Isfahan", "IR", 32.65, 51.67, "city"),
    ("Bandar Abbas", "IR", 27.18, 56.27, "city"), ("Caspian Sea", None, 41.5, 50.5, "water"),
    ("Minsk", "BY", 53.90, 27.56, "city"), ("Washington", "US", 38.90, -77.04, "city"),
    ("Brussels", "BE", 50.85, 4.35, "city"), ("Ukraine", "UA", 49.0, 32.0, "country"),
    ("Russia", "RU", 61.5, 105.3, "country"), ("Iran", "IR", 32.4, 53.7, "country"),
)
ACTORS: tuple[tuple[str, str, str | None], ...] = (
    ("Iran", "country", "IR"), ("Russia", "country", "RU"), ("Ukraine", "country", "UA"),
    ("United States", "country", "US"), ("European Union", "organisation", None),
    ("Russian Armed Forces", "military", "RU"), ("Armed Forces of Ukraine", "military", "UA"),
    ("Islamic Revolutionary Guard Corps", "military", "IR"), ("Ukrainian Air Force", "military", "UA"),
    ("US Treasury", "government", "US"), ("Ministry of Defence of Ukraine", "government", "UA"),
    ("Kremlin", "government", "RU"), ("IAEA", "organisation", None), ("Belarus", "country", "BY"),
    ("Wagner Group", "group", "RU"), ("United Kingdom", "country", "GB"), ("NATO", "organisation", None),
)
PUBLISHERS = ("Field Desk", "Evening Ledger", "Open Wire", "Monitor Weekly", "Defence Notes", "The Courier")
_TYPE_WEIGHTS = (14, 30, 8, 4, 2, 34, 8)
_VERBS = {
    "Battles": ("fought for control of", "clashed near", "pushed back a raid on"),
    "Explosions/Remote violence": ("launched drones at", "shelled", "struck fuel depots in"),
    "Violence against civilians": ("hit a residential block in", "detained residents of", "targeted a market in"),
    "Protests": ("marched against the war in", "gathered outside ministries in", "rallied in"),
    "Riots": ("clashed with police in", "set vehicles alight in", "stormed offices in"),
    "Strategic developments": ("agreed new drone deliveries to", "expanded assembly lines at",
                               "announced sanctions over shipments to"),
    "Other": ("reported on conditions in", "published figures about", "commented on events in"),
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def _date_phrase(rng: random.Random, day: date, precision: str) -> tuple[str, date, date, str]:
    """(date text, first day, last day, TIMEX3 value) for a precision."""
    if precision == "day":
        return f"on {day.day} {_MONTHS[day.month - 1]} {day.year}", day, day, day.isoformat()
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        week = monday.isocalendar().week
        return f"in the week of {monday.day} {_MONTHS[monday.month - 1]}", monday, monday + timedelta(days=6), \
            f"{monday.isocalendar().year}-W{week:02d}"
    if precision == "month":
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return f"in {_MONTHS[day.month - 1]} {day.year}", first, last, first.isoformat()[:7]
    if precision == "quarter":
        q = (day.month - 1) // 3
        first = date(day.year, 3 * q + 1, 1)
        last = (date(day.year, 3 * q + 3, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return f"in the {('first', 'second', 'third', 'fourth')[q]} quarter of {day.year}", first, last, \
            f"{day.year}-Q{q + 1}"
    return f"in {day.year}", date(day.year, 1, 1), date(day.year, 12, 31), str(day.year)


def synthetic_events(n: int, *, seed: int = 7, start: date = date(2022, 2, 24), days: int = 1000) -> list[dict[str, Any]]:
    """`n` event records with a realistic mix of precisions, ranges, open ends and gaps."""
    rng = random.Random(seed)
    docs = [(f"doc{k:05d}", rng.choice(PUBLISHERS), start + timedelta(days=rng.randrange(days)))
            for k in range(max(1, n // 12))]
    out = []
    for i in range(n):
        etype = rng.choices(EVENT_TYPES, weights=_TYPE_WEIGHTS)[0]
        day = start + timedelta(days=rng.randrange(days))
        precision = rng.choices(("day", "week", "month", "quarter", "year"), weights=(70, 5, 15, 5, 5))[0]
        date_text, first, last, value = _date_phrase(rng, day, precision)
        actor_rows = rng.sample(ACTORS, rng.choice((1, 1, 2, 2, 3)))
        place_rows = rng.sample(PLACES, rng.choice((0, 1, 1, 1, 2)))
        where = place_rows[0][0] if place_rows else "the region"
        clause = f"{actor_rows[0][0]} {rng.choice(_VERBS[etype])} {where}"
        sentence = (f"Officials said {clause} {date_text}, according to people "
                    f"familiar with the matter{rng.choice(('', ' who asked not to be named', ' and satellite images'))}.")
        date_start, date_end, open_start, open_end = first.isoformat(), last.isoformat(), False, False
        relation = None
        roll = rng.random()
        if roll < 0.04:
            date_end, open_end, relation = None, True, "since"
        elif roll < 0.06:
            date_start, open_start, relation = None, True, "until"
        elif roll < 0.09:
            date_start = date_end = None
            value = "XXXX-" + value[5:7] if len(value) >= 7 else "XXXX"
        mod = "APPROX" if rng.random() < 0.08 else None
        doc_id, publisher, published = rng.choice(docs)
        offset = rng.randrange(0, 4000)
        at = sentence.index(date_text)
        out.append({
            "id": i + 1, "date_start": date_start, "date_end": date_end, "precision": precision,
            "date_text": date_text, "date_value": value, "date_mod": mod,
            "date_relation": relation, "approximate": mod == "APPROX", "open_start": open_start, "open_end": open_end,
            "summary": clause, "sentence": sentence, "event_type": etype, "sub_type": None,
            "actors": [{"name": a, "kind": k, "country": c} for a, k, c in actor_rows],
            "places": [{"name": p, "country": c, "lat": la, "lon": lo, "precision": pr}
                       for p, c, la, lo, pr in place_rows],
            "fatalities": rng.choice((None, None, None, 0, 1, 3)), "confidence": round(rng.uniform(0.4, 0.95), 2),
            "sources": [{"doc_id": doc_id, "title": f"{publisher} report {doc_id[-4:]}",
                         "url": f"https://example.org/{doc_id}", "publisher": publisher,
                         "published": published.isoformat(), "published_source": "given",
                         "start": offset, "end": offset + len(sentence),
                         "timex_start": offset + at, "timex_end": offset + at + len(date_text)}],
        })
    return out
