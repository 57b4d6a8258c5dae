"""Regression guards: the place dev set's distances, and no invented place in the sample corpus or the seed article."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from timeline.events.extract import extract
from timeline.gazetteer import scan
from timeline.gazetteer.evaluate import evaluate
from timeline.ingest import read_paths
from timeline.model import Document

DEV = Path(__file__).parent / "data" / "places_dev.jsonl"
SAMPLES = Path(__file__).resolve().parents[2] / "timeline" / "samples" / "articles"

#: Every place mention the sample corpus and the seed article hold (the surface as written). A new
#: entry here must be a place the text names; a word read as a place fails this test.
PLACES_IN_THE_TEXTS = {
    "Alabuga", "Alabuga Special Economic Zone", "Alabuga special economic zone", "America", "Amirabad",
    "Caspian Sea", "China", "Crimea", "Dnipro", "Dnipro river", "Donetsk", "Iran", "KYIV", "Kakhovka Dam",
    "Kakhovka dam", "Kharkiv", "Kharkiv region", "Kherson", "Kherson region", "Kupiansk", "Kyiv", "Lviv",
    "Makhachkala", "Moscow", "Nova Kakhovka", "Odesa", "Russia", "Russian city", "Russian shores",
    "Russian territory", "Tatarstan", "Ukraine", "Ukrainian cities", "Ukrainian infrastructure", "Zaporizhzhia",
    "Zaporizhzhia nuclear power plant",
}


def test_dev_set_is_large_and_covers_the_regions_asked_for():
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 100
    countries = {r["country"] for r in rows}
    assert {"UA", "RU", "PS", "SO", "ML", "BF", "NE", "AF", "PK"} <= countries
    assert all({"text", "place", "admin1", "country", "lat", "lon", "level"} <= r.keys() for r in rows)
    assert sum(r["id"].startswith("cw") for r in rows) >= 8      # places with common-word names


def test_dev_set_places_are_near_the_coded_points():
    got = evaluate(DEV)
    # targets of issue 9: 0.80 and 0.85; measured 0.958 and 0.968 when this guard was written
    assert got["within_25km_point_level"] >= 0.93
    assert got["within_50km_all"] >= 0.94


def _documents() -> list[Document]:
    return [d for d in read_paths(sorted(SAMPLES.iterdir())) if isinstance(d, Document)]


def test_sample_corpus_and_seed_article_gain_no_invented_place(seed_article):
    docs = _documents()
    seed = Document(seed_article.read_text(encoding="utf-8"), published=date(2023, 6, 13))
    found = {m.text for d in [*docs, seed] for m in scan(d.text).places}
    assert found <= PLACES_IN_THE_TEXTS, found - PLACES_IN_THE_TEXTS


def test_moscow_is_a_reference_point_not_the_alabuga_events_place(seed_article):
    seed = Document(seed_article.read_text(encoding="utf-8"), published=date(2023, 6, 13))
    sample = next(d for d in _documents() if "Alabuga" in d.text)
    for doc in (seed, sample):
        events = extract(doc)
        # "the Alabuga ... zone, several hundred miles east of Moscow": Moscow only measures the distance
        assert any(p.name == "Alabuga Special Economic Zone" for e in events for p in e.places)
        assert not any(p.name == "Moscow" for e in events for p in e.places)
    names = {p.name for e in extract(seed) for p in e.places}
    assert {"Alabuga Special Economic Zone", "Makhachkala", "Caspian Sea", "Amirabad Port"} <= names


def test_event_records_keep_precision_and_admin1_through_the_store(tmp_path):
    from timeline.store import Store

    doc = Document("Russian artillery shelled Robotyne in Zaporizhzhia Oblast on Tuesday, 5 September 2023.",
                   published=date(2023, 9, 6))
    with Store(f"sqlite:///{tmp_path / 't.db'}") as st:
        st.add(doc, extract(doc))
        (rec,) = st.events()
    assert [(p["name"], p["precision"], p["admin1"], p["country"]) for p in rec["places"]] == [
        ("Robotyne", "village", "Zaporizhia", "UA")]
