"""`warmline meet add|list|started` (T3, R1)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from warmline.cli.output import console, print_json
from warmline.cli.state import services
from warmline.core.clock import format_local

app = typer.Typer(no_args_is_help=True, help="Calls and meetings, in both time zones (T3).")


@app.command("add")
def add(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    start: Annotated[str, typer.Argument(help="Start (ISO 8601; naive = your zone).")],
    minutes: Annotated[int, typer.Option(help="Duration in minutes.")] = 30,
    title: Annotated[str, typer.Option(help="What the call is about.")] = "",
    client_time: Annotated[
        bool, typer.Option("--client-time", help="Read a naive START in the client's zone.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Schedule a call; shows the start in the client's zone and yours.

    Example: warmline meet add anna 2026-11-24T15:00 --minutes 45 --title "Logo review"
    """
    svc = services(ctx)
    mt = svc.add_meeting(
        client, start, duration_minutes=minutes, title=title, in_client_zone=client_time
    )
    if as_json:
        print_json(mt)
        return
    p = svc.profile()
    console.print(
        f"Meeting {mt.id}: {format_local(mt.start, mt.timezone, p.ui_language)} for them, "
        f"{format_local(mt.start, p.timezone, p.ui_language)} for you"
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    client: Annotated[str | None, typer.Argument(help="Only this client's meetings.")] = None,
    upcoming: Annotated[
        bool, typer.Option("--upcoming", help="Only meetings from now on.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List meetings with both times.

    Example: warmline meet list --upcoming
    """
    svc = services(ctx)
    items = svc.meetings(client, upcoming=upcoming)
    if as_json:
        print_json(items)
        return
    p = svc.profile()
    table = Table("ID", "Client", "Title", "Their time", "Your time", "Minutes", "Started")
    for mt in items:
        table.add_row(
            str(mt.id),
            str(mt.client_id),
            mt.title,
            format_local(mt.start, mt.timezone, p.ui_language),
            format_local(mt.start, p.timezone, p.ui_language),
            str(mt.duration_minutes),
            format_local(mt.actual_start, p.timezone, p.ui_language) if mt.actual_start else "—",
        )
    console.print(table)


@app.command("started")
def started(
    ctx: typer.Context,
    meeting_id: Annotated[int, typer.Argument(help="Meeting ID.")],
    at: Annotated[str | None, typer.Option(help="Actual start; default now.")] = None,
) -> None:
    """Record when a meeting actually started (punctuality, T3).

    Example: warmline meet started 3
    """
    mt = services(ctx).meeting_started(meeting_id, at=at)
    late = (mt.actual_start - mt.start).total_seconds() / 60 if mt.actual_start else 0
    console.print(f"Meeting {mt.id} started {'on time' if late <= 1 else f'{late:.0f} min late'}.")
