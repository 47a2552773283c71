"""Today: the agenda with reasons, principles, the client's local time and a drafted
message; mark sent (logs it as outgoing), done, snooze."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from warmline.core.error import NotFound, WarmlineError
from warmline.core.text import Lang
from warmline.services import Services
from warmline.web import seam
from warmline.web.dependency import LangDep, ServicesDep, my_profile, ui
from warmline.web.i18n import translator
from warmline.web.memo import Memo
from warmline.web.page import KeptHtml, is_htmx, keep_html, render, render_around
from warmline.web.schema import AgendaItemOut, MessageOut, SentIn, SnoozeIn

router = APIRouter(prefix="/today", tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/today", tags=["today"])

BANDS = ("urgent", "today", "later")
# The most urgent items come with their draft and buttons; the rest load theirs when
# opened, so a long agenda stays a light page.
EAGER = 30


def _items(
    request: Request, svc: Services, lang: Lang, owner: str, fresh: bool
) -> list[AgendaItemOut]:
    memo: Memo = request.app.state.memo
    return memo.get(("today", owner, lang), lambda: seam.today(svc, lang, owner), fresh=fresh)


def _groups(items: list[AgendaItemOut]) -> list[tuple[str, list[AgendaItemOut]]]:
    return [(band, [i for i in items if i.band == band]) for band in BANDS]


@router.get("", response_class=HTMLResponse)
def today(
    request: Request, svc: ServicesDep, lang: LangDep, owner: str = "", fresh: bool = False
) -> Response:
    html = _kept_list(request, svc, lang, owner, fresh).for_token(request.state.csrf_token)
    if is_htmx(request):
        return HTMLResponse(html)
    context = {"active": "today", "profile": my_profile(request)}
    return render_around(request, "today/page.html", context, html)


def _kept_list(request: Request, svc: Services, lang: Lang, owner: str, fresh: bool) -> KeptHtml:
    """The rendered list, kept with the items (a long agenda takes a while to render)."""

    def build() -> KeptHtml:
        items = _items(request, svc, lang, owner, fresh)
        context = {
            "items": items,
            "groups": _groups(items),
            "owner": owner,
            "eager_ids": {i.id for i in items[:EAGER]},
        }
        return keep_html(request, "today/_list.html", context)

    memo: Memo = request.app.state.memo
    return memo.get(("today-html", owner, lang), build, fresh=fresh)


@router.get("/item", response_class=HTMLResponse)
def item_body(
    request: Request, svc: ServicesDep, lang: LangDep, id: str, dom: str, owner: str = ""
) -> Response:
    """An item's draft and actions, loaded when the item is opened."""
    if not re.fullmatch(r"item-[a-z]+-\d+", dom):
        raise WarmlineError("dom: not an item of the Today page; reload Today")
    for item in _items(request, svc, lang, owner, False):
        if item.id == id:
            return render(request, "today/_body.html", {"item": item, "dom": dom})
    raise NotFound(f"agenda item: {id!r} is no longer on the agenda; reload Today")


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
def api_today(
    request: Request, svc: ServicesDep, lang: LangDep, owner: str = "", fresh: bool = False
) -> list[AgendaItemOut]:
    """Today's agenda, most urgent first; texts in the UI language. In a team book,
    `owner` limits it to one member's clients. A result is reused for up to a minute
    while nothing changes through the app; `fresh=true` recomputes it."""
    return _items(request, svc, lang, owner, fresh)


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
