"""Events as an analyst codes them: ACLED types, actors, dates, places.

>>> from geoevents.events import extract_events
>>> callable(extract_events)
True
"""

from geoevents.events.extract import extract_events

__all__ = ["extract_events"]
