"""Typed dependencies shared by every router."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from warmline.core.client import Client, Profile
from warmline.core.error import NotFound
from warmline.core.text import Lang
from warmline.services import Services
from warmline.web.staging import Staging

# The dependencies below are `async` when they do no I/O: FastAPI runs a plain `def`
# dependency in a worker thread, and each such hop costs more than the work itself.


async def get_services(request: Request) -> Services:
    return services_of(request)


def services_of(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def my_profile(request: Request) -> Profile:
    """The user's profile, loaded once per request (and kept between requests while the
    memo can tell that the book did not change)."""
    state = request.state
    if not hasattr(state, "profile"):
        svc = services_of(request)
        state.profile = request.app.state.memo.get(("profile",), svc.profile, exact=True)
    profile: Profile = state.profile
    return profile


def ui(request: Request) -> tuple[Lang, datetime]:
    """The user's UI language and the services' now, fixed once per request."""
    state = request.state
    if not hasattr(state, "now"):
        state.now = services_of(request).now()
    return my_profile(request).ui_language, state.now


def staging(request: Request) -> Staging:
    """Where uploads wait between preview and confirmation."""
    store: Staging = request.app.state.staging
    return store


def known_client(svc: Services, cid: int) -> Client:
    """The client with exactly this ID (the services also match names; a URL must not)."""
    try:
        found = svc.client(cid)
    except NotFound:
        found = None
    if found is None or found.id != cid:
        raise NotFound(f"client: no client with ID {cid}; open the client list to find them")
    return found


async def get_lang(request: Request) -> Lang:
    """The UI language: from the kept profile when there is one, else the profile is
    read in a worker thread (not on the event loop)."""
    state = request.state
    if not hasattr(state, "profile"):
        kept = request.app.state.memo.peek(("profile",))
        if kept is None:
            await run_in_threadpool(my_profile, request)
        else:
            state.profile = kept
    return ui(request)[0]


ServicesDep = Annotated[Services, Depends(get_services)]
LangDep = Annotated[Lang, Depends(get_lang)]
ProfileDep = Annotated[Profile, Depends(my_profile)]


def existing_client_id(request: Request, svc: ServicesDep, cid: int) -> int:
    """The `{cid}` of a client URL, checked to be a client's exact ID (else 404)."""
    memo = request.app.state.memo
    memo.get(("client", cid), lambda: known_client(svc, cid), exact=True)
    return cid


ClientIdDep = Annotated[int, Depends(existing_client_id)]
