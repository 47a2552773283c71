"""The `warmline` command: global options, error handling and the one place commands
are registered."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from warmline import __version__
from warmline.cli.state import State
from warmline.core.error import WarmlineError


class WarmlineGroup(TyperGroup):
    """Turns a WarmlineError anywhere below into one line on stderr and exit code 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except WarmlineError as exc:
            sys.stderr.write(f"error: {exc.message}\n")
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=WarmlineGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="warmline: what each remote client needs from you today, a coach for the messages "
    "you write and read, and the ledger of your promises, deliveries and meetings.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"warmline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    demo: Annotated[
        bool,
        typer.Option("--demo", help="Work on the demo book (built on first use) instead of yours."),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Global options."""
    ctx.obj = State(demo=demo)


def register() -> None:
    """Every command group, in one visible place."""
    from warmline.cli import (
        agenda,
        book,
        calendar,
        check,
        client,
        deliver,
        demo,
        importer,
        log,
        me,
        meet,
        note,
        project,
        promise,
        read,
        serve,
        testimonial,
        today,
    )

    today.register(app)
    app.add_typer(agenda.app, name="agenda")
    app.add_typer(calendar.app, name="calendar")
    app.add_typer(client.app, name="client")
    app.add_typer(me.app, name="me")
    app.add_typer(note.app, name="note")
    app.add_typer(project.app, name="project")
    app.add_typer(log.app, name="log")
    app.add_typer(promise.app, name="promise")
    app.add_typer(meet.app, name="meet")
    app.add_typer(testimonial.app, name="testimonial")
    deliver.register(app)
    check.register(app)
    read.register(app)
    book.register(app)
    demo.register(app)
    importer.register(app)
    serve.register(app)


register()


def run() -> None:
    app()
