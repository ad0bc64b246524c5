"""Event dates from DATE phrases, resolved against the document date.

Returns ``(event_date, time_precision)`` as ACLED uses them: precision 1 is a
day ("2021-05-24"), 2 a week or month ("2021-05"), 3 a year ("2017").
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for m in names
}
_WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3,
    "several": 3, "couple": 2,
}

_MONTH_RE = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"((?:19|20)\d\d)"

DateResult = tuple[str | None, int | None]


def format_date(day: dt.date, precision: int) -> str:
    """A date as ACLED writes it at a precision: 1 "2021-05-24", 2 "2021-05", 3 "2021"."""
    if precision == 1:
        return day.isoformat()
    if precision == 2:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(ref: dt.date) -> dt.date:
    nxt = dt.date(ref.year + ref.month // 12, ref.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _latest_before(month: int, day: int, ref: dt.date, ref_precision: int) -> dt.date | None:
    """The date with this month and day that is not after the reference."""
    limit = ref if ref_precision == 1 else _month_end(ref)
    for year in (limit.year, limit.year - 1):
        found = _safe_date(year, month, day)
        if found and found <= limit:
            return found
    return None


def parse_date(text: str | None) -> tuple[dt.date, int] | None:
    """An ACLED date string read back: its first day and its precision.

    >>> parse_date("2016-08")
    (datetime.date(2016, 8, 1), 2)
    >>> parse_date("2013")
    (datetime.date(2013, 1, 1), 3)
    >>> parse_date("soon") is None
    True
    """
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text or "")
    if not m:
        return None
    day = _safe_date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    if day is None:
        return None
    return day, 1 if m[3] else 2 if m[2] else 3


_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_UNIT_PRECISION = {"day": 1, "week": 2, "month": 2, "year": 3}
_VAGUE = {None, "few", "several"}
_COUNT_RE = r"(?:(?:a |the )?(\d+|\w+) |a few |a couple of )?"
#: Phrases told against another date: "the same month", "that May", "a few weeks later".
_SAME_RE = re.compile(r"(?:(?:later|earlier) (?:in )?)?(?:same|that) (\w+)")
_NEXT_RE = re.compile(r"(?:following|next) (day|week|month|year)")
_OFFSET_RE = re.compile(
    _COUNT_RE + r"(day|week|month|year)(s?) (later|after|afterwards|earlier|before)"
)


def _normal(text: str) -> str:
    """A date phrase lower-cased, its leading preposition and article and a possessive gone.

    >>> _normal("in 2013\u2019s")
    '2013'
    >>> _normal("Over the weekend.")
    'weekend'
    """
    s = re.sub(r"\s+", " ", text.lower().replace("\u2019", "'")).strip(" .,;")
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^(on|in|at|during|since|by|from|of|over)\s+", "", s)
    return re.sub(r"^the\s+", "", s)


def _count(word: str | None, plural: bool = True) -> int | None:
    """How many units a count word says; a vague count ("a few", "days") is three,
    none before a singular ("the day before") one."""
    if word in _VAGUE:
        return 3 if plural else 1
    return int(word) if word.isdigit() else _NUMBERS.get(word)


def _leans(s: str) -> bool:
    """The phrase is told against another date rather than the document's."""
    return bool(_SAME_RE.fullmatch(s) or _NEXT_RE.fullmatch(s) or _OFFSET_RE.fullmatch(s))


