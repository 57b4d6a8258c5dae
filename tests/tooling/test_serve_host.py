"""`timeline serve --host`: an empty host is refused; every loopback address binds without a warning."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.commands.serve import is_loopback


@pytest.mark.parametrize("host", ["", "   "])
def test_empty_host_is_refused_before_anything_starts(host: str) -> None:
    r = CliRunner().invoke(main, ["serve", "--host", host, "--db", ":memory:"])
    assert r.exit_code == 2
    assert "--host" in r.output and "interface" in r.output


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "127.255.255.254", "localhost", "LOCALHOST", "::1",
                                  "[::1]"])
def test_loopback_addresses(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "example.org", "128.0.0.1"])
def test_exposed_addresses(host: str) -> None:
    assert not is_loopback(host)
