"""A real PostgreSQL server for the store tests, and a `store` fixture over both backends.

The server is initdb'd into a temporary directory and started with pg_ctl on a free
loopback port (as the `postgres` system user when we run as root, since postgres
refuses to run as root). Without the binaries the PostgreSQL half is skipped with the
reason, except in CI (CI=true), where it fails: CI must test both backends.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.store import Store


def _pg_bin() -> Path | None:
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


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a throwaway PostgreSQL server (its own cluster, stopped and removed at the end)."""
    bindir = _pg_bin()
    if bindir is None:
        _unavailable("initdb not found in /usr/lib/postgresql/*/bin or on PATH (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="timeline-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres", group="postgres")
    data, sockets, port = root / "data", root, _free_port()
    log = root / "server.log"
    try:
        subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                                     "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]),
                       check=True, capture_output=True, text=True)
        subprocess.run(_as_postgres([
            str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
            "-o", f"-h 127.0.0.1 -p {port} -k {sockets} -c fsync=off -c full_page_writes=off "
                  f"-c synchronous_commit=off -c max_connections=50",
            "start",
        ]), check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        details = (exc.stderr or "") + (log.read_text(errors="replace") if log.exists() else "")
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"could not start a server with {bindir}: {details.strip()[-800:]}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       capture_output=True, text=True)
        shutil.rmtree(root, ignore_errors=True)


def _fresh_pg_database(server_url: str) -> str:
    """A new empty database on the test server, so each test starts clean."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    plain = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return plain.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + "/" + name


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'timeline.db'}"
    return _fresh_pg_database(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An opened, empty Store on each backend; the same test code runs on both."""
    st = Store(db_url)
    try:
        yield st
    finally:
        st.close()
