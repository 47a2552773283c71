"""`warmline import FILE...` and `warmline unassigned list|map`: bring exported history in."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from warmline.cli.output import console, err_console, print_json
from warmline.cli.state import services
from warmline.core.error import WarmlineError
from warmline.core.text import Text
from warmline.ingest import IMPORTERS
from warmline.services.ingest import ImportReport, parse_maps

app = typer.Typer(no_args_is_help=True, help="Messages whose sender is not a client yet.")

_T = {
    "new": Text("新增 {n} 条", "{n} new"),
    "dup": Text("重复 {n} 条（已导入过）", "{n} duplicate (already imported)"),
    "skip": Text("跳过 {n} 条：{why}", "{n} skipped: {why}"),
    "unknown": Text(
        "未知发送者（消息已保存为未分配）：", "Unknown senders (messages stored unassigned):"
    ),
    "map": Text(
        "把它们归到客户：warmline unassigned map HANDLE CLIENT，或导入时加 --map HANDLE=CLIENT",
        "Attach them: warmline unassigned map HANDLE CLIENT, or import with --map HANDLE=CLIENT",
    ),
    "dry": Text("（试运行：没有保存任何内容）", "(dry run: nothing was stored)"),
    "failed": Text("{n} 个文件未导入", "{n} file(s) not imported"),
}


def _lang(ctx: typer.Context) -> str:
    try:
        return services(ctx).profile().ui_language
    except WarmlineError:
        return "en"


def import_(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(help="Export files or folders; - reads a pasted conversation from stdin."),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help=f"Skip detection: {', '.join(IMPORTERS)}."),
    ] = None,
    client: Annotated[
        str | None, typer.Option(help="Attach every message of these files to this client.")
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map", help="HANDLE=CLIENT: a sender's handle belongs to a client (repeatable)."
        ),
    ] = None,
    me: Annotated[
        list[str] | None,
        typer.Option("--me", help="Your display name in these exports, if not your profile name."),
    ] = None,
    zone: Annotated[
        str | None,
        typer.Option(help="Zone of wall-clock exports (WhatsApp, WeChat); default your zone."),
    ] = None,
    date_order: Annotated[
        str | None, typer.Option(help="WhatsApp date order when guessed wrong: dmy, mdy or ymd.")
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(help="CSV columns, e.g. time=Date,sender=From,text=Body,handle=Email."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would happen; store nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the reports as JSON.")] = False,
) -> None:
    """Import exported conversations: email, WhatsApp, WeChat, Slack, Telegram, CSV, paste.

    Re-importing is safe (nothing is added twice); a corrupt file stores nothing.

    Example: warmline import "WhatsApp Chat with Anna.zip" ~/Mail/clients.mbox --dry-run
    """
    svc = services(ctx)
    maps = parse_maps(map_ or [])
    lang = _lang(ctx)
    reports: list[ImportReport] = []
    failed = 0
    quiet = as_json or not console.is_terminal
    for name in files:
        try:
            if name == "-":
                report = svc.import_text(
                    sys.stdin.read(),
                    client=client,
                    maps=maps,
                    me=me or (),
                    zone=zone,
                    dry_run=dry_run,
                )
            else:
                report = _one(
                    svc,
                    Path(name),
                    fmt,
                    client,
                    maps,
                    me or [],
                    zone,
                    date_order,
                    columns,
                    dry_run,
                    quiet,
                )
        except WarmlineError as exc:
            failed += 1
            err_console.print(f"error: {exc.message}", markup=False)
            continue
        reports.append(report)
        if not as_json:
            _summary(report, lang)
    if as_json:
        print_json([_as_dict(r) for r in reports])
    if failed:
        if not as_json:
            err_console.print(_T["failed"].format(n=failed).in_(lang), markup=False)
        raise typer.Exit(2)


def _one(
    svc: object,
    path: Path,
    fmt: str | None,
    client: str | None,
    maps: dict[str, str],
    me: list[str],
    zone: str | None,
    date_order: str | None,
    columns: str | None,
    dry_run: bool,
    quiet: bool,
) -> ImportReport:
    from warmline.services import Services

    assert isinstance(svc, Services)
    kwargs = dict(
        fmt=fmt,
        client=client,
        maps=maps,
        me=me,
        zone=zone,
        date_order=date_order,
        columns=columns,
        dry_run=dry_run,
    )
    if quiet:
        return svc.import_file(path, **kwargs)  # type: ignore[arg-type]
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(text_format="{task.completed:,.0f} msgs"),
        TextColumn("{task.fields[rate]:,.0f} msg/s"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task(path.name, total=None, rate=0.0)

        def advance(n: int) -> None:
            bar.advance(task, n)
            speed = bar.tasks[task].speed or 0.0
            bar.update(task, rate=speed)

        return svc.import_file(path, progress=advance, **kwargs)  # type: ignore[arg-type]


def _summary(r: ImportReport, lang: str) -> None:
    head = f"{r.path} [{r.format}]: {r.read} read in {r.seconds:.1f} s ({r.rate:,.0f}/s)"
    console.print(head, markup=False)
    console.print("  " + _T["new"].format(n=r.new).in_(lang), markup=False)
    if r.duplicate:
        console.print("  " + _T["dup"].format(n=r.duplicate).in_(lang), markup=False)
    for key, n in sorted(r.skipped.items()):
        console.print(
            "  " + _T["skip"].format(n=n, why=r.skip_reason(key, lang)).in_(lang), markup=False
        )
    if r.unknown:
        console.print("  " + _T["unknown"].in_(lang), markup=False)
        for u in sorted(r.unknown.values(), key=lambda u: -u.count):
            label = f"{u.handle}" + (f" ({u.name})" if u.name and u.name != u.handle else "")
            console.print(f"    {label}: {u.count}", markup=False)
            for sample in u.samples:
                console.print(f"      {sample}", markup=False)
        console.print("  " + _T["map"].in_(lang), markup=False)
    if r.dry_run:
        console.print("  " + _T["dry"].in_(lang), markup=False)


def _as_dict(r: ImportReport) -> dict[str, object]:
    return {
        "path": r.path,
        "format": r.format,
        "dry_run": r.dry_run,
        "read": r.read,
        "new": r.new,
        "duplicate": r.duplicate,
        "assigned": r.assigned,
        "unassigned": r.unassigned,
        "outgoing": r.outgoing,
        "skipped": dict(r.skipped),
        "unknown": [
            {
                "handle": u.handle,
                "name": u.name,
                "channel": u.channel,
                "count": u.count,
                "samples": u.samples,
            }
            for u in r.unknown.values()
        ],
        "seconds": round(r.seconds, 3),
    }


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List handles of imported messages that belong to no client yet.

    Example: warmline unassigned list
    """
    rows = services(ctx).unassigned()
    if as_json:
        print_json([{"handle": u.handle, "count": u.count, "sample": u.sample} for u in rows])
        return
    for u in rows:
        sample = " ".join(u.sample.split())[:70]
        console.print(f"{u.handle}  {u.count}  {sample}", markup=False)


@app.command("map")
def map_handle(
    ctx: typer.Context,
    handle: Annotated[
        str, typer.Argument(help="The handle, as `warmline unassigned list` shows it.")
    ],
    client: Annotated[str, typer.Argument(help="Client ID or the start of the name.")],
    remember: Annotated[
        bool,
        typer.Option(
            "--remember/--no-remember", help="Also add the handle to the client's channels."
        ),
    ] = True,
) -> None:
    """Attach every unassigned message from HANDLE to CLIENT.

    Example: warmline unassigned map "+14155550134" sam
    """
    c, count = services(ctx).map_handle(handle, client, remember=remember)
    console.print(
        f"Attached {count} message(s) from {handle} to {c.name} (client {c.id}).", markup=False
    )


def register(root: typer.Typer) -> None:
    root.command("import")(import_)
    root.add_typer(app, name="unassigned")
