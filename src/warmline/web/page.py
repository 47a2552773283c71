"""Rendering pages and HTMX fragments with Jinja2 (autoescape on for every template)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from warmline.core.clock import format_date, format_local, local, zone_label
from warmline.core.principle import PRINCIPLES
from warmline.core.text import Lang
from warmline.web.dependency import ui
from warmline.web.i18n import ago, duration, translator

TEMPLATES = Path(__file__).parent / "templates"


def is_htmx(request: Request) -> bool:
    """An HTMX request that wants a fragment (boosted navigation wants the whole page)."""
    return request.headers.get("hx-request") == "true" and request.headers.get("hx-boosted") != (
        "true"
    )


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its extension: client text is untrusted
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["PRINCIPLES"] = PRINCIPLES
    env.filters["clock"] = lambda dt, zone_name: f"{local(dt, zone_name):%H:%M}"
    env.filters["isodate"] = lambda dt, zone_name: f"{local(dt, zone_name):%Y-%m-%d %H:%M}"
    return env


templates = Jinja2Templates(env=_environment())


def lang_context(lang: Lang, now: datetime) -> dict[str, Any]:
    """Values every template may use: the UI language and its formatters."""
    return {
        "lang": lang,
        "t": translator(lang),
        "now": now,
        "when": lambda dt, zone_name, **kw: format_local(dt, zone_name, lang, **kw),
        "day": lambda dt, zone_name: format_date(dt, zone_name, lang),
        "zone_label": lambda zone_name: zone_label(zone_name, lang),
        "ago": lambda dt: ago(dt, now, lang),
        "duration": lambda seconds: duration(seconds, lang),
    }


CSRF_PLACEHOLDER = "__warmline_csrf_token__"
SLOT = "__warmline_slot__"


def render_text(request: Request, name: str, context: Mapping[str, Any]) -> str:
    """Template `name` as a string with the common context, its CSRF token left as
    CSRF_PLACEHOLDER so the text can be kept and served to any session."""
    lang, now = ui(request)
    values = {"request": request, "csrf_token": CSRF_PLACEHOLDER, **lang_context(lang, now)}
    return templates.env.get_template(name).render({**values, **context})


class KeptHtml:
    """Rendered HTML kept as UTF-8 bytes, cut where the CSRF token goes: serving it to a
    session is one join, with no decoding, copying or encoding of a large text."""

    def __init__(self, text: str) -> None:
        self.parts = text.encode("utf-8").split(CSRF_PLACEHOLDER.encode("ascii"))

    def for_token(self, token: str) -> bytes:
        """The HTML with this session's token put in (our own signed token: safe)."""
        return token.encode("ascii").join(self.parts)


def keep_html(request: Request, name: str, context: Mapping[str, Any]) -> KeptHtml:
    """Template `name` rendered for keeping (see render_text)."""
    return KeptHtml(render_text(request, name, context))


def render_around(
    request: Request, name: str, context: Mapping[str, Any], inner: bytes
) -> HTMLResponse:
    """Template `name`, with the already-rendered `inner` bytes where it shows `slot`."""
    lang, now = ui(request)
    values: dict[str, Any] = {
        "request": request,
        "csrf_token": getattr(request.state, "csrf_token", ""),
        **lang_context(lang, now),
        **context,
        "slot": Markup(SLOT),
    }
    head, tail = templates.env.get_template(name).render(values).split(SLOT, 1)
    return HTMLResponse(b"".join((head.encode("utf-8"), inner, tail.encode("utf-8"))))


def render(
    request: Request,
    name: str,
    context: Mapping[str, Any],
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """Render template `name` with the common context plus `context`."""
    lang, now = ui(request)
    values: dict[str, Any] = {
        "request": request,
        "csrf_token": getattr(request.state, "csrf_token", ""),
        **lang_context(lang, now),
        **context,
    }
    return templates.TemplateResponse(
        request, name, values, status_code=status_code, headers=headers
    )


def page_or_fragment(
    request: Request,
    page: str,
    fragment: str,
    context: Mapping[str, Any],
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """The full page, or only its fragment for an HTMX request."""
    return render(request, fragment if is_htmx(request) else page, context, status_code=status_code)
