"""Each supported format comes out as a Document with clean text and its metadata."""
from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest

from timeline.ingest import IngestError, read_bytes, read_path, read_paths, read_text, iter_bytes
from timeline.model import Document


def one(path: Path) -> Document:
    results = list(read_path(path))
    assert len(results) == 1, results
    assert isinstance(results[0], Document), results[0]
    return results[0]


def test_text_file_keeps_body_and_cuts_footer(fixtures: Path) -> None:
    doc = one(fixtures / "factory_report.txt")
    assert doc.title == "Tehran to Help Moscow Build Attack Drones at Home, Officials Say"
    assert doc.text.endswith("but that some still reach their targets.")
    for furniture in ("©", "2025", "All rights reserved", "Terms of Use", "Sign in", "Example Ledger"):
        assert furniture not in doc.text
    assert doc.encoding == "utf-8"
    assert doc.origin == str(fixtures / "factory_report.txt")
    assert doc.published is None and doc.published_source == "unknown"


def test_markdown_markup_is_stripped_and_front_matter_read(fixtures: Path) -> None:
    doc = one(fixtures / "published_line.md")
    assert doc.title == "Notes on the dam"
    assert doc.text.startswith("What the dam breach changed\n")
    assert "The Kakhovka dam on the Dnipro gave way on Tuesday, flooding towns downstream." in doc.text
    assert "Water levels rose for two days." in doc.text
    assert '"The damage will take years to repair," one official said.' in doc.text
    for markup in ("**", "](", "# ", "> ", "- Water", "---", "Copyright", "2024"):
        assert markup not in doc.text
    # Offsets into the stored text are meaningful: a phrase found there is the phrase.
    i = doc.text.index("Tuesday")
    assert doc.text[i:i + 7] == "Tuesday"


def test_markdown_front_matter_date_is_metadata(tmp_path: Path) -> None:
    p = tmp_path / "note.md"
    p.write_text("---\ntitle: A note\ndate: 2023-06-07\npublisher: Example Notes\n---\nThe dam broke on Tuesday.\n")
    doc = one(p)
    assert (doc.published, doc.published_source, doc.publisher) == (date(2023, 6, 7), "metadata", "Example Notes")
    assert "2023-06-07" in doc.published_evidence


def test_html_main_text_title_url_and_meta_date(fixtures: Path) -> None:
    doc = one(fixtures / "page.html")
    assert doc.title == "Drones strike central Kyiv"
    assert doc.publisher == "Example Daily"
    assert doc.url == "https://example.org/world/kyiv-drones"
    assert doc.published == date(2022, 10, 17)
    assert doc.published_source == "metadata"
    assert "article:published_time" in doc.published_evidence
    assert "Explosive drones hit the centre of Kyiv on Monday morning" in doc.text
    assert "Geran-2" in doc.text
    for furniture in ("Home", "Sign in", "Subscribe", "cookies", "©", "2024", "Privacy Policy"):
        assert furniture not in doc.text, furniture


def test_html_copyright_footer_never_becomes_the_date(tmp_path: Path) -> None:
    p = tmp_path / "nodate.html"
    p.write_text("<html><head><title>T</title></head><body><article><p>" + "Drones struck a depot on Friday, "
                 "officials said, and several buildings were damaged in the attack. " * 3 +
                 "</p></article><footer>© 2024 Example Co. All rights reserved.</footer></body></html>")
    doc = one(p)
    assert doc.published is None and doc.published_source == "unknown"


def html_page(tmp_path: Path, head: str) -> Document:
    p = tmp_path / "page.html"
    p.write_text(f"<html><head>{head}</head><body><article><p>"
                 + "Drones hit a substation in Odesa overnight, cutting power to thousands of homes. " * 3
                 + "</p></article></body></html>")
    return one(p)


def test_html_title_drops_the_site_name(tmp_path: Path) -> None:
    doc = html_page(tmp_path, '<title>Power cut in Odesa | Example Daily</title>'
                              '<meta property="og:site_name" content="Example Daily">')
    assert (doc.title, doc.publisher) == ("Power cut in Odesa", "Example Daily")


