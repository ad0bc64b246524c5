"""Read inputs into :class:`~geoevents.models.Document`: plain text, HTML, JSONL corpora.

A page is split into article body, reader comments and page furniture (share
buttons, donation widgets, comment-form chrome), and its date is taken from the
page when it has one. Reading never raises for one bad document: it yields a
:class:`Rejected` record with the reason and goes on with the next.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import glob
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from geoevents.errors import InputError
from geoevents.htmltext import html_to_text
from geoevents.models import Document, Section, SectionKind

#: Larger documents are rejected with a message, not parsed for minutes.
MAX_DOCUMENT_BYTES = 5_000_000
#: spaCy parses sections of at most this many characters at once.
MAX_SECTION_CHARS = 100_000
#: Longer texts (after HTML is stripped) are rejected: a million characters take
#: the pipeline about three minutes and 3 GB of memory.
MAX_TEXT_CHARS = 1_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class Rejected:
    """An input that could not be read as a document, and why."""

    id: str
    source: str
    reason: str


@dataclass(frozen=True)
class CorpusFields:
    """Field names of a JSONL corpus record."""

    id: str = "id"
    text: str = "text"
    date: str = "date"
    title: str = "title"
    url: str = "url"


# --- dates ---------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    (re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"), 1),
    (re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I), 1),
    (
        re.compile(
            r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I
        ),
        1,
    ),
    (re.compile(r"\b" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I), 2),
]
_DATE_LABEL = re.compile(
    r"^\s*(published|posted|updated|date|last updated|first published)\b\s*(on|:)?", re.I
)


def parse_date(value: str | dt.date | None) -> tuple[dt.date, int] | None:
    """``(date, precision)`` for ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ISO datetimes.

    >>> parse_date("2021-06")
    (datetime.date(2021, 6, 1), 2)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date(), 1
    if isinstance(value, dt.date):
        return value, 1
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?", text)
    if not match:
        found = find_date(text)
        if found:
            return found
        raise InputError(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)), 1
        if month:
            return dt.date(int(year), int(month), 1), 2
        return dt.date(int(year), 1, 1), 3
    except ValueError as err:
        raise InputError(f"not a date: {text!r} ({err})") from err


def find_date(text: str) -> tuple[dt.date, int] | None:
    """The first calendar date written in ``text``, with its precision, or None."""
    best: tuple[int, dt.date, int] | None = None
    for pattern, precision in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
            day = int(groups["day"]) if groups.get("day") else 1
            try:
                date = dt.date(int(groups["year"]), month, day)
            except ValueError:
                continue
            if not 1800 <= date.year <= 2200:
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), date, precision)
            break
    return (best[1], best[2]) if best else None


def _is_date_line(line: str) -> bool:
    """A line that holds a date and little else ("JUNE 2021", "Posted on May 3, 2024")."""
    stripped = _DATE_LABEL.sub("", line).strip(" |-\u2013\u2014:,")
    if not stripped or len(stripped) > 40:
        return False
    found = find_date(stripped)
    if not found:
        return False
    rest = stripped
    for pattern, _ in _DATE_PATTERNS:
        rest = pattern.sub("", rest)
    rest = re.sub(
        r"\b\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?\b|\b(utc|gmt|edt|est|cet)\b", "", rest, flags=re.I
    )
    return len(re.sub(r"[\W_]+", "", rest)) <= 3


# --- sections --------------------------------------------------------------------------

_COMMENT_MARKERS = re.compile(
    r"^\s*(view all comments|\d+\s+comments?|comments?(\s*\(\d+\))?|reader comments|"
    r"leave a (comment|reply)|join the discussion|newest most voted|oldest newest most voted|"
    r"notify of|inline feedbacks|show comments|what do you think\??|"
    r"\d+\s+thoughts? on .*|discussion|responses?)\s*:?\s*$",
    re.I,
)
_FURNITURE = re.compile(
    r"^\s*([\d.,\s]*[$\u20ac\u00a3][\d.,\s]*|\d+|support \w+|share( this)?( article| on \w+)?|"
    r"tweet|email|print|advertisement|sponsored|subscribe.*|sign up.*|read (more|next|also).*|"
    r"related( articles| posts)?|follow us.*|click here.*|(\u00a9|copyright).*|"
    r"would love your thoughts.*|log ?in|register|reply|login to reply|menu|home|"
    r"skip to (main )?content|cookies?.*|accept|donate.*|loading\.*|\W+)\s*$",
    re.I,
)


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        yield pos, end, line
        pos = end


