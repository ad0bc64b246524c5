"""Mentions to places: gazetteer candidates ranked with the document's context.

:class:`Resolver` gives one :class:`~geoevents.models.Place` per mention it can
resolve (unresolvable ones are dropped): a point for a town, a line for a
border or river, an area for an admin-1 or a curated region, each with a
confidence and its top alternatives.
"""

from geoevents.resolve.resolver import Resolver

__all__ = ["Resolver"]
