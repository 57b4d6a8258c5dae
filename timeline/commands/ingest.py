"""`timeline ingest`: read files and folders, extract dated events, store them.

Exit status 1 when any document failed (each is listed with its file and reason),
so scripts notice a partial ingest; the other documents are stored regardless.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def sample_dir() -> Path:
    """The bundled sample corpus (timeline.samples.SAMPLE_DIR)."""
    try:
        from timeline.samples import SAMPLE_DIR
    except ImportError as exc:
        raise click.ClickException(f"the bundled sample corpus is not installed (timeline.samples): {exc}") from None
    path = Path(SAMPLE_DIR)
    if not path.exists():
        raise click.ClickException(f"the bundled sample corpus is missing: {path} does not exist")
    return path


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--db", envvar="TIMELINE_DB", default=None,
              help="Database URL or SQLite path (default $TIMELINE_DB, else ./timeline.db).")
@click.option("--published", callback=_parse_date, metavar="DATE",
              help="Publication date (YYYY-MM-DD) of every document, overriding metadata; anchors relative dates.")
@click.option("--publisher", metavar="NAME", help="Publisher of every document, overriding metadata.")
@click.option("--sample", is_flag=True, help="Also ingest the bundled sample corpus (no PATH needed).")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress bar on stderr.")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Read and extract on a local Dask cluster of N processes (needs the 'dask' extra); "
                   "this process writes, in input order, so the store is the same for any N.")
@click.option("--scheduler", envvar="TIMELINE_SCHEDULER", default=None, metavar="ADDRESS",
              help="Read and extract on the Dask cluster at ADDRESS (tcp://HOST:8786; default "
                   "$TIMELINE_SCHEDULER); its workers must see the inputs at the same paths.")
def ingest(paths: tuple[Path, ...], db: str | None, published: date | None, publisher: str | None,
           sample: bool, progress: bool, workers: int | None, scheduler: str | None) -> None:
    """Read PATH... (files or folders: .txt, .md, .html, .jsonl), extract dated events and store them."""
    from timeline.pipeline import ingest_paths
    from timeline.store import Store, StoreError

    targets = list(paths)
    if sample:
        targets.append(sample_dir())
    if not targets:
        raise click.UsageError("give at least one PATH, or --sample for the bundled corpus")
    try:
        store = Store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # a bad URL, an unreachable server, a file that is not a database
        raise click.ClickException(f"cannot open database {db or '(default)'}: {type(exc).__name__}: {exc}") from None
    try:
        try:
            if workers is not None or scheduler:
                from timeline.parallel import ingest_paths_parallel

                summary = ingest_paths_parallel(targets, store, workers=workers, scheduler=scheduler,
                                                published=published, publisher=publisher, progress=progress)
            else:
                summary = ingest_paths(targets, store, published=published, publisher=publisher, progress=progress)
        except RuntimeError as exc:  # includes timeline.parallel.ParallelError
            raise click.ClickException(str(exc)) from None
    finally:
        store.close()

    from timeline.untrusted import clean_text, printable

    for origin, reason in summary.failed:
        click.echo(f"failed: {printable(origin)}: {clean_text(reason)}", err=True)
    rate = summary.documents_seen / summary.seconds if summary.seconds else 0.0
    click.echo(
        f"{summary.documents_added} documents added"
        f"{f' ({len(summary.other_language)} not in English)' if summary.other_language else ''}, "
        f"{summary.documents_unchanged} unchanged, "
        f"{summary.documents_failed} failed; {summary.events_added} events added, "
        f"{summary.events_merged} merged into existing events ({summary.seconds:.1f}s, {rate:.0f} documents/s) "
        f"-> {store!r}"
    )
    if summary.other_language:
        from collections import Counter

        from timeline.language import language_name

        counts = Counter(code for _, code in summary.other_language)
        langs = ", ".join(f"{language_name(c)}: {n}" for c, n in counts.most_common())
        click.echo(f"{len(summary.other_language)} documents not in English ({langs}) were stored with their "
                   f"events flagged \"language not supported\": the tagger and extraction read English only",
                   err=True)
        for origin, code in summary.other_language:
            click.echo(f"not English: {printable(origin)}: {language_name(code)}", err=True)
    if summary.interrupted:
        click.echo("interrupted: the documents counted above are stored; run again to continue "
                   "(stored documents are skipped as unchanged)", err=True)
        raise SystemExit(130)
    if summary.failed:
        raise SystemExit(1)
