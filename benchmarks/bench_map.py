"""Map scale benchmark: render N synthetic events to HTML, then load it in headless Chromium.

Usage: python benchmarks/bench_map.py [--events 10000] [--offline] [--no-browser]

Prints the render time (Python: records, JSON, HTML, written to disk), the file
size, and the browser's load time (navigation until every event is in its
layer) with any console errors. The issue's budget: render <= 5 s, load with no
errors. Exits 1 when either fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def render(events: int, offline: bool, out: Path) -> float:
    """Seconds to render ``events`` synthetic events and write them to ``out``."""
    from geoevents.maps import render as render_module
    from geoevents.maps import write_map
    from geoevents.maps.samples import synthetic_collection

    collection = synthetic_collection(events)
    if offline:  # the basemap is built once per process: time it apart
        from geoevents.maps.basemap import countries

        start = time.perf_counter()
        countries()
        print(f"basemap (Natural Earth, built once per process): "
              f"{time.perf_counter() - start:.2f} s")
    render_module.gazetteer_area_lookup = lambda: None  # synthetic data has no areas
    start = time.perf_counter()
    write_map(collection, out, offline=offline, title=f"{events} synthetic events")
    return time.perf_counter() - start


def load(path: Path, offline: bool) -> tuple[float, list[str], dict]:
    """Seconds until the map has drawn every event, console errors, and what is drawn."""
    sys.path.insert(0, str(ROOT))
    from tests.browser import browser, open_page

    with browser() as chromium:
        start = time.perf_counter()
        with open_page(path, offline=offline, instance=chromium, timeout_ms=120_000) as (page, log):
            page.wait_for_function(
                "geoeventsMap.cluster.getLayers().length === geoeventsMap.shownMarkers",
                timeout=120_000,
            )
            seconds = time.perf_counter() - start
            drawn = page.evaluate(
                """() => {
                  const pane = document.querySelector('.leaflet-marker-pane');
                  return {
                    events: geoeventsMap.items.length,
                    visible_markers: pane.querySelectorAll('.ge-marker').length,
                    visible_clusters: pane.querySelectorAll('.ge-cluster').length,
                    lines: document.querySelectorAll('path.ge-line').length,
                  };
                }"""
            )
            page.evaluate("geoeventsMap.map.zoomIn()")
            page.wait_for_timeout(500)
            return seconds, log.errors(), drawn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--offline", action="store_true", help="offline map (Natural Earth)")
    parser.add_argument("--no-browser", action="store_true", help="only time the rendering")
    parser.add_argument("--budget", type=float, default=5.0, help="render budget, seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.html"
        seconds = render(args.events, args.offline, out)
        size = out.stat().st_size / 1e6
        ok = seconds <= args.budget
        mode = "offline" if args.offline else "online"
        print(f"render {args.events} events ({mode}): {seconds:.2f} s, {size:.1f} MB "
              f"[budget {args.budget:.1f} s: {'ok' if ok else 'OVER'}]")
        if not args.no_browser:
            load_s, errors, drawn = load(out, args.offline)
            print(f"load in headless Chromium: {load_s:.2f} s, drawn {drawn}, "
                  f"console errors: {len(errors)}")
            for error in errors:
                print(f"  error: {error}")
            ok = ok and not errors
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
