"""PNG of a geoevents map in headless Chromium, for the README (docs/img/).

Usage:
    python scripts/screenshot.py MAP.html docs/img/NAME.png [--size 1200x760]
        [--search PLACE | --popup PLACE] [--offline]
    python scripts/screenshot.py --readme     # the README's two screenshots, from examples/

``--search`` types a place name into the map's search box, which zooms to its
event and opens its popup; ``--popup`` opens the popup in the fitted view;
``--offline`` loads the page with the network off (use it for maps written
with ``geoevents map --offline``). Debian's Chromium is used
(``/usr/bin/chromium``, or ``$GEOEVENTS_CHROMIUM``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def screenshot(
    page_path: Path,
    png: Path,
    *,
    size: tuple[int, int],
    search: str | None = None,
    popup: str | None = None,
    offline: bool = False,
) -> list[str]:
    """Write ``png``; the page's console errors."""
    sys.path.insert(0, str(ROOT))
    from tests.browser import open_page

    png.parent.mkdir(parents=True, exist_ok=True)
    with open_page(page_path, offline=offline, viewport=size) as (page, log):
        page.wait_for_timeout(800)
        if popup:  # open it where the map is, without zooming (unless clustered)
            page.evaluate(
                """place => {
                  const item = geoeventsMap.items.find(i => i.ev.loc === place);
                  if (!item) throw new Error('no event at ' + place);
                  if (item.shapes.length) item.shapes[0].openPopup();  // a line or an area
                  else geoeventsMap.cluster.zoomToShowLayer(
                    item.marker, () => item.marker.openPopup());
                }""",
                popup,
            )
            page.wait_for_selector(".leaflet-popup-content", timeout=10_000)
            page.wait_for_timeout(800)
        if search:
            page.fill(".ge-search input", search)
            page.press(".ge-search input", "Enter")
            page.wait_for_selector(".leaflet-popup-content", timeout=10_000)
            page.wait_for_timeout(800)
        page.screenshot(path=str(png))
        return log.errors()


#: The README's screenshots: (inputs, map written, PNG, place whose event popup is opened).
README_SHOTS = (
    (["examples/border-base-airstrike.txt"], "maps/example.html", "docs/img/example-map.png",
     "Turkey–Syria border"),
    (["examples/corpus.jsonl"], "maps/corpus.html", "docs/img/corpus-map.png", None),
)


def readme_shots(size: tuple[int, int]) -> int:
    """Map the examples with the current code (offline basemap), then screenshot them."""
    from geoevents.maps import write_map
    from geoevents.pipeline import extract_files

    failed = 0
    for inputs, html, png, popup in README_SHOTS:
        result = extract_files([ROOT / p for p in inputs])
        path = write_map(result.to_geojson(), ROOT / html, places=result.places_geojson(),
                         offline=True, title=", ".join(Path(p).name for p in inputs))
        errors = screenshot(path, ROOT / png, size=size, popup=popup, offline=True)
        for error in errors:
            print(f"console error: {error}", file=sys.stderr)
        failed += bool(errors)
        print(f"{png} ({len(result.events)} events)")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("map", type=Path, nargs="?")
    parser.add_argument("png", type=Path, nargs="?")
    parser.add_argument("--readme", action="store_true", help="redo docs/img/*-map.png")
    parser.add_argument("--size", default="1200x760", help="WIDTHxHEIGHT in pixels")
    parser.add_argument("--search", help="place to search for (zooms to it, opens its popup)")
    parser.add_argument("--popup", help="place whose event popup to open where the map is")
    parser.add_argument("--offline", action="store_true", help="load with the network off")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    if args.readme:
        return readme_shots((width, height))
    if args.map is None or args.png is None:
        parser.error("MAP and PNG are required (or --readme)")
    errors = screenshot(
        args.map, args.png, size=(width, height), search=args.search, popup=args.popup,
        offline=args.offline,
    )
    for error in errors:
        print(f"console error: {error}", file=sys.stderr)
    print(args.png)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
