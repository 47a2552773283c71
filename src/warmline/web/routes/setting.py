"""Settings: about me (zone, working hours, language), my identities, coach rules."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from warmline.core.client import CHANNEL_KINDS, Profile
from warmline.core.error import WarmlineError
from warmline.web import seam
from warmline.web.dependency import ServicesDep
from warmline.web.form import channel_fields, channel_text
from warmline.web.page import is_htmx, render
from warmline.web.schema import ProfileIn, ProfileOut

router = APIRouter(prefix="/settings", tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/profile", tags=["settings"])


def _values(p: Profile) -> dict[str, Any]:
    """The form's values from the saved profile."""
    return {
        "name": p.name,
        "ui_language": p.ui_language,
        "timezone": p.timezone,
        "country": p.country,
        "work_start": f"{p.work_start:%H:%M}",
        "work_end": f"{p.work_end:%H:%M}",
        "reply_target_hours": f"{p.reply_target_hours:g}",
        "work_days": list(p.work_days),
        "identities": channel_text(p.identities),
    }


def _settings_page(
    request: Request,
    svc: ServicesDep,
    *,
    values: dict[str, Any] | None = None,
    error: str = "",
    saved: bool = False,
    code: int = 200,
) -> Response:
    profile = svc.profile()
    context: dict[str, Any] = {
        "active": "settings",
        "form": values or _values(profile),
        "rules": seam.coach_rules(svc, profile.ui_language),
        "kinds": CHANNEL_KINDS,
        "error": error,
        "saved": saved,
    }
    return render(request, "settings/page.html", context, status_code=code)


@router.get("", response_class=HTMLResponse)
def settings(request: Request, svc: ServicesDep, saved: bool = False) -> Response:
    return _settings_page(request, svc, saved=saved)


@router.post("/profile", response_class=HTMLResponse)
async def save_profile(request: Request, svc: ServicesDep) -> Response:
    form = await request.form()
    text = {k: v for k, v in form.items() if isinstance(v, str)}
    days = [int(d) for d in form.getlist("work_days") if isinstance(d, str) and d.isdigit()]
    posted = {
        **{k: text.get(k, "") for k in ("name", "ui_language", "timezone", "country")},
        **{k: text.get(k, "") for k in ("work_start", "work_end", "reply_target_hours")},
        "work_days": days,
        "identities": {k: text.get(f"channel_{k}", "") for k in CHANNEL_KINDS},
    }
    try:
        svc.set_profile(
            name=text.get("name"),
            timezone=text.get("timezone", "").strip() or None,
            country=text.get("country"),
            work_start=text.get("work_start") or None,
            work_end=text.get("work_end") or None,
            work_days=days if days else "",
            ui_language=text.get("ui_language") or None,
            reply_target_hours=float(text["reply_target_hours"])
            if text.get("reply_target_hours")
            else None,
            identities=channel_fields(text),
        )
    except ValueError:
        return _settings_page(
            request,
            svc,
            values=posted,
            error="reply target: give a number of working hours, e.g. 2",
            code=400,
        )
    except WarmlineError as exc:
        return _settings_page(request, svc, values=posted, error=exc.message, code=400)
    return RedirectResponse("/settings?saved=1", status_code=status.HTTP_303_SEE_OTHER)


@router.post("/rules", response_class=HTMLResponse)
async def save_rules(request: Request, svc: ServicesDep) -> Response:
    """The coach rule switches: a checked box is on, an unchecked one off."""
    form = await request.form()
    on = {v for v in form.getlist("rule") if isinstance(v, str)}
    seam.switch_rules(svc, {r.id: r.id in on for r in seam.coach_rules(svc, "en")})
    return RedirectResponse("/settings?saved=1#rules-title", status_code=status.HTTP_303_SEE_OTHER)


@router.post("/language")
def switch_language(
    request: Request, svc: ServicesDep, ui_language: Annotated[str, Form()]
) -> Response:
    """The header's language switch: back to the page it was pressed on."""
    svc.set_profile(ui_language=ui_language)
    back = request.headers.get("referer") or "/"
    target = back if back.startswith(str(request.base_url)) else "/"
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Refresh": "true"})
    return RedirectResponse(target, status_code=status.HTTP_303_SEE_OTHER)


@api.get("", response_model=ProfileOut)
def api_profile(svc: ServicesDep) -> ProfileOut:
    return ProfileOut.of(svc.profile())


@api.patch("", response_model=ProfileOut)
def api_set_profile(svc: ServicesDep, body: ProfileIn) -> ProfileOut:
    p = svc.set_profile(
        name=body.name,
        timezone=body.timezone,
        country=body.country,
        work_start=body.work_start,
        work_end=body.work_end,
        work_days=body.work_days,
        ui_language=body.ui_language,
        reply_target_hours=body.reply_target_hours,
        identities=body.identities,
    )
    return ProfileOut.of(p)
