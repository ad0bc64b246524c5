"""Score event extraction on a gold JSONL set (``geoevents eval-events``).

One record per line: ``{"id", "text", "date", "events": [...]}``; each gold event
has ``event_type`` and ``sub_event_type`` and may give ``actor1``, ``actor2``,
``location``, ``event_date``, ``time_precision``, ``geo_precision``,
``fatalities``. A record
with ``"events": []`` is text that must give no event (negation, prediction...).
Only keys a gold event gives are scored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geoevents.errors import InputError
from geoevents.events.actors import actor_country, normalise
from geoevents.models import Document, Event


@dataclass
class Record:
    """One gold record."""

    id: str
    text: str
    date: str | None
    events: list[dict[str, Any]]


@dataclass
class EventReport:
    """Counts behind the accuracies, and every miss for reading."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    type_correct: int = 0
    counts: dict[str, list[int]] = field(
        default_factory=lambda: {
            k: [0, 0] for k in ("actor", "location", "date", "geo", "fatalities")
        }
    )
    empty_records: int = 0
    empty_clean: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def metrics(self) -> dict[str, float | int | None]:
        """Accuracies (0..1) and counts as a flat mapping."""

        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        spurious = self.predicted - self.matched
        return {
            "gold_events": self.gold,
            "predicted_events": self.predicted,
            "precision": ratio(self.matched, self.predicted),
            "recall": ratio(self.matched, self.gold),
            # correct sub-event types over gold events plus spurious predictions
            "type_accuracy": ratio(self.type_correct, self.gold + spurious),
            "actor_accuracy": ratio(*self.counts["actor"]),
            "location_accuracy": ratio(*self.counts["location"]),
            "date_accuracy": ratio(*self.counts["date"]),
            "geo_precision_accuracy": ratio(*self.counts["geo"]),
            "fatalities_accuracy": ratio(*self.counts["fatalities"]),
            "no_event_accuracy": ratio(self.empty_clean, self.empty_records),
        }


def read_records(path: str | Path) -> Iterator[Record]:
    """Gold records of a JSONL file (``InputError`` on a bad line)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: no such file")
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 JSONL (bad byte at offset {err.start})") from err
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{lineno}: not JSON ({err.msg})") from err
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InputError(f"{path}:{lineno}: a record needs a 'text' string")
        events = row.get("events", [])
        if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
            raise InputError(f"{path}:{lineno}: 'events' must be a list of objects")
        for ev in events:
            if "sub_event_type" not in ev and "event_type" not in ev:
                raise InputError(f"{path}:{lineno}: each event needs an event_type")
        yield Record(str(row.get("id", lineno)), row["text"], row.get("date"), events)


def _norm(text: str | None) -> str:
    text = (text or "").lower()
    text = re.sub(r"\b(al|el|ad|ar|as|ash|an|at|az)[-\s]", "", text)
    return re.sub(r"[^a-z0-9]", "", text)


def same_place(gold: str, event: Event) -> bool:
    """The event's place is the gold location (its name or the words of its mention)."""
    if event.place is None:
        return False
    from rapidfuzz import fuzz

    g = _norm(gold)
    names = {event.place.name, event.place.mention.text, event.place.mention.name}
    for name in names:
        n = _norm(name)
        if not n:
            continue
        if n == g or fuzz.ratio(n, g) >= 85 or (len(g) >= 4 and (g in n or n in g)):
            return True
    return False


def same_actor(gold: str, predicted: str | None) -> bool:
    """Same actor after normalising ("the SDF" = "Syrian Democratic Forces"; "Turkey" ~ "Turkish
    forces")."""
    if not predicted:
        return False
    from rapidfuzz import fuzz

    g, p = normalise(gold).lower(), normalise(predicted).lower()
    if g == p or fuzz.token_set_ratio(g, p) >= 90:
        return True
    gc, pc = actor_country(gold), actor_country(predicted)
    generic = {"forces", "troops", "military", "army", "government"}
    if gc and gc == pc:
        rest_g = set(g.split()) - generic
        rest_p = set(p.split()) - generic
        return len(rest_g) <= 1 or len(rest_p) <= 1
    return False


