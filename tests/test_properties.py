"""Property-based tests (hypothesis): ingest, name folding and GeoJSON output.

No language model: each property runs a few hundred examples in seconds.
``tests/test_fuzz_pipeline.py`` fuzzes the whole pipeline.
"""

from __future__ import annotations

import csv
import io
import json
import math
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from geoevents.errors import GeoeventsError, InputError
from geoevents.export import (
    EVENT_PROPERTIES,
    GeometryError,
    _csv_cell,
    clean_geometry,
    dumps_csv,
    dumps_geojson,
    events_to_geojson,
    places_to_geojson,
)
from geoevents.gazetteer.normalize import fold, fold_variants
from geoevents.htmltext import html_to_text
from geoevents.ingest import (
    MAX_SECTION_CHARS,
    Rejected,
    decode,
    document_from_text,
    find_date,
    jsonl_record,
    parse_date,
    read_documents,
    read_jsonl,
    split_sections,
)
from geoevents.models import Document, Event, Mention, Place

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Examples that build whole events and places: fewer, each costs more.
RECORD_SETTINGS = settings(SETTINGS, max_examples=100)

# --- an RFC 7946 checker (also used by the fuzz and CLI tests) ----------------------------

_GEOMETRY_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


def _check_position(position: object) -> None:
    assert isinstance(position, list) and len(position) in (2, 3), position
    for number in position:
        assert isinstance(number, int | float) and not isinstance(number, bool), position
        assert math.isfinite(number), position
    lon, lat = position[0], position[1]
    assert -180 <= lon <= 180 and -90 <= lat <= 90, position


def _ring_area(ring: list) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False))


def _check_ring(ring: list, *, exterior: bool) -> None:
    assert len(ring) >= 4 and ring[0] == ring[-1], ring
    area = _ring_area(ring)
    # Right-hand rule: exterior counter-clockwise (area > 0), holes clockwise.
    # Rings of (near) zero area after rounding have no winding to check.
    if abs(area) > 1e-9:
        assert (area > 0) == exterior, ("winding", exterior, ring)


def check_geometry(geometry: object) -> None:
    """Assert that ``geometry`` is a valid RFC 7946 geometry (or null)."""
    if geometry is None:
        return
    assert isinstance(geometry, dict), geometry
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        assert set(geometry) == {"type", "geometries"}
        for member in geometry["geometries"]:
            check_geometry(member)
        return
    assert kind in _GEOMETRY_DEPTH, kind
    assert set(geometry) <= {"type", "coordinates", "bbox"}
    coordinates = geometry["coordinates"]
    if kind == "Point":
        _check_position(coordinates)
    elif kind in ("MultiPoint", "LineString"):
        assert len(coordinates) >= (2 if kind == "LineString" else 1)
        for position in coordinates:
            _check_position(position)
    elif kind == "MultiLineString":
        for line in coordinates:
            check_geometry({"type": "LineString", "coordinates": line})
    else:
        polygons = [coordinates] if kind == "Polygon" else coordinates
        assert polygons
        for polygon in polygons:
            assert polygon, kind
            for index, ring in enumerate(polygon):
                for position in ring:
                    _check_position(position)
                _check_ring(ring, exterior=index == 0)


def check_feature_collection(collection: object) -> None:
    """Assert that ``collection`` is a valid RFC 7946 FeatureCollection (no NaN, in range)."""
    text = json.dumps(collection, allow_nan=False)  # raises on NaN and infinities
    assert json.loads(text) == collection
    assert isinstance(collection, dict) and collection.get("type") == "FeatureCollection"
    assert "crs" not in collection  # RFC 7946 drops crs: WGS 84 only
    assert isinstance(collection["features"], list)
    for feature in collection["features"]:
        assert feature.get("type") == "Feature"
        assert "geometry" in feature and "properties" in feature
        assert feature["properties"] is None or isinstance(feature["properties"], dict)
        if "id" in feature:
            assert isinstance(feature["id"], str | int | float)
        check_geometry(feature["geometry"])


# --- ingest ----------------------------------------------------------------------------

MARKUP = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div class='comments'>",
                "</div>",
                "<script>",
                "</script>",
                "<style>",
                "<!--",
                "-->",
                "<![CDATA[",
                "]]>",
                "<br/>",
                "<",
                ">",
                "</",
                "&amp;",
                "&#",
                "&",
                "<a href='javascript:x'>",
                "</a>",
                "<title>",
                "</title>",
                "<time datetime='",
                "'>",
                "<meta name='date' content='2024-03-01'>",
                "\n",
                " ",
                "Hajin",
                "Shelling hit",
                "<![if x]>",
                "<?xml?>",
                "<!doctype html>",
                "<iframe>",
                "<nav>",
                "\u202e",
                "\x00",
            ]
        ),  # fmt: skip
        st.text(max_size=8),
    ),
    max_size=60,
).map("".join)


