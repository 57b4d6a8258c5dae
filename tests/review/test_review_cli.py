"""`timeline edit`, `hide`, `history`, `merge`, `split` and `reprocess` on a real SQLite store."""
from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.model import Actor, Document, Event, Place
from timeline.store import Store

STRIKE = "Drones struck a substation in Kharkiv on 3 March 2023, the governor said."
DEPOT = "A fuel depot in Odesa burned on 5 March 2023 after a drone strike."


def _doc(text: str, publisher: str, day: int, place: Place) -> tuple[Document, list[Event]]:
    doc = Document(text=text, publisher=publisher, published=date(2023, 3, 6), published_source="given")
    said = f"{day} March 2023"
    at = text.index(said)
    ev = Event(date_start=date(2023, 3, day), date_end=date(2023, 3, day), precision="day", date_text=said,
               date_value=f"2023-03-0{day}", summary=text[:40], sentence=text, sentence_start=0,
               sentence_end=len(text), timex_start=at, timex_end=at + len(said), event_type="Explosions/Remote violence",
               sub_type="Air/drone strike", actors=[Actor("Russia", "country", "RU")], places=[place], doc_id=doc.id)
    return doc, [ev]


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with Store(url) as store:
        store.add(*_doc(STRIKE, "Wire A", 3, Place("Kharkiv", "UA", 49.99, 36.23, "city")))
        store.add(*_doc(DEPOT, "Wire B", 5, Place("Odesa", "UA", 46.48, 30.73, "city")))
    return url


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"TIMELINE_REVIEWER": "cli-user"})
    return result.exit_code, result.output


def _ids(db: str) -> list[int]:
    with Store(db) as store:
        return sorted(e["id"] for e in store.events())


def test_edit_then_history_shows_old_to_new(db: str) -> None:
    eid = _ids(db)[0]
    code, out = _run("edit", str(eid), "--db", db, "--type", "Violence against civilians/Attack",
                     "--date", "2023-03-02", "--fatalities", "2", "--note", "the night before")
    assert code == 0, out
    code, out = _run("history", str(eid), "--db", db)
    assert code == 0 and "2023-03-03 -> 2023-03-02" in out and "(none) -> 2" in out
    assert "cli-user" in out and "the night before" in out
    code, out = _run("history", str(eid), "--db", db, "--json")
    rows = json.loads(out)
    assert [(r["field"], r["author"]) for r in rows] == [("dates", "cli-user"), ("type", "cli-user"),
                                                        ("fatalities", "cli-user")]
    with Store(db) as store:
        ev = store.event(eid)
        assert (ev["sub_type"], ev["date_start"], ev["fatalities"]) == ("Attack", "2023-03-02", 2)


def test_a_bad_value_is_refused_with_its_reason_and_changes_nothing(db: str) -> None:
    eid = _ids(db)[0]
    code, out = _run("edit", str(eid), "--db", db, "--date", "2023-03-09..2023-03-01", "--fatalities", "3")
    assert code != 0 and "before" in out
    code, out = _run("edit", str(eid), "--db", db, "--type", "Skirmish")
    assert code != 0 and "Skirmish" in out
    code, out = _run("edit", "9999", "--db", db, "--fatalities", "1")
    assert code != 0 and "9999" in out
    with Store(db) as store:
        assert store.history(eid) == [] and store.event(eid)["fatalities"] is None


def test_hide_and_undo(db: str) -> None:
    eid = _ids(db)[0]
    assert _run("hide", str(eid), "--db", db, "--note", "a duplicate")[0] == 0
    code, out = _run("events", "--db", db, "--format", "jsonl")
    assert code == 0 and str(eid) not in [str(json.loads(line)["id"]) for line in out.splitlines() if line]
    code, out = _run("events", "--db", db, "--format", "jsonl", "--include-hidden")
    shown = {json.loads(line)["id"]: json.loads(line)["hidden"] for line in out.splitlines() if line}
    assert shown[eid] is True and not any(v for k, v in shown.items() if k != eid)
    assert _run("hide", str(eid), "--db", db, "--undo")[0] == 0
    assert eid in _ids(db)


def test_merge_split_and_reprocess_keep_the_analysts_word(db: str) -> None:
    a, b = _ids(db)
    with Store(db) as store:
        doc_b = store.event(b)["sources"][0]["doc_id"]
    assert _run("merge", str(a), str(b), "--db", db)[0] == 0
    assert _ids(db) == [a]
    assert _run("edit", str(a), "--db", db, "--summary", "Strikes on Kharkiv's grid")[0] == 0
    code, out = _run("reprocess", "--db", db)
    assert code == 0 and "0 orphaned" in out, out
    with Store(db) as store:
        (ev,) = store.events()
        assert ev["summary"] == "Strikes on Kharkiv's grid" and ev["n_sources"] == 2
        merged = ev["id"]
    assert _run("split", str(merged), doc_b, "--db", db)[0] == 0
    assert len(_ids(db)) == 2
    code, out = _run("reprocess", "--db", db, "--json")
    assert code == 0 and json.loads(out)["orphaned"] == []
    assert len(_ids(db)) == 2
