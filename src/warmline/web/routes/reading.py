"""Read: paste a client's message and see its emotion, questions, ambiguity and
promises; for anger, the response plan with a drafted reply."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from warmline.web import seam
from warmline.web.dependency import LangDep, ServicesDep, ui
from warmline.web.i18n import translator
from warmline.web.page import is_htmx, render
from warmline.web.schema import ReadIn, ReadingOut

router = APIRouter(prefix="/read", tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/read", tags=["read"])


@router.get("", response_class=HTMLResponse)
def read_page(request: Request, svc: ServicesDep, client: int | None = None) -> Response:
    context = {
        "active": "read",
        "ready": seam.reader_ready(svc),
        "clients": svc.clients(),
        "client_id": client,
        "text": "",
        "reading": None,
    }
    return render(request, "read/page.html", context)


@router.post("", response_class=HTMLResponse)
def read(
    request: Request,
    svc: ServicesDep,
    lang: LangDep,
    text: Annotated[str, Form()] = "",
    client_id: Annotated[str, Form()] = "",
) -> Response:
    cid = int(client_id) if client_id.isdigit() else None
    reading = seam.read(svc, text, cid, lang)
    context = {
        "active": "read",
        "ready": True,
        "clients": svc.clients(),
        "client_id": cid,
        "text": text,
        "reading": reading,
    }
    template = "read/_result.html" if is_htmx(request) else "read/page.html"
    return render(request, template, context)


@router.post("/log", response_class=HTMLResponse)
def log_received(
    request: Request,
    svc: ServicesDep,
    text: Annotated[str, Form()],
    client_id: Annotated[int, Form()],
) -> Response:
    """Store the pasted message as received from the client."""
    svc.log_message(client_id, "in", text)
    if not is_htmx(request):
        return RedirectResponse(f"/clients/{client_id}#timeline", status.HTTP_303_SEE_OTHER)
    t = translator(ui(request)[0])
    return render(request, "_flash.html", {"message": t("client.logged"), "kind": "ok"})


@api.post("", response_model=ReadingOut)
def api_read(svc: ServicesDep, lang: LangDep, body: ReadIn) -> ReadingOut:
    """Read a client's message (in the light of their history when `client_id` is given)."""
    return seam.read(svc, body.text, body.client_id, lang)
