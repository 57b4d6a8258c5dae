"""The merge plan made before the write lock: used as it is when nothing was written meanwhile,
checked again when another writer committed in between (both backends).

`Store.add` plans on a connection without the write lock, then writes on the same connection.
`writer.store_version` (SQLite `PRAGMA data_version`, PostgreSQL's snapshot) is read before the
plan's first read and again inside the write transaction: equal means no other connection
committed, so the write transaction reads nothing; different means the candidates are fetched
again and every decision whose candidates changed is made again.
"""
from __future__ import annotations

from datetime import date

from handmade import KYIV, RUSSIA, UKRAINE, doc, event_in
from sqlalchemy import event

from timeline.store import Store

DAY = date(2022, 10, 10)
FIRST = "Russian missiles struck an energy facility in Kyiv on 10 October 2022, the mayor said."
SECOND = "Russian missiles struck an energy facility in Kyiv on 10 October 2022, the governor said."
THIRD = "Russian missiles struck an energy facility in Kyiv on 10 October 2022, officials said."


def _report(text: str):
    d = doc(text, origin=text[-25:])
    return d, [event_in(d, text, "10 October 2022", DAY, DAY, event_type="Explosions/Remote violence",
                        actors=[RUSSIA, UKRAINE], places=[KYIV])]


class _Meanwhile(Store):
    """A store whose next add lets `between` run after the plan and before the write lock:
    what another process could do at that moment."""

    between = None

    def _plan(self, conn, doc, events):  # noqa: ANN001, ANN202
        plan = super()._plan(conn, doc, events)
        if self.between is not None:
            work, self.between = self.between, None
            work()
        return plan


def _reads_in_write_transactions(st: Store) -> list[str]:
    """Statements other than writes run between BEGIN IMMEDIATE / the first write and COMMIT."""
    reads: list[str] = []

    @event.listens_for(st.engine, "before_cursor_execute")
    def _seen(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if conn.get_execution_options().get("timeline_write"):
            head = statement.lstrip().split(None, 1)[0].upper()
            if head == "SELECT" and "pg_current_snapshot" not in statement:
                reads.append(statement)
    return reads


def test_with_nothing_written_meanwhile_the_write_transaction_reads_nothing(db_url: str) -> None:
    with Store(db_url) as st:
        reads = _reads_in_write_transactions(st)
        for text in (FIRST, SECOND):
            d, evs = _report(text)
            st.add(d, evs)
        assert st._writer.planned_adds == 2 and st._writer.rechecked_keys == 0
        assert reads == []
        (ev,) = st.events()
        assert ev["n_sources"] == 2


def test_an_event_changed_between_plan_and_lock_is_compared_again(db_url: str) -> None:
    with _Meanwhile(db_url) as st, Store(db_url) as other:
        d, evs = _report(FIRST)
        st.add(d, evs)
        (stored,) = st.events()
        # the plan says "merge into the stored strike"; before the lock another writer retypes it
        st.between = lambda: other.correct(stored["id"], "type", "Battles/Armed clash")
        d, evs = _report(SECOND)
        result = st.add(d, evs)
        assert (result.events_added, result.events_merged) == (1, 0)
        assert st._writer.planned_adds == 1 and st._writer.rechecked_keys == 1
        assert sorted(e["event_type"] for e in st.events()) == ["Battles", "Explosions/Remote violence"]


def test_a_merge_between_plan_and_lock_is_counted_once_each(db_url: str) -> None:
    with _Meanwhile(db_url) as st, Store(db_url) as other:
        d, evs = _report(FIRST)
        st.add(d, evs)

        def third() -> None:
            d3, evs3 = _report(THIRD)
            assert other.add(d3, evs3).events_merged == 1

        st.between = third
        d, evs = _report(SECOND)
        assert st.add(d, evs).events_merged == 1
        assert st._writer.planned_adds == 1  # the first add only
        (ev,) = st.events()
        assert ev["n_sources"] == 3 and len(ev["sources"]) == 3


def test_a_document_stored_between_plan_and_lock_is_unchanged(db_url: str) -> None:
    with _Meanwhile(db_url) as st, Store(db_url) as other:
        d, evs = _report(FIRST)
        st.between = lambda: other.add(d, evs)
        assert st.add(d, evs).status == "unchanged"
        assert st.stats()["documents"] == 1 and st.stats()["mentions"] == 1
