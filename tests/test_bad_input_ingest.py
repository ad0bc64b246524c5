"""Bad input at the ingest layer: each case gets a clear reason, and never costs the others.

No language model here: these run in a second. The same inputs go through the
CLI in ``test_bad_input_cli.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from geoevents.errors import InputError
from geoevents.htmltext import defuse, html_to_text
from geoevents.ingest import (
    MAX_DOCUMENT_BYTES,
    MAX_SECTION_CHARS,
    MAX_TEXT_CHARS,
    Rejected,
    decode,
    document_from_text,
    parse_date,
    read_documents,
)

GOOD = "On 3 March 2024 an airstrike hit the town of Hajin in Syria.\n"


def _read(*paths: Path | str) -> tuple[list, list[Rejected]]:
    items = list(read_documents(list(paths)))
    return (
        [d for d in items if not isinstance(d, Rejected)],
        [d for d in items if isinstance(d, Rejected)],
    )


def _one_reason(path: Path, good: Path) -> str:
    """Read ``path`` between two good files: exactly one rejection, both good ones kept."""
    docs, rejected = _read(good, path, good)
    assert len(docs) == 2, [r.reason for r in rejected]
    assert len(rejected) == 1
    reason = rejected[0].reason
    assert "\n" not in reason and "Traceback" not in reason
    assert str(path) in reason  # says which input
    return reason


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


# --- files that are not articles -------------------------------------------------------


def test_empty_file(tmp_path, good):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert "empty document" in _one_reason(tmp_path / "empty.txt", good)
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    assert "empty document" in _one_reason(tmp_path / "blank.txt", good)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (bytes(range(256)) * 40, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "zip"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 40, "gzip"),
        (b"SQLite format 3\x00" + b"\x00" * 80, "SQLite"),
    ],
)
def test_binary_files_are_named(tmp_path, good, data, kind):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    reason = _one_reason(path, good)
    assert kind in reason and "not text" in reason


def test_invalid_utf8_is_rejected_with_where(tmp_path, good):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Airstrike near Hajin.\nCaf\u00e9 Deir ez-Zor".encode("latin-1"))
    reason = _one_reason(path, good)
    assert "not valid UTF-8" in reason
    assert "byte 0xe9 at line 2, column 4" in reason
    assert "save it as UTF-8" in reason


def test_html_in_its_declared_charset_is_read(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; '
        'charset=windows-1252"></head><body><p>Shelling hit Ma\u00e2rrat near Idlib.</p>'
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    docs, rejected = _read(path)
    assert not rejected and "Ma\u00e2rrat" in docs[0].text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_utf16_and_utf32_with_bom_and_utf8_bom(tmp_path, encoding):
    text = "\u062f\u064a\u0631 \u0627\u0644\u0632\u0648\u0631 \u2014 " + GOOD
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    docs, rejected = _read(path)
    assert not rejected
    assert docs[0].text == text and not docs[0].text.startswith("\ufeff")


def test_utf16_jsonl_corpus(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": GOOD}) for i in range(3)]
    path.write_bytes("\n".join(lines).encode("utf-16"))
    docs, rejected = _read(path)
    assert [d.id for d in docs] == ["d0", "d1", "d2"] and not rejected


def test_utf16_without_bom_is_named_binary_not_garbled(tmp_path, good):
    path = tmp_path / "nobom.txt"
    path.write_bytes(GOOD.encode("utf-16-le"))
    assert "not text" in _one_reason(path, good)


# --- size ------------------------------------------------------------------------------


def test_twenty_megabyte_article_is_rejected_quickly(tmp_path, good):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.write((GOOD * 400).encode() * 830)  # ~20 MB
    assert path.stat().st_size > 4 * MAX_DOCUMENT_BYTES
    start = time.monotonic()
    reason = _one_reason(path, good)
    assert time.monotonic() - start < 5
    assert "too large" in reason and "MB" in reason and "split it" in reason


def test_twenty_megabyte_jsonl_line_is_rejected_and_others_kept(tmp_path):
    path = tmp_path / "c.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "a", "text": GOOD}) + "\n")
        handle.write(json.dumps({"id": "huge", "text": "x " * 10_000_000}) + "\n")
        handle.write(json.dumps({"id": "b", "text": GOOD}) + "\n")
    docs, rejected = _read(path)
    assert [d.id for d in docs] == ["a", "b"]
    assert len(rejected) == 1 and "too large" in rejected[0].reason
    assert f"{path}:2" in rejected[0].reason


def test_a_million_character_line_is_one_document_in_capped_sections(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text(("Shelling hit Hajin. " * 50_000)[:1_000_000], encoding="utf-8")
    nospace = tmp_path / "nospace.txt"
    nospace.write_text("x" * 1_000_000, encoding="utf-8")
    start = time.monotonic()
    docs, rejected = _read(path, nospace)
    assert time.monotonic() - start < 10
    assert not rejected and len(docs) == 2
    for doc in docs:
        assert len(doc.text) == 1_000_000
        assert all(s.end - s.start <= MAX_SECTION_CHARS for s in doc.sections)
        assert doc.sections[0].start == 0 and doc.sections[-1].end == len(doc.text)


# --- JSONL -----------------------------------------------------------------------------


def test_malformed_jsonl_lines_and_missing_fields(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": GOOD}),
        "{not json",
        "[1, 2, 3]",
        '"just a string"',
        json.dumps({"id": "notext"}),
        json.dumps({"id": "emptytext", "text": "   "}),
        json.dumps({"id": "numtext", "text": 42}),
        json.dumps({"id": "baddate", "text": GOOD, "date": "last week-ish"}),
        json.dumps({"id": "onlymarkup", "text": "<script>alert(1)</script>"}),
        "[" * 100_000 + "]" * 100_000,
        "",
        json.dumps({"id": {"nested": 1}, "text": GOOD, "date": 20240301, "title": ["x"]}),
        json.dumps({"id": "ok2", "text": GOOD, "date": "2024-03-05"}),
    ]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    docs, rejected = _read(path)
    assert [d.id for d in docs] == ["ok1", "ok2"]
    assert docs[1].date == dt.date(2024, 3, 5)
    reasons = {r.id: r.reason for r in rejected}
    assert "not valid JSON" in reasons[f"{path}:2"]
    assert "JSON object was expected" in reasons[f"{path}:3"]
    assert "JSON object was expected" in reasons[f"{path}:4"]
    assert "'text'" in reasons["notext"]
    assert "'text'" in reasons["emptytext"] and "'text'" in reasons["numtext"]
    assert "not a date" in reasons["baddate"]
    assert "no readable text" in reasons["onlymarkup"]
    assert f"{path}:10" in reasons[f"{path}:10"]  # nested too deeply, or not valid JSON
    assert "not a date" in reasons[f"{path}:12"]  # a non-string id falls back to the line
    assert all(f"{path}:" in r for r in reasons.values())  # every reason says which line


def test_one_line_that_is_not_utf8_costs_only_itself(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(
        json.dumps({"id": "a", "text": GOOD}).encode()
        + b"\n"
        + b'{"id": "b", "text": "Caf\xe9 in Idlib"}\n'
        + json.dumps({"id": "c", "text": GOOD}).encode()
        + b"\n"
    )
    docs, rejected = _read(path)
    assert [d.id for d in docs] == ["a", "c"]
    assert len(rejected) == 1 and "not valid UTF-8" in rejected[0].reason
    assert f"{path}:2" in rejected[0].reason


def test_binary_file_named_jsonl_is_one_rejection(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(bytes(range(256)) * 400)
    docs, rejected = _read(path)
    assert not docs and len(rejected) == 1 and "not a JSONL corpus" in rejected[0].reason


def test_unicode_line_separators_inside_jsonl_strings(tmp_path):
    path = tmp_path / "c.jsonl"
    record = {"id": "a", "text": "Shelling hit Hajin.\u2028Clashes near Idlib.\u0085"}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    docs, rejected = _read(path)
    assert not rejected and docs[0].id == "a"


def test_repeated_ids_are_made_unique(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "x.txt").write_text(GOOD, encoding="utf-8")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "\n".join(json.dumps({"id": "same", "text": GOOD}) for _ in range(3)), encoding="utf-8"
    )
    docs, _ = _read(tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", corpus)
    assert [d.id for d in docs] == ["x", "x~2", "same", "same~2", "same~3"]


# --- paths -----------------------------------------------------------------------------


def test_missing_path_folder_and_unmatched_glob(tmp_path, good):
    assert "no such file" in _one_reason(tmp_path / "nope.txt", good)
    assert "no such file" in _one_reason(tmp_path / "nope.jsonl", good)
    docs, rejected = _read(good, str(tmp_path / "*.nothing"))
    assert len(docs) == 1 and "no such file" in rejected[0].reason


@pytest.mark.skipif(
    not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
    reason="root reads files whatever their mode",
)
def test_unreadable_file(tmp_path, good):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    try:
        assert "permission denied" in _one_reason(path, good)
    finally:
        path.chmod(0o644)


# --- HTML ------------------------------------------------------------------------------

HOSTILE_PAGE = """<!doctype html><html><head><title>Strike &lt;b&gt;</title>
<script>document.write('SCRIPT-TEXT')</script><style>body{color:red} /* STYLE-TEXT */</style>
<noscript>NOSCRIPT-TEXT</noscript></head><body>
<iframe src="javascript:alert(1)">IFRAME-TEXT</iframe>
<p onclick="alert('ATTR-TEXT')">Jets struck the town of Hajin on Monday.</p>
<svg><script>SVG-SCRIPT</script><text>SVG-TEXT</text></svg>
<object data="x.swf">OBJECT-TEXT</object><template><p>TEMPLATE-TEXT</p></template>
<form><input value="FORM-TEXT"><button>BUTTON-TEXT</button></form>
<p>Rockets hit Idlib.<script>var s = "</p><p>FAKE-TEXT";</script></p>
<![CDATA[ CDATA-TEXT ]]><!-- COMMENT-TEXT -->
<p>Shelling near Aleppo.</p></body></html>"""


def test_scripts_styles_iframes_and_markup_are_dropped():
    doc = document_from_text(HOSTILE_PAGE)
    assert "Jets struck the town of Hajin on Monday." in doc.text
    assert "Rockets hit Idlib." in doc.text and "Shelling near Aleppo." in doc.text
    assert doc.title == "Strike <b>"
    for leaked in ("SCRIPT", "STYLE", "NOSCRIPT", "IFRAME", "ATTR", "SVG", "OBJECT",
                   "TEMPLATE", "FORM", "BUTTON", "FAKE", "CDATA", "COMMENT"):  # fmt: skip
        assert f"{leaked}-TEXT" not in doc.text, leaked
    assert "<" not in doc.text and "javascript" not in doc.text


@pytest.mark.parametrize(
    "markup",
    [
        "<p>a</p><![foo[ x ]]><p>b</p>",  # html.parser: AssertionError
        "<p>a</p><![ x",
        "<p>a</p><!-- never closed <p>b</p>",
        "<p>a</p><script>never closed",
        "<p>a</p><style>never closed",
        "<p>a < b and c<d</p>",
        "<p>a</p></",
        "<p>a<b",
        '<p>a</p><a href="never closed',
    ],
)
def test_broken_html_never_raises(markup):
    page = html_to_text(markup)
    assert page.text.startswith("a")


# Each case: html.parser on Python 3.11 takes hours on 5 MB of it (quadratic).
PATHOLOGICAL = {
    "unclosed-comments": "<!--" * 250_000,
    "end-tags-without-close": "</" * 500_000,
    "start-tags-without-close": "<b" * 500_000,
    "marked-sections": "<![CDATA[" * 100_000,
    "processing-instructions": "<?" * 500_000,
    "unclosed-script-with-end-tags": "<script>" + "</scrip" * 140_000,
    "lt-amp": "<&" * 500_000,
    "stray-end-tags": "<b>" * 300_000 + "x" + "</i>" * 300_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_html_is_linear(name):
    start = time.monotonic()
    html_to_text(PATHOLOGICAL[name])
    assert time.monotonic() - start < 8, name


def test_self_closing_script_does_not_swallow_the_page():
    page = '<html><script src="a.js"/><p>Jets struck Hajin.</p><script>x()</script><p>End.</p>'
    text = html_to_text(page).text
    assert "Jets struck Hajin." in text and "End." in text and "x()" not in text


def test_defuse_keeps_ordinary_markup():
    page = "<p class='x'>A <b>bold</b> &amp; <i>it</i></p><!-- c --><br/><![CDATA[x]]>"
    assert defuse(page) == page


# --- languages and scripts -------------------------------------------------------------


def test_arabic_rtl_text_keeps_its_characters_and_marks():
    text = (
        "\u202b\u0642\u0635\u0641 \u062c\u0648\u064a \u0639\u0644\u0649 "
        "\u0645\u062f\u064a\u0646\u0629 \u062d\u0644\u0628\u202c \u200f\n"
        "\u0627\u0644\u062d\u0633\u0643\u0629 \u2067Hajin\u2069 2024-03-01\n"
    )
    doc = document_from_text(text)
    assert doc.text == text
    assert doc.sections and doc.sections[-1].end == len(text)


@pytest.mark.parametrize(
    "text",
    [
        "Les frappes a\u00e9riennes ont touch\u00e9 Alep le 3 mars 2024.",
        "\u0412\u0437\u0440\u044b\u0432 \u0432 \u0414\u043e\u043d\u0435\u0446\u043a\u0435.",
        "\u53d9\u5229\u4e9a\u963f\u52d2\u9887\u53d1\u751f\u7a7a\u88ad\u3002",
        "Zerstörung in Köln 🚀🔥 \U0001f1f8\U0001f1fe e\u0301\u0301\u0301 \ufeff\u200b",
    ],
)
def test_non_english_text_is_read_as_is(text):
    doc = document_from_text(text)
    assert doc.text == text


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0001-01-01", dt.date(1, 1, 1)),
        ("1066-10-14", dt.date(1066, 10, 14)),
        ("9999-12-31", dt.date(9999, 12, 31)),
        ("2999", dt.date(2999, 1, 1)),
    ],
)
def test_far_past_and_future_dates_parse(value, expected):
    assert parse_date(value)[0] == expected


@pytest.mark.parametrize("value", ["0000-01-01", "10000-01-01", "2024-13-01", "2024-02-30", "-1"])
def test_impossible_dates_are_input_errors(value):
    with pytest.raises(InputError, match="not a date"):
        parse_date(value)


def test_bad_date_option_is_raised_before_reading(tmp_path, good):
    with pytest.raises(InputError, match="not a date"):
        list(read_documents([good], date="someday"))


def test_dates_written_far_off_in_the_text_are_ignored_as_page_dates():
    doc = document_from_text("Published 14 October 1066\n\nThe battle of Hastings.\n")
    assert doc.date is None  # outside 1800-2200: not taken for the page date
    doc = document_from_text("Posted on May 3, 2024\n\nShelling hit Hajin.\n")
    assert doc.date == dt.date(2024, 5, 3)


def test_decode_controls_in_text_are_binary():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x01\x02\x03\x04\x05\x06" * 100, "x.txt")


def test_text_longer_than_the_limit_is_rejected(tmp_path, good):
    path = tmp_path / "long.txt"
    path.write_text("Shelling hit Hajin.\n" * 60_000, encoding="utf-8")  # 1.2 M characters
    reason = _one_reason(path, good)
    assert "too long" in reason and "1,000,000" in reason and "split it" in reason
    with pytest.raises(InputError, match="too long"):
        document_from_text("x" * (MAX_TEXT_CHARS + 1))


def test_lone_surrogates_from_json_escapes_become_replacement_characters(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"id": "s", "text": "Shelling hit Idlib \\ud800 on Monday.", "title": "\\udfff"}\n',
        encoding="utf-8",
    )
    docs, rejected = _read(path)
    assert not rejected
    assert docs[0].text == "Shelling hit Idlib \ufffd on Monday." and docs[0].title == "\ufffd"
    docs[0].text.encode("utf-8")  # writable


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_read_only_up_to_the_limit(good):
    start = time.monotonic()
    docs, rejected = _read(good, "/dev/zero")
    assert time.monotonic() - start < 5
    assert len(docs) == 1 and "too large" in rejected[0].reason


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_read(tmp_path):
    import os
    import threading

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as handle:
            handle.write(GOOD)

    writer = threading.Thread(target=feed)
    writer.start()
    docs, rejected = _read(fifo)
    writer.join(timeout=10)
    assert not rejected and docs[0].text == GOOD
