"""`warmline export` and `warmline import-book`: the whole book as versioned JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from warmline.cli.output import console
from warmline.cli.state import services
from warmline.core.error import WarmlineError


def export(
    ctx: typer.Context,
    file: Annotated[
        Path | None, typer.Argument(help="Output file; omit for standard output.")
    ] = None,
) -> None:
    """Write the whole book as versioned JSON.

    Example: warmline export book.json
    """
    svc = services(ctx)
    text = svc.dumps(svc.export_book())
    if file is None:
        sys.stdout.write(text)
        return
    try:
        file.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise WarmlineError(f"{file}: cannot write ({exc.strerror}); choose another path") from exc
    console.print(f"Exported the book to {file}.")


def import_book(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A file written by `warmline export`.")],
) -> None:
    """Load an exported book into an empty book (all or nothing).

    Example: WARMLINE_HOME=~/new-book warmline import-book book.json
    """
    counts = services(ctx).import_book(file)
    console.print("Imported: " + ", ".join(f"{n} {k}" for k, n in counts.items()))


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import-book")(import_book)
