"""Headlines (timeline.view.headline): every rule's example, and any record gives a title."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.view import headline as hl


@pytest.mark.parametrize("rule", hl.rules(), ids=lambda r: r.example_in[:40])
def test_every_rule_has_a_working_example(rule: hl.Rule) -> None:
    assert hl._apply_rules(rule.example_in) == rule.example_out


def test_a_statement_becomes_speaker_colon_claim() -> None:
    event = {"summary": "On Friday, the White House said that Iran was helping Russia build a drone factory.",
             "date_text": "On Friday"}
    assert hl.headline(event).startswith("White House: Iran helping Russia build")


def test_the_date_expression_is_left_to_the_axis() -> None:
    event = {"summary": "Explosive drones struck Kyiv on Monday morning.", "date_text": "on Monday morning"}
    assert hl.headline(event) == "Explosive drones struck Kyiv"


def test_without_summary_type_actor_and_place() -> None:
    event = {"event_type": "Explosions/Remote violence", "sub_type": "Air/drone strike",
             "actors": [{"name": "Russia"}], "places": [{"name": "Odesa"}]}
    assert hl.headline(event) == "Air/drone strike: Russia in Odesa"
    assert hl.headline({}) == "Event"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=30)))
def test_any_summary_gives_a_short_title(summary: str, date_text: str | None) -> None:
    title = hl.headline({"summary": summary, "date_text": date_text, "event_type": "Battles"})
    assert title and len(title) <= hl.MAX_CHARS + 1


def test_place_kinds_table_examples() -> None:
    from timeline.view import places

    for line in places.DATA.read_text(encoding="utf-8").splitlines()[3:]:
        kind, _word, example = line.split("\t")
        assert places.place_kind({"name": example}) == kind, example
    assert places.place_kind({"name": "Russia"}) == "country"
    assert places.place_kind({"name": "Kyiv"}) == "city"
    assert places.place_kind({"name": "Russia", "precision": "city"}) == "city"   # the record wins


def test_a_cut_title_does_not_end_on_a_function_word() -> None:
    title = hl.shorten("Ukraine prepared for winter in which Russian strikes on the grid would continue")
    assert not title.rstrip("\u2026").endswith((" in", " for", " which")), title


def test_every_rule_knows_what_it_needs() -> None:
    """Each rule's literal strings are read from its pattern (so a rule edit keeps them right)."""
    by_pattern = {r.pattern.pattern: r.needs for r in hl.rules()}
    assert by_pattern[r"\bUnited States\b"] == ("united states",)
    assert by_pattern[r"\b(?:the|a|an)\s+"] == ("a", "an", "the")
    assert by_pattern[r"\s*\([^)]*\)"] == ("(",)
    assert all(r.needs is None or all(n == n.lower() and n.isascii() for n in r.needs) for r in hl.rules())


_PIECES = (st.text(alphabet=list("abcdefghij klmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,;:.-–—()'’\t\n\xa0K\u212aſ"),
                   max_size=4)
           | st.sampled_from(["said that ", "United States ", "the ", " which ", "President ", "Meanwhile, ",
                              "Security Council", "unmanned aerial vehicles", "has been ", "(also) ", " , "]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=15).map("".join))
def test_skipping_rules_that_cannot_match_changes_nothing(text: str) -> None:
    assert hl._apply_rules(text) == hl._apply_rules(text, skip=False)
    for rule in hl.rules():
        assert hl._apply_rules(rule.example_in) == hl._apply_rules(rule.example_in, skip=False)
