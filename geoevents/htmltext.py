"""HTML page -> plain text, with where the reader comments begin and the page's date.

Uses only the standard library's :class:`html.parser.HTMLParser`. Scripts,
styles, iframes, forms and navigation are dropped; block elements become line
breaks; an element whose id or class names comments (``comments``, ``disqus``,
``wpdiscuz``...) starts the comment section.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

_SKIP = {
    "script",
    "style",
    "noscript",
    "iframe",
    "svg",
    "template",
    "head",
    "object",
    "embed",
    "canvas",
    "select",
    "button",
    "form",
    "nav",
}
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "article",
    "section",
    "header",
    "footer",
    "aside",
    "blockquote",
    "pre",
    "tr",
    "table",
    "hr",
    "main",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "time",
}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "source", "wbr"}
_COMMENTS = re.compile(r"comment|disqus|wpdiscuz|respond|replies", re.I)
_CHROME = re.compile(
    r"\b(share|social|related|sidebar|menu|navbar|footer|advert|cookie|newsletter)", re.I
)
_DATE_META = {
    "article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "dc.date",
    "publish-date",
    "og:published_time",
    "sailthru.date",
    "dcterms.created",
}


@dataclass(frozen=True)
class Page:
    """Text of an HTML page and what was found on the way."""

    text: str
    comments_from: int | None
    title: str | None
    date: str | None


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipping, comments
        self.open_tags: dict[str, int] = {}  # tag -> how many are on the stack
        self.skip_depth = 0
        self.comments_from: int | None = None
        self.title: str | None = None
        self.in_title = False
        self.in_jsonld = False
        self.jsonld: list[str] = []
        self.date: str | None = None

    def _emit(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self._emit("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if key.lower() in _DATE_META and values.get("content") and not self.date:
                self.date = values["content"]
            return
        if tag == "time" and values.get("datetime") and not self.date:
            self.date = values["datetime"]
        if tag == "title":
            self.in_title = True
        if tag == "script" and (values.get("type") or "").lower() == "application/ld+json":
            self.in_jsonld = True
        if tag in _VOID:
            if tag in _BLOCK:
                self._newline()
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("id", "class"))
        skipping = tag in _SKIP or bool(
            marker and _CHROME.search(marker) and not _COMMENTS.search(marker)
        )
        comments = bool(marker and _COMMENTS.search(marker))
        if comments and self.comments_from is None and not self.skip_depth:
            self._newline()
            self.comments_from = self.length
        self.stack.append((tag, skipping, comments))
        self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
        if skipping:
            self.skip_depth += 1
        if tag in _BLOCK:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "script":
            self.in_jsonld = False
        if tag in _VOID:
            return
        # Pop to the matching open tag; tolerate unclosed children. A stray end tag
        # (no such tag open) is ignored without a scan, so ``</i>`` repeated a
        # million times after ``<b>`` repeated a million times stays linear.
        if self.open_tags.get(tag):
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][0] == tag:
                    for name, skipping, _ in self.stack[i:]:
                        self.open_tags[name] -= 1
                        if skipping:
                            self.skip_depth -= 1
                    del self.stack[i:]
                    break
        if tag in _BLOCK:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title = ((self.title or "") + data).strip() or None
            return
        if self.in_jsonld:
            self.jsonld.append(data)
            return
        if self.skip_depth:
            return
        text = re.sub(r"[ \t\r\f\v]+", " ", data)
        if text.strip():
            self._emit(text)


def _jsonld_date(blobs: list[str]) -> str | None:
    for blob in blobs:
        try:
            data = json.loads(blob)
        except json.JSONDecodeError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                value = item.get("datePublished") or item.get("dateCreated")
                if isinstance(value, str):
                    return value
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return None


_COMMENT_CLOSE = re.compile(r"--\s*>")  # html.parser's own comment end
_CDATA_CLOSE = re.compile(r"]\s*]\s*>")
_RAW_TEXT_START = re.compile(r"<(script|style)\b", re.I)  # html.parser's CDATA elements
_RAW_TEXT_CLOSE = {
    "script": re.compile(r"</\s*script\s*>", re.I),
    "style": re.compile(r"</\s*style\s*>", re.I),
}


def defuse(markup: str) -> str:
    """Markup that :mod:`html.parser` reads in linear time and without crashing.

    Python 3.11's parser rescans to the end of the input for every ``<`` that
    starts a construct it cannot finish (``<!--`` never closed, ``</`` or ``<b``
    with no ``>`` after it: quadratic, hours for a few MB), and raises
    ``AssertionError`` on marked sections such as ``<![foo[``. One linear pass
    rewrites those the way a browser reads them: a ``<`` that cannot start a tag
    is text (``&lt;``), an unclosed comment, script or style runs to the end of
    the page, and ``<![...]>`` other than a closed CDATA section is a bogus
    comment up to the next ``>``.

    >>> defuse("a < b <!-- never closed")
    'a &lt; b '
    """
    out: list[str] = []
    copied = 0  # markup[:copied] is decided
    i = markup.find("<")
    next_gt = -1  # the first ">" at or after i, cached (i only grows)
    n = len(markup)
    while 0 <= i < n:
        if next_gt < i + 1 and next_gt != n:
            found = markup.find(">", i + 1)
            next_gt = n if found < 0 else found
        after = markup[i + 1 : i + 2]
        resume = i + 1
        if markup.startswith("<!--", i):
            close = _COMMENT_CLOSE.search(markup, i + 4)
            if close is None:
                out.append(markup[copied:i])
                return "".join(out)
            resume = close.end()
        elif markup.startswith("<![", i):
            close = (
                _CDATA_CLOSE.search(markup, i + 9)
                if markup[i + 3 : i + 9].upper() == "CDATA["
                else None
            )
            if close is not None:
                resume = close.end()
            else:  # a bogus comment: drop it up to the next ">"
                out.append(markup[copied:i])
                copied = resume = min(next_gt + 1, n)
        elif next_gt == n or not (after.isascii() and (after.isalpha() or after in "/!?")):
            out.append(markup[copied:i] + "&lt;")
            copied = i + 1
        else:
            raw = _RAW_TEXT_START.match(markup, i)
            if raw and markup[next_gt - 1] != "/":  # <script src="x"/> closes itself (XHTML)
                close = _RAW_TEXT_CLOSE[raw.group(1).lower()].search(markup, next_gt + 1)
                if close is None:  # an unclosed script runs to the end of the page
                    out.append(markup[copied:i])
                    return "".join(out)
                resume = close.end()
        i = markup.find("<", resume)
    out.append(markup[copied:])
    return "".join(out)


def _strip_tags(markup: str) -> str:
    """Last resort when the parser fails: tags, scripts and styles removed."""
    import html

    markup = re.sub(r"(?is)<(script|style)\b.*?(</\1\s*>|\Z)", " ", markup)
    return html.unescape(re.sub(r"<[^>]*>?", "\n", markup))


def html_to_text(markup: str) -> Page:
    """The readable text of an HTML page, one block per line."""
    parser = _Extractor()
    try:
        parser.feed(defuse(markup))
        parser.close()
    except AssertionError:
        # html.parser signals markup it cannot read with ``assert``; :func:`defuse`
        # removes the known cases, and any other still must not lose the page.
        fallback = _strip_tags(markup)
        parser = _Extractor()
        parser.feed(defuse(fallback.replace("<", "&lt;")))
        parser.close()
    text = "".join(parser.parts)
    lines = [line.strip() for line in text.split("\n")]
    # Re-join, keeping comments_from pointing at the same line.
    out: list[str] = []
    pos = 0
    comments_from = None
    for raw_line, line in zip(text.split("\n"), lines, strict=True):
        if (
            parser.comments_from is not None
            and comments_from is None
            and pos >= parser.comments_from
        ):
            comments_from = sum(len(x) + 1 for x in out)
        pos += len(raw_line) + 1
        out.append(line)
    cleaned = "\n".join(out)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned) if comments_from is None else cleaned
    date = parser.date or _jsonld_date(parser.jsonld)
    final = cleaned.rstrip("\n") + "\n"
    if comments_from is not None:  # the trailing blank lines it may point past are gone
        comments_from = min(comments_from, len(final))
    return Page(final, comments_from, parser.title, date)
