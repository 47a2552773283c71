"""`warmline calendar export`: today's items and upcoming meetings as an .ics file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from warmline.cli.output import console
from warmline.cli.state import services

app = typer.Typer(no_args_is_help=True, help="Your agenda and calls in a calendar app.")


@app.command("export")
def export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The .ics file to write.")],
    at: Annotated[str | None, typer.Option(help="As of this time; default now.")] = None,
) -> None:
    """Write today's agenda items (VTODO, alarm at the suggested send time) and the next
    30 days of meetings (VEVENT, alarm 15 minutes before) to an iCalendar file.

    Example: warmline calendar export ~/warmline.ics
    """
    todos, events = services(ctx).export_calendar(file, at=at)
    console.print(f"Wrote {file}: {todos} to-dos, {events} meetings")
