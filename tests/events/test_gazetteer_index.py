"""The GeoNames place index, its cache, the curated place tables, and the linear-time mention lookup."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.gazetteer import placeindex, scan
from timeline.gazetteer.lexicon import index
from timeline.gazetteer.placeindex import fold, place_key
from timeline.gazetteer.tables import read_table

scan_module = sys.modules["timeline.gazetteer.scan"]


def test_fold_and_key_make_spellings_meet():
    assert fold("Kup'yans'k") == fold("Kupyansk") == "kupyansk"
    assert fold("Ţūlkarm") == "tulkarm"
    assert place_key("El-Fasher") == place_key("Al Fasher") == place_key("al-Fasher") == "al fasher"
    assert place_key("Ad Dawhah") == "al dawhah"


def test_index_holds_places_down_to_500_people_with_their_fields():
    places = placeindex.load()
    assert len(places) > 200_000
    (hit,) = [h for h in places.lookup("Staromaiorske") if places.country(h.id) == "UA"]
    i = hit.id
    assert places.kind(i) == "village" and 500 <= places.population[i] < 10_000
    assert places.admin1_of(i) == "Donetsk" and places.geonameid[i]
    assert places.lookup("no such place anywhere") == []


def test_index_build_names_divisions_and_gives_them_a_point(tmp_path):
    """A small GeoNames extract (written here): admin1 codes are named by the admin CSV's majority,
    a division's point is the weighted mean of its places, alternate names find their place."""
    import json
    import pickle

    cities = {
        "1": {"geonameid": 1, "name": "Alfa", "latitude": 10.0, "longitude": 20.0, "countrycode": "UA",
              "population": 120000, "admin1code": "05", "alternatenames": ["Alpha", "ALF", "Альфа"]},
        "2": {"geonameid": 2, "name": "Betaville", "latitude": 10.2, "longitude": 20.2, "countrycode": "UA",
              "population": 800, "admin1code": "05", "alternatenames": []},
        "3": {"geonameid": 3, "name": "Gamma", "latitude": -5.0, "longitude": 40.0, "countrycode": "SO",
              "population": 20000, "admin1code": "22", "alternatenames": ["Gamma"]},
    }
    (tmp_path / "cities.json").write_text(json.dumps(cities), encoding="utf-8")
    (tmp_path / "admin.csv").write_text(
        "lat,lon,name,admin1,admin2,cc\r\n10.0,20.0,Alfa,Donetsk,Alfa Raion,UA\r\n"
        "10.2,20.2,Betaville,Donetsk,,UA\r\n-5.0,40.0,Gamma,Sool,,SO\r\n", encoding="utf-8")
    out = tmp_path / "cache" / "places-test.pickle"
    placeindex.build(out, (tmp_path / "cities.json", tmp_path / "admin.csv"))
    assert out.exists() and not list(out.parent.glob(".places-*"))       # written atomically
    got = placeindex.PlaceIndex(pickle.loads(out.read_bytes()))
    (alfa,) = [h for h in got.lookup("Alpha")]
    assert (got.name(alfa.id), alfa.primary, got.kind(alfa.id), got.admin1_of(alfa.id)) == ("Alfa", False, "city", "Donetsk")
    assert got.lookup("ALF") == [] and got.kind(got.lookup("Betaville")[0].id) == "village"
    region = [h.id for h in got.lookup("Donetsk Oblast")]
    assert [got.kind(i) for i in region] == ["region"]
    assert 10.0 < got.lat[region[0]] < 10.2 and got.country(region[0]) == "UA"
    assert [got.kind(h.id) for h in got.lookup("Alfa District")] == ["district"]
    assert [got.name(h.id) for h in got.lookup("Sool region")] == ["Sool"]


def test_the_cache_lives_under_the_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    assert placeindex._cache_path().parent == tmp_path / "places"


def test_every_admin_alias_finds_its_division():
    places = placeindex.load()
    for lineno, (cc, admin1, aliases) in read_table("admin_aliases.tsv", 3):
        for alias in [a for a in aliases.split("|") if a]:
            found = [h.id for h in places.lookup(alias) if places.kind(h.id) == "region" and places.country(h.id) == cc]
            assert any(places.admin1_of(i) == admin1 for i in found), f"admin_aliases.tsv:{lineno} {alias!r}"


def test_every_curated_place_is_found_by_each_of_its_names():
    idx = index()
    for lineno, (name, country, lat, lon, precision, aliases, admin1) in read_table("places.tsv", 7):
        assert precision in ("facility", "village", "town", "city", "district", "region", "water"), lineno
        for alias in [name, *[a for a in aliases.split("|") if a]]:
            entries = [en for en in idx.get(alias) if en.kind == "place"]
            assert entries and entries[0].place.name == name, f"places.tsv:{lineno} {alias!r}"
            assert entries[0].place.admin1 == (admin1 or None)


