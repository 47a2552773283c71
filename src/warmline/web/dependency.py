"""Typed dependencies shared by every router."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request

from warmline.core.text import Lang
from warmline.services import Services
from warmline.web.staging import Staging


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def ui(request: Request) -> tuple[Lang, datetime]:
    """The user's UI language and the services' now, loaded once per request."""
    state = request.state
    if not hasattr(state, "lang"):
        services = get_services(request)
        state.lang = services.profile().ui_language
        state.now = services.now()
    return state.lang, state.now


def staging(request: Request) -> Staging:
    """Where uploads wait between preview and confirmation."""
    store: Staging = request.app.state.staging
    return store


def get_lang(request: Request) -> Lang:
    return ui(request)[0]


ServicesDep = Annotated[Services, Depends(get_services)]
LangDep = Annotated[Lang, Depends(get_lang)]
