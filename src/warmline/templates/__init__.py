"""Suggested messages (zh and en), one module per agenda item kind, filled from context.

Pure Python string building: no template engine. `render(kind, ctx)` picks the
module from the `TEMPLATES` registry.
"""

from __future__ import annotations

from collections.abc import Callable

from warmline.templates import feedback, meeting, promise, reply, revisit, touch, update
from warmline.templates.context import MessageContext
from warmline.templates.opener import OpenerFacts, openers

TEMPLATES: dict[str, Callable[[MessageContext], str]] = {
    "reply": reply.render,
    "update": update.render,
    "feedback": feedback.render,
    "revisit": revisit.render,
    "promise": promise.render,
    "meeting": meeting.render,
    "touch": touch.render,
}


def render(kind: str, ctx: MessageContext) -> str:
    """The suggested message for an item kind, in `ctx.lang`."""
    return TEMPLATES[kind](ctx)


__all__ = ["TEMPLATES", "MessageContext", "OpenerFacts", "openers", "render"]
