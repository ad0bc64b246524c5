"""The public API: one :class:`Geoparser` runs every stage, once-loaded parts reused.

Data flows one way: ``ingest`` -> ``nlp`` -> ``resolve`` -> ``events`` ->
``export`` / ``maps``. Each section of a document (article body, reader
comments) goes through spaCy on its own, so a sentence never spans both; all
offsets in the results are offsets into :attr:`Document.text`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geoevents.ingest import Rejected
from geoevents.models import Document, Event, Place

if TYPE_CHECKING:
    from geoevents.events.decision import DecisionModel
    from geoevents.gazetteer import Gazetteer


@dataclass
class DocumentResult:
    """What one document gave: its places and events, or the error that stopped it."""

    document: Document
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    error: str | None = None


@dataclass
class Result:
    """Places and events of one or more documents, with their exports."""

    documents: list[DocumentResult] = field(default_factory=list)

    @property
    def places(self) -> list[Place]:
        """Every resolved place, in document order."""
        return [p for d in self.documents for p in d.places]

    @property
    def events(self) -> list[Event]:
        """Every event, in document order."""
        return [e for d in self.documents for e in d.events]

    @property
    def errors(self) -> list[tuple[str, str]]:
        """``(document id, reason)`` for each document that failed."""
        return [(d.document.id, d.error) for d in self.documents if d.error]

    def to_geojson(self, *, include_comments: bool = True) -> dict[str, Any]:
        """The events as an RFC 7946 FeatureCollection (ACLED property names)."""
        from geoevents.export import events_to_geojson

        return events_to_geojson(self.events, include_comments=include_comments)

    def places_geojson(self) -> dict[str, Any]:
        """The resolved places as an RFC 7946 FeatureCollection."""
        from geoevents.export import places_to_geojson

        return places_to_geojson(self.places)

    def to_map(self, **options: Any):
        """An interactive folium map of the events (see :func:`geoevents.maps.render_map`)."""
        from geoevents.maps import render_map

        return render_map(self.to_geojson(), places=self.places_geojson(), **options)

    def __add__(self, other: Result) -> Result:
        return Result(self.documents + other.documents)


class Geoparser:
    """The whole pipeline, with the spaCy model and the gazetteer loaded once."""

    def __init__(
        self,
        *,
        model: str | None = None,
        gazetteer: Gazetteer | None = None,
        decision: DecisionModel | None = None,
    ):
        self.model_name = model
        self._gazetteer = gazetteer
        #: Which candidate events are kept (the shipped, fitted model when None).
        self.decision = decision
        self._nlp = None
        self._resolver = None

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer store (the default one, built on first use, unless given)."""
        if self._gazetteer is None:
            from geoevents.gazetteer import Gazetteer

            self._gazetteer = Gazetteer.open_default()
        return self._gazetteer

    @property
    def nlp(self):
        """The spaCy pipeline with geoevents' components."""
        if self._nlp is None:
            from geoevents.nlp import load_pipeline

            self._nlp = load_pipeline(self.model_name, gazetteer=self.gazetteer)
        return self._nlp

    @property
    def resolver(self):
        """The resolver that turns mentions into places."""
        if self._resolver is None:
            from geoevents.resolve import Resolver

            self._resolver = Resolver(self.gazetteer)
        return self._resolver

    def process(self, document: Document) -> DocumentResult:
        """Run every stage on one document. Errors propagate; see :meth:`process_many`."""
        sections = document.parts("body", "comments") or []
        parsed = [(s, self.nlp(document.text[s.start : s.end])) for s in sections]
        return self._finish(document, parsed)

    def _finish(self, document: Document, parsed: list[tuple[Any, Any]]) -> DocumentResult:
        """The stages after spaCy: mentions, places, events of ``(section, spaCy doc)`` pairs."""
        from geoevents.events import extract_events
        from geoevents.nlp import find_mentions

        mentions = []
        for section, doc in parsed:
            mentions.extend(find_mentions(doc, offset=section.start, section=section.kind))
        places = self.resolver.resolve(mentions, document=document)
        events: list[Event] = []
        for section, doc in parsed:
            in_section = [p for p in places if section.start <= p.mention.start < section.end]
            events.extend(
                extract_events(
                    doc, document, in_section, offset=section.start, section=section.kind,
                    decision=self.decision,
                )
            )
        events = [
            dataclasses.replace(e, event_id=f"{document.id}-{i}", source=e.source or document.id)
            for i, e in enumerate(events, 1)
        ]
        return DocumentResult(document, places, events)

    def process_many(self, documents: Iterable[Document | Rejected]) -> Iterator[DocumentResult]:
        """Run every document; one that fails yields its error and the others go on."""
        for document in documents:
            # Any exception in one document (an OverflowError in date arithmetic,
            # say), not only the expected ones, must not lose the rest.
            yield _isolated(self.process, document)

    def process_batch(
        self, documents: Sequence[Document | Rejected], *, batch_size: int = 64
    ) -> list[DocumentResult]:
        """:meth:`process_many` for a batch, every section parsed at once with ``nlp.pipe``.

        Gives the same results as :meth:`process` on each document, faster. Any
        exception in one document (not only the expected ones) becomes its
        ``error``; if ``nlp.pipe`` fails on the batch, each document is retried
        alone so one bad document cannot take the others down.
        """
        jobs: list[tuple[int, Any]] = []
        texts: list[str] = []
        for index, document in enumerate(documents):
            if isinstance(document, Document):
                for section in document.parts("body", "comments") or []:
                    jobs.append((index, section))
                    texts.append(document.text[section.start : section.end])
        try:
            spacy_docs = list(self.nlp.pipe(texts, batch_size=batch_size))
        except Exception:  # noqa: BLE001 - isolate below, one document at a time
            return [_isolated(self.process, d) for d in documents]
        parsed: dict[int, list[tuple[Any, Any]]] = {}
        for (index, section), doc in zip(jobs, spacy_docs, strict=True):
            parsed.setdefault(index, []).append((section, doc))
        results = []
        for index, document in enumerate(documents):
            sections = parsed.get(index, [])
            results.append(_isolated(lambda d, s=sections: self._finish(d, s), document))
        return results

    def extract(
        self,
        text: str,
        *,
        date: str | dt.date | None = None,
        source: str | None = None,
        html: bool | None = None,
    ) -> Result:
        """Places and events of one text (plain or HTML)."""
        from geoevents.ingest import document_from_text

        document = document_from_text(text, date=date, source=source, html=html)
        return Result([self.process(document)])

    def extract_files(
        self, paths: Sequence[str | Path], *, date: str | dt.date | None = None
    ) -> Result:
        """Places and events of files (text, HTML, JSONL corpora; ``-`` is stdin)."""
        from geoevents.ingest import read_documents

        return Result(list(self.process_many(read_documents(paths, date=date))))


