"""Maps in headless Chromium: drawn, clickable, safe with hostile text, and offline.

Online maps try to fetch web tiles, which fail here (no network): those failed
tile requests, and only those, are ignored in the console check (see
``tests/browser.py``). The offline map is loaded with every network request
aborted and must make none.
"""

from __future__ import annotations

import pytest

from geoevents.maps import render, write_map
from geoevents.maps.samples import (
    HOSTILE,
    event_feature,
    sample_collection,
    sample_places,
    synthetic_collection,
)
from tests.browser import CHROMIUM, browser, have_chromium, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not have_chromium(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]

COUNTS = """() => ({
  markers: document.querySelectorAll('.leaflet-marker-pane .ge-marker').length,
  clusters: document.querySelectorAll('.leaflet-marker-pane .ge-cluster').length,
  lines: document.querySelectorAll('path.ge-line').length,
  areas: document.querySelectorAll('path.ge-area').length,
})"""


@pytest.fixture(scope="module")
def chromium():
    with browser() as instance:
        yield instance


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch):
    monkeypatch.setattr(render, "gazetteer_area_lookup", lambda: None)


def _hostile_collection() -> dict:
    """The sample plus an event whose type, place and source are all hostile."""
    collection = sample_collection()
    collection["features"].append(event_feature(
        {"type": "Point", "coordinates": [38.0, 36.5]},
        event_id=HOSTILE["quote"], event_type=HOSTILE["img"], sub_event_type=HOSTILE["script"],
        actor1=HOSTILE["close"], actor2=HOSTILE["js_url"], event_date="2024-03-02",
        location=HOSTILE["quote"], place_kind="point", source=HOSTILE["js_url"],
        source_sentence=HOSTILE["close"] + " " + HOSTILE["img"], trigger=HOSTILE["img"],
        source_section="body",
    ))
    return collection


def test_online_map_draws_markers_lines_legend_and_layers(chromium, tmp_path):
    path = write_map(sample_collection(), tmp_path / "m.html", places=sample_places())
    with open_page(path, instance=chromium) as (page, log):
        page.wait_for_timeout(300)
        counts = page.evaluate(COUNTS)
        assert counts["markers"] == 5  # 4 places + 1 region centroid; the comment is off
        assert counts["lines"] == 1
        legend = page.inner_text(".ge-legend")
        assert "Battles" in legend and "Strategic developments" in legend
        layers = page.text_content(".leaflet-control-layers")
        for name in ("Battles", "Protests", "Resolved places", "OpenStreetMap", "OpenTopoMap"):
            assert name in layers
        assert page.locator(".ge-minimap .leaflet-pane").count() > 0
        page.click(".ge-fullscreen a")
        page.wait_for_function(
            "document.fullscreenElement === geoeventsMap.map.getContainer()"
            " || geoeventsMap.map.getContainer().classList.contains('ge-pseudo-fullscreen')"
        )
        assert page.locator(".ge-search input").count() == 1
        assert page.locator(".ge-time input[type=range]").count() == 1
        assert log.errors() == []
        assert all("tile" in url for url in log.web_requests())


def test_click_opens_a_popup_with_highlighted_evidence(chromium, tmp_path):
    path = write_map(sample_collection(), tmp_path / "m.html", places=sample_places())
    with open_page(path, instance=chromium) as (page, log):
        page.click(".ge-marker.ge-explosions")
        popup = page.wait_for_selector(".leaflet-popup-content")
        text = popup.inner_text()
        for expected in ("Explosions/Remote violence", "Air/drone strike", "2024-03-01",
                         "Military Forces of Syria", "Hajin", "1 (exact place)",
                         "https://example.org/news/hajin?a=1&b=2"):
            assert expected in text
        assert "Fatalities\t4" in text or "Fatalities 4" in text, text
        assert page.inner_text(".leaflet-popup-content mark.ge-trigger") == "airstrike"
        assert page.inner_text(".leaflet-popup-content mark.ge-place") == "Hajin"
        href = page.get_attribute(".leaflet-popup-content .ge-source a", "href")
        assert href == "https://example.org/news/hajin?a=1&b=2"
        page.evaluate("geoeventsMap.map.closePopup()")
        # a real click on the border line, at its second vertex
        box = page.locator(".folium-map").bounding_box()
        x, y = page.evaluate(
            "(() => { const p = geoeventsMap.map.latLngToContainerPoint([34.62, 41.2]);"
            " return [p.x, p.y]; })()"
        )
        page.mouse.click(box["x"] + x, box["y"] + y)
        page.wait_for_function(
            "(document.querySelector('.leaflet-popup-content') || {}).textContent"
            "?.includes('border')"
        )
        assert log.errors() == []


