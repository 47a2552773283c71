"""One router per resource; `ROUTERS` is the one place they are registered."""

from __future__ import annotations

from fastapi import APIRouter

from warmline.web.routes import client, coach, home, reading, session, setting, today, upload

# Routes are matched in this order, one by one: the pages asked for most often (Today,
# the coach as one types, a client's page) come first. Their paths do not overlap.
ROUTERS: tuple[APIRouter, ...] = (
    coach.router,
    today.router,
    client.router,
    home.router,
    session.router,
    today.api,
    client.api,
    coach.api,
    reading.router,
    reading.api,
    upload.router,
    upload.api,
    setting.router,
    setting.api,
)
