"""Date phrases resolved against the document date, with ACLED's time precision."""

from __future__ import annotations

import datetime as dt

import pytest

from geoevents.events.dates import resolve_date

REF = dt.date(2021, 6, 15)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "ref", "ref_precision", "expected"),
    [
        ("On May 24", dt.date(2021, 6, 1), 2, ("2021-05-24", 1)),
        ("on December 30", dt.date(2021, 1, 5), 1, ("2020-12-30", 1)),
        ("24 May 2019", REF, 1, ("2019-05-24", 1)),
        ("May 24, 2019", REF, 1, ("2019-05-24", 1)),
        ("in late 2017", REF, 1, ("2017", 3)),
        ("mid-2018", REF, 1, ("2018", 3)),
        ("March 2019", REF, 1, ("2019-03", 2)),
        ("in March", REF, 1, ("2021-03", 2)),
        ("in September", REF, 1, ("2020-09", 2)),
        ("Monday", REF, 1, ("2021-06-14", 1)),
        ("on Tuesday", REF, 1, ("2021-06-15", 1)),
        ("last Tuesday", REF, 1, ("2021-06-08", 1)),
        ("Saturday night", REF, 1, ("2021-06-12", 1)),
        ("yesterday", REF, 1, ("2021-06-14", 1)),
        ("last week", REF, 1, ("2021-06", 2)),
        ("earlier this month", REF, 1, ("2021-06", 2)),
        ("last year", REF, 1, ("2020", 3)),
        ("three days ago", REF, 1, ("2021-06-12", 1)),
        ("6 months ago", REF, 1, ("2020-12", 2)),
        ("Monday", dt.date(2021, 6, 1), 2, ("2021-06", 2)),
        ("the last few months", REF, 1, (None, None)),
        ("May 24", None, None, (None, None)),
    ],
)
def test_resolve_date(text, ref, ref_precision, expected):
    assert resolve_date(text, ref, ref_precision) == expected