def _check_sections(doc: Document) -> None:
    """Sections are in order, within the text, capped, and cover all of it."""
    position = 0
    for section in doc.sections:
        assert section.start == position < section.end <= len(doc.text)
        assert section.end - section.start <= MAX_SECTION_CHARS
        position = section.end
    assert position == len(doc.text)


@SETTINGS
@given(st.text(max_size=400))
@example("\n\n\r\n\u2028\x0b\x0c\x1c\x1d\x1e\x85")
@example("View all comments\nComments (3)\nLeave a reply\nMay 2020\n")
def test_plain_text_always_becomes_a_document_with_covering_sections(text):
    doc = document_from_text(text, html=False)
    assert doc.text == text
    _check_sections(doc)


@SETTINGS
@given(MARKUP)
def test_any_markup_becomes_a_document(markup):
    doc = document_from_text(markup, html=True)
    _check_sections(doc)
    for leaked in ("<script", "<style", "<!--", "<![CDATA["):
        assert leaked not in doc.text.lower() or leaked in markup.replace("&amp;", "&")


@SETTINGS
@given(MARKUP)
@example("-->\n\n<div class='comments'>")  # comments after blank lines that are cut off
def test_html_comments_offset_is_within_the_text(markup):
    page = html_to_text(markup)
    assert page.comments_from is None or 0 <= page.comments_from <= len(page.text)
    assert page.text.endswith("\n")


@SETTINGS
@given(st.binary(max_size=300))
@example(b"\xff\xfe\x00")
@example(b"\xef\xbb\xbf\xff")
@example(b"\x00\x00\xfe\xff\x00")
def test_decode_returns_text_or_raises_input_error(data):
    try:
        text = decode(data, "x.txt")
    except InputError as err:
        assert "x.txt" in str(err) and "\n" not in str(err)
    else:
        assert isinstance(text, str)


@SETTINGS
@given(
    st.one_of(st.binary(max_size=400), MARKUP.map(lambda m: m.encode("utf-8", "replace"))),
    st.sampled_from([".txt", ".html", ".jsonl", ".md", ""]),
)
def test_any_file_is_documents_or_reasons(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("any") / f"input{suffix}"
    path.write_bytes(data)
    items = list(read_documents([path]))
    for item in items:
        assert isinstance(item, Document | Rejected)
        if isinstance(item, Rejected):
            assert str(path) in item.reason and "\n" not in item.reason
        else:
            assert item.text.strip()
            _check_sections(item)
    if suffix != ".jsonl":
        assert len(items) == 1


@SETTINGS
@given(st.text(alphabet=st.characters(min_codepoint=32, blacklist_categories=["Cs"])))
def test_utf8_and_utf16_round_trip(text):
    assume(not text.startswith("\ufeff"))
    assert decode(text.encode("utf-8"), "x") == text
    assert decode(text.encode("utf-16"), "x") == text


@SETTINGS
@given(st.text(max_size=60))
@example("0000-01-01")
@example("9999-12-31T99:99")
@example("2024-02-30")
def test_parse_date_returns_a_date_or_raises_input_error(value):
    try:
        found = parse_date(value)
    except InputError:
        return
    assert found is None or found[1] in (1, 2, 3)


@SETTINGS
@given(st.text(max_size=300))
def test_find_date_never_raises(text):
    found = find_date(text)
    assert found is None or 1800 <= found[0].year <= 2200


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=10,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUES,
        "text": st.one_of(st.text(max_size=80), MARKUP, JSON_VALUES),
        "date": st.one_of(st.text(max_size=12), JSON_VALUES, st.dates().map(str)),
        "title": JSON_VALUES,
        "url": JSON_VALUES,
    },
)


@SETTINGS
@given(RECORDS)
def test_jsonl_record_is_a_document_or_a_reason(record):
    found = jsonl_record(json.dumps(record), source="c.jsonl", lineno=7)
    assert isinstance(found, Document | Rejected)
    if isinstance(found, Rejected):
        assert "c.jsonl:7" in found.reason and "\n" not in found.reason
    else:
        assert found.text.strip() and isinstance(found.id, str) and found.id
        _check_sections(found)


