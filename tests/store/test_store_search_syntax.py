"""Web-search syntax -> FTS5: user text is always quoted, never parsed as FTS5 operators."""
from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from timeline.store.search import FTS_TOKENIZE, Fts5Query, extend_body, fts5_query, search_body


def test_words_phrases_or_and_exclusion() -> None:
    assert fts5_query("drone strike") == Fts5Query('("drone" AND "strike")', None)
    assert fts5_query('"grain terminal" or Bakhmut') == Fts5Query('("grain terminal") OR ("Bakhmut")', None)
    assert fts5_query("drone -Odesa") == Fts5Query('("drone")', '"Odesa"')
    assert fts5_query("Shahed-136") == Fts5Query('("Shahed 136")', None)
    assert fts5_query("  ") == Fts5Query(None, None)
    assert fts5_query("NEAR(a b) * :") == Fts5Query('("NEAR a" AND "b")', None)  # operators are just words


@given(st.text(max_size=40))
def test_any_input_is_a_valid_match_expression(text: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE f USING fts5(body, tokenize='{FTS_TOKENIZE}')")
    conn.execute("INSERT INTO f VALUES ('Iran shipped drones to Russia')")
    q = fts5_query(text)
    for expr in (q.include, q.exclude):
        if expr is not None:
            conn.execute("SELECT rowid FROM f WHERE f MATCH ?", (expr,)).fetchall()


def test_search_body_keeps_each_part_once() -> None:
    body = search_body("Iran shipped drones", ["Iran shipped drones", "Officials said Iran shipped drones."],
                       ["Iran", "Russia"])
    assert body.split("\n") == ["Iran shipped drones", "Officials said Iran shipped drones.", "Iran", "Russia"]
    assert extend_body(body, ["Russia", "Ukraine"]).split("\n")[-2:] == ["Russia", "Ukraine"]
