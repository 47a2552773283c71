"""`warmline read`: read a client's message before you answer it (emotion, questions,
status request, ambiguity, their promises; for anger, the six-step response plan)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from warmline.cli.check import _read as read_source
from warmline.cli.state import services
from warmline.coach.reading import Reading
from warmline.core.clock import format_local
from warmline.core.error import WarmlineError
from warmline.core.text import Lang, Text

FORMATS = ("text", "json")

_LABELS: dict[str, Text] = {
    "anger": Text("生气", "anger"),
    "anxiety": Text("焦虑/着急", "anxiety"),
    "satisfaction": Text("满意", "satisfaction"),
    "neutral": Text("平静", "neutral"),
}
_HEAD = {
    "emotion": Text("情绪", "Emotion"),
    "cues": Text("线索", "Cues"),
    "questions": Text("客户的问题（T4）", "Questions asked (T4)"),
    "status": Text("在问进度（S2）：该主动汇报了", "Asks for status (S2): an update was due"),
    "ambiguities": Text("需要确认的地方（C3）", "Confirm before acting (C3)"),
    "promises": Text("客户的承诺（T2）", "The client's promises (T2)"),
    "plan": Text("回应计划", "Response plan"),
    "reply": Text("回复草稿", "Drafted reply"),
    "none": Text("无", "none"),
    "no_due": Text("未给时间", "no time given"),
}


def render(reading: Reading, ui: Lang, zone_name: str) -> str:
    """The reading for a person, headings in the UI language."""

    def h(key: str) -> str:
        return _HEAD[key].in_(ui)

    out = [f"{h('emotion')}: {_LABELS[reading.emotion].in_(ui)} ({reading.score:.2f})"]
    if reading.cues:
        out.append(f"{h('cues')}: " + " · ".join(reading.cues))
    if reading.status_request:
        out.append(h("status"))
    if reading.questions:
        out.append(f"{h('questions')}:")
        out += [f"  - {q}" for q in reading.questions]
    if reading.ambiguities:
        out.append(f"{h('ambiguities')}:")
        for a in reading.ambiguities:
            words = a.text if len(a.text) <= 40 else a.text[:39] + "…"
            out.append(f"  - “{words}” → {a.question}")
    if reading.client_promises:
        out.append(f"{h('promises')}:")
        for p in reading.client_promises:
            due = format_local(p.due, zone_name, ui) if p.due else h("no_due")
            out.append(f"  - {p.text} [{due}]")
    if reading.plan is not None:
        out.append(f"{h('plan')}:")
        out += [f"  {i}. [{s.principle}] {s.text}" for i, s in enumerate(reading.plan.steps, 1)]
        out.append(f"{h('reply')}:")
        out += [f"  {line}" for line in reading.plan.reply.splitlines()]
    return "\n".join(out)


def read(
    ctx: typer.Context,
    source: Annotated[
        str | None,
        typer.Argument(metavar="[FILE|-]", help="The client's message; - or nothing reads stdin."),
    ] = None,
    sender: Annotated[
        str | None, typer.Option("--from", help="Client ID or the start of the name.")
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="When it arrived (ISO 8601; naive = your zone); default now."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    lang: Annotated[
        str | None, typer.Option("--lang", help="The message's language (zh/en); default: detect.")
    ] = None,
) -> None:
    """Read a client's message: emotion, questions, status request, what needs confirming,
    the promises they make; an angry message gets the six-step response plan and a reply.

    Example: warmline read message.txt --from 王 --format json
    """
    if fmt not in FORMATS:
        raise WarmlineError(f"--format: {fmt!r} is unknown; use text or json")
    _, text = read_source(source)
    svc = services(ctx)
    reading = svc.read_message(text, sender, at=at, lang=lang)
    if fmt == "json":
        typer.echo(json.dumps(reading.to_dict(), ensure_ascii=False, indent=2))
        return
    profile = svc.profile()
    typer.echo(render(reading, profile.ui_language, profile.timezone))


def register(app: typer.Typer) -> None:
    app.command("read")(read)
