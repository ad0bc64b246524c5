"""The event decision: its named features, the fitted model, the training command, and the
scored numbers on the held-out analyst-coded articles as regression floors (not timed)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from geoevents.events.decision import (
    FEATURE_NAMES,
    KEEP_ALL,
    Candidate,
    DecisionModel,
    features,
    shipped_model,
)
from tests.conftest import ROOT, SHARED, needs_shared

GOLD = SHARED / "events" / "guardian-dev.gold.jsonl"
ARTICLES = SHARED / "corpus" / "guardian-dev.jsonl"
SCORER = SHARED / "events" / "score.py"
HELPER_CODED = ROOT / "tests" / "data" / "events" / "guardian-dev.coded-by-helpers.jsonl"
DOC_DATE = dt.date(2018, 3, 6)


@pytest.fixture(scope="module")
def nlp(geoparser):
    return geoparser.nlp


def _feats(nlp, text: str, trigger: str, **given) -> dict[str, float]:
    doc = nlp(text)
    head = next(t for t in doc if t.text == trigger)
    values = dict(
        head=head, event_type="Battles", place_how="linked", geo_precision=1,
        place_country="SY", date=None, document_date=DOC_DATE, has_actor=True,
        has_target=False, reported=False, anaphoric=False, deaths=0, section="body",
        sentence_index=5, sentence_events=1, article_events=3, focus_countries=frozenset({"SY"}),
    )
    values.update(given)
    return features(Candidate(**values))


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        ("Turkish jets have bombed the town since 2014.", "bombed", "perfect_aspect"),
        ("The rebels had attacked the base before the truce.", "attacked", "pluperfect"),
        ("Turkish jets have bombed the town since 2014.", "bombed", "aggregate_cues"),
        ("“They shelled the market,” he said.", "shelled", "in_quotes"),
        ("Rebels shelled the market on Sunday.", "shelled", "current_cues"),
        ("Rebels shelled the market in 2013.", "shelled", "other_year_in_sentence"),
        ("Airstrikes hit the town.", "Airstrikes", "trigger_is_plural"),
        ("We were shelled every night in our house.", "shelled", "first_person"),
        ("When the army shelled the town, people fled.", "shelled", "subordinate_clause"),
        ("The town, which the army shelled, is empty.", "shelled", "relative_clause"),
        ("The strikes killed 1,500 people.", "strikes", "big_number"),
        ("Rebels reportedly shelled the market.", "shelled", "hedge_cues"),
        ("Police are attacking the crowd.", "attacking", "present_tense"),
        ("The town was shelled by the army.", "shelled", "passive"),
    ],
)
def test_each_feature_fires_on_its_wording(nlp, text, trigger, name):
    assert _feats(nlp, text, trigger)[name] > 0


def test_features_stay_off_on_a_plain_report(nlp):
    f = _feats(nlp, "Rebels shelled the market.", "shelled")
    for name in ("perfect_aspect", "pluperfect", "aggregate_cues", "in_quotes", "first_person",
                 "subordinate_clause", "relative_clause", "big_number", "hedge_cues",
                 "other_year_in_sentence", "trigger_is_plural"):
        assert f[name] == 0, name
    assert set(f) == set(FEATURE_NAMES)


def test_date_features_measure_the_age_against_the_document_date(nlp):
    text, trigger = "Rebels shelled the market.", "shelled"
    assert _feats(nlp, text, trigger, date="2018-03-04")["date_within_month"] == 1
    assert _feats(nlp, text, trigger, date="2017-10")["date_months_before"] == 1
    assert _feats(nlp, text, trigger, date="2013")["date_years_before"] == 1
    assert _feats(nlp, text, trigger)["own_date"] == 0


def test_place_and_position_features(nlp):
    text, trigger = "Rebels shelled the market.", "shelled"
    assert _feats(nlp, text, trigger, place_how=None)["no_place"] == 1
    assert _feats(nlp, text, trigger, place_how="focus")["place_from_focus"] == 1
    assert _feats(nlp, text, trigger, geo_precision=3)["region_only"] == 1
    assert _feats(nlp, text, trigger, place_country="FR")["place_abroad"] == 1
    assert _feats(nlp, text, trigger, sentence_index=0)["lead_sentence"] == 1
    assert _feats(nlp, text, trigger, section="comments")["comments"] == 1
    assert _feats(nlp, text, trigger, repeats_earlier=True)["repeats_earlier"] == 1


def test_decision_keeps_by_threshold_and_says_why():
    model = DecisionModel({"bias": -1.0, "lead_sentence": 2.0}, {"bias": -2.0,
                          "date_years_before": 4.0}, threshold=0.5)
    kept = model.decide({"bias": 1.0, "lead_sentence": 1.0, "date_years_before": 0.0})
    assert kept.keep and kept.status == "recent" and kept.confidence == pytest.approx(0.731, 1e-3)
    assert kept.why[0].startswith("event p=0.73") and "lead_sentence +2.00" in kept.why
    dropped = model.decide({"bias": 1.0, "lead_sentence": 0.0, "date_years_before": 1.0})
    assert not dropped.keep and dropped.status == "background"
    assert KEEP_ALL.decide({"bias": 1.0}).keep


def test_shipped_model_covers_known_features_only():
    model = shipped_model()
    assert 0.0 < model.threshold < 1.0
    assert set(model.event) <= set(FEATURE_NAMES) and set(model.background) <= set(FEATURE_NAMES)
    assert model.meta["articles"] >= 100  # fitted on the helper-coded dev articles
    assert DecisionModel.from_json(json.loads(json.dumps(model.to_json()))).event == model.event


def test_events_carry_status_why_and_confidence(geoparser):
    from geoevents.ingest import document_from_text

    text = ("Turkish jets bombed the Syrian town of Afrin on Sunday, killing 12 civilians, "
            "the Syrian Observatory said.")
    events = geoparser.process(document_from_text(text, id="t", date="2018-03-06")).events
    assert events
    for e in events:
        assert e.status in {"recent", "background"} and e.why and 0 < e.confidence <= 1
        assert e.why[0].startswith("event p=")
        assert set(e.raw["features"]) == set(FEATURE_NAMES)


@needs_shared
@pytest.mark.shared
@pytest.mark.slow
def test_training_command_runs_on_a_tiny_slice(tmp_path):
    out = tmp_path / "w.json"
    done = subprocess.run(
        [sys.executable, "-m", "geoevents.events.train", "--gold", str(HELPER_CODED),
         "--articles", str(ARTICLES), "--scorer", str(SCORER), "--exclude", str(GOLD),
         "--limit", "4", "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    assert "4 articles" in done.stderr
    model = DecisionModel.from_json(json.loads(out.read_text()))
    assert model.event and model.meta["articles"] == 4


def test_helper_coding_holds_offsets_not_words():
    for line in HELPER_CODED.read_text().splitlines():
        article = json.loads(line)
        for event in article["events"] + article["not_events"]:
            assert set(event["evidence"]) == {"start", "end"}


#: Measured on the 36 analyst-coded articles, held out from training (see the issue note).
FLOORS = {"precision": 0.48, "recall_recent": 0.45, "type_right": 0.66, "place_right": 0.63,
          "actor1_right": 0.47, "date_right": 0.78}


@needs_shared
@pytest.mark.shared
@pytest.mark.slow
def test_scored_held_out_numbers_stay_above_their_floors(tmp_path):
    ids = {json.loads(line)["id"] for line in GOLD.read_text().splitlines() if line.strip()}
    coded = tmp_path / "coded.jsonl"
    with coded.open("w") as f:
        for line in ARTICLES.read_text().splitlines():
            if line.strip() and json.loads(line)["id"] in ids:
                f.write(line + "\n")
    events = tmp_path / "events.jsonl"
    subprocess.run([sys.executable, "-m", "geoevents", "extract", str(coded), "--format", "jsonl",
                    "-o", str(events)], check=True, cwd=ROOT)
    scored = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(coded), str(events),
                             "--json"], capture_output=True, text=True, check=True)
    numbers = json.loads(scored.stdout)
    for key, floor in FLOORS.items():
        assert numbers[key] >= floor, (key, numbers)


def _recent_everything() -> DecisionModel:
    return DecisionModel({"bias": 5.0}, {"bias": -5.0}, threshold=0.5)


@pytest.mark.parametrize(("page_date", "expected"), [("2018-03-06", ("2018-03", 2)),
                                                     ("2018-03", (None, None))])
def test_an_undated_recent_event_takes_the_month_of_a_report_dated_to_the_day(
    geoparser, page_date, expected
):
    from geoevents.events import extract_events
    from geoevents.ingest import document_from_text

    document = document_from_text("Turkish jets bombed the Syrian town of Afrin.", id="t",
                                  date=page_date)
    doc = geoparser.nlp(document.text)
    places = geoparser.process(document).places
    events = extract_events(doc, document, places, decision=_recent_everything())
    assert [(e.event_date, e.time_precision) for e in events] == [expected]


def test_threshold_is_chosen_on_out_of_fold_probabilities():
    from geoevents.events.train import Example, out_of_fold

    data = [Example(f"a{i}", {"bias": 1.0, "lead_sentence": float(i % 2)}, bool(i % 2), False)
            for i in range(20)]
    probabilities = out_of_fold(data)
    assert len(probabilities) == 20
    real = [p for p, e in zip(probabilities, data, strict=True) if e.real]
    other = [p for p, e in zip(probabilities, data, strict=True) if not e.real]
    assert min(real) > max(other)  # each fold's model learnt the signal without its own rows
