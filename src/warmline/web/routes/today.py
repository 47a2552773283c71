"""Today: the agenda with reasons, principles, the client's local time and a drafted
message; mark sent (logs it as outgoing), done, snooze."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from warmline.services import Services
from warmline.web import seam
from warmline.web.dependency import LangDep, ServicesDep, my_profile, ui
from warmline.web.i18n import translator
from warmline.web.page import is_htmx, render
from warmline.web.schema import AgendaItemOut, MessageOut, SentIn, SnoozeIn

router = APIRouter(prefix="/today", tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/today", tags=["today"])

BANDS = ("urgent", "today", "later")


def _groups(items: list[AgendaItemOut]) -> list[tuple[str, list[AgendaItemOut]]]:
    return [(band, [i for i in items if i.band == band]) for band in BANDS]


@router.get("", response_class=HTMLResponse)
def today(request: Request, svc: ServicesDep, lang: LangDep, owner: str = "") -> Response:
    items = seam.today(svc, lang, owner)
    context = {
        "active": "today",
        "items": items,
        "groups": _groups(items),
        "profile": my_profile(request),
    }
    template = "today/_list.html" if is_htmx(request) else "today/page.html"
    return render(request, template, context)


def _tomorrow(svc: Services) -> datetime:
    p = svc.profile()
    when = svc.when(f"tomorrow {p.work_start:%H:%M}")
    assert when is not None
    return when


def _done(request: Request, message: str) -> Response:
    """The item leaves the list (an empty swap) and a line in the flash area says why."""
    if not is_htmx(request):
        return RedirectResponse("/today", status_code=status.HTTP_303_SEE_OTHER)
    return render(request, "today/_gone.html", {"message": message})


@router.post("/sent", response_class=HTMLResponse)
def mark_sent(
    request: Request,
    svc: ServicesDep,
    item: Annotated[str, Form()],
    text: Annotated[str, Form()] = "",
) -> Response:
    logged = seam.mark_sent(svc, item, text or None)
    name = svc.client(logged.client_id or 0).name
    return _done(request, translator(ui(request)[0])("today.logged", name=name))


@router.post("/done", response_class=HTMLResponse)
def mark_done(request: Request, svc: ServicesDep, item: Annotated[str, Form()]) -> Response:
    found = seam.mark_done(svc, item)
    return _done(request, translator(ui(request)[0])("today.marked_done", name=found.client_name))


@router.post("/snooze", response_class=HTMLResponse)
def snooze(
    request: Request,
    svc: ServicesDep,
    item: Annotated[str, Form()],
    hours: Annotated[float, Form(gt=0, le=24 * 30)] = 3,
    until: Annotated[str, Form()] = "",
) -> Response:
    """Snooze for `hours`, or until="tomorrow": the start of my next working day."""
    when = _tomorrow(svc) if until == "tomorrow" else svc.now() + timedelta(hours=hours)
    found = seam.snooze(svc, item, when)
    return _done(request, translator(ui(request)[0])("today.snoozed", name=found.client_name))


@api.get("", response_model=list[AgendaItemOut])
def api_today(svc: ServicesDep, lang: LangDep, owner: str = "") -> list[AgendaItemOut]:
    """Today's agenda, most urgent first; texts in the UI language. In a team book,
    `owner` limits it to one member's clients."""
    return seam.today(svc, lang, owner)


@api.post("/{item_id}/sent", response_model=MessageOut, status_code=201)
def api_mark_sent(svc: ServicesDep, item_id: str, body: SentIn) -> MessageOut:
    """Log the item's message (or `text`) as sent to the client, and mark the item done."""
    return MessageOut.model_validate(seam.mark_sent(svc, item_id, body.text))


@api.post("/{item_id}/done", response_model=AgendaItemOut)
def api_mark_done(svc: ServicesDep, item_id: str) -> AgendaItemOut:
    return seam.mark_done(svc, item_id)


@api.post("/{item_id}/snooze", response_model=AgendaItemOut)
def api_snooze(svc: ServicesDep, item_id: str, body: SnoozeIn) -> AgendaItemOut:
    until: datetime = body.until or svc.now() + timedelta(hours=body.hours or 3)
    return seam.snooze(svc, item_id, until)
