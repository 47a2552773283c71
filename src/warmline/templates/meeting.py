"""Confirm an upcoming call (T3), with the time in the client's zone."""

from __future__ import annotations

from warmline.templates.address import greeting
from warmline.templates.context import MessageContext


def render(ctx: MessageContext) -> str:
    length = ctx.duration_minutes or 30
    topic = ctx.what
    return "\n".join(
        [
            greeting(ctx.client_name, ctx.lang),
            ctx.pick(
                f"提醒一下，我们约在{ctx.when(ctx.at)}通话（约 {length} 分钟"
                + (f"，聊{topic}" if topic else "")
                + "）。到时见！",
                f"Just confirming our call on {ctx.when(ctx.at)} ({length} min"
                + (f", {topic}" if topic else "")
                + "). Talk then!",
            ),
        ]
    )