def test_hostile_text_neither_runs_nor_breaks_the_page(chromium, tmp_path):
    path = write_map(_hostile_collection(), tmp_path / "x.html", places=sample_places(),
                     title=HOSTILE["close"] + HOSTILE["img"])
    with open_page(path, instance=chromium) as (page, log):
        page.wait_for_timeout(300)
        assert page.title().startswith("</script>")
        assert page.inner_text(".ge-title") == HOSTILE["close"] + HOSTILE["img"]
        markers = page.locator(".leaflet-marker-pane .ge-marker")
        texts = []
        for i in range(markers.count()):
            markers.nth(i).hover()
            markers.nth(i).click()
            texts.append(page.wait_for_selector(".leaflet-popup-content").inner_text())
            page.evaluate("geoeventsMap.map.closePopup()")
        hostile_popup = next(t for t in texts if HOSTILE["js_url"] in t and HOSTILE["quote"] in t)
        assert HOSTILE["img"] in hostile_popup
        assert HOSTILE["js_url"] in hostile_popup
        # a javascript: source is shown as text, never as a link
        assert page.evaluate(
            "[...document.querySelectorAll('.ge-source a')]"
            ".every(a => a.protocol.startsWith('http'))"
        )
        assert HOSTILE["img"] in page.text_content(".leaflet-control-layers")
        place_text = page.evaluate(
            """() => {
              geoeventsMap.map.addLayer(geoeventsMap.places);
              let last = '';
              geoeventsMap.places.eachLayer(l => {
                l.openPopup();
                last += l.getPopup().getElement().textContent;
              });
              return last;
            }"""
        )
        assert HOSTILE["close"] in place_text
        page.fill(".ge-search input", HOSTILE["quote"])
        page.press(".ge-search input", "Enter")
        page.wait_for_timeout(500)
        assert page.evaluate("window.__xss") is None
        assert page.evaluate(
            "document.querySelectorAll('img[src=x], svg[onload], [onerror]').length"
        ) == 0
        assert log.errors() == []


def test_offline_map_loads_with_the_network_off(chromium, tmp_path):
    path = write_map(sample_collection(), tmp_path / "o.html", places=sample_places(),
                     offline=True, include_comments=True)
    with open_page(path, offline=True, instance=chromium) as (page, log):
        page.wait_for_timeout(300)
        counts = page.evaluate(COUNTS)
        assert counts["markers"] == 6  # the reader comment is in
        assert counts["lines"] == 1
        basemap = "document.querySelectorAll('.leaflet-ge-basemap-pane path').length"
        assert page.evaluate(basemap) > 0
        page.click(".ge-marker.ge-battles >> nth=0")
        assert "Battles" in page.wait_for_selector(".leaflet-popup-content").inner_text()
        assert log.web_requests() == []
        assert log.errors() == []


