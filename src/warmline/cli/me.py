"""`warmline me show|set`: the user's zone, working calendar, language and identities."""

from __future__ import annotations

from typing import Annotated

import typer

from warmline.cli.output import console, print_json
from warmline.cli.state import services

app = typer.Typer(no_args_is_help=True, help="You: time zone, working hours, language, identities.")


@app.command("show")
def show(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """Show your profile.

    Example: warmline me show --json
    """
    p = services(ctx).profile()
    if as_json:
        print_json(p)
        return
    days = ",".join(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d] for d in p.work_days)
    console.print(f"Name: {p.name}\nZone: {p.timezone} ({p.country})")
    console.print(f"Working hours: {p.work_start:%H:%M}–{p.work_end:%H:%M} on {days}")
    console.print(
        f"Reply target: {p.reply_target_hours:g} working hours   UI language: {p.ui_language}"
    )
    for kind, handle in p.identities.items():
        console.print(f"  {kind}: {handle}")


@app.command("set")
def set_(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    timezone: Annotated[str | None, typer.Option("--tz", "--timezone", help="IANA zone.")] = None,
    country: Annotated[
        str | None, typer.Option(help="Country code for your public holidays.")
    ] = None,
    work_start: Annotated[
        str | None, typer.Option(help="Start of your working day, HH:MM.")
    ] = None,
    work_end: Annotated[str | None, typer.Option(help="End of your working day, HH:MM.")] = None,
    work_days: Annotated[str | None, typer.Option(help="Working days, e.g. mon-fri.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="UI language: zh or en.")] = None,
    reply_target: Annotated[
        float | None, typer.Option(help="Reply target in working hours.")
    ] = None,
    email: Annotated[
        list[str] | None, typer.Option("--email", help="Your email (repeatable).")
    ] = None,
    wechat: Annotated[list[str] | None, typer.Option("--wechat", help="Your WeChat ID.")] = None,
    phone: Annotated[list[str] | None, typer.Option("--phone", help="Your phone.")] = None,
    whatsapp: Annotated[
        list[str] | None, typer.Option("--whatsapp", help="Your WhatsApp number.")
    ] = None,
    slack: Annotated[list[str] | None, typer.Option("--slack", help="Your Slack handle.")] = None,
    telegram: Annotated[
        list[str] | None, typer.Option("--telegram", help="Your Telegram handle.")
    ] = None,
) -> None:
    """Change your profile; identity options replace that kind of identity.

    Example: warmline me set --tz Asia/Shanghai --work-start 09:30 --work-end 18:30 --email me@studio.cn
    """
    ids = {
        "email": email,
        "wechat": wechat,
        "phone": phone,
        "whatsapp": whatsapp,
        "slack": slack,
        "telegram": telegram,
    }
    p = services(ctx).set_profile(
        name=name,
        timezone=timezone,
        country=country,
        work_start=work_start,
        work_end=work_end,
        work_days=work_days,
        ui_language=lang,
        reply_target_hours=reply_target,
        identities=ids if any(v is not None for v in ids.values()) else None,
    )
    console.print(f"Saved. {p.name}, {p.timezone}, {p.work_start:%H:%M}–{p.work_end:%H:%M}")
