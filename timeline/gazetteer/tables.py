"""Reading the curated TSV tables under gazetteer/data, with errors that name the file and line.

The tables are data, not code, so a typo in one of them must point at the row to fix.
"""
from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


class TableError(ValueError):
    """A curated table is missing or malformed; the message names the file and the line."""


def read_table(name: str, columns: int, *, data_dir: Path = DATA_DIR) -> list[tuple[int, list[str]]]:
    """Rows of a tab-separated table as (line number, cells), skipping '#' comments and the header row.

    Rows shorter than `columns` are padded with empty strings; longer rows are an error.
    """
    path = data_dir / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TableError(f"{path}: cannot read curated table ({exc.strerror or exc})") from exc
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        if len(cells) > columns:
            raise TableError(f"{path}:{lineno}: expected at most {columns} tab-separated columns, found {len(cells)}")
        cells += [""] * (columns - len(cells))
        rows.append((lineno, [c.strip() for c in cells]))
    return rows


def read_list(name: str, *, data_dir: Path = DATA_DIR) -> list[str]:
    """Non-comment, non-empty lines of a plain list file."""
    path = data_dir / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TableError(f"{path}: cannot read list ({exc.strerror or exc})") from exc
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def parse_float(value: str, *, table: str, lineno: int, column: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise TableError(f"{DATA_DIR / table}:{lineno}: column {column!r} is not a number: {value!r}") from None


def split_aliases(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]
