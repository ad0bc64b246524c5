"""Candidate features and the rule score: population, feature type, cues and context."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from geoevents.nlp.lexicon import ADMIN1_CUES, AREA_CUES, SETTLEMENT_CUES, WATER_CUES

#: Prior of a feature code, before any context ("Paris" the capital over "Paris" the village).
FEATURE_PRIOR = {
    "PCLI": 6.0,
    "PCLD": 5.0,
    "PCLS": 5.0,
    "PCLF": 5.0,
    "PCLIX": 4.0,
    "PCL": 5.0,
    "TERR": 4.0,
    "CONT": 6.0,
    "ADM1": 3.0,
    "PPLC": 3.5,
    "PPLA": 2.0,
    "PPLA2": 1.0,
    "PPLA3": 0.5,
    "ADM2": 0.8,
    "RGN": 3.0,
    "STM": 1.5,
    "PPLX": -0.5,
    "PPLH": -2.0,
    "PPLQ": -2.0,
    "OCN": 6.0,
    "SEA": 3.5,
    "GULF": 2.5,
    "MTS": 2.0,
    "DSRT": 2.0,
    "PEN": 2.0,
    "RGNE": 2.0,
    "ADMF": 3.0,
}
#: Codes of features too big for a distance to the document's places to mean anything.
_WORLD_CODES = frozenset({"OCN", "CONT", "SEA", "RGN"})
FEATURE_NAMES = (
    "pop",
    "prior",
    "main_name",
    "country_query",
    "country_ctx",
    "admin1_ctx",
    "container",
    "cue_match",
    "cue_clash",
    "near_anchor",
    "far_anchor",
    "fuzzy",
    "label_match",
    "adm1_namesake",
    "adm2_namesake",
    "variant",
    "pop_gap",
)


@dataclass
class Context:
    """What the rest of the document says: countries, admin-1s and anchor points."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1s: dict[tuple[str, str], float] = field(default_factory=dict)
    anchors: list[tuple[float, float]] = field(default_factory=list)
    #: The anchors without repeats (a town named ten times is one point).
    points: tuple[tuple[float, float], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.points = tuple(dict.fromkeys(self.anchors))

    def without(self, other: Context) -> Context:
        """This context less ``other``'s contributions (the mention's own name)."""
        countries = {k: v - other.countries.get(k, 0.0) for k, v in self.countries.items()}
        admin1s = {k: v - other.admin1s.get(k, 0.0) for k, v in self.admin1s.items()}
        anchors = list(self.anchors)
        for point in other.anchors:
            if point in anchors:
                anchors.remove(point)
        return Context(
            {k: v for k, v in countries.items() if v > 1e-9},
            {k: v for k, v in admin1s.items() if v > 1e-9},
            anchors,
        )

    def country_weight(self, code: str | None) -> float:
        """0..1: how much the document is about this country."""
        if not code or not self.countries:
            return 0.0
        top = max(self.countries.values())
        return self.countries.get(code, 0.0) / top if top else 0.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def features(
    entry: Any,
    *,
    query_key: str,
    main_key: str,
    country_query: bool,
    cue: str | None,
    label: str,
    container: set[tuple[str, str | None]] | None,
    ctx: Context,
    fuzzy: float = 100.0,
) -> dict[str, float]:
    """The features of one candidate ``entry`` for a mention."""
    fclass, fcode = entry.feature_class or "", entry.feature_code or ""
    is_country = fcode.startswith("PCL") or fcode == "TERR"
    admin_area = fclass == "A"
    cue_match = cue_clash = 0.0
    if cue:
        word = cue.split()[-1]
        if word in ADMIN1_CUES and fcode == "ADM1":
            cue_match = 1.0
        elif word in AREA_CUES and admin_area and not is_country:
            cue_match = 0.7
        elif word in AREA_CUES and fclass == "P":
            cue_clash = 1.0
        elif word in SETTLEMENT_CUES and fclass == "P":
            cue_match = 1.0
        elif word in SETTLEMENT_CUES and admin_area:
            cue_clash = 1.0
        elif word in WATER_CUES and fclass == "H":
            cue_match = 1.0
    if label == "REGION" and admin_area and not is_country:
        cue_match = max(cue_match, 1.0)
    in_container = 0.0
    if container:
        for cc, a1 in container:
            if entry.country_code == cc and (a1 is None or entry.admin1_code == a1):
                in_container = 1.0 if a1 is not None else 0.6
                break
    near = far = 0.0
    # An ocean, continent or multi-country region has no distance to speak of.
    worldwide = fcode in _WORLD_CODES
    if ctx.anchors and entry.lat is not None and not is_country and not worldwide:
        dist = min(haversine_km(entry.lat, entry.lon, a, b) for a, b in ctx.points)
        near = 1.0 if dist < 250 else (0.5 if dist < 800 else 0.0)
        far = 1.0 if dist > 3000 else 0.0
    label_match = 0.0
    if label == "LOC" and fclass in {"H", "T", "L"} or label == "FAC" and fclass == "S":
        label_match = 1.0
    return {
        "pop": math.log10((entry.population or 0) + 1),
        "prior": FEATURE_PRIOR.get(fcode, 0.0),
        "main_name": 1.0 if main_key == query_key else 0.0,
        "country_query": 1.0 if country_query and is_country else 0.0,
        "country_ctx": ctx.country_weight(entry.country_code),
        "admin1_ctx": 1.0 if (entry.country_code, entry.admin1_code) in ctx.admin1s else 0.0,
        "container": in_container,
        "cue_match": cue_match,
        "cue_clash": cue_clash,
        "near_anchor": near,
        "far_anchor": far,
        "fuzzy": (100.0 - fuzzy) / 20.0,
        "label_match": label_match,
    }


#: Weights of the rule score (hand-set; see docs/eval.md).
WEIGHTS = {
    "pop": 0.55,
    "prior": 0.8,
    "main_name": 1.5,
    "country_query": 12.0,
    "country_ctx": 2.5,
    "admin1_ctx": 1.5,
    "container": 6.0,
    "cue_match": 3.0,
    "cue_clash": -2.5,
    "near_anchor": 1.5,
    "far_anchor": -1.0,
    "fuzzy": -2.0,
    "label_match": 1.0,
    "adm1_namesake": -1.5,
    "adm2_namesake": -3.0,
    "variant": -2.0,
    "pop_gap": 0.5,
}


def rule_score(feats: dict[str, float]) -> float:
    """The weighted sum of the features."""
    return sum(WEIGHTS.get(k, 0.0) * v for k, v in feats.items())
