"""Resolver rules on a small fake gazetteer."""

from __future__ import annotations

from geoevents.models import Mention
from geoevents.resolve import Resolver
from tests.test_resolve_support import FakeGazetteer


def _m(name, start=0, label="GPE", **kw):
    text = kw.pop("text", name)
    return Mention(text=text, start=start, end=start + len(text), label=label, name=name, **kw)


def _resolve(*mentions, **kw):
    return Resolver(FakeGazetteer(), **kw).resolve(list(mentions))


def test_town_with_container_resolves_to_a_point_with_alternatives():
    (p,) = _resolve(_m("Hajin", cue="town", container="Deir Ezzor"))
    assert p.kind == "point" and p.geonameid == 174506
    assert 0 < p.confidence <= 1 and p.alternatives[0].geonameid == 174506


def test_countryside_is_the_governorate_area_not_the_city():
    (p,) = _resolve(
        _m("Deir Ezzor", label="REGION", cue="countryside", text="Deir Ezzor countryside")
    )
    assert p.geonameid == 170792 and p.kind == "area" and p.approximate
    assert p.geometry["type"] == "Polygon"


def test_border_is_a_line():
    (p,) = _resolve(_m("Syrian-Iraqi border", label="BORDER", countries=("SY", "IQ")))
    assert p.kind == "line" and p.geometry["type"] == "LineString" and p.approximate


def test_one_country_border_takes_the_partner_from_the_document():
    places = _resolve(
        _m("Turkish border", label="BORDER", countries=("TR",)), _m("Syria", start=40)
    )
    assert places[0].kind == "line" and places[0].raw["countries"] == ["TR", "SY"]


def test_country_name_never_goes_to_a_small_place():
    (p,) = _resolve(_m("Syria"))
    assert p.feature_code == "PCLI"


def test_containment_picks_the_right_springfield():
    (p,) = _resolve(_m("Springfield", container="Illinois"))
    assert p.admin1_code == "IL"


def test_document_context_picks_the_right_springfield():
    places = _resolve(_m("Missouri", start=0), _m("Springfield", start=20))
    assert places[1].admin1_code == "MO"


def test_river_is_a_line():
    (p,) = _resolve(_m("Euphrates", label="LOC"))
    assert p.kind == "line"


def test_demonyms_are_dropped_unless_asked():
    assert _resolve(_m("Syrian", label="NORP", demonym=True)) == []
    (p,) = _resolve(_m("Syrian", label="NORP", demonym=True), keep_demonyms=True)
    assert p.geonameid == 163843


def test_unknown_name_is_dropped_without_context():
    assert _resolve(_m("Qwertyville")) == []


def test_street_falls_back_to_the_documents_town():
    places = _resolve(_m("Hajin", start=0), _m("Main Street", start=20, label="FAC"))
    street = places[1]
    assert street.approximate and street.geonameid is None
    assert (street.lat, street.lon) == (places[0].lat, places[0].lon)


def test_one_bad_mention_does_not_wipe_out_the_rest():
    places = _resolve(_m("Qwertyville"), _m("Hajin", start=30), fallback=False)
    assert [p.name for p in places] == ["Hajin"]


def test_facility_naming_another_country_goes_to_that_country():
    places = _resolve(_m("Hajin", start=0), _m("Central Bank of Iraq", start=20, label="ORG"))
    bank = places[1]
    assert bank.approximate and bank.geonameid is None
    assert (bank.country_code, bank.lat, bank.lon) == ("IQ", 33, 44)


def test_facility_naming_an_admin1_of_an_unrelated_country_stays_at_the_focus_town():
    places = _resolve(_m("Hajin", start=0), _m("University of Missouri", start=20, label="ORG"))
    assert (places[1].lat, places[1].lon) == (places[0].lat, places[0].lon)


def test_state_abbreviation_names_the_state_not_a_town():
    (p,) = _resolve(_m("Ill."))
    assert p.feature_code == "ADM1" and p.admin1_code == "IL"


def test_world_features_have_no_anchor_distance_and_oceans_their_short_name():
    from types import SimpleNamespace

    from geoevents.resolve.features import Context, features
    from geoevents.resolve.resolver import _main_key

    ocean = SimpleNamespace(
        name="Atlantic Ocean", feature_class="H", feature_code="OCN", country_code=None,
        admin1_code=None, population=0, lat=10.0, lon=-25.0,
    )
    assert _main_key(ocean) == _main_key(SimpleNamespace(name="Atlantic", feature_code="PPL"))
    feats = features(
        ocean, query_key="atlantic", main_key="atlantic", country_query=False, cue=None,
        label="LOC", container=None, ctx=Context({"US": 1.0}, {}, [(40.0, -105.0)]),
    )
    assert feats["far_anchor"] == 0 and feats["near_anchor"] == 0


def test_a_sea_named_with_its_article_is_found_from_the_bare_name():
    (p,) = _resolve(_m("Gulf", label="LOC"))
    assert p.name == "Persian Gulf"


def test_an_embassy_stays_in_the_documents_town_not_the_country_it_represents():
    places = _resolve(_m("Hajin", start=0), _m("Embassy of Iraq", start=20, label="FAC"))
    assert places[1].country_code == "SY"
