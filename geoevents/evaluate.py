"""Geoparsing evaluation on gold JSONL sets (``../shared/eval/README.md`` format).

``resolve`` mode resolves the gold spans (as Mordecai 3's published table
does); ``end-to-end`` also finds the spans with the spaCy pipeline. Measures:
accuracy@161km, exact GeoNames id, mean/median error (km), AUC of the log
error curve, recognition precision/recall/F1 and documents per second.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geoevents.errors import InputError
from geoevents.models import Document, Mention, Place, Section

#: Half the Earth's circumference: the error of a toponym left unresolved, in AUC.
MAX_KM = 20039.0
MODES = ("resolve", "end-to-end")


@dataclass(frozen=True)
class Gold:
    """One gold toponym."""

    doc_id: str
    start: int
    end: int
    name: str
    lat: float
    lon: float
    geonameid: int | None = None
    fcode: str | None = None
    type: str | None = None


@dataclass
class Report:
    """The measures of one run, and every miss."""

    mode: str
    n: int = 0
    docs: int = 0
    seconds: float = 0.0
    resolved: int = 0
    within_161: int = 0
    exact_hits: int = 0
    exact_n: int = 0
    errors_km: list[float] = field(default_factory=list)
    tp_exact: int = 0
    tp_overlap_pred: int = 0
    tp_overlap_gold: int = 0
    predicted: int = 0
    gold_spans: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def metrics(self) -> dict[str, Any]:
        """The measures as one JSON-ready mapping (fractions in 0..1)."""
        all_errors = self.errors_km + [MAX_KM] * (self.n - len(self.errors_km))
        out: dict[str, Any] = {
            "acc161": _ratio(self.within_161, self.n),
            "exact": _ratio(self.exact_hits, self.exact_n),
            "mean_km": round(statistics.fmean(self.errors_km), 1) if self.errors_km else None,
            "median_km": round(statistics.median(self.errors_km), 1) if self.errors_km else None,
            "auc": _auc(all_errors),
            "precision": None,
            "recall": None,
            "f1": None,
            "n": self.n,
            "docs_per_s": round(self.docs / self.seconds, 1) if self.seconds else None,
            "mode": self.mode,
            "resolved": self.resolved,
        }
        if self.mode == "end-to-end":
            p = _ratio(self.tp_exact, self.predicted)
            r = _ratio(self.tp_exact, self.gold_spans)
            po = _ratio(self.tp_overlap_pred, self.predicted)
            ro = _ratio(self.tp_overlap_gold, self.gold_spans)
            out.update(precision=p, recall=r, f1=_f1(p, r))
            out.update(precision_overlap=po, recall_overlap=ro, f1_overlap=_f1(po, ro))
        return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None or p + r == 0:
        return None if p is None or r is None else 0.0
    return round(2 * p * r / (p + r), 4)


def _auc(errors: Sequence[float]) -> float | None:
    """Area under the sorted, normalised log-error curve (0 best, 1 worst; Gritta et al.)."""
    if not errors:
        return None
    ys = sorted(math.log(1 + e) / math.log(1 + MAX_KM) for e in errors)
    if len(ys) == 1:
        return round(ys[0], 4)
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return round(area / (len(ys) - 1), 4)


# -- reading -------------------------------------------------------------------------


def read_dataset(path: str | Path) -> Iterator[tuple[str, str, list[Gold]]]:
    """``(doc_id, text, gold toponyms)`` per line of a JSONL set; :class:`InputError` if bad."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such evaluation file")
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from err
    with handle:
        try:
            for lineno, line in enumerate(handle, 1):
                if line.strip():
                    yield _parse(path, lineno, line)
        except UnicodeDecodeError as err:
            raise InputError(f"{path}: not UTF-8 text ({err.reason})") from err


def _parse(path: Path, lineno: int, line: str) -> tuple[str, str, list[Gold]]:
    where = f"{path}:{lineno}"
    try:
        record = json.loads(line)
        text = record["text"]
        doc_id = str(record.get("doc_id", lineno))
        golds = [
            Gold(
                doc_id=doc_id,
                start=int(t["start"]),
                end=int(t["end"]),
                name=t.get("name") or text[int(t["start"]) : int(t["end"])],
                lat=float(t["lat"]),
                lon=float(t["lon"]),
                geonameid=int(t["geonameid"]) if t.get("geonameid") not in (None, "") else None,
                fcode=t.get("fcode"),
                type=t.get("type"),
            )
            for t in record.get("toponyms", [])
        ]
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: not JSON ({err.msg})") from err
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise InputError(f"{where}: not an evaluation record ({err!r})") from err
    if not isinstance(text, str):
        raise InputError(f"{where}: 'text' is not a string")
    return doc_id, text, golds


