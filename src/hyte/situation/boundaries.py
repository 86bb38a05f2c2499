"""Municipality boundaries of 2021 (`data/finland-municipalities-wellbeing-counties-2021.topo.json`: TopoJSON,
WGS84 longitude and latitude, quantised to about 70 metres and simplified for drawing, so a boundary may be off
by up to a kilometre or so), decoded once per process: for the maps (`charts.choropleth`) and for asking which
municipality a point is in (the register's map points)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TOPOJSON = Path(__file__).resolve().parent / "data" / "finland-municipalities-wellbeing-counties-2021.topo.json"
KM_PER_DEGREE = 111.32  # of latitude, and of longitude at the equator

Ring = list[tuple[float, float]]  # (longitude, latitude), closed


@dataclass(frozen=True)
class Shape:
    rings: list[Ring]  # outer rings and holes alike: a point is inside when it is inside an odd number of them
    west: float
    south: float
    east: float
    north: float

    def contains(self, lon: float, lat: float) -> bool:
        if not (self.west <= lon <= self.east and self.south <= lat <= self.north):
            return False
        inside = False
        for ring in self.rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                    inside = not inside
        return inside

    def distance_km(self, lon: float, lat: float) -> float:
        """From the point to the nearest boundary (0 inside), in kilometres on a local flat projection."""
        if self.contains(lon, lat):
            return 0.0
        scale_x = KM_PER_DEGREE * math.cos(math.radians(lat))
        best = math.inf
        for ring in self.rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                ax, ay = (x1 - lon) * scale_x, (y1 - lat) * KM_PER_DEGREE
                dx, dy = (x2 - x1) * scale_x, (y2 - y1) * KM_PER_DEGREE
                length = dx * dx + dy * dy
                t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
        return best


@lru_cache(maxsize=1)
def municipality_rings() -> dict[str, list[Ring]]:
    """Municipality code → its polygons' rings in longitude and latitude (decoded once per process)."""
    topo = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    scale_x, scale_y = topo["transform"]["scale"]
    translate_x, translate_y = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:  # delta-encoded, quantised
        x = y = 0
        coordinates = []
        for dx, dy in arc:
            x += dx
            y += dy
            coordinates.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(coordinates)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
            points.extend(arc if not points else arc[1:])
        return points

    rings: dict[str, list[Ring]] = {}
    for geometry in topo["objects"]["munis"]["geometries"]:
        code = str(geometry["properties"]["id"]).zfill(3)
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings[code] = [ring(r) for polygon in polygons for r in polygon]
    return rings


@lru_cache(maxsize=1)
def municipality_shapes() -> dict[str, Shape]:
    shapes = {}
    for code, rings in municipality_rings().items():
        xs = [x for ring in rings for x, _y in ring]
        ys = [y for ring in rings for _x, y in ring]
        shapes[code] = Shape(rings=rings, west=min(xs), south=min(ys), east=max(xs), north=max(ys))
    return shapes


def municipality_at(lon: float, lat: float) -> str | None:
    """The code of the municipality whose (simplified) area holds the point, or None (the sea, abroad, or a gap
    that simplifying the boundaries left along a coast or a border river)."""
    for code, shape in municipality_shapes().items():
        if shape.contains(lon, lat):
            return code
    return None


def nearest_municipality(lon: float, lat: float) -> tuple[str, float]:
    """The municipality nearest to the point and the distance to it in kilometres."""
    return min(
        ((code, shape.distance_km(lon, lat)) for code, shape in municipality_shapes().items()), key=lambda c: c[1]
    )
