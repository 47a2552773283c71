"""Clients: the searchable list, a client's page, add/edit, notes and logged messages."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from warmline.core.client import CHANNEL_KINDS, CLIENT_STATUSES, Channels, Client
from warmline.core.error import WarmlineError
from warmline.services import ClientView, Services
from warmline.services.book import channels_from
from warmline.services.roster import pick, tags_of
from warmline.web.dependency import ClientIdDep, ServicesDep, my_profile, ui
from warmline.web.form import channel_fields, channel_text, split_list
from warmline.web.memo import Memo
from warmline.web.page import KeptHtml, is_htmx, keep_html, page_or_fragment, render, render_around
from warmline.web.schema import (
    ClientDetailOut,
    ClientEditIn,
    ClientIn,
    ClientOut,
    MessageIn,
    MessageOut,
    NoteIn,
    NoteOut,
    RosterOut,
)

router = APIRouter(prefix="/clients", tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/clients", tags=["clients"])

TIMELINE = 100  # messages shown at first; "show earlier" loads more
PAGE = 200  # clients listed at first; "show more" lists more

ClientPage = tuple[ClientView, KeptHtml]


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=status.HTTP_303_SEE_OTHER)


# -- the list -------------------------------------------------------------------------


@router.get("", response_class=HTMLResponse)
def clients(
    request: Request,
    svc: ServicesDep,
    q: str = "",
    status_: Annotated[str, Query(alias="status")] = "",
    tag: str = "",
    sort: str = "name",
    limit: Annotated[int, Query(ge=1)] = PAGE,
) -> Response:
    memo: Memo = request.app.state.memo
    everyone = memo.get(("roster",), svc.roster_entries)
    entries = pick(everyone, query=q, status=status_ or None, tag=tag or None, sort=sort)
    context = {
        "active": "clients",
        "entries": entries[:limit],
        "total": len(entries),
        "limit": limit,
        "q": q,
        "status": status_,
        "tag": tag,
        "sort": sort,
        "statuses": CLIENT_STATUSES,
        "tags": tags_of(everyone),
    }
    return page_or_fragment(request, "clients/list.html", "clients/_rows.html", context)


def _form_values(c: Client | None) -> dict[str, Any]:
    if c is None:
        return {
            "name": "",
            "company": "",
            "city": "",
            "country": "",
            "timezone": "",
            "language": "",
            "status": "active",
            "tags": "",
            "channels": {k: "" for k in CHANNEL_KINDS},
        }
    return {
        "name": c.name,
        "company": c.company,
        "city": c.city,
        "country": c.country,
        "timezone": c.timezone,
        "language": c.language,
        "status": c.status,
        "tags": ", ".join(c.tags),
        "channels": channel_text(c.channels),
    }


def _client_form(
    request: Request,
    svc: Services,
    values: dict[str, Any],
    *,
    client: Client | None = None,
    error: str = "",
    status_code: int = 200,
) -> Response:
    profile = my_profile(request)
    context = {
        "active": "clients",
        "client": client,
        "values": values,
        "error": error,
        "statuses": CLIENT_STATUSES,
        "kinds": CHANNEL_KINDS,
        "default_zone": profile.timezone,
        "default_language": profile.ui_language,
    }
    return render(request, "clients/form.html", context, status_code=status_code)


async def _posted(request: Request) -> dict[str, Any]:
    form = await request.form()
    text = {k: v for k, v in form.items() if isinstance(v, str)}
    return {
        "name": text.get("name", ""),
        "company": text.get("company", ""),
        "city": text.get("city", ""),
        "country": text.get("country", ""),
        "timezone": text.get("timezone", "").strip(),
        "language": text.get("language", "en"),
        "status": text.get("status", "active"),
        "tags": text.get("tags", ""),
        "channels": {k: text.get(f"channel_{k}", "") for k in CHANNEL_KINDS},
        "_channels": channel_fields(text),
    }


@router.get("/new", response_class=HTMLResponse)
def new_client(request: Request, svc: ServicesDep) -> Response:
    values = _form_values(None)
    profile = my_profile(request)
    values["timezone"] = profile.timezone
    values["language"] = profile.ui_language
    return _client_form(request, svc, values)


@router.post("", response_class=HTMLResponse)
async def add_client(request: Request, svc: ServicesDep) -> Response:
    values = await _posted(request)
    try:
        c = svc.add_client(
            values["name"],
            timezone=values["timezone"] or "UTC",
            language=values["language"],
            company=values["company"],
            city=values["city"],
            country=values["country"],
            status=values["status"],
            tags=split_list(values["tags"]),
            channels=channels_from(values["_channels"]),
        )
    except WarmlineError as exc:
        return _client_form(request, svc, values, error=exc.message, status_code=400)
    return _see_other(f"/clients/{c.id}")


@router.get("/{cid}/edit", response_class=HTMLResponse)
def edit_client_form(request: Request, svc: ServicesDep, cid: ClientIdDep) -> Response:
    c = svc.client(cid)
    return _client_form(request, svc, _form_values(c), client=c)


@router.post("/{cid}/edit", response_class=HTMLResponse)
async def edit_client(request: Request, svc: ServicesDep, cid: ClientIdDep) -> Response:
    c = svc.client(cid)
    values = await _posted(request)
    try:
        svc.edit_client(
            cid,
            name=values["name"],
            timezone=values["timezone"],
            language=values["language"],
            company=values["company"],
            city=values["city"],
            country=values["country"],
            status=values["status"],
            tags=split_list(values["tags"]),
            channels=values["_channels"],
        )
    except WarmlineError as exc:
        return _client_form(request, svc, values, client=c, error=exc.message, status_code=400)
    return _see_other(f"/clients/{cid}")


# -- one client -----------------------------------------------------------------------


def _client_page(request: Request, svc: Services, cid: int, limit: int) -> ClientPage:
    """What the client page shows and its rendered timeline (newest `limit` messages),
    kept together while the book is unchanged (only where the memo can tell exactly: a
    SQLite book). The timeline depends on the book and the UI language only: message
    times are absolute."""
    lang = ui(request)[0]

    def build() -> ClientPage:
        view = svc.show_client(cid, timeline=limit)
        context = {
            "client": view.client,
            "messages": view.timeline,
            "total": view.message_count,
            "limit": limit,
        }
        # Kept without the messages themselves: the rendered bytes are what is served,
        # and fewer long-lived objects make the garbage collector's passes shorter.
        kept = keep_html(request, "client/_timeline.html", context)
        return dataclasses.replace(view, timeline=()), kept

    memo: Memo = request.app.state.memo
    return memo.get(("client-page", cid, lang, limit), build, exact=True)


@router.get("/{cid}", response_class=HTMLResponse)
def client_page(request: Request, svc: ServicesDep, cid: ClientIdDep, draft: str = "") -> Response:
    """A client's page; `draft` fills the compose box (e.g. a reply drafted on Read)."""
    view, timeline = _client_page(request, svc, cid, TIMELINE)
    now = ui(request)[1]
    # A kept view may be a little older than now: a meeting that has begun is no longer
    # upcoming.
    meetings = [mt for mt in view.upcoming_meetings if mt.start >= now]
    context = {
        "view": dataclasses.replace(view, upcoming_meetings=meetings),
        "client": view.client,
        "draft": draft,
        "active": "clients",
        "profile": my_profile(request),
    }
    html = timeline.for_token(request.state.csrf_token)
    return render_around(request, "client/page.html", context, html)


