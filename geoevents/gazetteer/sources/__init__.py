"""Gazetteer sources, one module per source, each yielding :class:`~.base.Record` rows."""
