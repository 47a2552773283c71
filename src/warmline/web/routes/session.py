"""The API session: the CSRF token a script sends back on every write."""

from __future__ import annotations

from fastapi import APIRouter, Request

from warmline.web.dependency import LangDep
from warmline.web.schema import SessionOut

router = APIRouter(prefix="/api", tags=["session"])


@router.get("/session", response_model=SessionOut)
def session(request: Request, lang: LangDep) -> SessionOut:
    """The CSRF token (its cookie is set on this response when missing): send it back in
    the X-CSRF-Token header with every POST, PUT, PATCH or DELETE."""
    return SessionOut(csrf_token=request.state.csrf_token, ui_language=lang)
