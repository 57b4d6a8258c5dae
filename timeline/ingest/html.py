"""HTML -> main text, title, publisher, URL and publication date.

Main text comes from trafilatura (navigation, footers and prompts are not
content). Its own date guess is NOT used: on pages with a "© 2024" footer it
returns 2024-01-01. The publication date comes from explicit metadata only
(<meta> publication tags, JSON-LD ``datePublished``, ``<time pubdate>``), then
htmldate without its free-text search; impossible dates are ignored with an
`IngestWarning`.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date

from lxml import html as lxml_html

from ..untrusted import loads_bounded
from .boilerplate import is_furniture
from .dates import parse_iso_date
from .errors import IngestError, IngestWarning

#: <meta> names/properties that carry the original publication date, best first.
PUBLISHED_META: tuple[str, ...] = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
)
_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "template", "svg")


@dataclass(slots=True)
class HtmlArticle:
    text: str
    title: str | None
    publisher: str | None
    url: str | None
    published: date | None
    published_evidence: str | None


#: libxml2 drops elements nested deeper than 256 unless told the tree may be huge.
_DEEP = 200


def _parser(**options) -> lxml_html.HTMLParser:
    return lxml_html.HTMLParser(huge_tree=True, **options)


def _depth(tree: lxml_html.HtmlElement) -> int:
    """Deepest element nesting, in one linear walk."""
    from lxml import etree

    depth = deepest = 0
    for event, _el in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def parse_html(markup: str, origin: str) -> HtmlArticle:
    try:
        tree = lxml_html.document_fromstring(markup, parser=_parser())
    except Exception as exc:  # lxml raises ParserError/ValueError on hopeless input
        raise IngestError(origin, f"malformed HTML: {exc}") from None
    published, evidence = _metadata_date(tree, origin)
    if published is None:
        published, evidence = _htmldate(markup)
    publisher = _meta(tree, "og:site_name") or _meta(tree, "application-name")
    title = _meta(tree, "og:title") or _without_site_name(_first_text(tree, "//title"), publisher) \
        or _first_text(tree, "//h1")
    url = _canonical(tree)
    if _depth(tree) > _DEEP:
        # libxml2 drops what is nested deeper than 256 levels (2048 with huge_tree) and trafilatura
        # slows down on such trees: read the text with a streaming parser that has no depth at all
        text = _flat_text(markup)
    else:
        text = _main_text(markup, _furniture_texts(tree)) or _fallback_text(tree)
    if not any(c.isalpha() for c in text):
        raise IngestError(origin, "no main text found in the HTML")
    return HtmlArticle(text=text, title=title, publisher=publisher, url=url,
                       published=published, published_evidence=evidence)


_BLOCK_TAGS = frozenset("p div br li h1 h2 h3 h4 h5 h6 tr td th blockquote pre section article".split())


def _flat_text(markup: str) -> str:
    """Text of every block outside page furniture, by html.parser (linear, no nesting limit)."""
    from html.parser import HTMLParser

    skip = set(_DROP_TAGS)
    lines: list[str] = []
    buf: list[str] = []
    depth_skipped = [0]

    class _Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):  # noqa: ANN001, ANN202
            if tag in skip:
                depth_skipped[0] += 1
            elif tag in _BLOCK_TAGS:
                flush()

        def handle_endtag(self, tag):  # noqa: ANN001, ANN202
            if tag in skip:
                depth_skipped[0] = max(0, depth_skipped[0] - 1)
            elif tag in _BLOCK_TAGS:
                flush()

        def handle_data(self, data):  # noqa: ANN001, ANN202
            if not depth_skipped[0]:
                buf.append(data)

    def flush() -> None:
        line = " ".join("".join(buf).split())
        buf.clear()
        if line and not is_furniture(line):
            lines.append(line)

    reader = _Reader(convert_charrefs=True)
    reader.feed(markup)
    reader.close()
    flush()
    return "\n".join(lines)


def _main_text(markup: str, furniture: set[str]) -> str:
    import trafilatura

    try:
        text = trafilatura.extract(markup, include_comments=False, include_tables=True, with_metadata=False,
                                   deduplicate=False)  # True keeps process-wide state: a re-read page would change
    except Exception:  # trafilatura can fail on pathological markup; the lxml fallback covers it
        return ""
    if not text:
        return ""
    lines = [ln for ln in text.splitlines() if not is_furniture(ln) and " ".join(ln.split()) not in furniture]
    return "\n".join(lines).strip()


def _furniture_texts(tree: lxml_html.HtmlElement) -> set[str]:
    """Texts of navigation/header/footer/aside blocks: trafilatura's fallback sometimes returns them."""
    out: set[str] = set()
    for block in tree.xpath("//nav | //header | //footer | //aside"):
        for el in block.iter():
            if isinstance(el.tag, str):
                s = " ".join(el.text_content().split())
                if s:
                    out.add(s)
    return out


