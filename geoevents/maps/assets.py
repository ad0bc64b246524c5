"""The map's JavaScript and CSS, read from installed packages and inlined in the page.

Leaflet comes from the ``xstatic-leaflet`` PyPI package, marker clustering from
``geoevents/assets/leaflet.markercluster`` (vendored, MIT) and the map's own
controls from ``geoevents/assets/geoevents-map.{js,css}``. Inlining makes one
self-contained HTML file that needs no CDN, online or offline.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path

_ASSETS = Path(__file__).resolve().parent.parent / "assets"


def leaflet_dir() -> Path:
    """The folder of Leaflet's files in the ``xstatic-leaflet`` package."""
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _data_uri(path: Path) -> str:
    kind = "image/png" if path.suffix == ".png" else "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _leaflet_css() -> str:
    """Leaflet's CSS with its images inlined as data URIs."""
    base = leaflet_dir()
    return re.sub(
        r"url\((images/[\w.-]+\.png)\)",
        lambda m: f"url({_data_uri(base / m.group(1))})",
        _read(base / "leaflet.css"),
    )


def safe_inline(code: str, tag: str) -> str:
    """Code that cannot end its ``<script>``/``<style>`` element early.

    ``</script`` and ``<!--`` only ever occur inside string literals or comments
    in these files; their escaped forms mean the same there. ``://`` is written
    ``:\\/\\/`` for the same reason, so no http(s) URL appears in the page:
    the few in Leaflet are an XML namespace and a credit link, never fetched.
    """
    if tag == "script":
        code = code.replace("://", ":\\/\\/")
    else:
        code = re.sub(r"/\*.*?\*/", "", code, flags=re.DOTALL)
    code = re.sub(f"</({tag})", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


@lru_cache(maxsize=1)
def inline_head() -> str:
    """``<style>`` and ``<script>`` elements with every library the map uses."""
    cluster = _ASSETS / "leaflet.markercluster"
    css = [
        _leaflet_css(),
        _read(cluster / "MarkerCluster.css"),
        _read(_ASSETS / "geoevents-map.css"),
    ]
    js = [
        _read(leaflet_dir() / "leaflet.js"),
        _read(cluster / "leaflet.markercluster.js"),
        _read(_ASSETS / "geoevents-map.js"),
    ]
    parts = [f"<style>{safe_inline(c, 'style')}</style>" for c in css]
    parts += [f"<script>{safe_inline(j, 'script')}</script>" for j in js]
    return "\n".join(parts)
