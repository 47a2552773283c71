"""`warmline serve`: loopback by default, a warning when it is not, the browser opened."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from warmline.cli import serve as serve_module
from warmline.cli.main import app
from warmline.cli.serve import is_loopback, url_for
from warmline.services import Services

runner = CliRunner()


class FakeServer:
    """Stands in for uvicorn.Server: records the config instead of listening."""

    last: FakeServer | None = None

    def __init__(self, config: Any) -> None:
        self.config = config
        self.started = True
        FakeServer.last = self

    def run(self) -> None:
        self.ran = True


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import uvicorn

    urls: list[str] = []
    monkeypatch.setattr(uvicorn, "Server", FakeServer)
    monkeypatch.setattr(serve_module.webbrowser, "open", urls.append)
    return urls


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.8.8.8", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("::", False),
        ("warmline.example", False),
    ],
)
def test_it_knows_which_addresses_only_this_machine_can_reach(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


def test_urls_for_wildcard_and_ipv6_hosts_are_browsable() -> None:
    assert url_for("0.0.0.0", 8765) == "http://127.0.0.1:8765/"
    assert url_for("::1", 9000) == "http://[::1]:9000/"


def test_serve_binds_loopback_and_opens_the_browser(opened: list[str]) -> None:
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    server = FakeServer.last
    assert server is not None and server.config.host == "127.0.0.1" and server.config.port == 8765
    assert "warning" not in result.stderr
    assert "http://127.0.0.1:8765/" in result.stderr
    for _ in range(50):
        if opened:
            break
        import time

        time.sleep(0.02)
    assert opened == ["http://127.0.0.1:8765/"]


def test_serve_on_the_network_warns_and_skips_the_browser_when_asked(
    opened: list[str],
) -> None:
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9000", "--no-browser"])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "anyone who can reach this machine" in result.stderr
    server = FakeServer.last
    assert server is not None and server.config.port == 9000
    assert opened == []


def test_serve_help_shows_an_example() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "warmline serve --demo" in result.output


def test_serve_demo_serves_the_demo_book(
    opened: list[str], demo_services: Services, warmline_home: Path
) -> None:
    """The README's main command: the demo book (here the session's, already built)."""
    with demo_services.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    source = demo_services.engine.url.database
    assert source
    warmline_home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, warmline_home / "demo.db")
    result = runner.invoke(app, ["serve", "--demo", "--no-browser"])
    assert result.exit_code == 0, result.output
    server = FakeServer.last
    assert server is not None
    served = server.config.app.state.services
    assert served.engine.url.database == str(warmline_home / "demo.db")
    assert len(served.clients()) == len(demo_services.clients())