def _shift(base: tuple[dt.date, int], days: int, unit: str, vague: bool = False) -> DateResult:
    """``base`` moved by ``days``, as precise as the base, the unit and the count allow
    (a vague count, "days later", tells no day: a week or month at best)."""
    day, precision = base
    precision = max(precision, _UNIT_PRECISION[unit] + (1 if vague else 0), 2 if vague else 1)
    if precision > 3:
        return None, None
    if base[1] > _UNIT_PRECISION[unit] and abs(days) < 32:
        return format_date(day, precision), precision  # "days later" than a month or year
    if base[1] > 1 and unit in {"month", "year"}:
        return _shift_whole(base, days // _UNIT_DAYS[unit], unit)
    return format_date(day + dt.timedelta(days=days), precision), precision


def _shift_whole(base: tuple[dt.date, int], n: int, unit: str) -> DateResult:
    """A month or year told to its month or year, moved by ``n`` whole months or years ("a
    year later" than 2015 is 2016; "two months later" than 2015-11 is 2016-01); months from
    a year give nothing (the month within it is unknown).

    >>> _shift_whole((dt.date(2015, 1, 1), 3), 1, "year")
    ('2016', 3)
    >>> _shift_whole((dt.date(2015, 11, 1), 2), 2, "month")
    ('2016-01', 2)
    >>> _shift_whole((dt.date(2015, 1, 1), 3), 1, "month")
    (None, None)
    """
    day, precision = base
    months = n * 12 if unit == "year" else n
    if unit == "month" and precision > 2:
        return None, None
    total = day.year * 12 + day.month - 1 + months
    moved = dt.date(total // 12, total % 12 + 1, 1)
    return format_date(moved, precision), precision


def _anchored(
    s: str, anchor: tuple[dt.date, int] | None, ref: tuple[dt.date, int] | None = None
) -> DateResult:
    """A phrase told against the date before it; "N days before" without one is before
    the document's date.

    >>> _anchored("that may", (dt.date(2016, 8, 1), 2))
    ('2016-05', 2)
    >>> _anchored("a few weeks later", (dt.date(2012, 1, 1), 3))
    ('2012', 3)
    >>> _anchored("days before", None, (dt.date(2017, 10, 21), 1))
    ('2017-10', 2)
    >>> _anchored("following day", (dt.date(2018, 3, 3), 1))
    ('2018-03-04', 1)
    """
    m = _OFFSET_RE.fullmatch(s)
    if anchor is None and m and m[4] in {"earlier", "before"}:
        anchor = ref
    if anchor is None:
        return None, None
    day, precision = anchor
    if m:
        n = _count(m[1], bool(m[3]))
        if n is None:
            return None, None
        sign = 1 if m[4] in {"later", "after", "afterwards"} else -1
        vague = m[1] in _VAGUE and bool(m[3])
        return _shift(anchor, sign * n * _UNIT_DAYS[m[2]], m[2], vague=vague)
    if m := _NEXT_RE.fullmatch(s):
        return _shift(anchor, _UNIT_DAYS[m[1]], m[1])
    word = _SAME_RE.fullmatch(s)[1]  # type: ignore[index]
    if word in _MONTHS:
        return f"{day.year:04d}-{_MONTHS[word]:02d}", 2
    if word in _UNIT_PRECISION or word in _SEASONS:
        keep = max(precision, _UNIT_PRECISION.get(word, 3))
        return format_date(day, keep), keep
    return None, None


def _season(s: str, ref: dt.date | None) -> DateResult:
    """"the summer", "summer 2016", "last autumn": the season's year (precision 3).

    >>> _season("summer", dt.date(2017, 10, 12))
    ('2017', 3)
    >>> _season("last summer", dt.date(2017, 7, 12))
    ('2016', 3)
    >>> _season("winter", dt.date(2018, 1, 5))
    (None, None)
    """
    m = re.fullmatch(rf"(last |this |early |late |mid-?)?(\w+)(?:,? (?:of )?{_YEAR_RE})?", s)
    if not m or m[2] not in _SEASONS:
        return None, None
    if m[3]:
        return m[3], 3
    start = _SEASONS[m[2]]
    if ref is None or start == 12:
        return None, None  # a winter without a year spans two
    year = ref.year if ref.month >= start else ref.year - 1
    if m[1] == "last " and year == ref.year and ref.month < start + 3:
        year -= 1  # "last summer" told in the summer
    return f"{year:04d}", 3


@lru_cache(maxsize=4096)  # a pure function of its (hashable) arguments
def resolve_date(
    text: str,
    ref: dt.date | None = None,
    ref_precision: int | None = None,
    anchor: str | None = None,
) -> DateResult:
    """Resolve a date phrase ("On May 24", "late 2017", "Monday") to ``(date, precision)``.

    ``anchor`` is the date told just before the phrase (an ACLED date string); phrases
    that lean on it ("the same month", "that May", "a few weeks later") resolve
    against it, and to ``(None, None)`` without one.

    A phrase that would fall before year 1 (relative to a document date at the
    very start of the calendar) resolves to ``(None, None)``.

    >>> resolve_date("yesterday", dt.date(1, 1, 1), 1)
    (None, None)
    >>> resolve_date("in the same month", dt.date(2018, 2, 9), 1, anchor="2015-11")
    ('2015-11', 2)
    >>> resolve_date("in the same month", dt.date(2018, 2, 9), 1)
    (None, None)
    """
    try:
        s = _normal(text)
        if _leans(s):
            own = (ref, ref_precision or 1) if ref else None
            date, precision = _anchored(s, parse_date(anchor), own)
        else:
            date, precision = _resolve_date(s, ref, ref_precision)
    except (OverflowError, ValueError):
        return None, None
    if date is not None and (date.startswith("-") or date.startswith("0000")):
        return None, None
    return date, precision


def _resolve_date(
    text: str, ref: dt.date | None = None, ref_precision: int | None = None
) -> DateResult:
    """:func:`resolve_date` without the calendar-edge guard.

    >>> resolve_date("On May 24", dt.date(2021, 6, 1), 2)
    ('2021-05-24', 1)
    >>> resolve_date("in late 2017", dt.date(2021, 6, 1), 2)
    ('2017', 3)
    >>> resolve_date("on Monday", dt.date(2024, 3, 7), 1)
    ('2024-03-04', 1)
    """
    s = _normal(text)
    ref_precision = ref_precision or (1 if ref else None)

    if m := re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", s):
        day = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return (day.isoformat(), 1) if day else (None, None)
    # 24 May 2021 / May 24, 2021
    m = re.search(rf"\b{_DAY_RE} (?:of )?{_MONTH_RE},? {_YEAR_RE}\b", s) or None
    if m:
        day = _safe_date(int(m[3]), _MONTHS[m[2]], int(m[1]))
        return (day.isoformat(), 1) if day else (None, None)
    if m := re.search(rf"\b{_MONTH_RE} {_DAY_RE},? {_YEAR_RE}\b", s):
        day = _safe_date(int(m[3]), _MONTHS[m[1]], int(m[2]))
        return (day.isoformat(), 1) if day else (None, None)
    # May 24 / 24 May (year from the reference)
    m = re.search(rf"\b{_MONTH_RE} {_DAY_RE}\b", s)
    m2 = re.search(rf"\b{_DAY_RE} (?:of )?{_MONTH_RE}\b", s)
    if m or m2:
        if ref is None:
            return None, None
        month, day_n = (_MONTHS[m[1]], int(m[2])) if m else (_MONTHS[m2[2]], int(m2[1]))
        day = _latest_before(month, day_n, ref, ref_precision or 1)
        return (day.isoformat(), 1) if day else (None, None)
    # (early|mid|late) May 2021 / March 2019
    if m := re.search(rf"\b{_MONTH_RE},? {_YEAR_RE}\b", s):
        return f"{int(m[2]):04d}-{_MONTHS[m[1]]:02d}", 2
    # late 2017 / in 2017 / mid-2017 / the end of 2017
    if m := re.search(rf"^(?:(?:early|late|mid|the end of|end of|the start of|beginning of)"
                      rf"[- ]?)?{_YEAR_RE}$", s):
        return m[1], 3
    if ref is None:
        return None, None
    # in May / early May / last March
    if m := re.fullmatch(rf"(early |late |mid-?|last |this )?{_MONTH_RE}", s):
        month = _MONTHS[m[2]]
        year = ref.year if month < ref.month or (month == ref.month and m[1] != "last ") else (
            ref.year - 1)  # "last April" told in April is a year back
        return f"{year:04d}-{month:02d}", 2
    # Monday / last Monday / on Monday night
    if (m := re.fullmatch(r"(?:last |this |early |late )?(\w+day)(?: (?:morning|afternoon|"
                         r"evening|night))?", s)) and m[1] in _WEEKDAYS:
        if ref_precision != 1:
            return format_date(ref, 2), 2
        back = (ref.weekday() - _WEEKDAYS[m[1]]) % 7
        if back == 0 and s.startswith("last "):
            back = 7
        return (ref - dt.timedelta(days=back)).isoformat(), 1
    if (season := _season(s, ref))[0]:
        return season
    if s in {"recent days", "past few days", "last few days", "past days", "recent weeks",
             "past few weeks", "last few weeks", "past weeks", "past 24 hours", "past 48 hours"}:
        return format_date(ref, 2), 2  # recent, told without a day: the document's month
    if m := re.fullmatch(r"(last |this |past )?weekend", s):
        back = (ref.weekday() - 5) % 7 + (7 if m[1] == "last " and ref.weekday() >= 5 else 0)
        return format_date(ref - dt.timedelta(days=back if ref_precision == 1 else 0), 2), 2
    relative = {
        "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
        "yesterday": 1, "last night": 1, "overnight": 0, "yesterday morning": 1,
        "yesterday evening": 1, "yesterday afternoon": 1,
    }
    if s in relative:
        if ref_precision != 1:
            return format_date(ref, 2), 2
        return (ref - dt.timedelta(days=relative[s])).isoformat(), 1
    if s in {"last week", "this week", "earlier this week", "past week", "the past week"}:
        back = 7 if "last" in s or "past" in s else 0
        return format_date(ref - dt.timedelta(days=back), 2), 2
    if s in {"this month", "earlier this month", "last month", "past month", "the past month"}:
        day = ref if "this" in s else ref.replace(day=1) - dt.timedelta(days=1)
        return format_date(day, 2), 2
    if s in {"this year", "earlier this year", "last year", "past year"}:
        year = ref.year if "this" in s else ref.year - 1
        return f"{year:04d}", 3
    # "3 days ago", "two weeks ago", "6 months ago"
    if m := re.fullmatch(r"(?:about |nearly |some |almost |just )?" + _COUNT_RE
                         + r"(day|week|month|year)(s?) ago", s):
        n = _count(m[1], bool(m[3]))
        if n is None:
            return None, None
        unit = m[2]
        if unit == "day" and m[1] in _VAGUE and m[3]:
            return format_date(ref - dt.timedelta(days=n), 2), 2  # "days ago": no day told
        if unit == "day":
            if ref_precision != 1:
                return format_date(ref - dt.timedelta(days=n), 2), 2
            return (ref - dt.timedelta(days=n)).isoformat(), 1
        if unit == "week":
            return format_date(ref - dt.timedelta(weeks=n), 2), 2
        if unit == "month":
            months = ref.year * 12 + ref.month - 1 - n
            return f"{months // 12:04d}-{months % 12 + 1:02d}", 2
        return f"{ref.year - n:04d}", 3
    return None, None
