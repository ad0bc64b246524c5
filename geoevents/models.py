"""The plain, immutable records that pass between the stages.

``ingest`` makes :class:`Document`; ``nlp`` finds :class:`Mention`;
``resolve`` turns a mention into a :class:`Place`; ``events`` makes
:class:`Event`. Geometries are GeoJSON mappings (``{"type": ..., "coordinates": ...}``)
with ``[lon, lat]`` order, so every record pickles and serialises without shapely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

SectionKind = Literal["body", "comments", "furniture"]
PlaceKind = Literal["point", "line", "area"]


@dataclass(frozen=True)
class Section:
    """A character range of :attr:`Document.text` and what it is."""

    kind: SectionKind
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One input article: its text, where its parts are, and its date."""

    id: str
    text: str
    sections: tuple[Section, ...] = ()
    date: dt.date | None = None
    #: 1 = day, 2 = month (or week), 3 = year: how much of :attr:`date` is known.
    date_precision: int | None = None
    title: str | None = None
    url: str | None = None
    #: Where the document came from: a file path, ``-`` or a corpus id.
    source: str | None = None

    def section_at(self, offset: int) -> SectionKind:
        """The kind of section the character at ``offset`` belongs to."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section.kind
        return "body"

    def parts(self, *kinds: SectionKind) -> list[Section]:
        """The sections of the given kinds (body and comments when none given)."""
        wanted = kinds or ("body", "comments")
        return [s for s in self.sections if s.kind in wanted]


@dataclass(frozen=True)
class Mention:
    """A place named in the text, before it is resolved.

    ``start``/``end`` are character offsets into :attr:`Document.text`.
    """

    text: str
    start: int
    end: int
    #: spaCy label or one of ours: GPE, LOC, FAC, BORDER, REGION, RIVER, CROSSING.
    label: str
    #: The name to look up: "Idlib" for "Idlib province", "Deir Ezzor" for
    #: "the southeastern Deir Ezzor countryside". Equals ``text`` for plain names.
    name: str
    section: SectionKind = "body"
    #: A word of the text that tells what kind of place it is: town, province, border...
    cue: str | None = None
    #: ISO 3166-1 alpha-2 codes named by a compound ("Syrian-Iraqi border" -> SY, IQ).
    countries: tuple[str, ...] = ()
    #: The name stands for an actor ("the Damascus government", "Washington said").
    metonymy: bool = False
    #: The mention is a demonym or adjective ("Syrian") standing alone.
    demonym: bool = False
    #: An enclosing place named beside it ("Hajin, in the Deir Ezzor countryside").
    container: str | None = None


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry considered for a mention, with its score."""

    geonameid: int | None
    name: str
    feature_code: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    score: float


@dataclass(frozen=True)
class Place:
    """A mention resolved to the gazetteer: a point, a line (border, river) or an area."""

    mention: Mention
    name: str
    kind: PlaceKind
    geometry: dict[str, Any]
    geonameid: int | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    country_code: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    confidence: float = 0.0
    #: True when the coordinates or geometry are derived, not surveyed
    #: (an admin-1 centroid, a Voronoi area, a curated crossing).
    approximate: bool = False
    alternatives: tuple[Candidate, ...] = ()
    raw: dict[str, Any] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Event:
    """One event as an analyst codes it (ACLED's fields), tied to its place."""

    event_id: str
    event_type: str
    sub_event_type: str
    source_sentence: str
    source_section: SectionKind
    trigger: str
    trigger_start: int
    trigger_end: int
    place: Place | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    event_date: str | None = None
    #: ACLED: 1 = day known, 2 = week or month, 3 = year or less.
    time_precision: int | None = None
    #: ACLED: 1 = the place itself, 2 = near it or a part of a region, 3 = a larger area.
    geo_precision: int | None = None
    confidence: float = 0.0
    source: str | None = None
    source_actor: str | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    cameo_code: str | None = None
    #: Reported deaths, as ACLED counts them, read from the evidence sentence (0: none told).
    fatalities: int | None = None
    #: "recent" (the news the text reports) or "background" (a past event told for context).
    status: str = "recent"
    #: The features that decided the event, most telling first, with its probability.
    why: tuple[str, ...] = ()
    #: What the decision saw (its features), for training and debugging.
    raw: dict[str, Any] | None = field(default=None, compare=False, repr=False)
