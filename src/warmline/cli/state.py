"""What the global options decide: which book the command works on."""

from __future__ import annotations

from dataclasses import dataclass

import typer

from warmline.services import Services


@dataclass
class State:
    demo: bool = False
    _services: Services | None = None

    def services(self) -> Services:
        if self._services is None:
            if self.demo:
                from warmline.services.demo import ensure_demo

                ensure_demo()
            self._services = Services.open(demo=self.demo)  # type: ignore[assignment]
        assert self._services is not None
        return self._services


def services(ctx: typer.Context) -> Services:
    """The services for this invocation (the demo book with --demo)."""
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj.services()
