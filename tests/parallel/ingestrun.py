"""Corpora and runners for the parallel-ingest tests (issue 10); the fixtures are in conftest.py.

The corpus is the bundled sample corpus, articles from the benchmark's news generator
(benchmarks/newsgen.py: plain text, Markdown, HTML and JSONL feeds long enough to be cut into
line ranges, with repeated reports so that events merge) and a few bad inputs (binary, broken
JSONL lines, an unsupported suffix), so that per-record errors go through the cluster too.
`timeline ingest` runs as a real command in a subprocess, as a user runs it.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(REPO / "benchmarks")]

#: generated articles in the shared corpus (with the 14 sample documents and the bad inputs)
GENERATED = 220


def require_dask() -> None:
    """Skip, saying why, when Dask is not installed; in CI (CI=true) fail instead: CI must run these."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Dask is required in CI (pip install -e '.[test]'): {exc}")
        pytest.skip(f"Dask tests skipped: dask[distributed] is not installed ({exc}); "
                    f"pip install 'conflict-timeline[dask]'")


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def summary(self) -> str:
        """The summary line without its timing, which differs from run to run."""
        line = self.stdout.strip().splitlines()[-1]
        return re.sub(r"\(\d+\.\d+s, \d+ documents/s\) ", "", line)

    @property
    def failed(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if ln.startswith("failed: ")]


def env() -> dict[str, str]:
    """This checkout first on the path, for the command and for the Dask workers it starts."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
            "TIMELINE_SCHEDULER": ""}


def ingest_command(paths: list[Path], db: str, *options: str) -> list[str]:
    return [sys.executable, "-m", "timeline.cli", "ingest", *map(str, paths), "--db", db, "--no-progress", *options]


def run_ingest(paths: list[Path], db: str, *options: str, timeout: float = 900) -> Run:
    out = subprocess.run(ingest_command(paths, db, *options), capture_output=True, text=True, env=env(),
                         timeout=timeout, cwd=REPO)
    return Run(out.returncode, out.stdout, out.stderr)


def make_corpus(root: Path, generated: int = GENERATED, seed: int = 7) -> Path:
    """The samples, `generated` news articles and the bad inputs, under `root`."""
    from newsgen import write_corpus

    from timeline.samples import SAMPLE_DIR

    shutil.copytree(SAMPLE_DIR, root / "samples", ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    write_corpus(root / "news", generated, seed=seed, per_feed=75)
    bad = root / "news" / "zz-bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (bad / "notes.docx").write_bytes(b"PK\x03\x04 not a document we read")
    (bad / "broken.jsonl").write_text('{"text": "Troops shelled Kharkiv on 3 March 2022, officials said.", '
                                      '"published": "2022-03-04"}\nnot json at all\n{"title": "no text"}\n\n'
                                      '{"text": "Protesters marched in Khartoum on 5 May 2023.", '
                                      '"published": "2023-05-06"}\n', encoding="utf-8")
    return root


@dataclass
class Reference:
    db: Path
    run: Run
