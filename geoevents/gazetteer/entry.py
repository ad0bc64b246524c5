"""The gazetteer's record: :class:`Entry`, one row of the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Ranking of feature codes in :meth:`Gazetteer.lookup`: lower comes first.
FEATURE_RANK = {"PCLI": 0, "PCLD": 0, "PCLS": 0, "PCLIX": 0, "PCLF": 0, "TERR": 0, "ADM1": 1}


@dataclass(frozen=True)
class Entry:
    """One gazetteer row: a country, an admin area, a populated place or a curated feature.

    Curated rows without a GeoNames id carry negative synthetic ids.
    """

    geonameid: int
    name: str
    feature_class: str
    feature_code: str
    country_code: str | None
    admin1_code: str | None
    admin1_name: str | None
    admin2_code: str | None
    admin2_name: str | None
    population: int
    lat: float | None
    lon: float | None
    approximate: bool
    source: str
    raw: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def is_country(self) -> bool:
        """A sovereign country or dependent territory (``PCL*``)."""
        return self.feature_code.startswith("PCL") or self.feature_code == "TERR"

    @property
    def rank(self) -> int:
        """Sort rank: countries 0, admin-1 1, everything else 2, admin-2 3."""
        if self.feature_code == "ADM2":
            return 3
        return FEATURE_RANK.get(self.feature_code, 2)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (without ``raw``)."""
        return {
            "geonameid": self.geonameid,
            "name": self.name,
            "feature_class": self.feature_class,
            "feature_code": self.feature_code,
            "country": self.country_code,
            "admin1": self.admin1_name,
            "admin1_code": self.admin1_code,
            "admin2": self.admin2_name,
            "admin2_code": self.admin2_code,
            "lat": self.lat,
            "lon": self.lon,
            "population": self.population,
            "approximate": self.approximate,
            "source": self.source,
        }
