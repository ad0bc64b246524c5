"""The trigger lexicon: ``data/triggers.tsv`` read into spaCy ``Matcher`` patterns.

One row per trigger: ``kind``, ``phrase``, ``pos``, ``source`` (tab-separated;
``#`` starts a comment line). The phrase is one token spec per word:

- ``bomb`` a lemma, ``=fired`` a lower-cased form; ``a|b|c`` any of them;
- ``@DET`` (or ``@ADJ|NOUN``) a token of that part of speech, ``_`` any token;
- a word spec may end in ``@POS`` too (``bomb|device@NOUN|PROPN``);
- a spec may end in ``?``, ``*`` or ``+`` (spaCy's operators).

``pos`` constrains the phrase's first token (``VERB|AUX``, ``NOUN|PROPN``, or
empty). Rows of one kind that are a single word with the same attribute and
part of speech make one pattern. Two ``pos`` values name word lists of the
dependency patterns instead: ``tree-root`` (the kind's root verbs, e.g. EXPEL,
BASE) and ``tree-object`` (BASE's nouns).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

TREE_POS = ("tree-root", "tree-object")
_OPS = ("?", "*", "+")


@dataclass(frozen=True)
class Entry:
    """One row of the lexicon."""

    kind: str
    phrase: str
    pos: str
    source: str


def parse_token(spec: str) -> dict[str, Any]:
    """One token spec of a phrase as a spaCy ``Matcher`` token pattern."""
    out: dict[str, Any] = {}
    if spec[-1] in _OPS and len(spec) > 1:
        spec, out["OP"] = spec[:-1], spec[-1]
    words, _, pos = spec.partition("@")
    if pos:
        tags = pos.split("|")
        out["POS"] = tags[0] if len(tags) == 1 else {"IN": tags}
    if words == "_" or (not words and pos):
        return out
    if not words:
        raise ValueError(f"empty token spec: {spec!r}")
    attr = "LEMMA"
    if words.startswith("=") and len(words) > 1:
        attr, words = "LOWER", words[1:]
    out[attr] = {"IN": words.split("|")}
    return out


def parse_phrase(phrase: str, pos: str = "") -> list[dict[str, Any]]:
    """A phrase (and the part of speech of its first token) as a token pattern."""
    pattern = [parse_token(spec) for spec in phrase.split()]
    if not pattern:
        raise ValueError("empty phrase")
    if pos:
        pattern[0]["POS"] = {"IN": pos.split("|")}
    return pattern


def read_entries(text: str) -> list[Entry]:
    """The rows of a lexicon file's text."""
    entries = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4 or not cells[0] or not cells[1]:
            raise ValueError(f"triggers.tsv line {n}: want kind, phrase, pos, source: {line!r}")
        entries.append(Entry(*(c.strip() for c in cells)))
    return entries


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """The rows of the shipped ``data/triggers.tsv``."""
    text = resources.files("geoevents.events").joinpath("data/triggers.tsv").read_text("utf-8")
    return tuple(read_entries(text))


def token_patterns(rows: tuple[Entry, ...] | list[Entry]) -> dict[str, list[list[dict[str, Any]]]]:
    """kind -> Matcher patterns, kinds in the order they first appear."""
    out: dict[str, list[list[dict[str, Any]]]] = {}
    single: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        if row.pos in TREE_POS:
            continue
        patterns = out.setdefault(row.kind, [])
        pattern = parse_phrase(row.phrase, row.pos)
        spec = pattern[0]
        attr = next((a for a in ("LEMMA", "LOWER") if a in spec), None)
        if len(pattern) == 1 and attr and set(spec) <= {attr, "POS"}:
            key = (row.kind, attr, repr(spec.get("POS")))  # "bomb@NOUN" is not "attack"
            if key in single:  # one pattern per kind, attribute and part of speech
                words = single[key][attr]["IN"]
                words.extend(w for w in spec[attr]["IN"] if w not in words)
                continue
            single[key] = spec
        patterns.append(pattern)
    return out


def tree_words(rows: tuple[Entry, ...] | list[Entry], kind: str, pos: str) -> list[str]:
    """The words of one dependency pattern's word list (``pos``: tree-root, tree-object)."""
    return [w for r in rows if r.kind == kind and r.pos == pos for w in r.phrase.split("|")]
