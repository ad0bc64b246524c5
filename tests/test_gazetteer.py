"""The real gazetteer store: the acceptance names, fuzzy matching, borders, areas, CLI, geopy."""

from __future__ import annotations

import doctest
import json

import pytest
from click.testing import CliRunner
from shapely.geometry import Point, shape

from geoevents.gazetteer import Gazetteer, LocalGazetteer, border, length_km


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The default store, built once when missing."""
    return Gazetteer.open_default()


@pytest.mark.parametrize(
    ("name", "geonameid", "code"),
    [
        ("Hajin", 174506, "P"),
        ("Deir Ezzor", 170792, "ADM1"),
        ("Deir ez-Zor", 170792, "ADM1"),
        ("Dayr az Zawr", 170792, "ADM1"),
        ("al-Bukamal", 174448, "P"),
        ("Albu Kamal", 174448, "P"),
        ("Abu Kamal", 174448, "P"),
        ("Syria", 163843, "PCLI"),
        ("Iraq", 99237, "PCLI"),
        ("Afrin", 174186, "P"),
        ("Khan Shaykhun", 168325, "P"),
    ],
)
def test_acceptance_names_resolve_first(gaz, name, geonameid, code):
    best = gaz.lookup(name)[0]
    assert best.geonameid == geonameid
    assert code in (best.feature_code, best.feature_class)


def test_al_hasakah_city_and_governorate(gaz):
    ids = [e.geonameid for e in gaz.lookup("Al-Hasakah", limit=3)]
    assert ids[:2] == [173813, 173811]
    assert gaz.lookup("Hasakah", country="SY")[0].geonameid in (173813, 173811)


def test_entry_fields_and_parents(gaz):
    hajin = gaz.get(174506)
    assert (hajin.name, hajin.country_code, hajin.admin1_code) == ("Hajin", "SY", "07")
    assert hajin.admin1_name == "Deir ez-Zor"
    assert hajin.source == "geonames-cities500" and not hajin.approximate
    assert [p.name for p in gaz.parents(hajin)] == ["Deir ez-Zor Governorate", "Syria"]
    gov = gaz.admin1("SY", "07")
    assert gov.geonameid == 170792 and gov.approximate and gov.population > 300_000
    assert 34 < gov.lat < 36.5 and 39 < gov.lon < 41.5
    assert gaz.country("sy").geonameid == 163843
    assert gaz.get(170062).feature_code == "ADM1"  # Aleppo Governorate
    assert gaz.get(170654).feature_code == "PPLC"  # Damascus


def test_fuzzy_acceptance(gaz):
    best, score = gaz.fuzzy("Dier ez-Zor")[0]
    assert best.geonameid in (170792, 170794) and score >= 80
    assert 168325 in [e.geonameid for e, _ in gaz.fuzzy("Khan Sheikhoun")]
    assert gaz.fuzzy("Khan Sheikhun", country="SY")[0][0].geonameid == 168325


def test_demonyms(gaz):
    words = {"Syrian": "SY", "Syrians": "SY", "Iraqi": "IQ", "Turkish": "TR", "Turks": "TR",
             "Iranian": "IR", "Russian": "RU", "American": "US", "Syria": "SY"}
    assert {w: gaz.country_code_for(w) for w in words} == words
    assert gaz.country_code_for("Kurdish") is None


def test_syria_iraq_border(gaz):
    geom = gaz.border("SY", "IQ")
    assert geom["type"] in ("LineString", "MultiLineString")
    assert 550 < length_km(geom) < 650
    line = shape(geom)
    assert line.distance(Point(42.36, 37.11)) < 0.05  # Turkey tripoint
    assert line.distance(Point(38.78, 33.37)) < 0.05  # Jordan tripoint
    assert border("IQ", "SY").equals(line) or border("IQ", "SY").length == pytest.approx(
        line.length, rel=1e-6
    )
    assert gaz.border("SY", "FR") is None


def test_areas(gaz):
    syria = shape(gaz.country_geometry("SY"))
    assert syria.contains(Point(36.29, 33.51))  # Damascus
    deir = shape(gaz.admin1_geometry("SY", "07"))
    assert deir.contains(Point(40.83, 34.70)) and deir.contains(Point(40.14, 35.34))
    assert not deir.contains(Point(36.29, 33.51))
    assert syria.buffer(0.05).contains(deir)


def test_curated_features(gaz):
    river = gaz.lookup("Euphrates")[0]
    assert (river.feature_code, river.source.startswith("curated")) == ("STM", True)
    assert gaz.get_geometry(river.geonameid)["type"] == "LineString"
    crossing = gaz.lookup("al-Bukamal crossing")[0]
    assert crossing.feature_code == "PSTB" and crossing.geonameid < 0
    assert abs(crossing.lat - 34.42) < 0.2
    north = gaz.lookup("northern Syria")[0]
    assert gaz.get_geometry(north.geonameid)["type"] in ("Polygon", "MultiPolygon")
    kurdistan = shape(gaz.get_geometry(gaz.lookup("Iraqi Kurdistan")[0].geonameid))
    assert kurdistan.contains(Point(44.01, 36.19))  # Erbil
    assert not kurdistan.contains(Point(44.37, 33.31))  # Baghdad


def test_has_name_and_meta(gaz):
    assert gaz.has_name("Deir Ezzor") and not gaz.has_name("Qwxzptlk")
    meta = gaz.meta()
    assert int(meta["entries"]) > 250_000


def test_cli_search_json(gaz):
    from geoevents.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["gazetteer", "search", "Dier ez-Zor", "--fuzzy", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["name"].startswith("Deir ez-Zor")
    for key in ("geonameid", "name", "feature_code", "country", "admin1", "lat", "lon",
                "population"):
        assert key in rows[0]
    result = runner.invoke(main, ["gazetteer", "search", "Khan Sheikhoun", "--fuzzy"])
    assert result.exit_code == 0 and "Khan Shaykhun" in result.output
    result = runner.invoke(main, ["gazetteer", "search", "Hajin", "--country", "SY", "--json"])
    assert json.loads(result.output)[0]["geonameid"] == 174506


def test_local_gazetteer_is_a_geopy_geocoder(gaz):
    from geopy.location import Location

    geo = LocalGazetteer(gaz)
    loc = geo.geocode("Hajin")
    assert isinstance(loc, Location) and loc.raw["geonameid"] == 174506
    assert loc.address == "Hajin, Deir ez-Zor, Syria"
    assert loc.latitude == pytest.approx(34.695, abs=0.01)
    many = geo.geocode("Hajin", exactly_one=False)
    assert isinstance(many, list) and len(many) >= 2
    assert geo.geocode("Qwxzptlk") is None


def test_geocoder_doctests(gaz):
    import geoevents.gazetteer.geocoder as module

    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted >= 4
