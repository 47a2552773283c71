"""`warmline today`: the ranked agenda of what each client needs from you now."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Annotated

import typer
from rich.console import Group
from rich.table import Table
from rich.text import Text as RichText

from warmline.agenda import AgendaItem
from warmline.agenda import as_json as item_json
from warmline.agenda.item import BAND_LABELS, BANDS, KIND_LABELS
from warmline.cli.output import console
from warmline.cli.state import services
from warmline.core.clock import WEEKDAYS_EN, WEEKDAYS_ZH, format_local, local, zone_label
from warmline.core.error import WarmlineError
from warmline.core.text import LANGS, Text

_HEAD = {
    "title": Text("今天：{n} 项（{now}）", "Today: {n} items ({now})"),
    "empty": Text(
        "今天没有待办：所有客户都照顾到了。", "Nothing due: every client is looked after."
    ),
    "client": Text("客户", "Client"),
    "what": Text("事项与原因", "What and why"),
    "due": Text("到期", "Due"),
    "send": Text("发送时间", "Send at"),
    "overdue": Text("已逾期", "overdue"),
    "local": Text("对方现在：{t}", "their time: {t}"),
    "why": Text("排序依据：", "Why here: "),
}


def _compact(dt: datetime, zone_name: str, lang: str, *, with_zone: bool = False) -> str:
    """A short time for table cells: 周四 11/19 22:00 / Thu 19 Nov 22:00."""
    t = local(dt, zone_name)
    text = (
        f"{WEEKDAYS_ZH[t.weekday()]} {t.month}/{t.day} {t:%H:%M}"
        if lang == "zh"
        else f"{WEEKDAYS_EN[t.weekday()]} {t.day} {t:%b} {t:%H:%M}"
    )
    return f"{text}\n{zone_label(zone_name, lang)}" if with_zone else text


def _cell_what(item: AgendaItem, lang: str, explain: bool) -> Group:
    kind = KIND_LABELS[item.kind].in_(lang)
    parts = [
        RichText.assemble((f"[{item.principle}] {kind} ", "bold"), item.reason.in_(lang)),
    ]
    parts.extend(RichText(f"  {d.in_(lang)}", style="dim") for d in item.details)
    if item.openers:
        parts.extend(RichText(f"  💬 {o}", style="cyan") for o in item.openers)
    parts.append(RichText(item.suggested_message, style="green"))
    if explain:
        parts.append(RichText(_HEAD["why"].in_(lang) + item.explain(lang), style="yellow"))
    parts.append(RichText(item.id, style="dim"))
    return Group(*parts)


def today(
    ctx: typer.Context,
    at: Annotated[
        str | None, typer.Option("--at", help="Plan as of this time (ISO 8601, today 09:00, +2h).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="zh or en (default: your UI language).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the documented JSON list.")
    ] = False,
    client: Annotated[
        str | None, typer.Option("--client", help="Only this client (ID or start of the name).")
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show why each item ranks where it does.")
    ] = False,
) -> None:
    """What each client needs from you now, most urgent first, with a drafted message.

    Example: warmline today --at "today 09:00" --lang zh --explain
    """
    if lang is not None and lang not in LANGS:
        raise WarmlineError(f"--lang: {lang!r} is not a language warmline writes; use zh or en")
    result = services(ctx).today(at=at, client=client)
    ui = lang or result.profile.ui_language
    if as_json:
        data = [{"rank": n, **item_json(item, ui)} for n, item in enumerate(result.items, 1)]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    now_text = format_local(result.now, result.profile.timezone, ui)
    console.print(
        RichText(_HEAD["title"].in_(ui).format(n=len(result.items), now=now_text), style="bold")
    )
    if not result.items:
        console.print(_HEAD["empty"].in_(ui))
        return
    rank = 0
    for band in BANDS:
        items = [i for i in result.items if i.band == band]
        if not items:
            continue
        table = Table(
            title=f"{BAND_LABELS[band].in_(ui)} ({len(items)})",
            title_justify="left",
            show_lines=True,
            expand=True,
        )
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column(_HEAD["client"].in_(ui), ratio=1)
        table.add_column(_HEAD["what"].in_(ui), ratio=4)
        table.add_column(_HEAD["due"].in_(ui), ratio=1)
        table.add_column(_HEAD["send"].in_(ui), ratio=1)
        for item in items:
            rank += 1
            due = _compact(item.due, result.profile.timezone, ui)
            if item.overdue:
                due = f"{due}\n{_HEAD['overdue'].in_(ui)}"
            their = _compact(item.client_local_time, item.client_timezone, ui)
            table.add_row(
                str(rank),
                f"{item.client_name}\n{_HEAD['local'].in_(ui).format(t=their)}",
                _cell_what(item, ui, explain),
                due,
                _compact(item.send_at, item.client_timezone, ui, with_zone=True),
            )
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command("today")(today)
