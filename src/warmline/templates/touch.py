"""Keep in touch with a client who has gone quiet (rapport, R3)."""

from __future__ import annotations

from warmline.templates.address import greeting
from warmline.templates.context import MessageContext


def render(ctx: MessageContext) -> str:
    """`variant` "lead" for a prospective client; `project` is their latest project, if any."""
    lines = [greeting(ctx.client_name, ctx.lang)]
    if ctx.variant == "lead":
        lines.append(
            ctx.pick(
                "上次聊过之后一直想跟进一下：您那边的需求现在进展到哪一步了？",
                "Following up on our last conversation — where are things with what you were looking for?",
            )
        )
        if ctx.proposed is not None:
            lines.append(
                ctx.pick(
                    f"如果方便，{ctx.when(ctx.proposed)}我们可以通个 15 分钟的电话，我把可以怎么帮到您讲清楚。",
                    f"If it's useful, a 15-minute call on {ctx.when(ctx.proposed)} would let me show how we could help.",
                )
            )
        return "\n".join(lines)
    place = ctx.city
    lines.append(
        ctx.pick(
            "好久没联系了，最近一切都好吗？" + (f"{place}这阵子天气怎么样？" if place else ""),
            "It's been a while — how are things going?"
            + (f" How's {place} treating you these days?" if place else ""),
        )
    )
    if ctx.project:
        lines.append(
            ctx.pick(
                f"{ctx.project}之后，有没有新的计划是我可以帮上忙的？",
                f"Since we wrapped up {ctx.project}, is there anything new I could help with?",
            )
        )
    else:
        lines.append(
            ctx.pick(
                "有什么我可以帮上忙的，随时告诉我。",
                "If there's anything I can help with, just say.",
            )
        )
    return "\n".join(lines)
