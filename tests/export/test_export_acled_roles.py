"""The ACLED CSV names who acted and who was acted on from the event's roles, not from the actor list's order."""
import csv
import io

from timeline.export import export_acled


def _event(**kw):
    base = {"id": 1, "date_start": "2023-10-17", "date_end": "2023-10-17", "precision": "day",
            "event_type": "Explosions/Remote violence", "sub_type": "Air/drone strike",
            "actors": [{"name": "Ukraine"}, {"name": "Russia"}], "places": [], "sources": [], "sentence": "s"}
    base.update(kw)
    return base


def _row(ev):
    return next(csv.DictReader(io.StringIO(export_acled([ev]))))


def test_roles_fill_actor1_and_actor2():
    row = _row(_event(actor1="Military Forces of Russia", actor2="Civilians (Ukraine)"))
    assert (row["actor1"], row["actor2"]) == ("Military Forces of Russia", "Civilians (Ukraine)")


def test_an_actor1_without_a_target_leaves_actor2_empty():
    row = _row(_event(actor1="Protesters (Kenya)", actor2=None))
    assert (row["actor1"], row["actor2"]) == ("Protesters (Kenya)", "")


def test_records_without_roles_keep_the_named_actors():
    row = _row(_event())
    assert (row["actor1"], row["actor2"]) == ("Ukraine", "Russia")