def test_time_slider_shows_one_date_or_up_to_it(chromium, tmp_path):
    path = write_map(sample_collection(), tmp_path / "t.html")
    with open_page(path, instance=chromium) as (page, log):
        page.evaluate("geoeventsMap.setDate(1, false)")  # 2024-03-01
        page.wait_for_timeout(300)
        assert page.evaluate(COUNTS)["markers"] == 2  # Hajin and the Deir ez-Zor region
        assert page.evaluate(COUNTS)["lines"] == 0
        assert "2024-03-01" in page.inner_text(".ge-time-label")
        page.evaluate("geoeventsMap.setDate(2, true)")  # up to 2024-03-02
        page.wait_for_timeout(300)
        assert page.evaluate(COUNTS) | {"clusters": 0} == {
            "markers": 3, "clusters": 0, "lines": 1, "areas": 0}
        page.locator(".ge-time input[type=range]").fill("0")
        page.wait_for_timeout(300)
        assert page.evaluate(COUNTS)["markers"] == 5
        page.click(".ge-play")  # steps to the first date after a moment
        page.wait_for_function(
            "document.querySelector('.ge-time-label').textContent.includes('2024-03-01 (')",
            timeout=5_000,
        )
        assert log.errors() == []


def test_search_by_place_name_opens_its_event(chromium, tmp_path):
    places = sample_places()
    places["features"][0]["properties"]["name"] = "Al-Susah"
    path = write_map(sample_collection(), tmp_path / "s.html", places=places)
    with open_page(path, instance=chromium) as (page, log):
        page.fill(".ge-search input", "idlib")
        page.press(".ge-search input", "Enter")
        popup = page.wait_for_selector(".leaflet-popup-content")
        assert "Idlib" in popup.inner_text()
        assert "1 event" in page.inner_text(".ge-search-note")
        page.fill(".ge-search input", "Atlantis")
        page.press(".ge-search input", "Enter")
        assert page.inner_text(".ge-search-note") == "no event here"
        page.fill(".ge-search input", "Al-Susah")  # a resolved place without an event
        page.press(".ge-search input", "Enter")
        page.wait_for_function(
            "document.querySelector('.leaflet-popup-content').textContent.includes('Al-Susah')"
        )
        assert page.inner_text(".ge-search-note") == "a resolved place (no event)"
        assert log.errors() == []


def test_region_events_are_shaded(chromium, tmp_path, monkeypatch):
    ring = [[39.5, 34.5], [41.0, 34.5], [41.0, 36.0], [39.5, 36.0], [39.5, 34.5]]
    square = {"type": "Polygon", "coordinates": [ring]}
    monkeypatch.setattr(render, "gazetteer_area_lookup", lambda: lambda cc, a1: square)
    path = write_map(sample_collection(), tmp_path / "a.html")
    with open_page(path, instance=chromium) as (page, log):
        page.wait_for_timeout(300)
        assert page.evaluate(COUNTS)["areas"] == 1
        assert log.errors() == []


def test_thousands_of_events_are_clustered(chromium, tmp_path):
    path = write_map(synthetic_collection(3000), tmp_path / "big.html", offline=True)
    with open_page(path, offline=True, instance=chromium) as (page, log):
        page.wait_for_timeout(500)
        counts = page.evaluate(COUNTS)
        assert counts["clusters"] > 0
        assert counts["markers"] + counts["clusters"] < 600
        assert counts["lines"] == 300
        assert log.errors() == []