@router.get("/{cid}/timeline", response_class=HTMLResponse)
def timeline(
    request: Request, svc: ServicesDep, cid: ClientIdDep, limit: int = TIMELINE
) -> Response:
    limit = max(1, min(limit, 10_000))
    kept = _client_page(request, svc, cid, limit)[1]
    return HTMLResponse(kept.for_token(request.state.csrf_token))


@router.post("/{cid}/notes", response_class=HTMLResponse)
def add_note(
    request: Request,
    svc: ServicesDep,
    cid: ClientIdDep,
    text: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "personal",
) -> Response:
    svc.add_note(cid, text, kind=kind)
    if not is_htmx(request):
        return _see_other(f"/clients/{cid}#notes")
    c = svc.client(cid)
    return render(request, "client/_notes.html", {"client": c, "notes": svc.notes(cid)})


@router.post("/{cid}/messages", response_class=HTMLResponse)
def log_message(
    request: Request,
    svc: ServicesDep,
    cid: ClientIdDep,
    text: Annotated[str, Form()] = "",
    direction: Annotated[str, Form()] = "out",
) -> Response:
    svc.log_message(cid, direction, text)
    if not is_htmx(request):
        return _see_other(f"/clients/{cid}#timeline")
    kept = _client_page(request, svc, cid, TIMELINE)[1]
    html = kept.for_token(request.state.csrf_token)
    return HTMLResponse(html, headers={"HX-Trigger": "warmline:logged"})


