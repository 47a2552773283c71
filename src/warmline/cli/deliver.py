"""`warmline deliver` and `warmline feedback` (S4)."""

from __future__ import annotations

from typing import Annotated

import typer

from warmline.cli.output import console, print_json
from warmline.cli.state import services


def deliver(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    what: Annotated[str, typer.Argument(help="What you delivered.")],
    feedback_by: Annotated[
        str, typer.Option("--feedback-by", help="When you expect their feedback.")
    ],
    at: Annotated[str | None, typer.Option(help="When it was sent; default now.")] = None,
    project: Annotated[str | None, typer.Option(help="Project ID or title prefix.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Record a delivery awaiting the client's feedback.

    Example: warmline deliver anna "Logo v2 (3 options)" --feedback-by 2026-11-27
    """
    d = services(ctx).deliver(client, what, feedback_by=feedback_by, at=at, project=project)
    if as_json:
        print_json(d)
    else:
        console.print(f"Recorded delivery {d.id}: {d.what}")


def feedback(
    ctx: typer.Context,
    deliverable_id: Annotated[
        int | None, typer.Argument(help="Delivery ID; omit to list those awaiting feedback.")
    ] = None,
    at: Annotated[str | None, typer.Option(help="When the feedback came; default now.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Record the client's feedback on a delivery, or list deliveries awaiting it.

    Example: warmline feedback 4
    """
    svc = services(ctx)
    if deliverable_id is None:
        items = svc.deliverables(awaiting=True)
        if as_json:
            print_json(items)
            return
        for d in items:
            console.print(
                f"{d.id}: client {d.client_id}: {d.what} (feedback by {d.feedback_by:%Y-%m-%d %H:%M} UTC)"
                if d.feedback_by
                else f"{d.id}: client {d.client_id}: {d.what}"
            )
        return
    d = svc.record_feedback(deliverable_id, at=at)
    if as_json:
        print_json(d)
    else:
        console.print(f"Feedback recorded for delivery {d.id}.")


def register(app: typer.Typer) -> None:
    app.command("deliver")(deliver)
    app.command("feedback")(feedback)
