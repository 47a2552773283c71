"""`warmline log in|out`: record a message received from or sent to a client."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from warmline.cli.output import console, print_json
from warmline.cli.state import services

app = typer.Typer(no_args_is_help=True, help="Record messages both ways.")

Text = Annotated[str, typer.Argument(help="The message text, or - to read standard input.")]
At = Annotated[str | None, typer.Option(help="When (ISO 8601; naive = your zone); default now.")]
Channel = Annotated[str, typer.Option(help="wechat, whatsapp, email, slack, telegram, phone...")]
Project = Annotated[str | None, typer.Option(help="Project ID or title prefix.")]
Attach = Annotated[list[str] | None, typer.Option("--attach", help="Attachment name (repeatable).")]


def _log(
    ctx: typer.Context,
    direction: str,
    client: str,
    text: str,
    at: str | None,
    channel: str,
    project: str | None,
    attach: list[str] | None,
    as_json: bool,
) -> None:
    body = sys.stdin.read() if text == "-" else text
    m = services(ctx).log_message(
        client, direction, body, at=at, channel=channel, project=project, attachments=attach or []
    )
    if as_json:
        print_json(m)
    else:
        extra = f"  emotion: {m.emotion}" if m.emotion and m.emotion != "neutral" else ""
        console.print(
            f"Logged message {m.id} ({'from' if direction == 'in' else 'to'} client {m.client_id}).{extra}"
        )


@app.command("in")
def log_in(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    text: Text = "-",
    at: At = None,
    channel: Channel = "",
    project: Project = None,
    attach: Attach = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Record a message the client sent you.

    Example: warmline log in 王 "进度怎么样了？" --channel wechat
    """
    _log(ctx, "in", client, text, at, channel, project, attach, as_json)


@app.command("out")
def log_out(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    text: Text = "-",
    at: At = None,
    channel: Channel = "",
    project: Project = None,
    attach: Attach = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Record a message you sent the client.

    Example: warmline log out anna "Quote attached; I'll call you Fri 28 Nov 10:00 London time." --attach quote.pdf
    """
    _log(ctx, "out", client, text, at, channel, project, attach, as_json)
