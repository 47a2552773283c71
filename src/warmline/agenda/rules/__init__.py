"""The agenda rules, registered in one place. A new rule is one module plus a line here."""

from __future__ import annotations

from warmline.agenda.rule import Rule
from warmline.agenda.rules import feedback, meeting, promise, reply, revisit, touch, update

RULES: tuple[Rule, ...] = (
    Rule("reply", reply.PRINCIPLE, ("reply",), reply.check),
    Rule("update", update.PRINCIPLE, ("update",), update.check),
    Rule("feedback", feedback.PRINCIPLE, ("feedback",), feedback.check),
    Rule("revisit", revisit.PRINCIPLE, ("revisit",), revisit.check),
    Rule("promise", promise.PRINCIPLE, ("promise", "nudge"), promise.check),
    Rule("meeting", meeting.PRINCIPLE, ("meeting",), meeting.check),
    Rule("touch", touch.PRINCIPLE, ("touch",), touch.check),
)