@RECORD_SETTINGS
@given(st.lists(st.one_of(RECORDS.map(json.dumps), st.text(max_size=40)), max_size=12))
def test_jsonl_every_non_blank_line_is_accounted_for(lines):
    lines = [line.replace("\n", " ") for line in lines]
    items = list(read_jsonl("\n".join(lines), source="c.jsonl"))
    assert len(items) == sum(1 for line in lines if line.strip())


@SETTINGS
@given(st.text(alphabet="ab \n.!", max_size=2000), st.integers(1, 50))
def test_section_cap_splits_at_breaks(text, _seed):
    sections = split_sections(text)
    assert sum(s.end - s.start for s in sections) == len(text)


# --- name folding ------------------------------------------------------------------------

NAME_WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), min_size=1, max_size=4
)
FOLDED = set("abcdefghijklmnopqrstuvwxyz0123456789")


def _folded_chars_ok(key: str) -> bool:
    return all(
        ch in FOLDED or "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in key
    )


@SETTINGS
@given(st.text(max_size=40))
@example("Ḩasakah ﻿ ʿAyn al-ʿArab")
@example("İstanbul")
@example("ǅemal ß ﬁ Ⅻ ①")
def test_fold_keeps_only_key_characters(name):
    # Not idempotent by design: fold("Hasaka Ayn") == "hasakaayn", whose doubled
    # "aa" a second fold would collapse. Keys are made from names, never refolded.
    assert _folded_chars_ok(fold(name))


@SETTINGS
@given(NAME_WORDS, st.lists(st.sampled_from("\u0301\u0304\u0323\u0331\u0308"), max_size=3))
def test_fold_ignores_diacritics(words, marks):
    plain = " ".join(words)
    marked = " ".join(w[0] + "".join(marks) + w[1:] for w in words)
    assert fold(unicodedata.normalize("NFC", marked)) == fold(plain)


@SETTINGS
@given(NAME_WORDS)
def test_fold_ignores_separators_and_case(words):
    spaced = " ".join(words)
    assert fold(spaced) == fold("-".join(words)) == fold("  ".join(words).upper())
    assert fold(spaced) == fold("_".join(words)) == fold(" - ".join(words).title())


@SETTINGS
@given(st.text(max_size=30))
def test_fold_ignores_unicode_normal_form(name):
    assert fold(unicodedata.normalize("NFC", name)) == fold(unicodedata.normalize("NFD", name))


@SETTINGS
@given(st.text(max_size=30))
def test_fold_variants_include_the_key(name):
    variants = fold_variants(name)
    assert "" not in variants
    assert (fold(name) in variants) == bool(fold(name))
    assert all(_folded_chars_ok(v) for v in variants)


# --- GeoJSON -----------------------------------------------------------------------------

LON = st.floats(-180, 180, allow_nan=False)
LAT = st.floats(-90, 90, allow_nan=False)
POSITION = st.tuples(LON, LAT).map(list)
BAD_NUMBER = st.sampled_from([math.nan, math.inf, -math.inf, 180.5, -180.5, 1e308, -1e308])
RING = st.lists(POSITION, min_size=3, max_size=8)
POLYGON = st.lists(RING, min_size=1, max_size=3)
GEOMETRY = st.one_of(
    POSITION.map(lambda c: {"type": "Point", "coordinates": c}),
    st.lists(POSITION, min_size=1, max_size=5).map(
        lambda c: {"type": "MultiPoint", "coordinates": c}
    ),
    st.lists(POSITION, min_size=2, max_size=8).map(
        lambda c: {"type": "LineString", "coordinates": c}
    ),
    st.lists(st.lists(POSITION, min_size=2, max_size=5), min_size=1, max_size=3).map(
        lambda c: {"type": "MultiLineString", "coordinates": c}
    ),
    POLYGON.map(lambda c: {"type": "Polygon", "coordinates": c}),
    st.lists(POLYGON, min_size=1, max_size=3).map(
        lambda c: {"type": "MultiPolygon", "coordinates": c}
    ),
)
TEXT = st.text(max_size=30)


@st.composite
def places(draw, geometry=GEOMETRY) -> Place:
    geom = draw(geometry)
    start = draw(st.integers(0, 10_000))
    mention = Mention(text=draw(TEXT), start=start, end=start + 5, label="GPE", name="x")
    point = draw(st.none() | st.tuples(LON, LAT))
    kind = "line" if "Line" in geom["type"] else draw(st.sampled_from(["point", "area"]))
    return Place(
        mention,
        draw(TEXT),
        kind,
        geom,
        geonameid=draw(st.none() | st.integers(1, 2**31)),
        country_code=draw(st.none() | st.sampled_from(["SY", "IQ", "TR", "XX", "sy"])),
        admin1=draw(st.none() | TEXT),
        lon=None if point is None else point[0],
        lat=None if point is None else point[1],
        confidence=draw(st.floats(0, 1)),
        approximate=draw(st.booleans()),
    )