def _isolated(run, document: Document | Rejected) -> DocumentResult:
    """``run(document)``, or a result with the error: a rejected input, or any exception."""
    if isinstance(document, Rejected):
        placeholder = Document(id=document.id, text="", source=document.source)
        return DocumentResult(placeholder, error=document.reason)
    try:
        return run(document)
    except Exception as err:  # noqa: BLE001 - one document's fault must not stop a batch
        from geoevents.errors import GeoeventsError

        reason = str(err) if isinstance(err, GeoeventsError) else f"{type(err).__name__}: {err}"
        return DocumentResult(document, error=reason)


_default: Geoparser | None = None


def default_geoparser() -> Geoparser:
    """The process-wide :class:`Geoparser`, made on first use."""
    global _default
    if _default is None:
        _default = Geoparser()
    return _default


def extract(text: str, *, date: str | dt.date | None = None, source: str | None = None) -> Result:
    """Places and events of one news text.

    >>> result = extract("On 3 March 2024 an airstrike hit the town of Hajin in Syria.")
    >>> [p.name for p in result.places][:1]
    ['Hajin']
    """
    return default_geoparser().extract(text, date=date, source=source)


def extract_files(paths: Sequence[str | Path], *, date: str | dt.date | None = None) -> Result:
    """Places and events of files, with the process-wide :class:`Geoparser`."""
    return default_geoparser().extract_files(paths, date=date)
