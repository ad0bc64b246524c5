"""The event-to-place linker: its features on their wording, the model, where events land in
real-model parses, the training command on a tiny slice, and the held-out figure it reports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geoevents.events.linker import LINK_FEATURES, Linker, shipped_linker
from geoevents.events.location import PlaceSpans, candidate_places, link_rows, locate
from geoevents.ingest import document_from_text
from geoevents.nlp import find_mentions
from tests.conftest import ROOT, SHARED, needs_shared

LOCATIONS = SHARED / "events" / "event-location-train.jsonl"


def _parse(geoparser, text: str):
    doc = geoparser.nlp(text)
    document = document_from_text(text, id="t", date="2018-03-06")
    places = geoparser.resolver.resolve(find_mentions(doc), document=document)
    return doc, places


def _rows(geoparser, text: str, trigger: str):
    doc, places = _parse(geoparser, text)
    head = next(t for t in doc if t.text == trigger)
    spans = candidate_places(head, PlaceSpans.of(doc, places, 0))
    return {span.text: feats for _, span, feats in link_rows(head, [], spans)}


def test_features_read_the_path_between_trigger_and_place(geoparser):
    rows = _rows(geoparser, "Turkish jets bombed a hospital in Afrin, near Aleppo.", "bombed")
    assert rows["Afrin"]["prep:in"] == 1 and rows["Afrin"]["in_clause"] == 1
    assert rows["Aleppo"]["prep:near"] == 1
    assert set(rows["Afrin"]) <= set(LINK_FEATURES)


def test_a_place_and_its_container_are_marked(geoparser):
    rows = _rows(geoparser, "Police arrested protesters in Kadikoy, Istanbul.", "arrested")
    assert rows["Kadikoy"]["holds_other"] == 1 and rows["Istanbul"]["inside_other"] == 1


def test_the_linker_prefers_the_place_the_event_happened_in(geoparser):
    text = "Troops from Aleppo shelled the town of Maarat al-Numan on Sunday."
    doc, places = _parse(geoparser, text)
    head = next(t for t in doc if t.text == "shelled")
    spans = candidate_places(head, PlaceSpans.of(doc, places, 0))
    assert len(spans) == 2  # both places reach the linker
    link = shipped_linker().choose(link_rows(head, [], spans))
    assert link is not None and link.span.text != "Aleppo"
    assert link.why[0].startswith("place p=")


def test_the_town_named_before_locates_an_attack_on_the_town(geoparser):
    text = ("Drones hit a depot in the village of Hajin, east of the Deir Ezzor countryside, "
            "to back the militia's long assault on the village.")
    doc, places = _parse(geoparser, text)
    head = next(t for t in doc if t.text == "assault")
    where = locate(doc, head, places, offset=0)
    assert where is not None and where.place.name == "Hajin"
    assert where.why == ("place: the town named before",)


@pytest.mark.parametrize(("text", "name", "actor"), [
    ("Ankara's forces shelled the town.", "Ankara", True),
    ("The Damascus government agreed to the truce.", "Damascus", True),
    ("It drew two of the region's leaders into a confrontation.", "region", True),
    ("Jets bombed Syria's north-west.", "Syria", False),
    ("Jets bombed the Afrin region.", "Afrin", False),
])
def test_a_name_standing_for_an_actor_is_no_candidate_place(geoparser, text, name, actor):
    from geoevents.events.location import stands_for_actor

    doc = geoparser.nlp(text)
    assert stands_for_actor(next(t for t in doc if t.text == name)) is actor


def test_none_wins_at_its_threshold_and_the_choice_says_why():
    rows = [{"prep:in": 1.0}, {"prep:from": 1.0}]
    linker = Linker({"prep:in": 2.0, "prep:from": -1.0, "none": 0.0})
    assert linker.pick(rows)[0] == 0
    assert Linker({"prep:in": 2.0, "none": 5.0}).pick(rows) is None
    assert Linker({"none": 0.0}, none_threshold=0.9).pick(rows) is not None
    assert linker.pick([]) is None


def test_shipped_linker_covers_known_features_and_reports_its_held_out_figure():
    linker = shipped_linker()
    assert set(linker.weights) <= set(LINK_FEATURES)
    assert linker.meta["held_out"]["linked_right"] >= 0.6  # measured when it was fitted
    assert Linker.from_json(json.loads(json.dumps(linker.to_json()))).weights == linker.weights


@needs_shared
@pytest.mark.shared
@pytest.mark.slow
def test_training_command_runs_on_a_tiny_slice(tmp_path):
    out = tmp_path / "linker.json"
    done = subprocess.run(
        [sys.executable, "-m", "geoevents.events.train_linker", "--data", str(LOCATIONS),
         "--limit", "200", "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert set(report) == {"train", "held_out"}
    assert Linker.from_json(json.loads(out.read_text())).weights


#: Nouns a place name owns or modifies when it stands for a state or its forces
#: ("the Damascus government", "Ankara's forces"); "Syria's north" is still a place.
_STATE_NOUNS = {"government", "regime", "force", "army", "troop", "official", "ministry", "police",
                "military", "authority", "leadership", "administration", "embassy", "delegation",
                "president", "leader", "ally", "proxy", "militia", "fighter", "soldier", "jet",
                "warplane", "diplomat", "envoy", "spokesman"}
#: Verbs whose subject undergoes the event ("Raqqa fell"): the subject is the place.
_UNDERGOING = {"fall", "burn", "collapse", "surrender", "capitulate", "lie", "remain", "be",
               "become", "see", "witness", "suffer", "host", "border"}


def _actor_use(root) -> str | None:
    """Why a place mention's root (in its sentence's own parse) reads as an actor, or None."""
    if root.dep_ in {"poss", "compound", "amod"} and root.head.lemma_.lower() in _STATE_NOUNS:
        return "owner of a state noun"  # "Ankara's forces", "the Damascus government"
    if root.dep_ == "nsubj" and root.head.pos_ in {"VERB", "AUX"} and (
        root.head.lemma_.lower() not in _UNDERGOING
    ):
        return "subject"  # "Moscow agreed", "Turkey shelled"
    return None


@needs_shared
@pytest.mark.shared
@pytest.mark.slow
def test_no_event_on_the_dev_articles_is_located_at_an_actor(geoparser):
    from tests.conftest import SHARED as shared

    path = shared / "corpus" / "guardian-dev.jsonl"
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    at_actors, located = [], 0
    for record in records:
        document = document_from_text(record["text"], id=record["id"], date=record["date"])
        for event in geoparser.process(document).events:
            if event.place is None or not event.source_sentence:
                continue
            mention = event.place.mention
            start = document.text.find(event.source_sentence)
            if not start <= mention.start < start + len(event.source_sentence):
                continue  # located by the story's place, not by a mention in its sentence
            located += 1
            doc = geoparser.nlp(event.source_sentence)
            span = doc.char_span(mention.start - start, mention.end - start,
                                 alignment_mode="expand")
            why = _actor_use(span.root) if span else None
            if why:
                at_actors.append((record["id"], span.text, why, event.trigger))
    assert located > 100
    assert at_actors == [], "\n".join(map(str, at_actors))


def test_a_linked_country_gives_way_to_its_own_town_argument_of_the_trigger(geoparser):
    text = "Aid groups warned about the army's push into Afrin, in the Syrian north-west."
    doc, places = _parse(geoparser, text)
    head = next(t for t in doc if t.text == "push")
    where = locate(doc, head, places, offset=0)
    assert where is not None and where.place.name == "Afrin"


def test_the_story_place_is_in_the_country_the_text_names_most(geoparser):
    from geoevents.events.location import document_focus

    text = ("Aid workers from Beirut and Beirut's port reached Syria. Syria said Idlib was calm; "
            "Syria and Damascus reported shelling in Idlib.")
    _, places = _parse(geoparser, text)
    focus = document_focus(places)
    assert focus is not None and focus.country_code == "SY" and focus.name != "Syria"
