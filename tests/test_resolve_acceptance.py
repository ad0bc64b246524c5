"""The acceptance page in ../shared, end to end through the pipeline's places."""

from __future__ import annotations

import pytest

from tests.conftest import SEED, needs_shared

pytestmark = [needs_shared, pytest.mark.shared]


@pytest.fixture(scope="module")
def places(geoparser):
    from geoevents.ingest import read_documents

    (document,) = read_documents([str(SEED)])
    return geoparser.process(document).places


def _by_text(places, text):
    return [p for p in places if p.mention.text == text or p.mention.name == text]


def test_syrian_iraqi_border_is_a_line(places):
    (border, *_) = _by_text(places, "Syrian-Iraqi border")
    assert border.kind == "line" and set(border.mention.countries) == {"SY", "IQ"}
    assert border.geometry["type"] in {"LineString", "MultiLineString"}


@pytest.mark.parametrize(
    ("text", "geonameid"),
    [
        ("Hajin", 174506),
        ("al-Bukamal", 174448),
        ("Syria", 163843),
        ("Iraq", 99237),
        ("Al-Hasakah", 173811),
        ("Afrin", 174186),
    ],
)
def test_named_places_resolve_to_their_geonames_ids(places, text, geonameid):
    assert {p.geonameid for p in _by_text(places, text)} == {geonameid}


def test_deir_ezzor_countryside_is_the_governorate_area(places):
    (region,) = _by_text(places, "Deir Ezzor")
    assert region.geonameid == 170792 and region.kind == "area" and region.approximate


def test_misspelled_dier_ez_zor_is_still_deir_ez_zor(places):
    (place,) = _by_text(places, "Dier ez-Zor")
    assert place.geonameid in {170792, 170794}
    assert place.mention.section == "comments"


def test_euphrates_is_found(places):
    assert _by_text(places, "Euphrates")


def test_damascus_government_is_metonymy_and_demonyms_are_not_places(places):
    assert all(p.mention.metonymy for p in _by_text(places, "Damascus"))
    assert not [p for p in places if p.mention.text in {"Iraqi", "Syrian", "Iranian"}]


def test_every_place_has_a_confidence_and_alternatives(places):
    for place in places:
        assert 0 < place.confidence <= 1
        assert place.kind == "line" or place.alternatives or place.approximate
