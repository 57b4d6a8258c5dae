"""The map figure: one point per located place, carrying its event ids."""
from __future__ import annotations

from timeline.app import figures


def ev(i: int, places: list[dict], event_type: str = "Battles") -> dict:
    return {"id": i, "event_type": event_type, "places": places}


KYIV = {"name": "Kyiv", "lat": 50.45, "lon": 30.52}
NOWHERE = {"name": "Somewhere", "lat": None, "lon": None}


def test_points_group_events_by_place_and_skip_unlocated() -> None:
    points = figures.place_points([ev(1, [KYIV]), ev(2, [KYIV, NOWHERE]), ev(3, [NOWHERE])])
    assert len(points) == 1 and points[0]["ids"] == [1, 2]
    fig = figures.map_figure(points, n_events=3)
    assert fig.data[0].type == "scattergeo"
    assert [list(c) for c in fig.data[0].customdata] == [[1, 2]]
    assert fig.layout.meta["events"] == 2 and fig.layout.meta["unlocated"] == 1


def test_place_names_are_escaped_in_hover() -> None:
    points = figures.place_points([ev(1, [{"name": "<script>x</script>", "lat": 1.0, "lon": 2.0}])])
    hover = figures.map_figure(points).data[0].hovertext[0]
    assert "<script>" not in hover and "&lt;script&gt;" in hover


def test_map_draws_land_from_local_shapes_settings() -> None:
    fig = figures.map_figure([])
    assert fig.layout.geo.showland and fig.layout.geo.resolution == 110
    assert not fig.data


def test_aggregated_points_use_counts_for_size() -> None:
    small = figures.map_figure([{"name": "A", "lat": 1.0, "lon": 1.0, "ids": [], "count": 1}])
    big = figures.map_figure([{"name": "A", "lat": 1.0, "lon": 1.0, "ids": [], "count": 400}])
    assert big.data[0].marker.size[0] > small.data[0].marker.size[0]
    assert "400 event(s)" in big.data[0].hovertext[0]


def test_a_country_is_shaded_a_region_is_a_ring_and_busy_towns_are_named() -> None:
    russia = {"name": "Russia", "lat": 61.5, "lon": 105.3}
    kherson = {"name": "Kherson region", "lat": 46.6, "lon": 33.5}
    kharkiv = {"name": "Kharkiv", "lat": 49.99, "lon": 36.23}
    fig = figures.map_figure(figures.place_points([ev(1, [russia, KYIV]), ev(2, [kherson, KYIV]), ev(3, [kharkiv])]))
    (shade,) = [t for t in fig.data if t.type == "choropleth"]
    assert shade.locations == ("RUS",) and "whole country" in shade.hovertext[0]
    (dots,) = [t for t in fig.data if t.type == "scattergeo"]
    by_name = {h.split(":")[0].split(" (")[0]: i for i, h in enumerate(dots.hovertext)}
    assert "Russia" not in by_name                      # never a precise-looking dot in Siberia
    ring = by_name["Kherson region"]
    assert dots.marker.symbol[ring] == "circle-open" and "location approximate" in dots.hovertext[ring]
    assert dots.text[by_name["Kyiv"]] == "Kyiv" and dots.text[ring] == ""   # the busiest town is named
