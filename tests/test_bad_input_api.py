"""Bad input through the Python API: ``extract_files`` keeps every good document's results,
and ``extract`` raises only ``GeoeventsError``."""

from __future__ import annotations

import pytest

import geoevents
from geoevents.errors import GeoeventsError, InputError
from tests.test_bad_input_cli import EXPECTED_FAILURES, _write_inputs
from tests.test_properties import check_feature_collection


def test_extract_files_reports_each_bad_input_and_keeps_the_rest(tmp_path, geoparser, monkeypatch):
    names = _write_inputs(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = geoparser.extract_files(names)
    reasons = dict(result.errors)
    for name, phrase in EXPECTED_FAILURES.items():
        matching = [r for r in reasons.values() if r.startswith(f"{name}:")]
        assert len(matching) == 1 and phrase in matching[0], (name, matching)
    assert len(reasons) == len(EXPECTED_FAILURES)
    check_feature_collection(result.to_geojson())
    check_feature_collection(result.places_geojson())
    sources = {e.source for e in result.events}
    assert {"good", "utf16", "page", "a", "future", "surrogate", "formula"} <= sources


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (b"bytes are not text", InputError),
        (None, InputError),
        ("x" * 1_000_001, InputError),
    ],
)
def test_extract_refuses_what_is_not_text(text, error):
    with pytest.raises(error) as info:
        geoevents.extract(text)
    assert isinstance(info.value, GeoeventsError)


@pytest.mark.parametrize("date", ["someday", "2024-02-30", "0000-01-01", "10000-01-01"])
def test_extract_refuses_bad_dates(date):
    with pytest.raises(InputError, match="not a date"):
        geoevents.extract("Shelling hit Idlib.", date=date)


@pytest.mark.parametrize("text", ["", "   \n\n", "<script>alert(1)</script>", "\x00\x01"])
def test_extract_of_nothing_is_an_empty_result(text):
    result = geoevents.extract(text)
    assert result.places == [] and result.events == [] and result.errors == []
    check_feature_collection(result.to_geojson())
