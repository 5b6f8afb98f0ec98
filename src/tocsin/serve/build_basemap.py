"""Build the dashboard's basemap, ``static/world.json``, from the npm package ``world-atlas``
(Natural Earth country borders as TopoJSON, ISC licence; Natural Earth is public domain).

Run once by a maintainer when the basemap should change (the result is committed, so users and
the dashboard need neither npm nor a network)::

    python -m tocsin.serve.build_basemap            # world-atlas@2.0.2, 1:50m
    python -m tocsin.serve.build_basemap --scale 110m

It fetches the package with ``npm pack`` (the npm registry's ordinary client), decodes the
TopoJSON arcs and writes one SVG path per country in an equirectangular frame (x = longitude,
y = -latitude), so the browser draws it without any mapping library.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
OUT = Path(__file__).resolve().parent / "static" / "world.json"


def fetch_topology(scale: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["npm", "pack", PACKAGE, "--silent", "--pack-destination", tmp],
                             check=True, capture_output=True, text=True)
        tgz = Path(tmp) / out.stdout.strip().splitlines()[-1]
        with tarfile.open(tgz) as tar:
            member = tar.extractfile(f"package/countries-{scale}.json")
            if member is None:
                raise SystemExit(f"{PACKAGE} has no countries-{scale}.json")
            return json.load(member)


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (quantized, delta-encoded in the file)."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy, *_ in arc:
            if tr:
                x += dx
                y += dy
                pts.append((x * tr["scale"][0] + tr["translate"][0], y * tr["scale"][1] + tr["translate"][1]))
            else:
                pts.append((dx, dy))
        arcs.append(pts)
    return arcs


def ring(indices: list[int], arcs) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indices:
        seg = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(seg if not pts else seg[1:])
    return pts


def path(polygons: list[list[list[int]]], arcs, digits: int) -> str:
    parts = []
    for polygon in polygons:
        for r in polygon:
            last = None
            cmds = []
            for lon, lat in ring(r, arcs):
                p = (round(lon, digits), round(-lat, digits))
                if p != last:
                    cmds.append(f"{p[0]:g},{p[1]:g}")
                    last = p
            if len(cmds) >= 3:
                parts.append("M" + "L".join(cmds) + "Z")
    return "".join(parts)


def build(scale: str = "50m", digits: int = 2) -> dict:
    topo = fetch_topology(scale)
    arcs = decode_arcs(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("type") == "Polygon":
            polys = [g["arcs"]]
        elif g.get("type") == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        d = path(polys, arcs, digits)
        if d:
            countries.append({"id": g.get("id"), "name": (g.get("properties") or {}).get("name"), "d": d})
    return {
        "source": f"{PACKAGE} countries-{scale} (Natural Earth); ISC licence, data public domain",
        "projection": "equirectangular: x = longitude, y = -latitude",
        "countries": countries,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", default="50m", choices=["110m", "50m", "10m"])
    ap.add_argument("--digits", type=int, default=2, help="decimals kept in coordinates")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args()
    data = build(args.scale, args.digits)
    args.output.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    print(f"{args.output}: {len(data['countries'])} countries, {args.output.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
