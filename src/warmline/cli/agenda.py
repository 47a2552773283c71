"""`warmline agenda done|snooze`: mark agenda items; they return only for a new reason."""

from __future__ import annotations

from typing import Annotated

import typer

from warmline.cli.output import console
from warmline.cli.state import services
from warmline.core.clock import format_local

app = typer.Typer(no_args_is_help=True, help="Mark items of today's agenda done or snoozed.")


@app.command("done")
def done(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(help="The item ID (see warmline today --json).")],
    at: Annotated[str | None, typer.Option(help="As of this time; default now.")] = None,
) -> None:
    """Mark an item done. It comes back only if it falls due for a new reason
    (the client writes again, the next update cycle starts...).

    Example: warmline agenda done S3:client:12:msg:345
    """
    mark = services(ctx).mark_done(item_id, at=at)
    console.print(f"Done: {mark.key}")


@app.command("snooze")
def snooze(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(help="The item ID (see warmline today --json).")],
    until: Annotated[
        str, typer.Option("--until", help="Hide it until this time (tomorrow 09:00, +2h).")
    ],
    at: Annotated[str | None, typer.Option(help="As of this time; default now.")] = None,
) -> None:
    """Hide an item until a time (it also returns earlier for a new reason).

    Example: warmline agenda snooze S4:client:3:deliverable:7 --until "tomorrow 09:00"
    """
    svc = services(ctx)
    mark = svc.snooze(item_id, until, at=at)
    assert mark.until is not None
    p = svc.profile()
    console.print(
        f"Snoozed: {mark.key} until {format_local(mark.until, p.timezone, p.ui_language)}"
    )
