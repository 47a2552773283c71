"""`warmline project add|list|edit|done` (S2 cadence, S5 revisit)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from warmline.cli.output import console, print_json, short
from warmline.cli.state import services

app = typer.Typer(no_args_is_help=True, help="Projects: the work you report progress on (S2).")


@app.command("add")
def add(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    title: Annotated[str, typer.Argument(help="Project title.")],
    start: Annotated[str | None, typer.Option(help="Start (ISO 8601); default now.")] = None,
    due: Annotated[str | None, typer.Option(help="Due (ISO 8601).")] = None,
    cadence: Annotated[
        float | None, typer.Option(help="Days between progress updates (overrides the table).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Add a project for a client.

    Example: warmline project add anna "Logo refresh" --due 2026-12-15
    """
    p = services(ctx).add_project(client, title, start=start, due=due, cadence_days=cadence)
    if as_json:
        print_json(p)
    else:
        console.print(f"Added project {p.id}: {p.title}")


@app.command("list")
def list_(
    ctx: typer.Context,
    client: Annotated[str | None, typer.Argument(help="Only this client's projects.")] = None,
    status: Annotated[str | None, typer.Option(help="active, paused, done or cancelled.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List projects.

    Example: warmline project list --status active
    """
    projects = services(ctx).projects(client, status=status)
    if as_json:
        print_json(projects)
        return
    table = Table("ID", "Client", "Title", "Status", "Start", "Due", "Cadence (days)")
    for p in projects:
        table.add_row(
            str(p.id),
            str(p.client_id),
            p.title,
            p.status,
            short(p.start),
            short(p.due),
            "auto" if p.cadence_days is None else f"{p.cadence_days:g}",
        )
    console.print(table)


@app.command("edit")
def edit(
    ctx: typer.Context,
    project: Annotated[str, typer.Argument(help="Project ID or the start of its title.")],
    due: Annotated[str | None, typer.Option(help="New due date (ISO 8601).")] = None,
    cadence: Annotated[float | None, typer.Option(help="Days between updates.")] = None,
    status: Annotated[str | None, typer.Option(help="active, paused, done or cancelled.")] = None,
) -> None:
    """Move a project's due date, change its update cadence or status.

    Example: warmline project edit 3 --due 2026-12-20 --cadence 3
    """
    p = services(ctx).edit_project(project, due=due, cadence_days=cadence, status=status)
    console.print(f"Updated project {p.id}: {p.title} [{p.status}]")


@app.command("done")
def done(
    ctx: typer.Context,
    project: Annotated[str, typer.Argument(help="Project ID or the start of its title.")],
    at: Annotated[str | None, typer.Option(help="Completion time; default now.")] = None,
) -> None:
    """Mark a project completed (a revisit is then scheduled, S5).

    Example: warmline project done "Logo refresh"
    """
    p = services(ctx).finish_project(project, at=at)
    console.print(f"Completed project {p.id}: {p.title}")
