"""Cue words and containers read from the raw text around a name.

These work on plain strings, so the resolver can use them on gold spans
without running spaCy (``geoevents eval --mode resolve``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geoevents.nlp.lexicon import (
    AREA_CUES,
    BORDER_WORDS,
    DIRECTIONS,
    SETTLEMENT_CUES,
    WATER_CUES,
)

_WORDS = "|".join(sorted(SETTLEMENT_CUES | AREA_CUES | WATER_CUES, key=len, reverse=True))
_BEFORE = re.compile(
    rf"\b(?P<cue>{_WORDS})\s+of\s+(?:the\s+)?$|\b(?P<direct>town|city|village|capital)\s+$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    rf"^(?:'s)?\s+(?P<cue>border\s+crossing|crossing|{_WORDS}|"
    rf"{'|'.join(sorted(BORDER_WORDS, key=len, reverse=True))})\b",
    re.IGNORECASE,
)
_DIRS = "|".join(sorted(DIRECTIONS, key=len, reverse=True))
_CONTAINER_GAP = re.compile(
    rf"^\s*,\s*(?:(?:in|near|outside)\s+)?(?:the\s+)?(?:(?:{_DIRS})\s+)?$", re.IGNORECASE
)


def cue_before(text: str, start: int) -> str | None:
    """The cue word in "the town of NAME" before ``start``, lower-cased."""
    match = _BEFORE.search(text[max(0, start - 40) : start])
    if match is None:
        return None
    return (match.group("cue") or match.group("direct")).lower()


def cue_after(text: str, end: int) -> str | None:
    """The cue word right after a name ("Idlib province", "Jordan River")."""
    match = _AFTER.match(text[end : end + 40])
    if match is None:
        return None
    return " ".join(match.group("cue").lower().split())


def cue_for(text: str, start: int, end: int) -> str | None:
    """The cue of the name at ``start:end``: after it first, else before it."""
    return cue_after(text, end) or cue_before(text, start)


def container_after(text: str, end: int, spans: Sequence[tuple[int, int, str]]) -> str | None:
    """The name of the place that follows as a container.

    ``spans`` are ``(start, end, name)`` of the other names in ``text``, sorted;
    "Hajin, in the southeastern Deir Ezzor countryside" gives "Deir Ezzor" and
    "Springfield, Illinois" gives "Illinois".
    """
    for start, _, name in spans:
        if start < end:
            continue
        if start - end > 40:
            return None
        if _CONTAINER_GAP.match(text[end:start]):
            return name
        return None
    return None