def test_html_jsonld_date(tmp_path: Path) -> None:
    doc = html_page(tmp_path, '<script type="application/ld+json">{"@type": "NewsArticle", '
                              '"datePublished": "2023-06-13T08:00:00Z"}</script>')
    assert (doc.published, doc.published_source) == (date(2023, 6, 13), "metadata")


def test_jsonl_records_each_become_a_document(fixtures: Path) -> None:
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        results = list(read_path(fixtures / "records.jsonl"))
    docs = [r for r in results if isinstance(r, Document)]
    assert [d.external_id for d in docs] == ["r1", "r2", "r5"]
    assert docs[0].title == "Sanctions extended" and docs[0].publisher == "Example Wire"
    assert (docs[0].published, docs[0].published_source) == (date(2022, 12, 6), "metadata")
    # A datetime keeps the writer's own calendar date (not converted to UTC).
    assert docs[1].published == date(2022, 11, 23)
    assert docs[0].origin.endswith("records.jsonl:1") and docs[2].origin.endswith("records.jsonl:5")


def test_directory_is_read_recursively_sorted_without_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "deep" / "z.txt").write_text("Deep text about a strike on Sunday.")
    (tmp_path / "b" / "a.md").write_text("# Heading\n\nMarkdown text about sanctions.")
    (tmp_path / "a.txt").write_text("Top-level text about a convoy.")
    (tmp_path / ".secret.txt").write_text("hidden file")
    (tmp_path / ".hidden" / "x.txt").write_text("hidden dir")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    results = list(read_paths([tmp_path]))
    origins = [r.origin for r in results]
    assert origins == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "a.md"), str(tmp_path / "b" / "deep" / "z.txt"),
                       str(tmp_path / "picture.png")]
    assert isinstance(results[-1], IngestError) and "unsupported file type" in results[-1].reason


def test_explicit_file_with_unknown_suffix_is_read_as_text(tmp_path: Path) -> None:
    p = tmp_path / "notes.log"
    p.write_text("A convoy was seen near the border on Thursday.")
    assert one(p).text == "A convoy was seen near the border on Thursday."


def test_read_text_for_the_paste_box() -> None:
    doc = read_text("  Drones hit a power station on Friday.\r\nRepairs began the next day.  ",
                    title="Pasted", publisher="Me", published=date(2023, 1, 6))
    assert doc.text == "Drones hit a power station on Friday.\nRepairs began the next day."
    assert (doc.title, doc.publisher, doc.origin) == ("Pasted", "Me", "<pasted>")
    assert (doc.published, doc.published_source) == (date(2023, 1, 6), "given")
    with pytest.raises(IngestError, match="empty"):
        read_text("   \n ")


def test_read_bytes_for_uploads(fixtures: Path) -> None:
    data = (fixtures / "page.html").read_bytes()
    doc = read_bytes(data, "upload.html")
    assert doc.published == date(2022, 10, 17) and doc.origin == "upload.html"
    with pytest.raises(IngestError, match="binary"):
        read_bytes(b"\x00\x01\x02abc", "upload.txt")
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        with pytest.raises(IngestError, match="iter_bytes"):
            read_bytes((fixtures / "records.jsonl").read_bytes(), "many.jsonl")
        many = list(iter_bytes((fixtures / "records.jsonl").read_bytes(), "many.jsonl"))
    assert [type(r).__name__ for r in many] == ["Document", "Document", "IngestError", "IngestError", "Document"]
    assert many[2].origin == "many.jsonl:3"


def test_document_id_is_the_content_hash_of_the_stored_text(fixtures: Path) -> None:
    a = one(fixtures / "factory_report.txt")
    b = read_bytes((fixtures / "factory_report.txt").read_bytes(), "copy.txt")
    assert a.id == b.id and len(a.id) == 32


def test_reading_the_same_page_again_gives_the_same_document():
    """trafilatura's deduplicate option keeps state across calls: a page read a fifth time must not change."""
    from timeline.samples import SAMPLE_DIR

    pages = sorted(SAMPLE_DIR.glob("*.html"))
    assert pages
    seen: dict[Path, set[str]] = {}
    for _ in range(6):
        for doc in read_paths(pages):
            assert isinstance(doc, Document), doc
            seen.setdefault(Path(doc.origin), set()).add(doc.id)
    assert all(len(ids) == 1 for ids in seen.values()), seen
