"""`warmline testimonial add|list` (T6)."""

from __future__ import annotations

from typing import Annotated

import typer

from warmline.cli.output import console, print_json
from warmline.cli.state import services

app = typer.Typer(no_args_is_help=True, help="What clients said about your work (T6).")


@app.command("add")
def add(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    text: Annotated[str, typer.Argument(help="The quote.")],
    permission: Annotated[
        bool, typer.Option("--permission/--no-permission", help="May you quote it?")
    ] = False,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Tag (repeatable).")] = None,
    product: Annotated[str, typer.Option(help="Product or service it is about.")] = "",
) -> None:
    """Save a testimonial.

    Example: warmline testimonial add anna "Fast, clear and on time." --permission --tag branding
    """
    t = services(ctx).add_testimonial(
        client, text, permission=permission, tags=tag or [], product=product
    )
    console.print(f"Saved testimonial {t.id}{'' if t.permission else ' (not to be quoted)'}.")


@app.command("list")
def list_(
    ctx: typer.Context,
    client: Annotated[str | None, typer.Argument(help="Only this client's testimonials.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only with this tag.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List testimonials.

    Example: warmline testimonial list --tag branding
    """
    items = services(ctx).testimonials(client, tag=tag)
    if as_json:
        print_json(items)
        return
    for t in items:
        mark = "✓ quotable" if t.permission else "✗ private"
        console.print(f"{t.id} [{mark}] client {t.client_id}: “{t.text}” {', '.join(t.tags)}")
