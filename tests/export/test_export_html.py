"""The HTML page: self-contained, hostile text inert, CSP matching its scripts, compact enough."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.export import embed_json, export_html
from timeline.export.compact import compact_events
from timeline.export.page import plotly_js
from timeline.export.synthetic import synthetic_events

from export_samples import HOSTILE_IMG, HOSTILE_SCRIPT

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


class _Page(HTMLParser):
    """Collects tags, their attributes and each <script>'s text, as a browser's parser splits them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script, self._buf = dict(attrs), []

    def handle_data(self, data):
        if self._in_script is not None:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._buf)))
            self._in_script = None


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture
def page_html(edge_events) -> str:
    return export_html(edge_events, title="Drones <b>&</b> plants", generated=WHEN)


@pytest.mark.parametrize("value", [HOSTILE_SCRIPT, HOSTILE_IMG, "<!--", "a\u2028b\u2029c", "</SCRIPT >", "&amp;"])
def test_embedded_json_cannot_break_out_and_round_trips(value):
    text = embed_json({"k": [value]})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"k": [value]}


def test_page_has_exactly_its_own_five_scripts_and_no_hostile_markup(page_html):
    page = _parse(page_html)
    kinds = [attrs.get("type") or "js" for attrs, _ in page.scripts]
    assert kinds == ["js", "application/json", "application/json", "js", "js"]   # plotly, data, shapes, layout, page
    assert not any(tag == "img" for tag, _ in page.tags)
    assert HOSTILE_SCRIPT not in page_html and "<img src=x" not in page_html
    data = json.loads(page.scripts[1][1])
    assert HOSTILE_SCRIPT in data["ev"]["sn"][5]                     # the text survives, inert


def test_nothing_is_loaded_from_anywhere(page_html):
    page = _parse(page_html)
    for tag, attrs in page.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
    assert not any(tag in ("link", "iframe", "img", "object", "embed") for tag, _ in page.tags)
    topology = json.loads(page.scripts[2][1])
    assert topology["type"] == "Topology" and topology["objects"]["land"]


def test_csp_allows_only_the_pages_own_inline_scripts(page_html):
    page = _parse(page_html)
    csp = next(a["content"] for t, a in page.tags
               if t == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy")
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'" and directives["connect-src"] == "'none'"
    allowed = set(re.findall(r"'sha256-([^']+)'", directives["script-src"]))
    code = [body for attrs, body in page.scripts if not attrs.get("type")]
    assert allowed == {base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() for c in code}
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in directives["script-src"]
    assert page.tags.index(next(x for x in page.tags if x[0] == "meta" and "content-security-policy"
                                in str(x[1].get("http-equiv", "")).lower())) < \
        page.tags.index(next(x for x in page.tags if x[0] == "script"))      # policy before any script


def test_title_is_escaped_and_generation_time_recorded(page_html):
    assert "<title>Drones &lt;b&gt;&amp;&lt;/b&gt; plants</title>" in page_html
    data = json.loads(_parse(page_html).scripts[1][1])
    assert data["title"] == "Drones <b>&</b> plants" and data["generated"] == "2026-01-02T03:04:05+00:00"


def test_plotly_is_inlined_from_the_python_package(page_html):
    assert plotly_js() in page_html


def test_compact_form_shares_text_and_uses_js_offsets(edge_events):
    data = compact_events(edge_events)
    ev = data["ev"]
    assert ev["sm"][0] == [0, len("Engineers finished the first hall")]   # summary as a slice of the sentence
    assert ev["sm"][1] == 0                                               # summary is the sentence
    assert ev["dv"][0] == 0 and ev["dv"][4] == "XXXX-10"                  # value only when not the start day
    assert ev["s"][4] is None and ev["e"][4] is None
    assert ev["e"][0] == 0 and ev["e"][1] == 30                           # end as days after the start
    assert ev["dt"][0] == 0                                               # date text = highlighted span
    assert ev["f"][2] == 4 and ev["f"][3] == 1                            # open end; approximate
    assert data["fatalities"] == {"2": 4}
    # the rocket is two UTF-16 units: the highlight must count it so in JavaScript
    sentence = edge_events[6]["sentence"]
    start = sentence.index("between")
    assert ev["h"][6] == [start + 1, start + 1 + len("between April and June 2023")]
    assert data["actors"][ev["a"][1][1]][0] == "Iran" and data["types"][ev["t"][2]] == "Battles"


def test_page_grows_by_less_than_300_bytes_per_event():
    small, large = (len(export_html(synthetic_events(n), generated=WHEN).encode()) for n in (1000, 3000))
    assert (large - small) / 2000 < 300



@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=12))
def test_any_value_embeds_without_markup_and_round_trips(value):
    text = embed_json(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_js_offsets_count_characters_beyond_the_bmp_twice() -> None:
    from timeline.export.compact import _utf16

    for text in ("plain ascii text", "quotes ’ and – dashes", "emoji 🚀 then text", "𝒳𝒴 two astral", ""):
        for i in range(len(text) + 1):
            assert _utf16(text, i) == len(text[:i].encode("utf-16-le")) // 2
