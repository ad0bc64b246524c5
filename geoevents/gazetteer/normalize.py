"""Name folding: the one normalisation key used to store and look up names.

``fold`` lower-cases, strips diacritics and ʿ ‘ ’ ' ` marks, treats hyphens,
spaces and apostrophes alike and drops Arabic articles, so that spelling
variants of one name share a key:

>>> fold("Deir ez-Zor") == fold("Deir Ezzor") == fold("deir-ez-zor")
True
>>> fold("al-Ḩasakah") == fold("Al Hasakah") == fold("el-Hasakah") == fold("Hasakah")
True
>>> fold("Khān Shaykhūn")
'khanshaykhun'
>>> fold("Tell Tamer") == fold("Tall Tamer"), fold("Raqqah") == fold("Ar-Raqqa")
(True, True)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Separate tokens that are (Romanised) Arabic articles when another word follows.
ARTICLES = frozenset(
    {"al", "el", "il", "ul", "ad", "ed", "ar", "er", "as", "es", "at", "et", "az", "ez", "an",
     "en", "ash", "esh", "ath", "eth", "adh", "edh", "uz", "us"}
)
_MARK_CHARS = "ʿʾʻʼ‘’'`´ʹ′\u02bf\u02be\u0640"
_MARKS = dict.fromkeys(map(ord, _MARK_CHARS), None)
_LETTERS = str.maketrans(
    {
        "ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d",
        "ł": "l", "þ": "th", "ŧ": "t", "ħ": "h", "ə": "e", "ɨ": "i",
        # Arabic letter variants (hamza carriers, taa marbuta, alif maqsura)
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك",
    }
)
_SPLIT = re.compile(r"[^0-9a-z\u0600-\u06ff\u0750-\u077f]+")
# A glued, assimilated article inside a name: "Ezzor" (ez-Zor), "Ennaqoura", "Ashsham".
_GLUED = re.compile(r"^[ae](sh|th|dh|[dtsznr])(?=\1)")
_DOUBLED = re.compile(r"([a-z])\1+")
#: Romanisations of generic words of Arabic place names, mapped to one form.
GENERIC_WORDS = {
    **dict.fromkeys(["tal", "tall", "tell", "tel"], "tal"),
    **dict.fromkeys(["ain", "ayn", "ein", "ayin"], "ayn"),
    **dict.fromkeys(["abu", "abou"], "abu"),
    **dict.fromkeys(["shaykh", "sheikh", "shaikh", "sheik", "cheikh", "cheik", "sheykh"], "shaykh"),
    **dict.fromkeys(["deir", "dayr", "dair", "deyr"], "dayr"),
    **dict.fromkeys(["jabal", "jebel", "jebal", "djebel", "jbel", "jabel"], "jabal"),
    **dict.fromkeys(["kafr", "kfar", "kefr", "kafar"], "kafr"),
    **dict.fromkeys(["bayt", "beit", "beyt"], "bayt"),
    **dict.fromkeys(["khirbat", "khirbet", "khirbit"], "khirbat"),
    **dict.fromkeys(["qasr", "kasr"], "qasr"),
    **dict.fromkeys(["wadi", "wady", "oued"], "wadi"),
    **dict.fromkeys(["maarat", "maarrat", "marat", "maaret", "maarrat"], "maarat"),
}
_LATIN_OR_ARABIC = re.compile(r"^[0-9a-z\u0600-\u06ff\u0750-\u077f]+$")


class _FoldTable(dict):
    """``str.translate`` table: each character to its lower-case, mark-free form (memoised)."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        if char in _MARK_CHARS:
            out = None
        else:
            text = unicodedata.normalize("NFKD", char)
            text = "".join(c for c in text if not unicodedata.combining(c))
            out = text.lower().translate(_LETTERS)
        self[code] = out
        return out


_FOLD_TABLE = _FoldTable()


def _tokens(name: str) -> list[str]:
    return [t for t in _SPLIT.split(name.translate(_FOLD_TABLE)) if t]


#: Bumped whenever :func:`fold` gives another key for some name; stores keyed with
#: another version are stale and rebuilt (their lookups would silently miss).
FOLD_VERSION = "1"


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The lookup key of ``name``: folded, article-free, without separators."""
    if name.isascii() and name.isalnum():  # one plain word: the common case, made fast
        return latin_token(name.lower())
    return "".join(tok for _, tok in fold_parts(name))


def fold_parts(name: str) -> list[tuple[str, str]]:
    """(lower-cased token, its part of the key) for each word of ``name`` that counts."""
    tokens = _tokens(name)
    out: list[tuple[str, str]] = []
    for i, raw in enumerate(tokens):
        last = i == len(tokens) - 1
        if not last and raw in ARTICLES:
            continue
        tok = raw
        if not last and tok.startswith("ال") and len(tok) > 3 and i == 0:
            tok = tok[2:]
        elif i > 0 and len(tok) > 4:
            tok = _GLUED.sub("", tok)
        if tok.isascii():
            tok = latin_token(tok)
        out.append((raw, tok))
    return out


def latin_token(tok: str) -> str:
    """Transliteration-neutral form: generic words unified, doubled letters single,
    a final -ah/-eh (taa marbuta) as -a: "Tell" = "Tall" = "Tal", "Raqqah" = "Raqqa"."""
    tok = GENERIC_WORDS.get(tok, tok)
    tok = _DOUBLED.sub(r"\1", tok)
    if len(tok) > 4 and tok.endswith(("ah", "eh")):
        tok = tok[:-2] + "a"
    return tok


def fold_variants(name: str) -> set[str]:
    """Keys to index for ``name``: :func:`fold` plus article-less variants.

    A glued leading article ("Albu Kamal", "Elbasan" is left alone when short)
    and the Arabic ``ال`` prefix give a second key, so "al-Bukamal" finds
    "Albu Kamal".
    """
    key = fold(name)
    keys = {key} if key else set()
    if not key.startswith(("al", "el", "ال")):
        return keys
    tokens = _tokens(name)
    if tokens:
        first = tokens[0]
        if first.startswith(("al", "el")) and len(first) >= 4 and len(tokens) > 1:
            keys.add(fold(" ".join([first[2:], *tokens[1:]])))
        if first.startswith("ال") and len(first) > 3:
            keys.add(fold(" ".join([first[2:], *tokens[1:]])))
    keys.discard("")
    return keys


def ascii_name(name: str) -> str:
    """``name`` without diacritics and ʿ ‘ marks, for display: "‘Afrīn" -> "Afrin".

    Names in other scripts are returned unchanged.
    """
    if name.isascii():
        return name
    text = unicodedata.normalize("NFKD", name.translate(_MARKS))
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_LETTERS)
    text = unicodedata.normalize("NFC", text).strip()
    return text if text.isascii() and text else name


def is_indexable(name: str) -> bool:
    """Keep a name for the index: Latin or Arabic script once folded."""
    return is_indexable_key(fold(name))


def is_indexable_key(key: str) -> bool:
    """A folded key in Latin letters, digits or Arabic script."""
    return bool(key) and (key.isascii() or _LATIN_OR_ARABIC.match(key) is not None)


def is_latin(key: str) -> bool:
    """A folded key in Latin letters and digits only."""
    return key.isascii()