def _fallback_text(tree: lxml_html.HtmlElement) -> str:
    """Plain lxml extraction when trafilatura finds nothing: blocks, minus page furniture."""
    for el in tree.xpath("|".join(f"//{t}" for t in _DROP_TAGS)):
        el.drop_tree()
    body = tree.find("body")
    root = body if body is not None else tree
    blocks: list[str] = []
    for el in root.iter("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td"):
        s = " ".join(el.text_content().split())
        if s and not is_furniture(s):
            blocks.append(s)
    if not blocks:
        s = " ".join(root.text_content().split())
        blocks = [s] if s else []
    return "\n".join(blocks)


def _meta(tree: lxml_html.HtmlElement, key: str) -> str | None:
    for el in tree.iter("meta"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if name == key and (el.get("content") or "").strip():
            return el.get("content").strip()
    return None


def _first_text(tree: lxml_html.HtmlElement, xpath: str) -> str | None:
    for el in tree.xpath(xpath):
        s = " ".join(el.text_content().split())
        if s:
            return s
    return None


def _without_site_name(title: str | None, site: str | None) -> str | None:
    """'Headline | Site' -> 'Headline' when the suffix is the site's name."""
    if title and site:
        for sep in (" | ", " - ", " — ", " – ", " :: "):
            head, found, tail = title.rpartition(sep)
            if found and head and tail.strip().lower() == site.strip().lower():
                return head.strip()
    return title


def _canonical(tree: lxml_html.HtmlElement) -> str | None:
    for el in tree.xpath("//link[@rel='canonical'][@href]"):
        return el.get("href").strip() or None
    return _meta(tree, "og:url")


def _metadata_candidates(tree: lxml_html.HtmlElement) -> list[tuple[str, str]]:
    """(evidence label, raw value) pairs in order of trust."""
    found: list[tuple[int, str, str]] = []
    for el in tree.iter("meta"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if name in PUBLISHED_META and (el.get("content") or "").strip():
            found.append((PUBLISHED_META.index(name), f'<meta {name}="{el.get("content").strip()}">', el.get("content").strip()))
    for script in tree.xpath("//script[@type='application/ld+json']"):
        for value in _jsonld_dates(script.text_content()):
            found.append((PUBLISHED_META.index("datepublished"), f'JSON-LD datePublished "{value}"', value))
    for el in tree.xpath("//time[@pubdate][@datetime] | //time[@itemprop='datePublished'][@datetime]"):
        found.append((len(PUBLISHED_META), f'<time datetime="{el.get("datetime")}">', el.get("datetime")))
    found.sort(key=lambda t: t[0])
    return [(label, raw) for _, label, raw in found]


def _jsonld_dates(payload: str) -> list[str]:
    try:
        data = loads_bounded(payload)  # a JSON-LD block nested 1,000 deep is refused, not recursed into
    except ValueError:
        return []
    out: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if isinstance(item.get("datePublished"), str):
                out.append(item["datePublished"])
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return out


def _metadata_date(tree: lxml_html.HtmlElement, origin: str) -> tuple[date | None, str | None]:
    for label, raw in _metadata_candidates(tree):
        try:
            d = parse_iso_date(raw)
        except ValueError as exc:
            warnings.warn(IngestWarning(f"{origin}: ignored publication date {label}: {exc}"), stacklevel=2)
            continue
        if d is not None:
            return d, label
    return None, None


def _htmldate(markup: str) -> tuple[date | None, str | None]:
    """htmldate's markup heuristics, without free-text search (which reads copyright years)."""
    from htmldate import find_date

    try:
        found = find_date(markup, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate must never stop an ingest
        return None, None
    if not found:
        return None, None
    if found.endswith("-01-01") and re.search(r"(?:©|&copy;|copyright)\s*" + found[:4], markup, re.I):
        return None, None  # a bare copyright year is not a publication date
    return date.fromisoformat(found), f"htmldate: {found}"
