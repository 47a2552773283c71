"""The coach in the compose box: findings highlighted in the draft, with suggestions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from warmline.web import seam
from warmline.web.dependency import LangDep, ServicesDep
from warmline.web.page import render
from warmline.web.schema import CheckIn, CheckOut, FindingOut, RuleOut, RulesIn

router = APIRouter(prefix="/coach", tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/coach", tags=["coach"])


def segments(text: str, findings: list[FindingOut]) -> list[tuple[str, int | None]]:
    """The draft cut into (piece, index of the finding it belongs to or None), so the
    template can mark each finding's span. Overlapping spans: the first one wins."""
    spans = sorted(
        ((f.start, f.end, i) for i, f in enumerate(findings) if 0 <= f.start < f.end <= len(text)),
        key=lambda s: (s[0], -(s[1] - s[0])),
    )
    out: list[tuple[str, int | None]] = []
    pos = 0
    for start, end, index in spans:
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], index))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


@router.post("/check", response_class=HTMLResponse)
async def check(
    request: Request,
    svc: ServicesDep,
    lang: LangDep,
    text: Annotated[str, Form()] = "",
    client_id: Annotated[int | None, Form()] = None,
) -> Response:
    """The coach panel for a draft; called as the user types, so it stays light."""
    memo = request.app.state.memo

    def panel() -> Response:
        result = seam.check(svc, text, client_id, lang, memo) if text.strip() else None
        context = {
            "result": result,
            "segments": segments(text, result.findings) if result else [],
        }
        return render(request, "coach/_panel.html", context)

    if not text.strip() or seam.check_is_light(memo, text, client_id):
        return panel()
    return await run_in_threadpool(panel)


@api.post("/check", response_model=CheckOut)
async def api_check(request: Request, svc: ServicesDep, lang: LangDep, body: CheckIn) -> CheckOut:
    """Coach a draft (to a client when `client_id` is given): each finding has its
    principle, its span in the text, a message in the UI language and a suggestion."""
    memo = request.app.state.memo
    if seam.check_is_light(memo, body.text, body.client_id):
        return seam.check(svc, body.text, body.client_id, lang, memo)
    return await run_in_threadpool(seam.check, svc, body.text, body.client_id, lang, memo)


@api.get("/rules", response_model=list[RuleOut])
def api_rules(svc: ServicesDep, lang: LangDep) -> list[RuleOut]:
    """Every coach rule, with whether it is on."""
    return seam.coach_rules(svc, lang)


@api.patch("/rules", response_model=list[RuleOut])
def api_switch_rules(svc: ServicesDep, lang: LangDep, body: RulesIn) -> list[RuleOut]:
    """Turn coach rules on or off (stored in the book; coach.yaml stays as it is)."""
    seam.switch_rules(svc, body.rules)
    return seam.coach_rules(svc, lang)
