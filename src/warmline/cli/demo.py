"""`warmline demo`: build (or rebuild) the demo book."""

from __future__ import annotations

import typer

from warmline.cli.output import console
from warmline.config import Settings
from warmline.services.demo import build_demo


def demo() -> None:
    """Build (or rebuild) a realistic demo book, relative to today, in its own file.

    Your own book is never touched. Use it with the --demo option on any command.

    Example: warmline demo && warmline --demo client list
    """
    settings = Settings()
    url = build_demo(settings)
    console.print(f"Demo book ready: {settings.demo_path}")
    console.print("Use it with --demo on any command, e.g.  warmline --demo today")
    console.print(f"or point every command at it:  export WARMLINE_DATABASE_URL={url}")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