# -- running -------------------------------------------------------------------------


def gold_mentions(text: str, golds: Sequence[Gold]) -> list[Mention]:
    """Mentions for gold spans, with cues and containers read from the text around them."""
    from geoevents.nlp.cues import container_after, cue_for

    spans = sorted((g.start, g.end, g.name) for g in golds)
    return [
        Mention(
            text=g.name,
            start=g.start,
            end=g.end,
            label="GPE",
            name=g.name,
            cue=cue_for(text, g.start, g.end),
            container=container_after(text, g.end, spans),
        )
        for g in golds
    ]


def evaluate(
    path: str | Path,
    *,
    mode: str = "resolve",
    types: Iterable[str] | None = None,
    gazetteer: Any = None,
    model: str | None = None,
    limit: int | None = None,
    train: Sequence[str | Path] = (),
) -> Report:
    """Run one evaluation set and measure it (see the module docstring).

    ``train``: gold sets to fit a :class:`~geoevents.resolve.ranker.LinearRanker`
    on first (never the evaluated set itself).
    """
    if mode not in MODES:
        raise InputError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
    keep = {t.strip() for t in types if t.strip()} if types else None
    records = list(read_dataset(path))[:limit]
    if gazetteer is None:
        from geoevents.gazetteer import Gazetteer

        gazetteer = Gazetteer.open_default()
    from geoevents.resolve import Resolver

    ranker = None
    if train:
        from geoevents.resolve.ranker import fit, training_groups

        if any(Path(t).resolve() == Path(path).resolve() for t in train):
            raise InputError(f"{path}: cannot train the ranker on the evaluated set")
        ranker = fit(training_groups(train, gazetteer))
    resolver = Resolver(gazetteer, keep_demonyms=True, ranker=ranker)
    nlp = None
    if mode == "end-to-end":
        from geoevents.nlp import load_pipeline

        nlp = load_pipeline(model, gazetteer=gazetteer)
    gazetteer.fuzzy("warm up", limit=1)
    report = Report(mode=mode)
    start = time.perf_counter()
    for doc_id, text, golds in records:
        scored = [g for g in golds if keep is None or g.type is None or g.type in keep]
        ignored = [g for g in golds if g not in scored]
        if nlp is None:
            places = resolver.resolve(gold_mentions(text, golds))
            _score_resolution(report, scored, _by_span(places), exact_spans=True)
        else:
            from geoevents.nlp import find_mentions

            mentions = find_mentions(nlp(text))
            document = Document(id=doc_id, text=text, sections=(Section("body", 0, len(text)),))
            places = resolver.resolve(mentions, document=document)
            _score_recognition(report, scored, ignored, mentions)
            _score_resolution(report, scored, _by_span(places), exact_spans=False)
        report.docs += 1
    report.seconds = time.perf_counter() - start
    return report


def _by_span(places: Sequence[Place]) -> dict[tuple[int, int], Place]:
    return {(p.mention.start, p.mention.end): p for p in places}


def _name_span(m: Mention) -> tuple[int, int]:
    offset = m.text.find(m.name) if m.name != m.text else 0
    if offset < 0:
        return m.start, m.end
    return m.start + offset, m.start + offset + len(m.name)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score_recognition(
    report: Report, scored: list[Gold], ignored: list[Gold], mentions: list[Mention]
) -> None:
    gold_spans = {(g.start, g.end) for g in scored}
    ignored_spans = [(g.start, g.end) for g in ignored]
    report.gold_spans += len(gold_spans)
    matched_gold: set[tuple[int, int]] = set()
    for m in mentions:
        spans = {(m.start, m.end), _name_span(m)}
        hits = [g for g in gold_spans if any(_overlaps(s, g) for s in spans)]
        if not hits and any(_overlaps(s, g) for s in spans for g in ignored_spans):
            continue  # a toponym of a type left out: neither right nor wrong
        report.predicted += 1
        if spans & gold_spans:
            report.tp_exact += 1
        if hits:
            report.tp_overlap_pred += 1
            matched_gold.update(hits)
        else:
            report.misses.append(
                {
                    "kind": "false_positive",
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "label": m.label,
                }
            )
    report.tp_overlap_gold += len(matched_gold)
    for g in scored:
        if (g.start, g.end) not in matched_gold:
            report.misses.append(
                {
                    "kind": "false_negative",
                    "doc_id": g.doc_id,
                    "name": g.name,
                    "start": g.start,
                    "end": g.end,
                    "type": g.type,
                }
            )


