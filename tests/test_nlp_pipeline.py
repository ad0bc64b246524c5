"""The real spaCy model with our component and the real gazetteer."""

from __future__ import annotations

import pytest

from geoevents.errors import ModelError
from geoevents.nlp import find_mentions, load_pipeline


@pytest.fixture(scope="module")
def nlp(geoparser):
    return geoparser.nlp


def _mentions(nlp, text):
    return {m.text: m for m in find_mentions(nlp(text))}


def test_pipeline_is_cached_per_model(geoparser):
    assert load_pipeline(gazetteer=geoparser.gazetteer) is geoparser.nlp
    assert "geoevents_places" in geoparser.nlp.pipe_names


def test_missing_model_is_a_clear_model_error(geoparser):
    with pytest.raises(ModelError, match="not installed"):
        load_pipeline("no_such_model_xx", gazetteer=geoparser.gazetteer)


def test_border_region_and_crossing(nlp):
    text = (
        "Posts were set up along the Syrian-Iraqi border. Jets struck the town of Hajin, "
        "in the southeastern Deir Ezzor countryside, near the al-Bukamal border crossing."
    )
    found = _mentions(nlp, text)
    border = found["Syrian-Iraqi border"]
    assert border.label == "BORDER" and border.countries == ("SY", "IQ")
    assert found["Hajin"].cue == "town" and found["Hajin"].container == "Deir Ezzor"
    region = next(m for m in found.values() if m.name == "Deir Ezzor")
    assert region.cue == "countryside"
    assert "al-Bukamal" in found


def test_border_with_a_country(nlp):
    found = _mentions(nlp, "Troops massed on the border with Turkey on Monday.")
    border = next(m for m in found.values() if m.label == "BORDER")
    assert "TR" in border.countries


def test_metonymy_and_demonyms_are_flagged(nlp):
    found = _mentions(nlp, "Tensions with the Damascus government grew, Iraqi officials said.")
    assert found["Damascus"].metonymy
    assert all(m.demonym for m in found.values() if m.text == "Iraqi")


def test_offsets_index_the_whole_document(nlp):
    body = "Smoke rose over Aleppo."
    (mention,) = find_mentions(nlp(body), offset=500, section="comments")
    assert (mention.start, mention.end) == (516, 522) and mention.section == "comments"
