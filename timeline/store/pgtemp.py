"""A throwaway PostgreSQL cluster on loopback, for the store tests and the ingest benchmark.

initdb into a temporary directory, pg_ctl start on a free port with the socket in that
directory, and everything removed on stop. PostgreSQL refuses to run as root, so when
we are root the server runs as the `postgres` system user (`runuser`), which owns the
directory. Durability is switched off (fsync, synchronous_commit): the data is disposable.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries, or the server would not start; the message says why."""


def find_bindir() -> Path | None:
    """$TIMELINE_PG_BINDIR if set, else the newest /usr/lib/postgresql/*/bin with initdb, else PATH's."""
    override = os.environ.get("TIMELINE_PG_BINDIR")
    if override:
        return Path(override) if (Path(override) / "initdb").is_file() else None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class TempPostgres:
    """`with TempPostgres() as pg: pg.url` — a running server until the block ends."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        self.root: Path | None = None
        self.url = ""

    def start(self) -> TempPostgres:
        if self.bindir is None:
            raise PostgresUnavailable("initdb not found in $TIMELINE_PG_BINDIR, /usr/lib/postgresql/*/bin "
                                      "or on PATH (apt-get install postgresql)")
        self.root = Path(tempfile.mkdtemp(prefix="timeline-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres", group="postgres")
        data, log, port = self.root / "data", self.root / "server.log", _free_port()
        try:
            subprocess.run(_as_postgres([str(self.bindir / "initdb"), "-D", str(data), "-U", "postgres",
                                         "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]),
                           check=True, capture_output=True, text=True)
            subprocess.run(_as_postgres([
                str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                "-o", f"-h 127.0.0.1 -p {port} -k {self.root} -c fsync=off -c full_page_writes=off "
                      f"-c synchronous_commit=off -c max_connections=50",
                "start",
            ]), check=True, capture_output=True, text=True)
        except (subprocess.CalledProcessError, OSError) as exc:
            details = getattr(exc, "stderr", "") or str(exc)
            if log.exists():
                details += log.read_text(errors="replace")
            self._remove()
            raise PostgresUnavailable(f"could not start a server with {self.bindir}: {details.strip()[-800:]}") from None
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        return self

    def new_database(self) -> str:
        """URL of a new empty database on this server."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        plain = self.url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url.rsplit("/", 1)[0] + "/" + name

    def stop(self) -> None:
        if self.root is not None and self.bindir is not None and (self.root / "data").exists():
            subprocess.run(_as_postgres([str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"),
                                         "-m", "immediate", "-w", "stop"]), capture_output=True, text=True)
        self._remove()

    def _remove(self) -> None:
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
