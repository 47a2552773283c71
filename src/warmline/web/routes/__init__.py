"""One router per resource; `ROUTERS` is the one place they are registered."""

from __future__ import annotations

from fastapi import APIRouter

from warmline.web.routes import client, coach, home, reading, session, setting, today, upload

ROUTERS: tuple[APIRouter, ...] = (
    home.router,
    session.router,
    today.router,
    today.api,
    client.router,
    client.api,
    coach.router,
    coach.api,
    reading.router,
    reading.api,
    upload.router,
    upload.api,
    setting.router,
    setting.api,
)
