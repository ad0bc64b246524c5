"""geoevents: news text in, mapped events out.

>>> import geoevents
>>> callable(geoevents.extract)
True
"""

from geoevents.errors import GazetteerError, GeoeventsError, InputError, ModelError, OutputError
from geoevents.models import Candidate, Document, Event, Mention, Place, Section
from geoevents.pipeline import DocumentResult, Geoparser, Result, extract, extract_files

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "Document",
    "DocumentResult",
    "Event",
    "GazetteerError",
    "GeoeventsError",
    "Geoparser",
    "InputError",
    "Mention",
    "ModelError",
    "OutputError",
    "Place",
    "Result",
    "Section",
    "extract",
    "extract_files",
]
