"""Hand-built event records covering every date shape the exports must show honestly.

The text is written for these tests (no corpus text). `edge_events` are records as
`Store.events` returns them; `stored_db` puts two short documents through a real
SQLite Store so the command can be tested end to end.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from export_samples import HOSTILE_IMG, HOSTILE_SCRIPT


def _source(sentence_at: int, sentence: str, date_text: str, **extra: Any) -> dict[str, Any]:
    at = sentence.find(date_text)
    src = {"doc_id": "d1", "title": "Drone plant expands", "url": "https://example.org/a", "publisher": "Field Desk",
           "published": "2023-06-13", "published_source": "given", "start": sentence_at,
           "end": sentence_at + len(sentence), "timex_start": sentence_at + at, "timex_end": sentence_at + at + len(date_text)}
    src.update(extra)
    return src


def record(i: int, sentence: str, date_text: str, start: str | None, end: str | None, precision: str | None,
           **extra: Any) -> dict[str, Any]:
    rec = {
        "id": i, "date_start": start, "date_end": end, "precision": precision, "date_text": date_text,
        "date_value": start[:7] if precision == "month" and start else (start or "XXXX"), "date_mod": None,
        "date_relation": None, "approximate": False, "open_start": False, "open_end": False,
        "summary": sentence, "sentence": sentence, "event_type": "Strategic developments", "sub_type": None,
        "actors": [{"name": "Iran", "kind": "country", "country": "IR"}],
        "places": [{"name": "Yelabuga", "country": "RU", "lat": 55.76, "lon": 52.05, "precision": "city"}],
        "fatalities": None, "confidence": 0.8,
        "sources": [_source(100 * i, sentence, date_text)],
    }
    rec.update(extra)
    return rec


@pytest.fixture
def edge_events() -> list[dict[str, Any]]:
    return [
        record(1, "Engineers finished the first hall on 9 June 2023, a plant manager said.", "9 June 2023",
               "2023-06-09", "2023-06-09", "day", summary="Engineers finished the first hall"),
        record(2, "Shipments of airframes grew in March 2023 across the Caspian route.", "March 2023",
               "2023-03-01", "2023-03-31", "month", event_type="Explosions/Remote violence",
               actors=[{"name": "Russia", "kind": "country", "country": "RU"},
                       {"name": "Iran", "kind": "country", "country": "IR"}],
               places=[{"name": "Caspian Sea", "country": None, "lat": 41.5, "lon": 50.5, "precision": "water"},
                       {"name": "Tehran", "country": "IR", "lat": 35.69, "lon": 51.39, "precision": "city"}]),
        record(3, "Output has risen since August 2022 according to the ministry.", "since August 2022",
               "2022-08-01", None, "month", open_end=True, date_relation="since", event_type="Battles",
               fatalities=4),
        record(4, "Work paused in 2021 for roughly a season.", "in 2021", "2021-01-01", "2021-12-31", "year",
               approximate=True, date_mod="APPROX", places=[]),
        record(5, "In October the crews moved north.", "In October", None, None, "month",
               date_value="XXXX-10", places=[{"name": "Nowhere", "country": None, "lat": None, "lon": None,
                                              "precision": "region"}]),
        record(6, f"The leaflet read {HOSTILE_SCRIPT} and {HOSTILE_IMG} on 2 May 2023.", "2 May 2023",
               "2023-05-02", "2023-05-02", "day", summary=f"=HYPERLINK(\"x\") {HOSTILE_IMG}",
               event_type="Protests", sub_type=HOSTILE_SCRIPT,
               actors=[{"name": HOSTILE_IMG, "kind": "group", "country": None}],
               sources=[_source(600, f"The leaflet read {HOSTILE_SCRIPT} and {HOSTILE_IMG} on 2 May 2023.",
                                "2 May 2023", title=HOSTILE_SCRIPT, url="javascript:window.__xss=3",
                                publisher="<!-- Gazette")]),
        record(7, "Crews 🚀 left the yard between April and June 2023.", "between April and June 2023",
               "2023-04-01", "2023-06-30", "quarter", event_type="Other",
               places=[{"name": "Kyiv", "country": "UA", "lat": 50.45, "lon": 30.52, "precision": "city"}]),
    ]


@pytest.fixture
def stored_db(tmp_path: Path) -> str:
    """A SQLite store holding two hand-written documents and three events."""
    from timeline.model import Actor, Document, Event, Place
    from timeline.store import Store

    url = f"sqlite:///{tmp_path / 'export.db'}"
    text1 = "Engineers finished the first hall on 9 June 2023. Fighting flared near Kharkiv in May 2023."
    text2 = "Protesters gathered in Tehran on 3 March 2023."
    doc1 = Document(text=text1, title="Plant report", url="https://example.org/p", publisher="Field Desk",
                    published=date(2023, 6, 13), published_source="given")
    doc2 = Document(text=text2, title="Square report", url="https://example.org/s", publisher="Open Wire",
                    published=date(2023, 3, 4), published_source="given")

    def event(text: str, sentence: str, date_text: str, first: date, last: date, precision: str, etype: str,
              actors: list[Actor], places: list[Place], doc: Document) -> Event:
        s = text.index(sentence)
        t = text.index(date_text)
        return Event(date_start=first, date_end=last, precision=precision, date_text=date_text,
                     date_value=first.isoformat() if precision == "day" else first.isoformat()[:7],
                     summary=sentence.rstrip("."), sentence=sentence, sentence_start=s,
                     sentence_end=s + len(sentence), timex_start=t, timex_end=t + len(date_text),
                     event_type=etype, actors=actors, places=places, doc_id=doc.id, confidence=0.7)

    ru = Actor("Russia", "country", "RU")
    with Store(url) as store:
        store.add(doc1, [
            event(text1, "Engineers finished the first hall on 9 June 2023.", "9 June 2023", date(2023, 6, 9),
                  date(2023, 6, 9), "day", "Strategic developments", [ru],
                  [Place("Yelabuga", "RU", 55.76, 52.05, "city")], doc1),
            event(text1, "Fighting flared near Kharkiv in May 2023.", "May 2023", date(2023, 5, 1),
                  date(2023, 5, 31), "month", "Battles", [ru, Actor("Ukraine", "country", "UA")],
                  [Place("Kharkiv", "UA", 49.99, 36.23, "city")], doc1),
        ])
        store.add(doc2, [
            event(text2, "Protesters gathered in Tehran on 3 March 2023.", "3 March 2023", date(2023, 3, 3),
                  date(2023, 3, 3), "day", "Protests", [Actor("Iran", "country", "IR")],
                  [Place("Tehran", "IR", 35.69, 51.39, "city")], doc2),
        ])
    return url
