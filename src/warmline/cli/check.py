"""`warmline check`: coach a draft before you send it (C1-C4, T4, S1, R2, R3)."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import Annotated

import typer

from warmline.cli.state import services
from warmline.coach import Finding, compile_rules
from warmline.core.error import WarmlineError

FORMATS = ("text", "json")


def _read(source: str | None) -> tuple[str, str]:
    """(name, text) of the draft: a file, or standard input for - or nothing."""
    if source is None or source == "-":
        return "<stdin>", sys.stdin.read()
    path = Path(source)
    try:
        return source, path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise WarmlineError(f"{source}: no such file; give a draft file, or - for stdin") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise WarmlineError(f"{source}: cannot read it as UTF-8 text ({exc})") from exc


def _width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def render(name: str, text: str, findings: list[Finding]) -> str:
    """Compiler-style report: name:line:col: level rule [principle] message, the line
    with the span underlined, and the suggestion."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out: list[str] = []
    for f in findings:
        row = max(i for i, s in enumerate(starts) if s <= f.start)
        col = f.start - starts[row]
        out.append(f"{name}:{row + 1}:{col + 1}: {f.level} {f.rule} [{f.principle}] {f.message}")
        source = lines[row]
        if f.end > f.start:
            span = source[col : col + (f.end - f.start)]
            out.append(f"  {source}")
            out.append("  " + " " * _width(source[:col]) + "^" + "~" * max(0, _width(span) - 1))
        out.append(f"  suggestion: {f.suggestion}")
    counts = {
        level: sum(f.level == level for f in findings)
        for level in ("error", "warning", "suggestion")
    }
    summary = ", ".join(f"{n} {level}{'s' if n != 1 else ''}" for level, n in counts.items() if n)
    out.append(f"{name}: {summary}" if findings else f"{name}: no findings")
    return "\n".join(out)


def _rules() -> str:
    rows = [
        f"{r.id:28} {r.principle:3} {r.level:10} {r.kind:12} {'/'.join(r.langs)}"
        for r in compile_rules().rules
    ]
    return "\n".join(rows)


def check(
    ctx: typer.Context,
    source: Annotated[
        str | None, typer.Argument(metavar="[FILE|-]", help="The draft; - or nothing reads stdin.")
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Client ID or the start of the name.")
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="Send time (ISO 8601; naive = your zone); default now."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    lang: Annotated[
        str | None, typer.Option("--lang", help="The draft's language (zh/en); default: detect.")
    ] = None,
    rules: Annotated[
        bool, typer.Option("--rules", help="List the coach's rules and exit.")
    ] = False,
) -> None:
    """Coach a draft before you send it: vague times, evasion, blame, self-focus, length,
    tone, unanswered questions. Exits 1 when a warning or error is found.

    Example: warmline check draft.txt --to 王 --format json
    """
    if rules:
        typer.echo(_rules())
        return
    if fmt not in FORMATS:
        raise WarmlineError(f"--format: {fmt!r} is unknown; use text or json")
    name, text = _read(source)
    findings = services(ctx).check_draft(text, to, at=at, lang=lang)
    if fmt == "json":
        payload = {"findings": [f.to_dict() for f in findings]}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        typer.echo(render(name, text, findings))
    if any(f.level in ("warning", "error") for f in findings):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
