"""create_app and `timeline serve`: safe defaults without a browser (Flask test client)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.app.server import create_app
from timeline.cli import main


@pytest.fixture
def app(tmp_path: Path):
    return create_app(f"sqlite:///{tmp_path / 't.db'}", max_upload_mb=1)


def test_serves_page_and_local_world_shapes(app) -> None:
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    shapes = client.get("/_timeline/topojson/world_110m.json")
    assert shapes.status_code == 200 and b'"land"' in shapes.data
    # names outside the shipped files never reach the file system (Dash answers with its page)
    other = client.get("/_timeline/topojson/..%2Fsecret.json")
    assert other.mimetype != "application/json" and b'"land"' not in other.data


def test_request_bodies_over_the_upload_limit_are_refused(app) -> None:
    limit = app.server.config["MAX_CONTENT_LENGTH"]
    assert 1024 * 1024 < limit < 3 * 1024 * 1024
    resp = app.server.test_client().post("/_dash-update-component", data=b"x" * (limit + 1),
                                         content_type="application/json")
    assert resp.status_code == 413


def test_bad_arguments_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_upload_mb"):
        create_app(f"sqlite:///{tmp_path / 't.db'}", max_upload_mb=0)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "no" / "dir" / "x.db")])
    assert result.exit_code != 0 and "no database at" in result.output
    # a database that is not there is refused like `timeline events` does, and not created
    missing = tmp_path / "typo.db"
    served = CliRunner().invoke(main, ["serve", "--db", str(missing)])
    listed = CliRunner().invoke(main, ["events", "--db", str(missing)])
    assert served.exit_code == listed.exit_code == 1
    assert served.output == listed.output and "no database at" in served.output and not missing.exists()


def test_serve_defaults_are_loopback_and_no_debug() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "default: 127.0.0.1" in result.output and "--debug / --no-debug" in result.output
    assert "default: no-debug" in result.output
