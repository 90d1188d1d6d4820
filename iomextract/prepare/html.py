"""Main text of an HTML page, with an exact offset map into the HTML string.

The stdlib :class:`html.parser.HTMLParser` (``convert_charrefs=False``) reports where each piece of text and each
character reference starts, so the extracted text maps back to the page. Navigation-like elements are dropped, the
content of ``<main>`` (else the largest ``<article>``) is preferred, block elements become paragraph breaks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from .offsets import Builder, OffsetMap

_LOOKS_HTML = re.compile(r"\A\s{0,200}(?:<!--.{0,500}?-->\s{0,50})?<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                         re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"</(?:p|div|li|h[1-6]|td|tr|table|section|article|main)\s*>", re.IGNORECASE)

SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg",
                  "iframe", "button", "select", "textarea", "object", "head", "menu", "dialog"})
SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alert"})
# class/id words that mark interface blocks whatever the element
_SKIP_CLASS = re.compile(r"(?:^|[\s_-])(?:breadcrumbs?|cookies?|consent|skip-?link|share|social|sharing|menu|navbar)"
                         r"(?:$|[\s_-])", re.IGNORECASE)
BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
                   "td", "th", "thead", "tbody", "section", "article", "main", "blockquote", "pre", "figure",
                   "figcaption", "hr", "address", "center", "details", "summary", "caption", "body", "html"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
_PUBLISHED_META = frozenset({"article:published_time", "og:published_time", "datepublished", "date", "dc.date",
                             "dc.date.issued", "dcterms.date", "dcterms.issued", "pubdate", "publishdate",
                             "publish-date", "sailthru.date", "parsely-pub-date", "citation_publication_date"})
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_JSONLD_DATE = re.compile(r'"datePublished"\s{0,5}:\s{0,5}"(\d{4}-\d{2}-\d{2})')
_SPACE = re.compile(r"\s+")
_ODD_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")  # whitespace other than one plain space
_REF_END = re.compile(r"&#?[0-9A-Za-z]{1,32};?")
MAX_DEPTH = 10_000  # tracked-element stack bound (deeply nested pages)

# event kinds
_TEXT, _REF, _BREAK, _LINE = 0, 1, 2, 3


def looks_like_html(text: str) -> bool:
    """True for a string that is an HTML document (doctype/html/head/body at the start, or many block tags)."""
    if _LOOKS_HTML.match(text):
        return True
    head = text[:20_000]
    return head.lstrip()[:1] == "<" and len(_BLOCK_TAG.findall(head)) >= 3


@dataclass(frozen=True)
class HtmlText:
    """Text extracted from a page: the text, its map into the HTML, and hints for the title and the date."""

    text: str
    map: OffsetMap
    title_hint: str | None  # the text of the first <h1> of the kept region
    published: str | None   # ISO date from <meta>, JSON-LD or <time datetime>


class _Collector(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.events: list[tuple[int, int, int, str, int]] = []  # (kind, start, end, text, region)
        self.stack: list[tuple[str, str]] = []  # tracked open elements: (tag, role) role in skip/main/article/h1/pre
        self.skip = 0
        self.main = 0
        self.pre = 0
        self.h1 = 0
        self.article_id = 0
        self.article_stack: list[int] = []
        self.h1_text: list[str] | None = None
        self.h1_done = False
        self.h1_region = 0
        self.meta_dates: list[str] = []
        self.time_dates: list[str] = []
        self.in_jsonld = False

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _region(self) -> int:
        # bit 0: inside <main>; bits 1..: article number (0 = none)
        article = self.article_stack[-1] if self.article_stack else 0
        return (1 if self.main else 0) | (article << 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
            if key in _PUBLISHED_META and attr.get("content"):
                self.meta_dates.append(attr["content"])
            return
        if tag == "script" and "ld+json" in attr.get("type", ""):
            self.in_jsonld = True
        if tag == "time" and attr.get("datetime") and not self.skip:
            self.time_dates.append(attr["datetime"])
        if tag in VOID:
            if tag == "br" and not self.skip:
                self.events.append((_LINE, start, start, "\n", self._region()))
            elif tag in BLOCK and not self.skip:
                self.events.append((_BREAK, start, start, "\n\n", self._region()))
            return
        role = attr.get("role", "").lower()
        classes = attr.get("class", "") + " " + attr.get("id", "")
        in_content = self.main or self.article_stack
        kind = ""
        if tag in SKIP and not (tag in ("header", "footer") and in_content) or role in SKIP_ROLES:
            kind = "skip"
        elif _SKIP_CLASS.search(classes) and tag not in ("body", "html", "main", "article"):
            kind = "skip"
        elif tag == "main" or role == "main":
            kind = "main"
        elif tag == "article":
            kind = "article"
        elif tag == "h1":
            kind = "h1"
        elif tag == "pre":
            kind = "pre"
        if tag in BLOCK and not self.skip:
            self.events.append((_BREAK, start, start, "\n\n", self._region()))
        if kind and len(self.stack) < MAX_DEPTH:
            self.stack.append((tag, kind))
            if kind == "skip":
                self.skip += 1
            elif kind == "main":
                self.main += 1
            elif kind == "article":
                self.article_id += 1
                self.article_stack.append(self.article_id)
            elif kind == "h1":
                self.h1 += 1
                if not self.h1_done and not self.skip and self.h1_text is None:
                    self.h1_text = []
                    self.h1_region = self._region()
            elif kind == "pre":
                self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID or tag == "meta":
            self.handle_starttag(tag, attrs)
        elif tag in BLOCK and not self.skip:
            start = self._offset()
            self.events.append((_BREAK, start, start, "\n\n", self._region()))

    def _close(self, kind: str) -> None:
        if kind == "skip":
            self.skip -= 1
        elif kind == "main":
            self.main -= 1
        elif kind == "article":
            self.article_stack.pop()
        elif kind == "h1":
            self.h1 -= 1
            if self.h1 == 0 and self.h1_text is not None:
                self.h1_done = True
        elif kind == "pre":
            self.pre -= 1

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        if tag == "script":
            self.in_jsonld = False
        if tag in ("body", "html"):
            while self.stack:  # unclosed elements end with the document
                self._close(self.stack.pop()[1])
        else:
            # close the innermost open tracked element of that name (and anything left open inside it)
            for i in range(len(self.stack) - 1, max(-1, len(self.stack) - 200), -1):
                if self.stack[i][0] == tag:
                    while len(self.stack) > i:
                        self._close(self.stack.pop()[1])
                    break
        if tag in BLOCK and not self.skip:
            self.events.append((_BREAK, start, start, "\n\n", self._region()))

    def handle_data(self, data: str) -> None:
        if self.in_jsonld:
            match = _JSONLD_DATE.search(data)
            if match:
                self.meta_dates.append(match.group(1))
            return
        if self.skip or not data:
            return
        start = self._offset()
        self.events.append((_TEXT, start, start + len(data), data, self._region() | (self.pre > 0) << 30))
        if self.h1_text is not None and not self.h1_done:
            self.h1_text.append(data)

    def _ref(self, text: str) -> None:
        if self.skip:
            return
        start = self._offset()
        match = _REF_END.match(self.source, start)
        end = match.end() if match else start + 1
        char = unescape(self.source[start:end])
        self.events.append((_REF, start, end, char, self._region()))
        if self.h1_text is not None and not self.h1_done:
            self.h1_text.append(char)

    def handle_entityref(self, name: str) -> None:
        self._ref(name)

    def handle_charref(self, name: str) -> None:
        self._ref(name)


def _iso(value: str) -> str | None:
    match = _ISO_DATE.search(value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
        return match.group()
    return None


def _chosen_region(events: list[tuple[int, int, int, str, int]]) -> int | None:
    """Which region to keep: 1 (inside <main>), an article number << 1, or None (everything)."""
    main_chars = 0
    article_chars: dict[int, int] = {}
    for kind, _start, _end, text, region in events:
        if kind != _TEXT:
            continue
        size = len(text.strip())
        if region & 1:
            main_chars += size
        article = (region & ~(1 << 30)) >> 1
        if article:
            article_chars[article] = article_chars.get(article, 0) + size
    if main_chars >= 100:
        return 1
    if article_chars:
        article, size = max(article_chars.items(), key=lambda kv: kv[1])
        if size >= 100:
            return article << 1
    return None


def extract(source: str) -> HtmlText:
    """Extract the main text of the page ``source``, paragraphs separated by blank lines."""
    collector = _Collector(source)
    collector.feed(source)
    collector.close()
    events = collector.events
    chosen = _chosen_region(events)

    def keep(region: int) -> bool:
        region &= ~(1 << 30)
        if chosen is None:
            return True
        if chosen == 1:
            return bool(region & 1)
        return (region >> 1) == (chosen >> 1)

    builder = Builder(source)
    pending = ""  # a paragraph or line break waiting for the next text: runs of breaks collapse into one
    pending_at = 0
    for kind, start, end, text, region in events:
        if not keep(region):
            continue
        if kind in (_BREAK, _LINE):
            if builder.pos and len(text) > len(pending):
                pending, pending_at = text, start
            continue
        if pending:
            builder.insert(pending, pending_at)
            pending = ""
        if kind == _TEXT and not (region >> 30) & 1:
            # outside <pre>, HTML whitespace is one space: copy text, replace other whitespace runs by ' '
            last = start
            for match in _ODD_WHITESPACE.finditer(text):
                a, b = start + match.start(), start + match.end()
                builder.copy(last, a)
                builder.replace(a, b, " ")
                last = b
            builder.copy(last, end)
        elif kind == _TEXT:
            builder.copy(start, end)
        else:
            builder.replace(start, end, text)
    text, offset_map = builder.build()
    title_hint = None
    if collector.h1_text is not None and keep(collector.h1_region):
        title_hint = _SPACE.sub(" ", "".join(collector.h1_text)).strip() or None
    published = None
    for value in collector.meta_dates + collector.time_dates:
        published = _iso(value)
        if published:
            break
    return HtmlText(text, offset_map, title_hint, published)