def _match(golds: Sequence[dict[str, Any]], events: Sequence[Event]) -> list[tuple[int, int]]:
    """Pairs (gold index, event index), best first: same sub-type, then type, then place."""
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(golds):
        for ei, ev in enumerate(events):
            score = 0
            if g.get("sub_event_type") == ev.sub_event_type:
                score += 4
            if g.get("event_type") == ev.event_type:
                score += 2
            if g.get("location") and same_place(g["location"], ev):
                score += 1
            pairs.append((score, gi, ei))
    pairs.sort(key=lambda t: -t[0])
    used_g: set[int] = set()
    used_e: set[int] = set()
    out: list[tuple[int, int]] = []
    for _score, gi, ei in pairs:
        if gi in used_g or ei in used_e:
            continue
        used_g.add(gi)
        used_e.add(ei)
        out.append((gi, ei))
    return out


def score_record(report: EventReport, record: Record, events: Sequence[Event]) -> None:
    """Add one record's gold events and predictions to the report."""
    report.gold += len(record.events)
    report.predicted += len(events)
    if not record.events:
        report.empty_records += 1
        if not events:
            report.empty_clean += 1
    pairs = _match(record.events, events)
    report.matched += len(pairs)
    matched_g = {gi for gi, _ in pairs}
    matched_e = {ei for _, ei in pairs}
    for gi, ei in pairs:
        g, ev = record.events[gi], events[ei]
        wrong: list[str] = []
        type_ok = g.get("sub_event_type", ev.sub_event_type) == ev.sub_event_type and g.get(
            "event_type", ev.event_type
        ) == ev.event_type
        report.type_correct += type_ok
        if not type_ok:
            wrong.append("type")
        checks: list[tuple[str, bool]] = []
        for key in ("actor1", "actor2"):
            if g.get(key):
                pred = getattr(ev, key)
                ok = same_actor(g[key], pred) or (
                    key == "actor2" and same_actor(g[key], ev.assoc_actor_1)
                )
                checks.append(("actor", ok))
        if g.get("location"):
            checks.append(("location", same_place(g["location"], ev)))
        if "event_date" in g:
            ok = g["event_date"] == ev.event_date
            if ok and g.get("time_precision") is not None:
                ok = g["time_precision"] == ev.time_precision
            checks.append(("date", ok))
        if g.get("geo_precision") is not None:
            checks.append(("geo", g["geo_precision"] == ev.geo_precision))
        if g.get("fatalities") is not None:
            checks.append(("fatalities", g["fatalities"] == ev.fatalities))
        for key, ok in checks:
            report.counts[key][0] += ok
            report.counts[key][1] += 1
            if not ok:
                wrong.append(key)
        if wrong:
            report.misses.append(_miss(record, g, ev, wrong))
    for gi, g in enumerate(record.events):
        if gi not in matched_g:
            report.misses.append(_miss(record, g, None, ["missed"]))
    for ei, ev in enumerate(events):
        if ei not in matched_e:
            report.misses.append(_miss(record, None, ev, ["spurious"]))


def _miss(record: Record, gold: dict[str, Any] | None, ev: Event | None, why: list[str]):
    return {
        "id": record.id,
        "text": record.text,
        "why": why,
        "gold": gold,
        "predicted": None
        if ev is None
        else {
            "event_type": ev.event_type,
            "sub_event_type": ev.sub_event_type,
            "trigger": ev.trigger,
            "actor1": ev.actor1,
            "actor2": ev.actor2,
            "assoc_actor_1": ev.assoc_actor_1,
            "location": ev.place.name if ev.place else None,
            "event_date": ev.event_date,
            "time_precision": ev.time_precision,
            "geo_precision": ev.geo_precision,
            "fatalities": ev.fatalities,
            "source_actor": ev.source_actor,
        },
    }


def evaluate_events(
    path: str | Path,
    *,
    process: Callable[[Document], Sequence[Event]] | None = None,
    limit: int | None = None,
) -> EventReport:
    """Run the pipeline (or ``process``) on every gold record and score it."""
    from geoevents.ingest import document_from_text

    if process is None:
        from geoevents.pipeline import Geoparser

        parser = Geoparser()

        def process(document: Document) -> Sequence[Event]:
            return parser.process(document).events

    report = EventReport()
    for n, record in enumerate(read_records(path)):
        if limit is not None and n >= limit:
            break
        document = document_from_text(record.text, id=record.id, date=record.date, html=False)
        score_record(report, record, list(process(document)))
    return report


def format_report(report: EventReport) -> str:
    """A short human-readable table of the metrics."""
    lines = []
    for key, value in report.metrics().items():
        shown = "-" if value is None else (f"{value:.3f}" if isinstance(value, float) else value)
        lines.append(f"{key:24} {shown}")
    return "\n".join(lines)
