"""Facts of a token or a sentence, computed once per doc while its events are extracted.

The rules ask the same questions many times ("is this trigger negated?", "what
are the lemmas of its sentence?") and every answer walks spaCy tokens, which
is slow in Python. Inside :func:`memos` a :func:`memoised` function answers
each token or span once; outside it, it simply computes. The store lives in
``doc.user_data`` only for the duration of the block, so nothing is kept
once the events are out, and a memoised answer must never be changed by the
caller (return frozensets, strings, tuples).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

_KEY = "geoevents.events.memo"

T = TypeVar("T")


@contextmanager
def memos(doc: Doc) -> Iterator[None]:
    """Memoise the answers of :func:`memoised` functions about ``doc`` inside the block."""
    if _KEY in doc.user_data:  # already inside a block for this doc
        yield
        return
    doc.user_data[_KEY] = {}
    try:
        yield
    finally:
        doc.user_data.pop(_KEY, None)


def memoised(fn: Callable[[Token | Span], T]) -> Callable[[Token | Span], T]:
    """``fn`` of one token or span, remembered per doc inside :func:`memos`."""
    name = f"{fn.__module__}.{fn.__qualname__}"  # two modules may use the same name

    @wraps(fn)
    def wrapper(item: Token | Span) -> T:
        store = item.doc.user_data.get(_KEY)
        if store is None:
            return fn(item)
        key = (name, item.i) if isinstance(item, Token) else (name, item.start, item.end)
        try:
            return store[key]
        except KeyError:
            value = store[key] = fn(item)
            return value

    return wrapper
