"""One error root for geoevents, in the shape of geopy's ``exc`` module.

Every error descends from :class:`GeoeventsError` and also from the matching
built-in, so callers can catch either. The CLI turns them into one-line messages.
"""

from __future__ import annotations


class GeoeventsError(Exception):
    """Base class of every error geoevents raises on purpose."""


class InputError(GeoeventsError, ValueError):
    """The input cannot be read as a document (missing, binary, bad JSONL...)."""


class OutputError(GeoeventsError, OSError):
    """An output file cannot be written."""


class GazetteerError(GeoeventsError, RuntimeError):
    """The gazetteer database is missing, corrupt or cannot be built."""


class ModelError(GeoeventsError, RuntimeError):
    """The spaCy model cannot be loaded."""
