"""The app's edit form logic without a browser: who may write, what the form shows, how a save is checked."""
from __future__ import annotations

import pytest

from timeline.app.review import EditPolicy, current_values, save, type_options
from timeline.model import Document, Event
from timeline.store import Store


def test_policy_decides_on_the_server() -> None:
    assert EditPolicy().refusal(None) is None                          # loopback: editable
    ro = EditPolicy(editable=False, reason="Read-only: bound to 0.0.0.0 without --allow-edits.")
    assert ro.refusal("anything") == "Read-only: bound to 0.0.0.0 without --allow-edits."
    tok = EditPolicy(editable=True, token="s3cret")
    assert tok.refusal("s3cret") is None
    assert "token is missing or wrong" in tok.refusal("guess")
    assert "token is missing or wrong" in tok.refusal(None)


def test_type_options_cover_every_acled_sub_type() -> None:
    values = {o["value"] for o in type_options()}
    assert "Battles/Armed clash" in values and "Other" in values and "Strategic developments/Other" in values
    assert len(values) == 26   # 25 sub-types and "Other"


@pytest.fixture
def one_event(tmp_path) -> tuple[Store, int]:
    text = "On 12 June 2023 a drone strike hit a grain terminal in Odesa."
    doc = Document(text=text, published=None)
    ev = Event(date_start=__import__("datetime").date(2023, 6, 12), date_end=__import__("datetime").date(2023, 6, 12),
               precision="day", date_text="On 12 June 2023", date_value="2023-06-12", summary="a drone strike hit a grain terminal",
               sentence=text, sentence_start=0, sentence_end=len(text), timex_start=3, timex_end=15,
               event_type="Explosions/Remote violence", sub_type="Air/drone strike")
    store = Store(f"sqlite:///{tmp_path / 't.db'}")
    store.add(doc, [ev])
    return store, store.events()[0]["id"]


def test_form_shows_what_was_read(one_event) -> None:
    store, eid = one_event
    shown = current_values(store.event(eid))
    assert shown == {"dates": "2023-06-12", "type": "Explosions/Remote violence/Air/drone strike", "actor1": "",
                     "actor2": "", "actors": "", "places": "", "summary": "a drone strike hit a grain terminal",
                     "fatalities": ""}


def test_save_writes_only_what_changed_and_nothing_when_one_box_is_wrong(one_event) -> None:
    store, eid = one_event
    shown = current_values(store.event(eid))
    changed, errors = save(store, eid, {**shown, "fatalities": "2", "dates": "notadate"}, author="ana", note=None)
    assert changed == [] and errors and errors[0].startswith("dates: 'notadate' is not a date")
    assert store.event(eid)["fatalities"] is None and store.history(eid) == []
    changed, errors = save(store, eid, {**shown, "fatalities": "2", "dates": "2023-06-11..2023-06-12"},
                           author="ana", note="two nights")
    assert errors == [] and changed == ["dates", "fatalities"]
    assert [h["field"] for h in store.history(eid)] == ["dates", "fatalities"]
    assert save(store, eid, current_values(store.event(eid)), author="ana", note=None) == ([], [])


def test_serve_is_editable_on_loopback_and_read_only_beyond_unless_allowed_with_a_token() -> None:
    import click

    from timeline.commands.serve import edit_policy

    assert edit_policy("127.0.0.1", False, None) == EditPolicy(editable=True, token=None)
    assert edit_policy("::1", False, "t").token == "t"                     # a token on loopback is honoured
    ro = edit_policy("0.0.0.0", False, "t")
    assert not ro.editable and "0.0.0.0" in ro.refusal("t") and "--allow-edits" in ro.refusal("t")
    assert edit_policy("192.168.1.5", True, "s3cret") == EditPolicy(editable=True, token="s3cret")
    with pytest.raises(click.UsageError, match="--edit-token"):
        edit_policy("0.0.0.0", True, "  ")


def test_serve_refuses_allow_edits_without_a_token_before_binding(monkeypatch, tmp_path) -> None:
    from click.testing import CliRunner

    from timeline.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db"), "--create", "--host", "0.0.0.0",
                                       "--allow-edits", "--port", "1"], env={"TIMELINE_EDIT_TOKEN": ""})
    assert result.exit_code == 2 and "--edit-token" in result.output
