"""The gazetteer index: where it lives, building it on first use, and name look-ups.

The index is a SQLite file built from registry packages by :func:`tocsin.geo.build.build`
(``tocsin gazetteer build``), kept in ``$TOCSIN_CACHE`` or ``~/.cache/tocsin/`` (never in git).
Opening it is instant; look-ups hit an index on the name key; only countries, first-level
divisions and demonyms (a few thousand rows) are held in memory.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from tocsin.errors import DataError
from tocsin.geo import build as _build
from tocsin.geo.names import lookup_key



@dataclass(frozen=True, slots=True)
class GeoPlace:
    id: int
    name: str
    feature: str  # country, admin1, admin2, city, region
    cc: Optional[str]
    admin1: Optional[str]  # GeoNames admin1 code within cc
    admin2: Optional[int]  # GeoNames id of the second-level division
    pop: int
    lat: Optional[float]
    lon: Optional[float]
    capital: int = 0  # 1 for a national capital


@dataclass(frozen=True, slots=True)
class Candidate:
    place: GeoPlace
    kind: int  # 0 own name, 1 alias, 2 alternate name


def cache_dir() -> Path:
    env = os.environ.get("TOCSIN_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tocsin"


def index_path() -> Path:
    """The index for this version of tocsin's data (``gazetteer-<fingerprint>.sqlite``)."""
    return cache_dir() / f"gazetteer-{_build.fingerprint()}.sqlite"


class Gazetteer:
    """Read-only access to one built index. Thread-safe (one connection per thread)."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        con = self._con()
        try:
            rows = con.execute(
                "SELECT * FROM places WHERE feature IN ('country', 'admin1', 'region')").fetchall()
        except sqlite3.DatabaseError as exc:
            raise DataError(f"{path}: not a tocsin gazetteer ({exc}); rebuild with `tocsin gazetteer build`") from None
        self.countries: dict[str, GeoPlace] = {}
        self.admin1: dict[tuple[str, str], GeoPlace] = {}
        self._by_id: dict[int, GeoPlace] = {}
        for r in rows:
            p = GeoPlace(*r)
            self._by_id[p.id] = p
            if p.feature == "country":
                self.countries[p.cc] = p
            elif p.feature == "admin1" and p.cc and p.admin1:
                self.admin1[(p.cc, p.admin1)] = p
        self.demonyms: dict[str, int] = dict(con.execute("SELECT key, id FROM demonyms"))
        self._lookup = lru_cache(maxsize=50_000)(self._lookup_uncached)

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def get(self, gid: int) -> Optional[GeoPlace]:
        p = self._by_id.get(gid)
        if p is None:
            r = self._con().execute("SELECT * FROM places WHERE id=?", (gid,)).fetchone()
            p = GeoPlace(*r) if r else None
        return p

    def _lookup_uncached(self, key: str) -> tuple[Candidate, ...]:
        rows = self._con().execute(
            "SELECT p.*, n.kind FROM names n JOIN places p ON p.id = n.id WHERE n.key = ?", (key,)
        ).fetchall()
        return tuple(Candidate(GeoPlace(*r[:10]), r[10]) for r in rows)

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every place one of whose names has the same key as ``name``."""
        key = lookup_key(name)
        return self._lookup(key) if key else ()

    def has_key(self, key: str) -> bool:
        return bool(self._lookup(key))

    def demonym(self, word: str) -> Optional[GeoPlace]:
        """The country an adjective of nationality names ("Iraqi" -> Iraq), or None."""
        key = lookup_key(word)
        gid = self.demonyms.get(key)
        if gid is None and key.endswith("s"):
            gid = self.demonyms.get(key[:-1])  # "Iraqis"
        return self.get(gid) if gid else None

    def admin1_of(self, p: GeoPlace) -> Optional[GeoPlace]:
        if p.feature in ("country", "region") or not p.cc or not p.admin1:
            return None
        return self.admin1.get((p.cc, p.admin1))


_lock = threading.Lock()
_instance: Optional[Gazetteer] = None


def ensure_built(path: Optional[Path] = None, force: bool = False) -> Path:
    """Build the index at ``path`` (default :func:`index_path`) unless it already exists."""
    default = path is None
    path = path or index_path()
    if force or not path.exists():
        try:
            _build.build(path)
        except OSError as exc:
            raise DataError(f"{path}: cannot write the gazetteer index ({exc.strerror or exc})") from None
        if default:  # indexes built from older data are dead weight
            for old in path.parent.glob("gazetteer-*.sqlite"):
                if old != path:
                    old.unlink(missing_ok=True)
    return path


def load() -> Gazetteer:
    """The process-wide gazetteer, built on first use if missing."""
    global _instance
    with _lock:
        if _instance is None:
            _instance = Gazetteer(ensure_built())
        return _instance
