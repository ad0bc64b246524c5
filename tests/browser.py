"""Open a page in headless Chromium (Debian's, driven by playwright) and collect errors.

Shared by the browser tests: ``with open_page(path) as page:`` gives a loaded
:class:`Page` whose ``console_errors`` and ``page_errors`` lists fill as it runs,
and whose ``requests`` lists every URL it tried to fetch. With ``offline=True``
every non-``file:``/``data:`` request is aborted (the network is off for it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("GEOEVENTS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Hosts of web tiles: online maps try them and fail here (no network); their
#: failures are expected and ignored, nothing else is.
TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com", "tile.opentopomap.org")


def have_chromium() -> bool:
    """True when the Chromium binary is installed."""
    return Path(CHROMIUM).exists()


@dataclass
class PageLog:
    """What a page reported while it ran."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def errors(self) -> list[str]:
        """Console and script errors, less failed loads of tile images."""
        kept = []
        for message in self.console_errors:
            if "Failed to load resource" in message and self._all_failures_are_tiles():
                continue
            kept.append(message)
        return kept + self.page_errors

    def _all_failures_are_tiles(self) -> bool:
        return all(any(host in url for host in TILE_HOSTS) for url in self.failed)

    def web_requests(self) -> list[str]:
        """Requests that would have gone to the network."""
        return [u for u in self.requests if not u.startswith(("file:", "data:", "about:"))]


@contextmanager
def browser() -> Iterator[Any]:
    """A headless Chromium browser (Debian's binary, no playwright download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@contextmanager
def open_page(
    path: str | Path,
    *,
    offline: bool = False,
    viewport: tuple[int, int] = (1200, 800),
    wait_for: str | None = "window.GeoeventsMap && Object.keys(GeoeventsMap.maps).length > 0",
    timeout_ms: int = 30_000,
    instance: Any = None,
) -> Iterator[tuple[Any, PageLog]]:
    """Load ``path`` (a file) in a fresh page; yield ``(page, log)``."""
    log = PageLog()
    with _maybe_browser(instance) as chromium:
        context = chromium.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, offline=offline
        )
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and log.console_errors.append(m.text))
        page.on("pageerror", lambda e: log.page_errors.append(str(e)))
        page.on("request", lambda r: log.requests.append(r.url))
        page.on("requestfailed", lambda r: log.failed.append(r.url))
        if offline:
            page.route(
                "**/*",
                lambda route: route.continue_()
                if route.request.url.startswith(("file:", "data:"))
                else route.abort("internetdisconnected"),
            )
        try:
            page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=timeout_ms)
            if wait_for:
                page.wait_for_function(wait_for, timeout=timeout_ms)
            yield page, log
        finally:
            context.close()


@contextmanager
def _maybe_browser(instance: Any) -> Iterator[Any]:
    if instance is not None:
        yield instance
    else:
        with browser() as chromium:
            yield chromium
