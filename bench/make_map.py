"""Turn the regency boundaries into the committed SVG path data of the producers' map.

Run once when the boundaries change (needs shapely, which the build does not):

    pip install shapely==2.2.0 && python bench/make_map.py ../shared/data/kalsel-kabupaten.geojson

Writes catalogue/regions/kalimantan-selatan.map.json (or the file given second): a viewBox and, per Kemendagri code, one SVG path
(integer relative commands) and a label point. Steps: islets below MIN_ISLET_KM2 are dropped
(the tiny islands south-east of Kotabaru stretch the box and cannot be seen at 600 px);
shapely's coverage_simplify simplifies the 13 areas together, so shared borders stay matched;
the points are projected equirectangularly with a cos(latitude) correction into a WIDTH-px
viewBox. The source's MIT notice travels with the data (catalogue/regions/LICENSE-boundaries.txt).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

WIDTH = 600
TOLERANCE = 0.004  # degrees (~440 m): borders stay recognisable at 600 px
MIN_ISLET_KM2 = 50  # drops the 26 km² islet 50 km south of Kotabaru that doubles the height
OUT = Path(__file__).resolve().parents[1] / "catalogue" / "regions" / "kalimantan-selatan.map.json"
SOURCE = ("cahyadsn/wilayah_boundaries db/kab/wilayah_boundaries_kab_{code}.sql (commit 3c5a796, 2026-08-20), "
          "MIT licence, Copyright (c) 2024 Cahya DSN")


def km2(polygon: Polygon, lat: float) -> float:
    return polygon.area * 111.32 * 111.32 * math.cos(math.radians(lat))


def main(geojson: Path, out: Path = OUT) -> None:
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    features.sort(key=lambda f: f["properties"]["kode"])
    geoms = []
    for f in features:
        geom = shape(f["geometry"])
        parts = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
        lat = f["properties"]["label_lat"]
        # Holes are dropped (the source's only one, in Kotabaru, is a degenerate triangle) and
        # so are rings that are not polygons.
        parts = [Polygon(p.exterior) for p in parts if len(set(p.exterior.coords)) >= 3]
        kept = [p for p in parts if km2(p, lat) >= MIN_ISLET_KM2] or [max(parts, key=lambda p: p.area)]
        geoms.append(MultiPolygon(kept))
    simplified = shapely.coverage_simplify(geoms, TOLERANCE)
    minx, miny, maxx, maxy = shapely.total_bounds(simplified)
    mid_lat = math.radians((miny + maxy) / 2)
    scale = WIDTH / ((maxx - minx) * math.cos(mid_lat))
    height = math.ceil((maxy - miny) * scale)

    minx, maxy, scale = round(minx, 6), round(maxy, 6), round(scale, 6)
    mid_lat = math.radians(round(math.degrees(mid_lat), 6))  # as stored, so points land where paths do

    def xy(lon: float, lat: float) -> tuple[int, int]:
        return round((lon - minx) * math.cos(mid_lat) * scale), round((maxy - lat) * scale)

    regencies = {}
    for f, geom in zip(features, simplified):
        commands = []
        for polygon in (geom.geoms if isinstance(geom, MultiPolygon) else [geom]):
            points = [xy(*p) for p in polygon.exterior.coords[:-1]]
            points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
            if len(points) < 3:
                continue
            start = points[0]
            steps = [f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in zip(points, points[1:])]
            commands.append(f"M{start[0]} {start[1]}l" + " ".join(steps) + "z")
        props = f["properties"]
        regencies[props["kode"]] = {"path": "".join(commands), "label": xy(props["label_lon"], props["label_lat"])}
    projection = {"min_lon": round(minx, 6), "max_lat": round(maxy, 6), "mid_lat": round(math.degrees(mid_lat), 6),
                  "scale": round(scale, 6)}  # for points (a pesantren's location): catalogue.network.regency_map
    data = {"source": SOURCE.format(code=features[0]["properties"]["kode"][:2]), "viewBox": [0, 0, WIDTH, height], "projection": projection, "regencies": regencies}
    out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    size = sum(len(r["path"]) for r in regencies.values())
    print(f"wrote {out} ({size / 1024:.1f} KB of path data, {WIDTH}×{height})")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/kalsel-kabupaten.geojson"),
         Path(sys.argv[2]) if len(sys.argv) > 2 else OUT)
