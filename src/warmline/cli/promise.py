"""`warmline promise add|list|done|cancel` (T2)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from warmline.cli.output import console, print_json, short
from warmline.cli.state import services

app = typer.Typer(no_args_is_help=True, help="Promises, yours and the client's (T2).")


@app.command("add")
def add(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    text: Annotated[str, typer.Argument(help="What was promised.")],
    due: Annotated[str | None, typer.Option(help="Due time (ISO 8601, today 18:00, +2d).")] = None,
    by: Annotated[str, typer.Option(help="us (you promised) or client.")] = "us",
    project: Annotated[str | None, typer.Option(help="Project ID or title prefix.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Record a promise.

    Example: warmline promise add 陈 "报价单" --due "today 18:00"
    """
    k = services(ctx).add_promise(client, text, due=due, by=by, project=project)
    if as_json:
        print_json(k)
    else:
        console.print(f"Recorded promise {k.id}, due {short(k.due)} UTC")


@app.command("list")
def list_(
    ctx: typer.Context,
    client: Annotated[str | None, typer.Argument(help="Only this client's promises.")] = None,
    status: Annotated[
        str | None, typer.Option(help="open, kept, kept_late, broken or cancelled.")
    ] = None,
    by: Annotated[str | None, typer.Option(help="us or client.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List promises.

    Example: warmline promise list --status open
    """
    items = services(ctx).promises(client, status=status, by=by)
    if as_json:
        print_json(items)
        return
    table = Table("ID", "Client", "By", "Promise", "Due (UTC)", "Status")
    for k in items:
        table.add_row(str(k.id), str(k.client_id), k.by, k.text, short(k.due), k.status)
    console.print(table)


@app.command("done")
def done(
    ctx: typer.Context,
    promise_id: Annotated[int, typer.Argument(help="Promise ID.")],
    at: Annotated[str | None, typer.Option(help="When it was kept; default now.")] = None,
) -> None:
    """Mark a promise kept (late if past its due time).

    Example: warmline promise done 12
    """
    k = services(ctx).close_promise(promise_id, at=at)
    console.print(f"Promise {k.id}: {k.status.replace('_', ' ')}")


@app.command("cancel")
def cancel(
    ctx: typer.Context, promise_id: Annotated[int, typer.Argument(help="Promise ID.")]
) -> None:
    """Cancel a promise that no longer applies.

    Example: warmline promise cancel 12
    """
    k = services(ctx).close_promise(promise_id, cancel=True)
    console.print(f"Promise {k.id}: cancelled")