def _find(places: dict[tuple[int, int], Place], g: Gold, exact_spans: bool) -> Place | None:
    if (g.start, g.end) in places or exact_spans:
        return places.get((g.start, g.end))
    best = None
    for (s, e), p in places.items():
        if _overlaps((s, e), (g.start, g.end)) and (best is None or p.confidence > best.confidence):
            best = p
    return best


def _score_resolution(
    report: Report, scored: list[Gold], places: dict[tuple[int, int], Place], *, exact_spans: bool
) -> None:
    from geoevents.resolve.features import haversine_km

    for g in scored:
        report.n += 1
        if g.geonameid is not None:
            report.exact_n += 1
        place = _find(places, g, exact_spans)
        km = None
        if place is not None and place.lat is not None:
            report.resolved += 1
            same = g.geonameid is not None and place.geonameid == g.geonameid
            km = 0.0 if same else haversine_km(g.lat, g.lon, place.lat, place.lon)
            report.errors_km.append(km)
            report.exact_hits += int(same)
            report.within_161 += int(km <= 161)
        if km is None or km > 161:
            report.misses.append(_miss(g, place, km))


def _miss(g: Gold, place: Place | None, km: float | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": "resolution",
        "doc_id": g.doc_id,
        "name": g.name,
        "start": g.start,
        "end": g.end,
        "type": g.type,
        "gold": {"geonameid": g.geonameid, "lat": g.lat, "lon": g.lon, "fcode": g.fcode},
    }
    if place is None:
        out["predicted"] = None
    else:
        out["predicted"] = {
            "name": place.name,
            "geonameid": place.geonameid,
            "feature_code": place.feature_code,
            "country": place.country_code,
            "lat": place.lat,
            "lon": place.lon,
            "km": round(km, 1) if km is not None else None,
            "confidence": place.confidence,
            "cue": place.mention.cue,
            "container": place.mention.container,
            "alternatives": [
                {
                    "geonameid": c.geonameid,
                    "name": c.name,
                    "feature_code": c.feature_code,
                    "country": c.country_code,
                    "score": c.score,
                }
                for c in place.alternatives
            ],
        }
    return out


def write_misses(report: Report, path: str | Path) -> None:
    """Every miss of ``report`` as JSON lines."""
    from geoevents.errors import OutputError

    try:
        with Path(path).open("w", encoding="utf-8") as out:
            for miss in report.misses:
                out.write(json.dumps(miss, ensure_ascii=False) + "\n")
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({err.strerror})") from err


def format_report(report: Report) -> str:
    """A short human-readable table of the measures."""
    m = report.metrics()

    def pct(v: float | None) -> str:
        return "n/a" if v is None else f"{100 * v:.1f}%"

    lines = [
        f"mode            {m['mode']}",
        f"toponyms        {m['n']} ({m['resolved']} resolved)",
        f"acc@161km       {pct(m['acc161'])}",
        f"exact id        {pct(m['exact'])}",
        f"mean error      {m['mean_km']} km",
        f"median error    {m['median_km']} km",
        f"AUC             {m['auc']}",
    ]
    if report.mode == "end-to-end":
        lines += [
            f"precision       {pct(m['precision'])} exact, {pct(m['precision_overlap'])} overlap",
            f"recall          {pct(m['recall'])} exact, {pct(m['recall_overlap'])} overlap",
            f"F1              {pct(m['f1'])} exact, {pct(m['f1_overlap'])} overlap",
        ]
    lines.append(f"docs/s          {m['docs_per_s']}")
    return "\n".join(lines)
