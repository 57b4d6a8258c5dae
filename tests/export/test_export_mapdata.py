"""The offline world shapes: intact, in plotly's format, served by the app's Flask route."""
from __future__ import annotations

import json

import pytest
from flask import Flask

from timeline import mapdata


def test_cached_files_match_their_pinned_checksums():
    assert mapdata.verify() == []


def test_default_world_topology_has_the_layers_plotly_draws():
    topo = mapdata.load_topojson()
    assert topo["type"] == "Topology"
    assert {"land", "coastlines", "countries", "ocean", "lakes"} <= set(topo["objects"])
    ids = {g.get("id") for g in topo["objects"]["countries"]["geometries"]}
    assert {"UKR", "RUS", "IRN"} <= ids            # ISO-3 ids, as choropleth locations use


def test_names_follow_plotlys_scope_resolution_scheme():
    names = mapdata.topojson_names()
    assert "world_110m" in names and "world_50m" in names and "europe_50m" in names
    assert all(n.endswith(("_110m", "_50m")) for n in names)


@pytest.mark.parametrize("name", ["../SOURCE", "world_110m.json", "mars_110m", ""])
def test_unknown_or_unsafe_names_are_refused_with_the_reason(name):
    with pytest.raises(mapdata.MapDataError, match="topojson"):
        mapdata.topojson_path(name)


def test_plotly_config_points_at_the_route():
    assert mapdata.plotly_config() == {"topojsonURL": mapdata.TOPOJSON_ROUTE}
    cfg = mapdata.plotly_config("/prefix/topo", displaylogo=False)
    assert cfg == {"topojsonURL": "/prefix/topo/", "displaylogo": False}


def test_flask_route_serves_shipped_files_and_nothing_else():
    app = Flask(__name__)
    prefix = mapdata.register_topojson_route(app)
    client = app.test_client()
    ok = client.get(f"{prefix}world_110m.json")
    assert ok.status_code == 200 and ok.mimetype == "application/json"
    assert json.loads(ok.data)["objects"]["land"]
    assert client.get(f"{prefix}mars_110m.json").status_code == 404
    assert client.get(f"{prefix}..%2FSOURCE.json").status_code == 404
    assert client.get(f"{prefix}__init__.py").status_code == 404


def test_geo_assets_holds_parsed_topologies_by_name():
    assets = mapdata.geo_assets(("world_110m", "europe_50m"))
    assert set(assets["topojson"]) == {"world_110m", "europe_50m"}


def test_missing_shapes_give_a_reason_naming_the_folder_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_MAPDATA_DIR", str(tmp_path / "empty"))
    mapdata.topojson_text.cache_clear()
    try:
        assert mapdata.topojson_names() == []
        reason = mapdata.ensure(fetch_missing=False)
        assert reason and "timeline mapdata fetch" in reason and "empty" in reason
        with pytest.raises(mapdata.MapDataError, match="timeline mapdata fetch"):
            mapdata.topojson_path("world_110m")
        from timeline.export import export_html

        page = export_html([], title="t")
        assert 'id="timeline-topojson">null</script>' in page
    finally:
        mapdata.topojson_text.cache_clear()


def test_fetch_takes_the_pinned_package_from_the_npm_registry(tmp_path):
    import os
    import shutil

    if shutil.which("npm") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("npm missing in CI: scripts/test.sh installs it")
        pytest.skip("npm is not installed")
    copied = mapdata.fetch(tmp_path)
    names = {p.name for p in copied}
    assert "world_110m.json" in names and "europe_50m.json" in names
    assert (tmp_path / "LICENSE").is_file()
    assert not list(tmp_path.glob("*.part"))