def split_sections(text: str, *, comments_from: int | None = None) -> tuple[Section, ...]:
    """Split a page's text into body, comments and furniture ranges.

    ``comments_from`` is where an HTML page's comment markup begins, when known.
    Lines that are page chrome (donation widgets, "Share", comment-form
    headings) are furniture; everything after a comment-section marker
    ("View all comments", "Leave a reply", ...) is reader comments.
    """
    lines = list(_lines(text))
    kinds: list[SectionKind] = []
    seen: dict[str, int] = {}
    for _, _, line in lines:
        key = line.strip().lower()
        if key:
            seen[key] = seen.get(key, 0) + 1

    in_comments = False
    for start, _, line in lines:
        stripped = line.strip()
        if comments_from is not None and start >= comments_from:
            in_comments = True
        if not stripped:
            kinds.append(kinds[-1] if kinds else "furniture")
            continue
        if _COMMENT_MARKERS.match(stripped):
            in_comments = True
            kinds.append("furniture")
            continue
        short = len(stripped.split()) <= 3 and not stripped.endswith((".", "!", "?", '"'))
        repeated_short = short and seen.get(stripped.lower(), 0) > 1
        if (
            _FURNITURE.match(stripped)
            or repeated_short
            or (not in_comments and _is_date_line(stripped))
        ):
            kinds.append("furniture")
            continue
        kinds.append("comments" if in_comments else "body")

    sections: list[Section] = []
    for (start, end, _), kind in zip(lines, kinds, strict=True):
        if sections and sections[-1].kind == kind and sections[-1].end == start:
            sections[-1] = Section(kind, sections[-1].start, end)
        else:
            sections.append(Section(kind, start, end))
    return tuple(_cap_sections(sections, text))


def _cap_sections(sections: Iterable[Section], text: str) -> Iterator[Section]:
    """Split sections longer than :data:`MAX_SECTION_CHARS` at line or word breaks."""
    for section in sections:
        start = section.start
        while section.end - start > MAX_SECTION_CHARS:
            limit = start + MAX_SECTION_CHARS
            cut = text.rfind("\n", start + 1, limit)
            if cut <= start:
                cut = text.rfind(" ", start + 1, limit)
            if cut <= start:
                cut = limit
            yield Section(section.kind, start, cut)
            start = cut
        if section.end > start:
            yield Section(section.kind, start, section.end)


def page_date(text: str) -> tuple[dt.date, int] | None:
    """The document date from a date line near the top, or a 'Published ...' line."""
    head = text[: min(len(text), 3000)]
    for _, _, line in _lines(head):
        stripped = line.strip()
        if stripped and (_is_date_line(stripped) or _DATE_LABEL.match(stripped)):
            found = find_date(stripped)
            if found:
                return found
    return None


# --- decoding ----------------------------------------------------------------------------


