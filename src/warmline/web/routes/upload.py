"""Import: upload an export, see the dry run (counts, unknown senders), map senders
to clients, confirm. A failed or discarded import stores nothing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from warmline.core.error import WarmlineError
from warmline.services import Services
from warmline.web import seam
from warmline.web.dependency import ServicesDep, my_profile, staging, ui
from warmline.web.i18n import translator
from warmline.web.page import is_htmx, render
from warmline.web.schema import ImportConfirmIn, ImportPreviewOut, ImportResultOut

router = APIRouter(prefix="/import", tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/import", tags=["import"])


def _limit_text(request: Request) -> str:
    from warmline.web.app import megabytes

    return megabytes(request.app.state.upload_limit)


def _stage_and_preview(
    request: Request, svc: Services, upload: UploadFile, fmt: str, zone: str
) -> ImportPreviewOut:
    if not upload.filename:
        raise WarmlineError("file: choose an export file to upload")
    store = staging(request)
    batch, path = store.save(upload.file, upload.filename)
    try:
        return seam.preview_import(
            svc, batch, path, upload.filename, format=fmt or None, zone=zone or None
        )
    except BaseException:
        store.discard(batch)
        raise


def _confirm(
    request: Request, svc: Services, batch: str, mapping: dict[str, str]
) -> ImportResultOut:
    store = staging(request)
    path = store.path(batch)
    try:
        return seam.confirm_import(svc, batch, path, mapping)
    finally:
        store.discard(batch)


@router.get("", response_class=HTMLResponse)
def import_page(request: Request, svc: ServicesDep) -> Response:
    context = {
        "active": "import",
        "ready": seam.ingest_ready(svc),
        "formats": seam.import_formats(svc),
        "limit": _limit_text(request),
        "profile": my_profile(request),
    }
    return render(request, "import/page.html", context)


@router.post("", response_class=HTMLResponse)
def upload(
    request: Request,
    svc: ServicesDep,
    file: Annotated[UploadFile, File()],
    format: Annotated[str, Form()] = "",
    zone: Annotated[str, Form()] = "",
) -> Response:
    preview = _stage_and_preview(request, svc, file, format, zone)
    context = {
        "active": "import",
        "preview": preview,
        "clients": svc.clients(),
        "zone": my_profile(request).timezone,
    }
    if is_htmx(request):
        return render(request, "import/_preview.html", context)
    return render(request, "import/preview.html", context)


@router.post("/{batch}/confirm", response_class=HTMLResponse)
async def confirm(request: Request, svc: ServicesDep, batch: str) -> Response:
    form = await request.form()
    mapping: dict[str, str] = {}
    for key, handle in form.multi_items():
        if key.startswith("handle_") and isinstance(handle, str):
            choice = form.get("map_" + key.removeprefix("handle_"))
            if isinstance(choice, str) and choice:
                mapping[handle] = choice
    result = _confirm(request, svc, batch, mapping)
    context = {"active": "import", "result": result}
    if is_htmx(request):
        return render(request, "import/_result.html", context)
    return render(request, "import/result.html", context)


@router.post("/{batch}/discard", response_class=HTMLResponse)
def discard(request: Request, batch: str) -> Response:
    staging(request).discard(batch)
    t = translator(ui(request)[0])
    return render(request, "_flash.html", {"message": t("import.discarded"), "kind": "ok"})


@api.post("", response_model=ImportPreviewOut)
def api_upload(
    request: Request,
    svc: ServicesDep,
    file: Annotated[UploadFile, File()],
    format: Annotated[str, Form()] = "",
    zone: Annotated[str, Form()] = "",
) -> ImportPreviewOut:
    """Stage an export and return the dry run: counts and senders (unknown ones have no
    client). Nothing is stored until confirmed."""
    return _stage_and_preview(request, svc, file, format, zone)


@api.post("/{batch}/confirm", response_model=ImportResultOut)
def api_confirm(
    request: Request, svc: ServicesDep, batch: str, body: ImportConfirmIn
) -> ImportResultOut:
    """Import the staged export, all or nothing, with unknown senders mapped."""
    return _confirm(request, svc, batch, body.mapping)


@api.delete("/{batch}", status_code=204)
def api_discard(request: Request, batch: str) -> Response:
    staging(request).discard(batch)
    return Response(status_code=204)
