"""A geopy-compatible geocoder over the local store, with an opt-in Nominatim fallback."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from geoevents.errors import GazetteerError
from geoevents.gazetteer.store import Gazetteer

if TYPE_CHECKING:
    from geopy.location import Location

    from geoevents.gazetteer.entry import Entry

log = logging.getLogger(__name__)

#: Synthetic ids of cached Nominatim results: ``-(OFFSET + place_id)``.
NOMINATIM_ID_OFFSET = 10**10


class LocalGazetteer:
    """geopy-style geocoder answering from the local gazetteer, offline.

    ``online=True`` asks Nominatim (rate-limited, one request per second) when
    the store has no answer and caches what it finds in the store.

    Examples
    --------
    >>> geo = LocalGazetteer()
    >>> loc = geo.geocode("Deir Ezzor")
    >>> loc.raw["geonameid"], loc.raw["feature_code"]
    (170792, 'ADM1')
    >>> geo.geocode("al-Bukamal").address
    'Albu Kamal, Deir ez-Zor, Syria'
    >>> [loc.raw["name"] for loc in geo.geocode("Hajin", exactly_one=False)][:1]
    ['Hajin']
    >>> geo.geocode("Dier ez-Zor").raw["name"]  # misspelt: fuzzy fallback
    'Deir ez-Zor Governorate'
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        fuzzy: bool = True,
        online: bool = False,
        user_agent: str = "geoevents",
        min_delay_seconds: float = 1.0,
    ) -> None:
        self._store = gazetteer
        self.fuzzy = fuzzy
        self.online = online
        self.user_agent = user_agent
        self.min_delay_seconds = min_delay_seconds
        self._nominatim = None

    @property
    def store(self) -> Gazetteer:
        """The gazetteer answering queries (the default store unless one was given)."""
        if self._store is None:
            self._store = Gazetteer.open_default()
        return self._store

    def geocode(
        self,
        query: str,
        exactly_one: bool = True,
        *,
        country_codes: str | None = None,
        limit: int | None = None,
    ) -> Location | list[Location] | None:
        """The best :class:`geopy.Location` for ``query`` (or a list, best first).

        ``raw`` holds the gazetteer entry as a dict, plus ``score`` and ``parents``.
        """
        n = 1 if exactly_one else (limit or 10)
        found: list[tuple[Entry, float]] = [
            (e, 100.0) for e in self.store.lookup(query, country=country_codes, limit=n)
        ]
        if not found and self.fuzzy:
            found = self.store.fuzzy(query, country=country_codes, limit=n)
        if not found and self.online:
            found = [(e, 100.0) for e in self._online(query, country_codes, n)]
        found = [(e, s) for e, s in found if e.lat is not None and e.lon is not None]
        if not found:
            return None
        locations = [self.location(e, s) for e, s in found[:n]]
        return locations[0] if exactly_one else locations

    def location(self, entry: Entry, score: float = 100.0) -> Location:
        """A :class:`geopy.Location` for an entry: "Hajin, Deir ez-Zor, Syria"."""
        from geopy.location import Location

        parents = self.store.parents(entry)
        parts = [entry.name]
        if entry.admin1_name and entry.feature_code != "ADM1":
            parts.append(entry.admin1_name)
        country = next((p for p in parents if p.is_country), None)
        if country:
            parts.append(country.name)
        raw: dict[str, Any] = entry.to_dict()
        raw["score"] = score
        raw["parents"] = [p.geonameid for p in parents]
        return Location(", ".join(parts), (entry.lat, entry.lon), raw)

    # -- online fallback ---------------------------------------------------------------------
    def _online(self, query: str, country: str | None, n: int) -> list[Entry]:
        from geopy.exc import GeopyError

        try:
            results = self._nominatim_geocode(
                query, exactly_one=False, limit=n, country_codes=country, addressdetails=True
            )
        except GeopyError as err:
            raise GazetteerError(f"Nominatim lookup of {query!r} failed: {err}") from err
        entries = [self._cache(query, loc) for loc in results or []]
        return [e for e in entries if e is not None]

    def _nominatim_geocode(self, query: str, **kwargs: Any):
        if self._nominatim is None:
            from geopy.extra.rate_limiter import RateLimiter
            from geopy.geocoders import Nominatim

            geocoder = Nominatim(user_agent=self.user_agent)
            self._nominatim = RateLimiter(
                geocoder.geocode, min_delay_seconds=self.min_delay_seconds, max_retries=1
            )
        return self._nominatim(query, **kwargs)

    def _cache(self, query: str, loc: Location) -> Entry | None:
        from geoevents.gazetteer.sources.base import Record

        raw = loc.raw or {}
        if "place_id" not in raw:
            return None
        address = raw.get("address", {})
        rec = Record(
            geonameid=-(NOMINATIM_ID_OFFSET + int(raw["place_id"])),
            name=raw.get("name") or loc.address.split(",")[0],
            feature_class="P" if raw.get("class") == "place" else "L",
            feature_code=str(raw.get("type") or raw.get("addresstype") or "OSM").upper()[:10],
            country_code=(address.get("country_code") or "").upper() or None,
            lat=loc.latitude,
            lon=loc.longitude,
            approximate=False,
            source="nominatim",
            names={query, raw.get("name") or loc.address.split(",")[0]},
            raw={"osm_type": raw.get("osm_type"), "osm_id": raw.get("osm_id"),
                 "display_name": loc.address},
        )
        self.store.add([rec])
        return self.store.get(rec.geonameid)