# -- JSON API ---------------------------------------------------------------------------


@api.get("", response_model=list[RosterOut])
def api_clients(
    svc: ServicesDep,
    q: str = "",
    status_: Annotated[str | None, Query(alias="status")] = None,
    tag: str | None = None,
    sort: Annotated[str, Query(pattern="^(name|contact|waiting)$")] = "name",
) -> list[RosterOut]:
    """Clients matching a search, a status and a tag, sorted by name, by the longest
    silence (`contact`) or by the longest wait for your reply (`waiting`)."""
    return [RosterOut.of_entry(e) for e in svc.roster(query=q, status=status_, tag=tag, sort=sort)]


@api.post("", response_model=ClientOut, status_code=201)
def api_add_client(svc: ServicesDep, body: ClientIn) -> ClientOut:
    c = svc.add_client(
        body.name,
        timezone=body.timezone,
        language=body.language,
        company=body.company,
        city=body.city,
        country=body.country,
        status=body.status,
        tags=body.tags,
        channels=channels_from(body.channels) if body.channels else Channels(),
    )
    return ClientOut.of(c)


@api.get("/{cid}", response_model=ClientDetailOut)
def api_client(svc: ServicesDep, cid: ClientIdDep) -> ClientDetailOut:
    return ClientDetailOut.of(svc.show_client(cid))


@api.patch("/{cid}", response_model=ClientOut)
def api_edit_client(svc: ServicesDep, cid: ClientIdDep, body: ClientEditIn) -> ClientOut:
    c = svc.edit_client(
        cid,
        name=body.name,
        timezone=body.timezone,
        language=body.language,
        company=body.company,
        city=body.city,
        country=body.country,
        status=body.status,
        tags=body.tags,
        channels=body.channels,
    )
    return ClientOut.of(c)


@api.get("/{cid}/messages", response_model=list[MessageOut])
def api_messages(
    svc: ServicesDep, cid: ClientIdDep, limit: Annotated[int | None, Query(ge=1)] = None
) -> list[MessageOut]:
    """The client's messages, oldest first (with `limit`: the newest `limit`, oldest first)."""
    found = svc.messages(cid, limit=limit)
    if limit:
        found.reverse()
    return [MessageOut.model_validate(m) for m in found]


@api.post("/{cid}/messages", response_model=MessageOut, status_code=201)
def api_log_message(svc: ServicesDep, cid: ClientIdDep, body: MessageIn) -> MessageOut:
    m = svc.log_message(cid, body.direction, body.text, at=body.at, channel=body.channel)
    return MessageOut.model_validate(m)


@api.get("/{cid}/notes", response_model=list[NoteOut])
def api_notes(svc: ServicesDep, cid: ClientIdDep) -> list[NoteOut]:
    return [NoteOut.model_validate(n) for n in svc.notes(cid)]


@api.post("/{cid}/notes", response_model=NoteOut, status_code=201)
def api_add_note(svc: ServicesDep, cid: ClientIdDep, body: NoteIn) -> NoteOut:
    return NoteOut.model_validate(svc.add_note(cid, body.text, kind=body.kind))
