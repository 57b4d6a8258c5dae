"""The `timeline` group: every registered subcommand imports and documents itself."""
from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from timeline.cli import COMMANDS, main


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_subcommand_help(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_group_help_does_not_import_dash() -> None:
    # `timeline --help` and `timeline tag` must stay light: Dash is only for `serve`.
    code = (
        "import sys; from click.testing import CliRunner; from timeline.cli import main; "
        "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0; "
        "print('dash' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_python_dash_m_runs_the_cli() -> None:
    """`python -m timeline` is the same CLI, named `timeline` in its usage line."""
    out = subprocess.run([sys.executable, "-m", "timeline", "--help"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Usage: timeline ")
    assert "ingest" in out.stdout and "serve" in out.stdout
