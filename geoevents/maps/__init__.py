"""Interactive folium maps of events: :func:`render_map` and :func:`write_map`."""

from geoevents.maps.render import render_map, write_html, write_map

__all__ = ["render_map", "write_html", "write_map"]
