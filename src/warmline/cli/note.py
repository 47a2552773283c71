"""`warmline note add|list`: dated personal and business notes (R1)."""

from __future__ import annotations

from typing import Annotated

import typer

from warmline.cli.output import console, print_json, short
from warmline.cli.state import services

app = typer.Typer(no_args_is_help=True, help="Personal and business notes about a client (R1).")


@app.command("add")
def add(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    text: Annotated[str, typer.Argument(help="What you learned, e.g. 'ran the Sydney marathon'.")],
    kind: Annotated[str, typer.Option(help="personal or business.")] = "personal",
    at: Annotated[str | None, typer.Option(help="When (ISO 8601); default now.")] = None,
) -> None:
    """Add a dated note about a client.

    Example: warmline note add anna "Ran the London marathon last Sunday"
    """
    n = services(ctx).add_note(client, text, kind=kind, at=at)
    console.print(f"Noted ({n.kind}) for client {n.client_id}.")


@app.command("list")
def list_(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List a client's notes.

    Example: warmline note list anna
    """
    notes = services(ctx).notes(client)
    if as_json:
        print_json(notes)
        return
    for n in notes:
        console.print(f"{short(n.at)}  [{n.kind}]  {n.text}")
