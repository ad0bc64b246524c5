"""What every source yields: a mutable :class:`Record`, merged and written by the builder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass
class Record:
    """A gazetteer row under construction (see :class:`geoevents.gazetteer.Entry`)."""

    geonameid: int
    name: str
    feature_class: str
    feature_code: str
    country_code: str | None = None
    admin1_code: str | None = None
    admin2_code: str | None = None
    population: int = 0
    lat: float | None = None
    lon: float | None = None
    approximate: bool = False
    source: str = ""
    names: set[str] = field(default_factory=set)
    #: A GeoJSON mapping for lines and areas (rivers, regions).
    geometry: dict[str, Any] | None = None
    raw: dict[str, Any] = field(default_factory=dict)


class Source(Protocol):
    """One data source: a name and its records."""

    name: str

    def records(self) -> Iterator[Record]:
        """Yield the source's rows."""
        ...