@st.composite
def events(draw, place=None) -> Event:
    start = draw(st.integers(0, 10_000))
    return Event(
        event_id=draw(st.text(min_size=1, max_size=10)),
        event_type=draw(st.sampled_from(["Battles", "Protests", "Riots", "x"])),
        sub_event_type=draw(TEXT),
        source_sentence=draw(TEXT),
        source_section=draw(st.sampled_from(["body", "comments"])),
        trigger=draw(TEXT),
        trigger_start=start,
        trigger_end=start + 3,
        place=draw(place if place is not None else st.none() | places()),
        actor1=draw(st.none() | TEXT),
        actor2=draw(st.none() | TEXT),
        event_date=draw(st.none() | st.dates().map(str)),
        time_precision=draw(st.none() | st.integers(1, 3)),
        geo_precision=draw(st.none() | st.integers(1, 3)),
        confidence=draw(st.floats(0, 1)),
        source=draw(st.none() | TEXT),
    )


@RECORD_SETTINGS
@given(st.lists(events(), max_size=5))
def test_event_geojson_is_valid_rfc7946(event_list):
    try:
        collection = json.loads(dumps_geojson(events_to_geojson(event_list)))
    except GeometryError as err:
        assert "distinct" in str(err)  # a border line cannot degenerate; a drawn one can
        return
    check_feature_collection(collection)
    assert len(collection["features"]) == len(event_list)
    for feature in collection["features"]:
        assert tuple(feature["properties"]) == EVENT_PROPERTIES


@RECORD_SETTINGS
@given(st.lists(places(), max_size=5))
def test_place_geojson_is_valid_rfc7946(place_list):
    collection = json.loads(dumps_geojson(places_to_geojson(place_list)))
    check_feature_collection(collection)


@SETTINGS
@given(POLYGON)
def test_polygons_are_closed_and_wound_right_hand(rings):
    try:
        geometry = clean_geometry({"type": "Polygon", "coordinates": rings})
    except GeometryError as err:
        assert "distinct" in str(err)  # an exterior ring of fewer than 3 distinct points
        return
    check_feature_collection({"type": "FeatureCollection", "features": [_feature(geometry)]})
    # Winding a ring the other way gives the same rings, wound the same way.
    reversed_rings = [list(reversed(r)) for r in rings]
    again = clean_geometry({"type": "Polygon", "coordinates": reversed_rings})
    assert [set(map(tuple, r)) for r in again["coordinates"]] == [
        set(map(tuple, r)) for r in geometry["coordinates"]
    ]


@SETTINGS
@given(GEOMETRY, st.data())
def test_bad_numbers_are_refused_with_a_geoevents_error(geometry, data):
    bad = json.loads(json.dumps(geometry))
    path = bad["coordinates"]
    while isinstance(path[0], list):
        path = path[data.draw(st.integers(0, len(path) - 1))]
    path[data.draw(st.integers(0, 1))] = data.draw(BAD_NUMBER)
    with pytest.raises(GeometryError):
        clean_geometry(bad)


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [1.0]},
        {"type": "Point", "coordinates": ["1", "2"]},
        {"type": "LineString", "coordinates": [[1.0, 2.0]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]},
        {"type": "Polygon", "coordinates": []},
        {"type": "Circle", "coordinates": [0, 0]},
        {"type": "MultiPolygon", "coordinates": None},
    ],
)
def test_malformed_geometries_are_refused(geometry):
    with pytest.raises(GeoeventsError):
        clean_geometry(geometry)


def _feature(geometry):
    return {"type": "Feature", "id": "x", "geometry": geometry, "properties": {}}


# --- CSV ---------------------------------------------------------------------------------


@RECORD_SETTINGS
@given(st.lists(events(), min_size=1, max_size=4))
def test_csv_cells_never_start_a_formula_and_rows_round_trip(event_list):
    text = dumps_csv(event_list)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(event_list)
    for row in rows:
        for value in row.values():
            if value.startswith(("=", "+", "-", "@", "\t", "\r")):
                float(value)  # only a number (a negative longitude) may start so
    for row, event in zip(rows, event_list, strict=True):
        assert row["notes"] == _csv_cell(event.source_sentence)
        assert row["actor1"] == _csv_cell(event.actor1)
