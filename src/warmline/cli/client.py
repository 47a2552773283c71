"""`warmline client add|list|show|edit|archive`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from warmline.cli.output import console, print_json, short
from warmline.cli.state import services
from warmline.core.clock import format_local
from warmline.services.book import channels_from

app = typer.Typer(no_args_is_help=True, help="Your clients: add, list, show, edit, archive.")

Email = Annotated[list[str] | None, typer.Option("--email", help="Email address (repeatable).")]
Wechat = Annotated[list[str] | None, typer.Option("--wechat", help="WeChat ID (repeatable).")]
Phone = Annotated[list[str] | None, typer.Option("--phone", help="Phone number (repeatable).")]
Whatsapp = Annotated[
    list[str] | None, typer.Option("--whatsapp", help="WhatsApp number (repeatable).")
]
Slack = Annotated[list[str] | None, typer.Option("--slack", help="Slack handle (repeatable).")]
Telegram = Annotated[
    list[str] | None, typer.Option("--telegram", help="Telegram handle (repeatable).")
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The client's name, e.g. 王建国 or Anna Smith.")],
    timezone: Annotated[
        str, typer.Option("--tz", "--timezone", help="IANA time zone, e.g. Asia/Shanghai.")
    ] = "UTC",
    language: Annotated[
        str, typer.Option("--lang", help="Language the client writes in: zh or en.")
    ] = "en",
    company: Annotated[str, typer.Option(help="Company.")] = "",
    city: Annotated[str, typer.Option(help="City.")] = "",
    country: Annotated[
        str, typer.Option(help="Country code for public holidays, e.g. CN, GB, US.")
    ] = "",
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Tag (repeatable).")] = None,
    status: Annotated[str, typer.Option(help="lead, active, dormant or former.")] = "active",
    email: Email = None,
    wechat: Wechat = None,
    phone: Phone = None,
    whatsapp: Whatsapp = None,
    slack: Slack = None,
    telegram: Telegram = None,
    as_json: Json = False,
) -> None:
    """Add a client.

    Example: warmline client add "Anna Smith" --tz Europe/London --lang en --email anna@example.com
    """
    chans = channels_from(
        {
            "email": email,
            "wechat": wechat,
            "phone": phone,
            "whatsapp": whatsapp,
            "slack": slack,
            "telegram": telegram,
        }
    )
    c = services(ctx).add_client(
        name,
        timezone=timezone,
        language=language,
        company=company,
        city=city,
        country=country,
        channels=chans,
        tags=tag or [],
        status=status,
    )
    if as_json:
        print_json(c)
    else:
        console.print(f"Added client {c.id}: {c.name} ({c.timezone}, {c.language})")


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Only this status.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only clients with this tag.")] = None,
    archived: Annotated[bool, typer.Option("--archived", help="Include archived clients.")] = False,
    as_json: Json = False,
) -> None:
    """List clients with their local time now.

    Example: warmline client list --status active --json
    """
    svc = services(ctx)
    clients = svc.clients(status=status, tag=tag, include_archived=archived)
    if as_json:
        print_json(clients)
        return
    now = svc.now()
    table = Table("ID", "Name", "Company", "Zone", "Local time", "Lang", "Status", "Tags")
    for c in clients:
        table.add_row(
            str(c.id),
            c.name,
            c.company,
            c.timezone,
            short(now, c.timezone),
            c.language,
            c.status,
            ", ".join(c.tags),
        )
    console.print(table)


@app.command("show")
def show(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    as_json: Json = False,
) -> None:
    """Show a client: their local time now, notes, projects, promises, deliveries, meetings.

    Example: warmline client show anna
    """
    svc = services(ctx)
    v = svc.show_client(client)
    c = v.client
    if as_json:
        print_json(
            {
                "client": v.client,
                "local_time": v.local_time,
                "notes": v.notes,
                "projects": v.projects,
                "open_promises": v.open_promises,
                "awaiting_feedback": v.awaiting_feedback,
                "upcoming_meetings": v.upcoming_meetings,
                "last_in": v.last_in,
                "last_out": v.last_out,
                "message_count": v.message_count,
            }
        )
        return
    lang = svc.profile().ui_language
    console.print(f"[bold]{c.name}[/]  (ID {c.id})  {c.company}  {c.city}")
    console.print(f"Local time now: {format_local(svc.now(), c.timezone, lang)}")
    console.print(f"Language: {c.language}   Status: {c.status}   Tags: {', '.join(c.tags) or '—'}")
    for kind, handle in c.channels.items():
        console.print(f"  {kind}: {handle}")
    console.print(
        f"Messages: {v.message_count}   last from them: {short(v.last_in, c.timezone)}   last from you: {short(v.last_out, c.timezone)}"
    )
    for n in v.notes:
        console.print(f"  note ({n.kind}, {short(n.at, c.timezone)}): {n.text}")
    for p in v.projects:
        console.print(f"  project {p.id}: {p.title} [{p.status}] due {short(p.due, c.timezone)}")
    for k in v.open_promises:
        who = "you" if k.by == "us" else "they"
        console.print(f"  promise {k.id} ({who}): {k.text} — due {short(k.due, c.timezone)}")
    for d in v.awaiting_feedback:
        console.print(
            f"  delivered {d.id}: {d.what} — feedback by {short(d.feedback_by, c.timezone)}"
        )
    for mt in v.upcoming_meetings:
        console.print(
            f"  meeting {mt.id}: {mt.title or '—'} at {format_local(mt.start, c.timezone, lang)}"
        )


@app.command("edit")
def edit(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    timezone: Annotated[
        str | None, typer.Option("--tz", "--timezone", help="IANA time zone.")
    ] = None,
    language: Annotated[str | None, typer.Option("--lang", help="zh or en.")] = None,
    company: Annotated[str | None, typer.Option(help="Company.")] = None,
    city: Annotated[str | None, typer.Option(help="City.")] = None,
    country: Annotated[str | None, typer.Option(help="Country code.")] = None,
    status: Annotated[str | None, typer.Option(help="lead, active, dormant or former.")] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", help="Replace the tags (repeatable).")
    ] = None,
    email: Email = None,
    wechat: Wechat = None,
    phone: Phone = None,
    whatsapp: Whatsapp = None,
    slack: Slack = None,
    telegram: Telegram = None,
    as_json: Json = False,
) -> None:
    """Change a client's details; channel options replace that kind of channel.

    Example: warmline client edit anna --status dormant --tag design --tag uk
    """
    options = {
        "email": email,
        "wechat": wechat,
        "phone": phone,
        "whatsapp": whatsapp,
        "slack": slack,
        "telegram": telegram,
    }
    c = services(ctx).edit_client(
        client,
        name=name,
        timezone=timezone,
        language=language,
        company=company,
        city=city,
        country=country,
        status=status,
        tags=tag,
        channels=options if any(v is not None for v in options.values()) else None,
    )
    if as_json:
        print_json(c)
    else:
        console.print(f"Updated client {c.id}: {c.name}")


@app.command("archive")
def archive(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    restore: Annotated[
        bool, typer.Option("--restore", help="Bring an archived client back.")
    ] = False,
) -> None:
    """Archive a client (hidden from lists and the agenda; nothing is deleted).

    Example: warmline client archive "Old Co"
    """
    c = services(ctx).archive_client(client, restore=restore)
    console.print(f"{'Restored' if restore else 'Archived'} client {c.id}: {c.name}")
