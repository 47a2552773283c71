"""Import: upload an export, see the dry run (counts, unknown senders), map senders
to clients, confirm. Large files run in the background while the page shows how far
they got. A failed or discarded import stores nothing and leaves no file behind."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from warmline.core.error import NotFound, WarmlineError
from warmline.services import Services
from warmline.web import seam
from warmline.web.dependency import ServicesDep, my_profile, staging, ui
from warmline.web.i18n import translator
from warmline.web.job import Jobs, Progress
from warmline.web.page import is_htmx, render
from warmline.web.schema import ImportConfirmIn, ImportPreviewOut, ImportResultOut, SenderOut
from warmline.web.staging import Staging

router = APIRouter(prefix="/import", tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/import", tags=["import"])


def _limit_text(request: Request) -> str:
    from warmline.web.app import megabytes

    return megabytes(request.app.state.upload_limit)


def _jobs(request: Request) -> Jobs:
    jobs: Jobs = request.app.state.jobs
    return jobs


def _stage(request: Request, upload: UploadFile, fmt: str, zone: str) -> str:
    """Keep the upload for the preview and the confirmation; returns its batch ID."""
    if not upload.filename:
        raise WarmlineError("file: choose an export file to upload")
    store = staging(request)
    batch, _path = store.save(upload.file, upload.filename)
    store.save_meta(batch, {"filename": upload.filename, "format": fmt, "zone": zone})
    return batch


def _previewer(svc: Services, store: Staging, batch: str) -> Any:
    """The dry run of a staged upload, as work for a job (discards the file if it fails)."""
    meta = store.meta(batch)
    path = store.path(batch)

    def work(progress: Progress | None = None) -> ImportPreviewOut:
        try:
            preview = seam.preview_import(
                svc,
                batch,
                path,
                meta["filename"],
                format=meta.get("format"),
                zone=meta.get("zone"),
                progress=progress,
            )
        except BaseException:
            store.discard(batch)
            raise
        store.save_meta(batch, {**meta, "senders": [s.model_dump() for s in preview.unknown]})
        return preview

    return work


def _importer(svc: Services, store: Staging, batch: str, mapping: dict[str, str]) -> Any:
    """The import of a staged upload, as work for a job (the file goes either way)."""
    meta = store.meta(batch)
    path = store.path(batch)
    senders = [SenderOut(**s) for s in meta.get("senders", [])]

    def work(progress: Progress | None = None) -> ImportResultOut:
        try:
            return seam.confirm_import(
                svc,
                path,
                meta["filename"],
                mapping,
                senders=senders,
                format=meta.get("format"),
                zone=meta.get("zone"),
                progress=progress,
            )
        finally:
            store.discard(batch)

    return work


def _step(request: Request, svc: Services, kind: str, value: Any) -> Response:
    """The page fragment for a finished step: the preview or the result."""
    if kind == "preview":
        context = {"preview": value, "clients": svc.clients(), "active": "import"}
        name = "import/_preview.html"
    else:
        context = {"result": value, "active": "import"}
        name = "import/_result.html"
    if is_htmx(request):
        return render(request, name, context)
    return render(request, name.replace("/_", "/"), context)


def _progress(request: Request, batch: str, kind: str, read: int) -> Response:
    context = {"batch": batch, "kind": kind, "read": read}
    return render(request, "import/_progress.html", context)


@router.get("", response_class=HTMLResponse)
def import_page(request: Request) -> Response:
    context = {
        "active": "import",
        "formats": seam.import_formats(),
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
    batch = _stage(request, file, format, zone)
    work = _previewer(svc, staging(request), batch)
    if not is_htmx(request):
        return _step(request, svc, "preview", work())
    _jobs(request).start(batch, "preview", work)
    return _progress(request, batch, "preview", 0)


@router.get("/{batch}/status", response_class=HTMLResponse)
def status(request: Request, svc: ServicesDep, batch: str) -> Response:
    """How far the dry run or the import of `batch` got; its outcome once done."""
    job = _jobs(request).get(batch)
    if job is None:
        raise NotFound(translator(ui(request)[0])("import.expired"))
    if not job.done:
        return _progress(request, batch, job.kind, job.read)
    _jobs(request).pop(batch)
    if job.error is not None:
        return render(request, "import/_failed.html", {"message": job.error}, status_code=400)
    return _step(request, svc, job.kind, job.result)


async def _mapping(request: Request) -> dict[str, str]:
    form = await request.form()
    mapping: dict[str, str] = {}
    for key, handle in form.multi_items():
        if key.startswith("handle_") and isinstance(handle, str):
            choice = form.get("map_" + key.removeprefix("handle_"))
            if isinstance(choice, str) and choice:
                mapping[handle] = choice
    return mapping


@router.post("/{batch}/confirm", response_class=HTMLResponse)
async def confirm(request: Request, svc: ServicesDep, batch: str) -> Response:
    work = _importer(svc, staging(request), batch, await _mapping(request))
    if not is_htmx(request):
        return _step(request, svc, "import", work())
    # The import writes after this request ends: Today and the client list must know.
    _jobs(request).start(batch, "import", work, on_done=request.app.state.memo.bump)
    return _progress(request, batch, "import", 0)


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
    """Stage an export and return the dry run: counts and the senders no client matched.
    Nothing is stored until confirmed."""
    batch = _stage(request, file, format, zone)
    preview: ImportPreviewOut = _previewer(svc, staging(request), batch)()
    return preview


@api.post("/{batch}/confirm", response_model=ImportResultOut)
def api_confirm(
    request: Request, svc: ServicesDep, batch: str, body: ImportConfirmIn
) -> ImportResultOut:
    """Import the staged export, all or nothing, with unknown senders mapped."""
    result: ImportResultOut = _importer(svc, staging(request), batch, body.mapping)()
    return result


@api.delete("/{batch}", status_code=204)
def api_discard(request: Request, batch: str) -> Response:
    staging(request).discard(batch)
    return Response(status_code=204)
