"""Build the folium map of events, and write it to an HTML file.

The map is a :class:`folium.Map` whose events are drawn in the browser from one
JSON record (see :mod:`geoevents.maps.records`) by ``geoevents-map.js``: that
keeps 10,000 events to a few seconds of Python, and lets every string from the
input reach the page as text, never as HTML.
"""

from __future__ import annotations

import html
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from geoevents.errors import GeoeventsError, OutputError
from geoevents.maps.assets import inline_head
from geoevents.maps.records import (
    AreaLookup,
    bounds,
    event_records,
    place_records,
    simplify_area,
)
from geoevents.maps.style import PLACE_COLOUR

log = logging.getLogger(__name__)

#: Default folder of written maps.
DEFAULT_DIR = Path("maps")

#: Base layers of online maps: name, URL template, attribution (constants).
TILES: tuple[dict[str, Any], ...] = (
    {
        "name": "OpenStreetMap",
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">'
        "OpenStreetMap</a> contributors",
        "maxZoom": 19,
    },
    {
        "name": "CARTO light",
        "url": "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
        "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">'
        'OpenStreetMap</a> contributors &copy; <a href="https://carto.com/attributions">'
        "CARTO</a>",
        "maxZoom": 19,
        "subdomains": "abcd",
    },
    {
        "name": "OpenTopoMap",
        "url": "https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png",
        "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">'
        'OpenStreetMap</a> contributors, SRTM | style &copy; <a href="https://opentopomap.org">'
        "OpenTopoMap</a> (CC-BY-SA)",
        "maxZoom": 17,
    },
)


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element.

    ``<``, ``>``, ``&``, ``/`` and the two JavaScript line separators only ever
    occur inside JSON strings, where their ``\\u`` / ``\\/`` escapes mean the same:
    no input text can close the element or form an http(s) URL in the page.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("/", "\\/"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


class EventMap(folium.Map):
    """A :class:`folium.Map` that loads Leaflet from installed packages, not a CDN."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Instance lists: folium's add_js_link would otherwise edit the class's.
        self.default_js = []
        self.default_css = []


class EventLayer(MacroElement):
    """The events, places and controls of a map, drawn by ``geoevents-map.js``."""

    _template = Template(
        """
{% macro header(this, kwargs) %}{{ this.head|safe }}{% endmacro %}
{% macro html(this, kwargs) %}
<script type="application/json" id="{{ this.get_name() }}-data">{{ this.payload|safe }}</script>
{% endmacro %}
{% macro script(this, kwargs) %}
    GeoeventsMap.init({{ this._parent.get_name() }}, JSON.parse(
        document.getElementById("{{ this.get_name() }}-data").textContent));
{% endmacro %}
"""
    )

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "GeoeventsLayer"
        self.data = data

    @property
    def head(self) -> str:
        """Inline ``<style>``/``<script>`` of every library the map needs."""
        return inline_head()

    @property
    def payload(self) -> str:
        """The map's data as script-safe JSON."""
        return script_json(self.data)


def gazetteer_area_lookup() -> AreaLookup | None:
    """Area shapes from the default gazetteer, or ``None`` when it cannot be opened."""
    try:
        from geoevents.gazetteer import Gazetteer

        gazetteer = Gazetteer.open_default()
    except (ImportError, AttributeError, GeoeventsError, OSError) as err:
        log.info("no area shading: gazetteer unavailable (%s)", err)
        return None

    def lookup(country: str, admin1: str | None) -> dict[str, Any] | None:
        try:
            if admin1:
                geometry = gazetteer.admin1_geometry(country, admin1)
            else:
                geometry = gazetteer.country_geometry(country)
        except (AttributeError, GeoeventsError, OSError, ValueError, KeyError) as err:
            log.info("no shape for %s %s: %s", country, admin1, err)
            return None
        return simplify_area(geometry)

    return lookup


def _has_areas(collection: Any) -> bool:
    features = collection.get("features") if isinstance(collection, dict) else None
    return any(
        isinstance(f, dict)
        and isinstance(f.get("properties"), dict)
        and f["properties"].get("place_kind") == "area"
        for f in features or []
    )


def render_map(
    collection: dict[str, Any],
    *,
    places: dict[str, Any] | None = None,
    offline: bool = False,
    include_comments: bool = False,
    title: str | None = None,
) -> folium.Map:
    """An interactive map of an event FeatureCollection (as :mod:`geoevents.export` writes).

    One icon and colour per ACLED event type, clustered, with a legend, a layer
    per type and one of resolved ``places``, border events as lines, region
    events as shaded areas (when the gazetteer has their shape), a time slider
    when the events span several dates, full screen, a minimap and a place
    search. ``offline`` draws Natural Earth countries instead of web tiles, so
    the page needs no network. Comment events are left off unless
    ``include_comments``.

    >>> m = render_map({"type": "FeatureCollection", "features": []}, title="Empty")
    >>> "GeoeventsMap.init" in m.get_root().render()
    True
    """
    lookup = gazetteer_area_lookup() if _has_areas(collection) else None
    data = event_records(
        collection, places=places, include_comments=include_comments, area_lookup=lookup
    )
    place_list = place_records(places)
    box = bounds(data, place_list)
    data.update(
        places=place_list,
        placeColour=PLACE_COLOUR,
        bounds=box,
        title=title,
        offline=offline,
        tiles=[] if offline else list(TILES),
        basemap=None,
    )
    if offline:
        from geoevents.maps.basemap import countries

        data["basemap"] = countries()
    center = [(box[0][0] + box[1][0]) / 2, (box[0][1] + box[1][1]) / 2] if box else [20, 0]
    fmap = EventMap(location=center, zoom_start=4 if box else 2, tiles=None)
    fmap.get_root().title = html.escape(title or "geoevents map")
    fmap.add_child(EventLayer(data))
    return fmap


def _target(path: str | os.PathLike[str] | None) -> Path:
    if path is None:
        return DEFAULT_DIR / "map.html"
    target = Path(path)
    if target.is_dir():
        return target / "map.html"
    return target


def write_html(html: str, path: str | os.PathLike[str] | None = None) -> Path:
    """Write ``html`` atomically (temporary file, then rename); the path written."""
    target = _target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise OutputError(f"cannot write map {target}: {err.strerror or err}") from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(html)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write map {target}: {err.strerror or err}") from err
    return target


def write_map(
    collection: dict[str, Any], path: str | os.PathLike[str] | None = None, **options: Any
) -> Path:
    """Render a map (options as :func:`render_map`) and write it; default ``maps/map.html``."""
    fmap = render_map(collection, **options)
    return write_html(fmap.get_root().render(), path)