@pytest.mark.slow
def test_hostile_document_through_the_pipeline(chromium, tmp_path):
    """A JSONL document with script, event handlers, quotes and javascript: URLs in its
    id, title, URL and text, mapped with the real pipeline, then every popup opened."""
    import json

    from click.testing import CliRunner

    from geoevents.cli import main

    corpus = tmp_path / "hostile.jsonl"
    rows = [
        {"id": "x" + HOSTILE["script"], "date": "2024-03-04", "title": HOSTILE["img"],
         "url": HOSTILE["js_url"],
         "text": "On 3 March 2024 an airstrike hit the town of Hajin in Syria, "
                 + HOSTILE["script"] + ' killing "four" people ' + HOSTILE["img"]
                 + ". Fighters clashed with government troops near Idlib on Monday."},
        {"id": HOSTILE["quote"], "date": "2024-03-05", "title": HOSTILE["close"],
         "url": "https://example.org/a?b=1&c=<2>",
         "text": "Protesters gathered in Aleppo on 4 March 2024. " + HOSTILE["quote"]},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "hostile.html"
    args = ["map", str(corpus), "-o", str(out), "--offline", "--title", HOSTILE["close"]]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    with open_page(out, offline=True, instance=chromium) as (page, log):
        opened = page.evaluate(
            """() => {
              let n = 0;
              geoeventsMap.items.forEach(item => {
                const layer = item.marker || item.shapes[0];
                if (item.marker) geoeventsMap.cluster.zoomToShowLayer(item.marker, () => {});
                layer.openPopup(); layer.openTooltip && layer.openTooltip(); n++;
              });
              if (geoeventsMap.places) {
                geoeventsMap.map.addLayer(geoeventsMap.places);
                geoeventsMap.places.eachLayer(l => { l.openPopup(); n++; });
              }
              return n;
            }"""
        )
        assert opened >= 3
        page.wait_for_timeout(500)
        assert page.evaluate("window.__xss") is None
        assert page.inner_text(".ge-title") == HOSTILE["close"]
        assert log.web_requests() == []
        assert log.errors() == []


def test_an_empty_map_loads(chromium, tmp_path):
    path = write_map({"type": "FeatureCollection", "features": []}, tmp_path / "e.html",
                     offline=True)
    with open_page(path, offline=True, instance=chromium) as (page, log):
        assert "No events" in page.inner_text(".ge-legend")
        assert page.locator(".ge-time").count() == 0  # no dates, no slider
        assert log.errors() == []


@pytest.mark.slow
def test_ten_thousand_events_render_in_5_s_and_load_cleanly(chromium, tmp_path):
    import time

    collection = synthetic_collection(10_000)
    start = time.perf_counter()
    path = write_map(collection, tmp_path / "10k.html")
    assert time.perf_counter() - start <= 5.0
    with open_page(path, instance=chromium, timeout_ms=60_000) as (page, log):
        page.wait_for_function(
            "geoeventsMap.cluster.getLayers().length === geoeventsMap.shownMarkers",
            timeout=60_000,
        )
        assert page.evaluate("geoeventsMap.items.length") == 10_000
        assert log.errors() == []


def test_events_of_several_types_at_one_place_share_a_cluster(chromium, tmp_path):
    collection = sample_collection()
    hajin = collection["features"][0]["geometry"]
    for feature in collection["features"][1:3]:
        feature["geometry"] = hajin  # a battle and a protest at Hajin too
    path = write_map(collection, tmp_path / "same.html")
    with open_page(path, instance=chromium) as (page, log):
        page.wait_for_timeout(300)
        mixed = page.locator(".leaflet-marker-pane .ge-cluster.ge-mixed")
        assert mixed.count() == 1
        assert mixed.inner_text() == "3"
        assert "conic-gradient" in mixed.locator("div").get_attribute("style")
        # switching a type off (a click on its legend row) takes its markers out of the clusters
        page.click(".ge-legend-toggle >> text=Battles")
        page.wait_for_timeout(300)
        assert page.evaluate("geoeventsMap.shownMarkers") == 3
        assert page.locator(".leaflet-marker-pane .ge-cluster").inner_text() == "2"
        assert page.locator(".ge-legend-toggle.ge-off").count() == 1
        checked = page.evaluate(
            "[...document.querySelectorAll('.leaflet-control-layers-overlays input')]"
            ".map(i => i.checked)"
        )
        assert checked[0] is False and all(checked[1:-1])  # the layer control agrees
        page.click(".ge-legend-toggle >> text=Battles")
        page.wait_for_timeout(300)
        assert page.evaluate("geoeventsMap.shownMarkers") == 5
        assert log.errors() == []
