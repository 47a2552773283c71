"""`warmline serve`: the local web app."""

from __future__ import annotations

import ipaddress
import threading
import time
import webbrowser
from typing import Annotated

import typer

from warmline.cli.output import err_console
from warmline.cli.state import State, services

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: only this machine can connect."""
    if host.strip("[]").lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def serve(
    ctx: typer.Context,
    demo: Annotated[
        bool, typer.Option("--demo", help="Serve the demo book (built on first use).")
    ] = False,
    host: Annotated[
        str,
        typer.Option(help="Address to listen on. Keep 127.0.0.1 unless you mean to share."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open a browser window.")
    ] = False,
) -> None:
    """Open warmline in your browser: Today, clients, compose with coaching, read, import.

    Example: warmline serve --demo
    """
    import uvicorn

    from warmline.web import create_app

    root = ctx.find_root()
    if demo and isinstance(root.obj, State):
        root.obj.demo = True
    elif demo:
        root.obj = State(demo=True)
    svc = services(ctx)
    loopback = is_loopback(host)
    if not loopback:
        err_console.print(
            f"[bold yellow]warning:[/] warmline is listening on {host}: anyone who can reach "
            "this machine can read and change your book. Use --host 127.0.0.1 unless you "
            "mean to share it."
        )
    app = create_app(svc, allowed_hosts=None if loopback else ["*"])
    url = url_for(host, port)
    server = uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    )
    err_console.print(f"warmline is running at {url}  (Ctrl+C stops it)")
    if not no_browser:

        def open_when_ready() -> None:
            for _ in range(100):
                if server.started:
                    webbrowser.open(url)
                    return
                time.sleep(0.1)

        threading.Thread(target=open_when_ready, daemon=True).start()
    server.run()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