# -- linear time (issue 13) ----------------------------------------------------------------------

class _Counted(scan_module.Mention):
    """A mention that counts how often its position is read."""

    __slots__ = ()
    reads = 0

    def __getattribute__(self, name):
        if name in ("start", "end"):
            _Counted.reads += 1
        return object.__getattribute__(self, name)


def _reads_for(n: int) -> int:
    from timeline.model import Actor, Place

    m = scan_module.Mentions()
    for k in range(n):
        m.places.append(_Counted(10 * k, 10 * k + 5, "Kyiv", place=Place("Kyiv", "UA", 50.45, 30.52, "city")))
        m.actors.append(_Counted(10 * k, 10 * k + 5, "Iran", actor=Actor("Iran", "country", "IR")))
    _Counted.reads = 0
    for k in range(n):     # one query per event, each over its own sentence
        m.places_in(10 * k, 10 * k + 9)
        m.actors_in(10 * k, 10 * k + 9)
        m.event_places((10 * k, 10 * k + 9), (10 * k, 10 * k + 9))
    return _Counted.reads


def test_mentions_of_a_span_are_found_without_scanning_the_document():
    # the old code read every mention per query (4x the work for 2x the events); an index grows linearly
    small, large = _reads_for(500), _reads_for(1000)
    assert large < 2.5 * small
    assert large < 20 * 1000


# -- robustness ----------------------------------------------------------------------------------

_WORDS = st.sampled_from(["in", "near", "Kyiv", "Donetsk", ",", "(", ")", "Oblast", "region", "east", "of", "50",
                          "km", "from", "Mogadishu-Dharkenley", "Al-Fashir", "Police", "Reading", "Gaza", "Strip",
                          "Sool", "Bay", "-", "\n", ".", "Ukraine", "Russian", "the", "village", "Zhabichevo",
                          "ÉLAN", "\ud7ff", "’s"])


@given(st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=60).map(" ".join)))
@settings(max_examples=150, deadline=None)
def test_any_text_scans_without_error_and_offsets_stay_inside(text):
    m = scan(text)
    for x in [*m.places, *m.actors]:
        assert 0 <= x.start < x.end <= len(text) and text[x.start:x.end] == x.text
    for p in m.event_places((0, len(text)), (0, len(text))):
        assert p.name


@pytest.mark.parametrize("text", ["", "Kyiv", "in Zhabichevo, Donetsk", "(Gaza City, Gaza Strip)"])
def test_short_and_unknown_inputs(text):
    m = scan(text)
    assert all(0 <= x.start <= x.end <= len(text) for x in m.places)


def test_the_cache_is_not_in_the_repository():
    root = Path(__file__).resolve().parents[2]
    assert not list(root.rglob("places-*.pickle"))


def test_a_geonames_town_is_compared_with_its_own_countrys_curated_points_only() -> None:
    """Each GeoNames entry looks for a curated namesake among the points of its country, in table order."""
    from timeline.gazetteer.lexicon import GeoNamesEntries
    from timeline.model import Place

    points = [Place(f"Ru{i}", "RU", 55.0, 37.0 + i / 100, "town") for i in range(500)]
    points[250:250] = [Place("Kyiv", "UA", 50.45, 30.52, "city"), Place("Irpin", "UA", 50.52, 30.25, "town")]
    entries = object.__new__(GeoNamesEntries)  # no place index needed for the points
    entries._points = points
    assert [p.name for p in entries._points_in("UA")] == ["Kyiv", "Irpin"]
    assert len(entries._points_in("RU")) == 500 and entries._points_in("RU")[0].name == "Ru0"
    assert entries._points_in("FR") == []


@given(st.text(alphabet="aB’'s -.,\n1İßZ", max_size=80), st.integers(0, 10), st.integers(0, 90))
@settings(max_examples=400, deadline=None)
def test_tokenise_a_column_at_a_time_equals_the_word_at_a_time_definition(text, start, length):
    from timeline.gazetteer.tokens import tokenise, tokens_reference

    assert tokenise(text) == tokens_reference(text)
    end = min(len(text), start + length)
    assert tokenise(text, start, end) == tokens_reference(text, start, end)


def test_a_new_index_keeps_the_two_most_recently_used_others(tmp_path) -> None:
    """Another environment's index (a venv beside the system Python) survives a build; old ones go."""
    import os

    from timeline.gazetteer.placeindex import evict_others

    paths = [tmp_path / f"places-{i}.pickle" for i in range(5)]
    for i, p in enumerate(paths):
        p.write_bytes(b"x")
        os.utime(p, (1000 + i, 1000 + i))
    evict_others(paths[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["places-0.pickle", "places-3.pickle", "places-4.pickle"]
