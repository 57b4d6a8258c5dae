"""Documents not in English are stored with their language and their events flagged.

The four reports in fixtures/languages were written for this test (Russian, Ukrainian,
Arabic and English, each about a different day of a real war).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from timeline.app.detail import source_item
from timeline.cli import main
from timeline.language import detect_language, is_supported, unsupported_note
from timeline.store import Store

LANGS = Path(__file__).parent / "fixtures" / "languages"


def _text(component) -> str:  # noqa: ANN001
    children = getattr(component, "children", component)
    if isinstance(children, (list, tuple)):
        return "".join(_text(c) for c in children)
    return "" if children is None else str(children)


def test_detects_the_four_languages() -> None:
    found = {p.stem: detect_language(p.read_text(encoding="utf-8")) for p in sorted(LANGS.glob("*.txt"))}
    assert found == {"ar": "ar", "en": "en", "ru": "ru", "uk": "uk"}


def test_short_or_letterless_text_is_undetermined_and_not_flagged() -> None:
    assert detect_language("2022-03-03") is None
    assert detect_language("") is None
    assert is_supported(None) and unsupported_note(None) is None


def test_ingest_stores_all_four_flags_three_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    r = CliRunner().invoke(main, ["ingest", str(LANGS), "--db", str(db), "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "4 documents added (3 not in English)" in r.stdout
    assert "3 documents not in English" in r.stderr and 'flagged "language not supported"' in r.stderr
    for name in ("Russian (ru)", "Ukrainian (uk)", "Arabic (ar)"):
        assert name in r.stderr
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute("SELECT origin, language FROM documents"))
    assert {Path(k).stem: v for k, v in stored.items()} == {"en": "en", "ru": "ru", "uk": "uk", "ar": "ar"}
    with Store(db) as st:
        events = st.events()
        assert events, "events of every document are kept (flagged, not dropped)"
        by_lang = {}
        for ev in events:
            for src in ev["sources"]:
                by_lang.setdefault(src["language"], []).append(ev)
        assert all(ev["language_note"] is None for ev in by_lang["en"])
        flagged = [ev for code in ("ru", "uk", "ar") for ev in by_lang.get(code, [])]
        assert flagged and all("language not supported" in ev["language_note"] for ev in flagged)
        # searchable: the flagged event's sentence is found by full-text search
        from timeline.model import EventFilter

        assert st.count(EventFilter(search="Киева")) >= 1
        # the app's source list names the language, and flags the unsupported one
        shown = {code: _text(source_item(evs[0]["sources"][0], 0, evs[0]["id"])) for code, evs in by_lang.items()}
        assert "language: English (en)" in shown["en"]
        assert any("language not supported: Russian (ru)" in v for k, v in shown.items() if k == "ru")


def test_tag_warns_about_a_text_not_in_english() -> None:
    r = CliRunner().invoke(main, ["tag", str(LANGS / "uk.txt"), str(LANGS / "en.txt")])
    assert r.exit_code == 0
    warnings = [ln for ln in r.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == 1 and "uk.txt" in warnings[0] and "Ukrainian (uk)" in warnings[0]


def test_the_apps_upload_message_counts_the_documents_not_in_english(tmp_path: Path) -> None:
    from timeline.app.queries import AppQueries

    with Store(tmp_path / "up.db") as st:
        queries = AppQueries(st, max_upload_bytes=1_000_000)
        message = queries.add_uploads([(p.name, p.read_bytes()) for p in sorted(LANGS.glob("*.txt"))])
    assert message.startswith("4 document(s) added")
    assert "3 not in English (" in message and "language not supported" in message
    for name in ("Russian (ru): 1", "Ukrainian (uk): 1", "Arabic (ar): 1"):
        assert name in message
