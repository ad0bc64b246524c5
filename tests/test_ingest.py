"""Ingest: sections, dates, HTML, JSONL and bad input, without the language pipeline."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geoevents.errors import InputError
from geoevents.ingest import (
    Rejected,
    decode,
    document_from_text,
    parse_date,
    read_documents,
    split_sections,
)
from tests.conftest import EXAMPLES, needs_shared


def _kinds(text: str) -> dict[str, str]:
    doc = document_from_text(text)
    out: dict[str, str] = {}
    for s in doc.sections:
        out[s.kind] = out.get(s.kind, "") + doc.text[s.start : s.end]
    return out


def test_example_page_sections_and_date():
    doc = next(read_documents([EXAMPLES / "border-base-airstrike.txt"]))
    parts = {s.kind: "" for s in doc.sections}
    for s in doc.sections:
        parts[s.kind] += doc.text[s.start : s.end]
    assert "Maarat al-Numan" in parts["body"]
    assert "Turkish Army Sets Up New Base" in parts["body"]
    assert "The Turks have been building posts" in parts["comments"]
    assert "Share this article" in parts["furniture"]
    assert "Leave a reply" in parts["furniture"]
    assert "Share this article" not in parts["body"]
    assert (doc.date, doc.date_precision) == (dt.date(2024, 3, 1), 2)


@needs_shared
def test_seed_page_sections(seed_path):
    doc = next(read_documents([seed_path]))
    body = "".join(doc.text[s.start : s.end] for s in doc.parts("body"))
    comments = "".join(doc.text[s.start : s.end] for s in doc.parts("comments"))
    furniture = "".join(doc.text[s.start : s.end] for s in doc.parts("furniture"))
    assert body.lstrip().startswith("Syrian Democratic Forces And Iraqi Army")
    assert "secured by the Syrian Arab Army (SAA) in late 2017" in body
    assert "No good will come of this." in comments
    assert "Does anyone really believe" in comments
    for chrome in ("0 $", "Notify of", "Newest Most Voted", "View all comments"):
        assert chrome in furniture and chrome not in body + comments
    assert "Support SouthFront" not in body
    assert (doc.date, doc.date_precision) == (dt.date(2021, 6, 1), 2)


def test_date_option_overrides_page_date():
    doc = document_from_text("MAY 2020\n\nShelling hit the town.\n", date="2021-02-03")
    assert (doc.date, doc.date_precision) == (dt.date(2021, 2, 3), 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021", (dt.date(2021, 1, 1), 3)), ("2021-06-07T10:00:00Z", (dt.date(2021, 6, 7), 1))],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_bad_date_is_input_error():
    with pytest.raises(InputError, match="not a date"):
        parse_date("yesterday-ish")


def test_html_page_drops_scripts_and_finds_comments_and_date():
    html = """<!doctype html><html><head><title>Strike</title>
    <meta property="article:published_time" content="2023-09-14T08:00:00Z">
    <script>alert('x')</script><style>p{}</style></head><body>
    <nav>Home News</nav><article><h1>Jets strike Hajin</h1>
    <p>Jets struck the town of Hajin on Monday.</p>
    <div class="share-buttons">Share on Facebook</div></article>
    <iframe src="https://ads.example"></iframe>
    <section id="comments"><p>Reader: what a mess.</p></section></body></html>"""
    doc = document_from_text(html)
    assert doc.title == "Strike"
    assert doc.date == dt.date(2023, 9, 14)
    assert "alert" not in doc.text and "Share on Facebook" not in doc.text
    body = "".join(doc.text[s.start : s.end] for s in doc.parts("body"))
    comments = "".join(doc.text[s.start : s.end] for s in doc.parts("comments"))
    assert "Jets struck the town of Hajin" in body
    assert "what a mess" in comments and "what a mess" not in body


def test_jsonl_bad_lines_do_not_lose_good_ones(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "Shelling hit Aleppo.", "date": "2024-01-02"}),
                "{not json",
                json.dumps({"id": "b"}),
                json.dumps({"id": "c", "text": "Clashes in Idlib.", "url": "https://x.test"}),
            ]
        ),
        encoding="utf-8",
    )
    items = list(read_documents([corpus]))
    good = [d for d in items if not isinstance(d, Rejected)]
    bad = [d for d in items if isinstance(d, Rejected)]
    assert [d.id for d in good] == ["a", "c"]
    assert good[0].date == dt.date(2024, 1, 2)
    assert good[1].url == "https://x.test"
    assert len(bad) == 2 and "not valid JSON" in bad[0].reason and "'text'" in bad[1].reason


def test_missing_binary_and_empty_files_are_rejected(tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    empty = tmp_path / "e.txt"
    empty.write_text("  \n", encoding="utf-8")
    items = list(read_documents([tmp_path / "nope.txt", binary, empty]))
    reasons = [r.reason for r in items]
    assert "no such file" in reasons[0]
    assert "binary" in reasons[1] or "not valid" in reasons[1]
    assert "empty" in reasons[2]


def test_utf16_with_bom_is_read():
    assert decode("Hajin".encode("utf-16"), "x") == "Hajin"


def test_long_sections_are_capped():
    text = ("word " * 50_000 + "\n") * 3
    sections = split_sections(text)
    assert all(s.end - s.start <= 100_000 for s in sections)
    assert sections[0].start == 0 and sections[-1].end == len(text)
