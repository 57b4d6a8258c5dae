"""Properties: any bytes in any supported format give a Document or an IngestError, never an exception."""
from __future__ import annotations

import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.ingest import IngestError, iter_bytes
from timeline.ingest.boilerplate import strip_trailing_boilerplate
from timeline.ingest.markdown import markdown_to_text
from timeline.model import Document

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FRAGMENTS = st.sampled_from([
    "<p>", "</p>", "<html>", "<body>", "<meta property=\"article:published_time\" content=\"2023-02-30\">", "<<",
    ">", "&amp;", "Drones struck ", "on Friday", "© 2024 X. All rights reserved.", "\n", "\r\n", "# ", "**",
    "[a](b)", "---\n", "date: 2023-06-09\n", "{\"text\": \"x\"}", "{", "}", "\x00", "\xe9", "Ω", " ",
])


@FAST
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".bin"]))
def test_arbitrary_bytes_never_raise(data: bytes, suffix: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = list(iter_bytes(data, "upload" + suffix))
    assert results
    for r in results:
        assert isinstance(r, (Document, IngestError))
        if isinstance(r, Document):
            assert r.text.strip() and r.text == r.text.strip()
        else:
            assert r.origin.startswith("upload") and r.reason


@FAST
@given(parts=st.lists(FRAGMENTS, max_size=30), suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_markup_soup_never_raises(parts: list[str], suffix: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for r in iter_bytes("".join(parts).encode("utf-8"), "soup" + suffix):
            assert isinstance(r, (Document, IngestError))


@FAST
@given(text=st.text(max_size=500))
def test_boilerplate_cut_keeps_a_prefix(text: str) -> None:
    kept, removed = strip_trailing_boilerplate(text)
    assert text.startswith(kept)
    assert kept + removed == text


@FAST
@given(parts=st.lists(FRAGMENTS, max_size=30))
def test_markdown_conversion_terminates_and_drops_link_targets(parts: list[str]) -> None:
    out = markdown_to_text("".join(parts))
    assert "](" not in out