_MAGIC = [
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a zip archive (or a .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "a gzip file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
]
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def decode(data: bytes, source: str) -> str:
    """Text of a file's bytes: UTF-8 (with or without BOM) or UTF-16/32 with a BOM.

    An HTML page that is not UTF-8 is read in the charset its ``<meta>`` declares.
    Anything else that is not UTF-8 is rejected with where the first bad byte is;
    binary files (PDF, zip, images...) are named as such.

    >>> decode("Ḩasakah".encode("utf-16"), "x.txt")
    'Ḩasakah'
    """
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8":
        kind = binary_kind(data)
        if kind:
            raise InputError(
                f"{source}: looks like {kind}, not text; "
                "give the text of the article (.txt, .html or .jsonl)"
            )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        declared = _declared_charset(data) if encoding == "utf-8" else None
        if declared is None:
            line = data.count(b"\n", 0, err.start) + 1
            column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
            raise InputError(
                f"{source}: not valid {encoding.upper()} text (byte 0x{data[err.start]:02x} "
                f"at line {line}, column {column}, offset {err.start}); save it as UTF-8"
            ) from err
        text = data.decode(declared, errors="replace")
    controls = sum(1 for ch in text[:10000] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in text[:10000] or controls > max(10, len(text[:10000]) // 20):
        raise InputError(f"{source}: looks like a binary file, not text")
    return text


def binary_kind(data: bytes) -> str | None:
    """What a file without a UTF-16/32 BOM is when it is not text ("a PDF file"), or None."""
    kind = next((name for magic, name in _MAGIC if data.startswith(magic)), None)
    if kind is None and b"\x00" in data[:10000]:
        kind = "a binary file"
    return kind


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its head, when Python knows it."""
    import codecs

    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return None if name in ("utf-8", "utf-16", "utf-32") else name


def looks_like_html(text: str) -> bool:
    """True for text that is an HTML page or fragment rather than plain text."""
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(body|head|article|div|p|script|meta)\b", head)
    )


# --- documents ---------------------------------------------------------------------------


def document_from_text(
    text: str,
    *,
    id: str | None = None,
    date: str | dt.date | None = None,
    source: str | None = None,
    html: bool | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Document:
    """A :class:`Document` from plain text or HTML, its sections and date found."""
    if not isinstance(text, str):
        raise InputError(f"expected text, got {type(text).__name__}")
    # Lone surrogates (from JSON escapes such as "\\ud800") cannot be written as
    # UTF-8; U+FFFD keeps every offset where it was.
    text = _SURROGATE.sub("\ufffd", text)
    title = _SURROGATE.sub("\ufffd", title) if title else title
    url = _SURROGATE.sub("\ufffd", url) if url else url
    comments_from = None
    page_dates: list[tuple[dt.date, int]] = []
    if html if html is not None else looks_like_html(text):
        page = html_to_text(text)
        text, comments_from = page.text, page.comments_from
        title = title or page.title
        if page.date:
            found = parse_date_quiet(page.date)
            if found:
                page_dates.append(found)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"too long ({len(text):,} characters of text; the limit is {MAX_TEXT_CHARS:,}): "
            "split it into articles"
        )
    sections = split_sections(text, comments_from=comments_from)
    given = parse_date(date) if date else None
    found = given or (page_dates[0] if page_dates else None) or page_date(text)
    return Document(
        id=id or _default_id(source, text),
        text=text,
        sections=sections,
        date=found[0] if found else None,
        date_precision=found[1] if found else None,
        title=title,
        url=url,
        source=source,
    )


def parse_date_quiet(value: str) -> tuple[dt.date, int] | None:
    """:func:`parse_date`, or None for a value that is not a date."""
    try:
        return parse_date(value)
    except InputError:
        return None


def _default_id(source: str | None, text: str) -> str:
    if source and source != "-":
        return Path(source).stem
    import hashlib

    return "doc-" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:10]


def expand_paths(paths: Iterable[str | Path]) -> Iterator[str]:
    """Files named by paths, folders (their .txt/.html/.jsonl files) and glob patterns."""
    for raw in paths:
        path = str(raw)
        if path == "-":
            yield path
        elif os.path.isdir(path):
            for root, _dirs, files in sorted(os.walk(path)):
                for name in sorted(files):
                    suffix = Path(name).suffix.lower()
                    if suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                        yield os.path.join(root, name)
        elif any(ch in path for ch in "*?[") and not os.path.exists(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield path  # reported as missing by read_path
            yield from matches
        else:
            yield path


def read_bytes(path: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """A file's bytes (``-`` is standard input), with clear errors."""
    corpus = Path(path).suffix.lower() in JSONL_SUFFIXES  # a corpus has no size limit
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            size = os.path.getsize(path)
            if size > max_bytes and not corpus:
                raise InputError(
                    f"{path}: too large ({size / 1e6:.1f} MB; the limit is "
                    f"{max_bytes / 1e6:.1f} MB per document): split it into articles"
                )
            with open(path, "rb") as handle:
                # Never more than the limit: a device or pipe (/dev/zero, <(...)) has no size.
                data = handle.read() if corpus else handle.read(max_bytes + 1)
        except FileNotFoundError as err:
            raise InputError(f"{path}: no such file") from err
        except IsADirectoryError as err:
            raise InputError(f"{path}: is a folder, not a file") from err
        except PermissionError as err:
            raise InputError(f"{path}: permission denied") from err
        except OSError as err:
            raise InputError(f"{path}: cannot be read ({err.strerror or err})") from err
    if len(data) > max_bytes and not corpus:
        where = "-: standard input" if path == "-" else path
        raise InputError(
            f"{where}: too large (more than {max_bytes / 1e6:.1f} MB per document): "
            "split it into articles"
        )
    return data


def read_path(
    path: str,
    *,
    date: str | dt.date | None = None,
    fields: CorpusFields = CorpusFields(),
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Iterator[Document | Rejected]:
    """Documents of one input: a text or HTML file, a JSONL corpus, or stdin."""
    if Path(path).suffix.lower() in JSONL_SUFFIXES and path != "-":
        yield from read_jsonl_file(path, date=date, fields=fields, max_bytes=max_bytes)
        return
    try:
        data = read_bytes(path, max_bytes=max_bytes)
    except InputError as err:
        yield Rejected(_default_id(path, ""), path, str(err))
        return
    yield from read_data(data, path, date=date, fields=fields, max_bytes=max_bytes)


def read_data(
    data: bytes,
    path: str,
    *,
    date: str | dt.date | None = None,
    fields: CorpusFields = CorpusFields(),
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Iterator[Document | Rejected]:
    """Documents of one input's bytes, already read from ``path`` (see :func:`read_path`)."""
    try:
        text = decode(data, path)
    except InputError as err:
        yield Rejected(_default_id(path, ""), path, str(err))
        return
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_SUFFIXES or (path == "-" and _looks_like_jsonl(text)):
        yield from read_jsonl(text, source=path, date=date, fields=fields, max_bytes=max_bytes)
        return
    if not text.strip():
        yield Rejected(_default_id(path, ""), path, f"{path}: empty document")
        return
    html = True if suffix in HTML_SUFFIXES else None
    try:
        document = document_from_text(text, date=date, source=path, html=html)
    except InputError as err:
        yield Rejected(_default_id(path, ""), path, f"{path}: {err}")
        return
    if not document.text.strip():
        yield Rejected(document.id, path, f"{path}: no readable text (only markup)")
        return
    yield document


def _looks_like_jsonl(text: str) -> bool:
    first = text.lstrip()[:1]
    return first == "{" and text.lstrip().split("\n", 1)[0].rstrip().endswith("}")


def read_jsonl_file(
    path: str,
    *,
    date: str | dt.date | None = None,
    fields: CorpusFields = CorpusFields(),
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Iterator[Document | Rejected]:
    """A JSONL corpus read line by line: any size, a bad line costs only itself.

    Each line is decoded on its own, so one line that is not UTF-8 is rejected
    with its line number and the other lines are read.
    """
    rejected_id = _default_id(path, "")
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, read lazily
    except FileNotFoundError:
        yield Rejected(rejected_id, path, f"{path}: no such file")
        return
    except IsADirectoryError:
        yield Rejected(rejected_id, path, f"{path}: is a folder, not a file")
        return
    except PermissionError:
        yield Rejected(rejected_id, path, f"{path}: permission denied")
        return
    with handle:
        head = handle.read(10000)
        if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
            # UTF-16/32: decode the whole file (the BOM is only at its start).
            try:
                text = decode(head + handle.read(), path)
            except InputError as err:
                yield Rejected(rejected_id, path, str(err))
                return
            yield from read_jsonl(text, source=path, date=date, fields=fields, max_bytes=max_bytes)
            return
        kind = binary_kind(head)
        if kind:
            yield Rejected(rejected_id, path, f"{path}: looks like {kind}, not a JSONL corpus")
            return
        handle.seek(0)
        lineno = 0
        while True:
            raw = handle.readline(max_bytes + 1)
            if not raw:
                break
            lineno += 1
            where = f"{path}:{lineno}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = handle.readline(1 << 20)
                yield Rejected(
                    where,
                    path,
                    f"{where}: document too large (the limit is {max_bytes / 1e6:.1f} MB)",
                )
                continue
            if lineno == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield Rejected(
                    where,
                    path,
                    f"{where}: not valid UTF-8 (byte 0x{raw[err.start]:02x} at column "
                    f"{err.start + 1}); save the corpus as UTF-8",
                )
                continue
            found = jsonl_record(
                line, source=path, lineno=lineno, date=date, fields=fields, max_bytes=max_bytes
            )
            if found is not None:
                yield found


def read_jsonl(
    text: str,
    *,
    source: str,
    date: str | dt.date | None = None,
    fields: CorpusFields = CorpusFields(),
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Iterator[Document | Rejected]:
    """One document per JSONL line (``id``, ``text``; optional ``date``, ``title``, ``url``)."""
    for lineno, line in enumerate(text.split("\n"), 1):
        found = jsonl_record(
            line, source=source, lineno=lineno, date=date, fields=fields, max_bytes=max_bytes
        )
        if found is not None:
            yield found


def jsonl_record(
    line: str,
    *,
    source: str,
    lineno: int,
    date: str | dt.date | None = None,
    fields: CorpusFields = CorpusFields(),
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Document | Rejected | None:
    """The document of one JSONL line (line ``lineno`` of ``source``); None for a blank line."""
    if not line.strip():
        return None
    where = f"{source}:{lineno}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return Rejected(where, source, f"{where}: not valid JSON ({err.msg})")
    except RecursionError:
        return Rejected(where, source, f"{where}: JSON nested too deeply")
    if not isinstance(record, dict):
        return Rejected(where, source, f"{where}: a JSON object was expected")
    doc_id = _str_id(record.get(fields.id)) or where
    body = record.get(fields.text)
    if not isinstance(body, str) or not body.strip():
        return Rejected(doc_id, source, f"{where}: missing or empty {fields.text!r} field")
    if len(body.encode("utf-8", "replace")) > max_bytes:
        return Rejected(doc_id, source, f"{where}: document too large")
    try:
        document = document_from_text(
            body,
            id=doc_id,
            date=date or _date_value(record.get(fields.date)),
            source=doc_id,
            title=_str_or_none(record.get(fields.title)),
            url=_str_or_none(record.get(fields.url)),
        )
    except InputError as err:
        return Rejected(doc_id, source, f"{where}: {err}")
    if not document.text.strip():
        return Rejected(doc_id, source, f"{where}: no readable text (only markup)")
    return document


def _str_id(value: object) -> str | None:
    """A record's id as text: strings and numbers; anything else is ignored."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        text = str(value).strip()
        return text or None
    return None


def _date_value(value: object) -> str | None:
    """A record's date field as text for :func:`parse_date` (None when absent)."""
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def read_documents(
    paths: Sequence[str | Path],
    *,
    date: str | dt.date | None = None,
    fields: CorpusFields = CorpusFields(),
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Iterator[Document | Rejected]:
    """Every document of every input, in order; bad ones as :class:`Rejected`."""
    if date is not None:
        parse_date(date)  # a bad --date is the user's to fix before anything runs
    seen: dict[str, int] = {}
    for path in expand_paths(paths):
        for item in read_path(path, date=date, fields=fields, max_bytes=max_bytes):
            # Two inputs with one id ("a/x.txt", "b/x.txt"; a corpus that repeats
            # an id) would give events with one id: the second becomes "x~2".
            count = seen[item.id] = seen.get(item.id, 0) + 1
            if count > 1:
                item = dataclasses.replace(item, id=f"{item.id}~{count}")
            yield item
