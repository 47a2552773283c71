"""The web app: `create_app(services)` wires routers, static files, safety and errors."""

from __future__ import annotations

import contextlib
import gc
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from warmline import __version__
from warmline.core.error import NotFound, WarmlineError
from warmline.services import Services
from warmline.web import seam
from warmline.web.csrf import CsrfCookie, CsrfError, check_csrf
from warmline.web.dependency import ui
from warmline.web.i18n import translator
from warmline.web.job import Jobs
from warmline.web.memo import BumpOnWrite, Memo
from warmline.web.page import is_htmx, render, templates
from warmline.web.routes import ROUTERS
from warmline.web.staging import Staging

STATIC = Path(__file__).parent / "static"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
UPLOAD_LIMIT = 100 * 1024 * 1024
UPLOAD_PATHS = ("/import", "/api/import")
TODAY_TTL = 60.0  # seconds a computed Today is reused when nothing changed through the app


def megabytes(n: int) -> str:
    """A size as people read it: 100 MB, 1.5 MB, 64 KB."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.3g} MB"
    return f"{max(1, round(n / 1024))} KB"


class UploadLimit:
    """Refuses uploads above `limit` bytes with 413 and a clear message, whether the
    size is announced (Content-Length) or only found while reading."""

    def __init__(
        self, app: ASGIApp, limit: int, respond: Callable[[Scope], Response], drain: int
    ) -> None:
        self.app = app
        self.limit = limit
        self.respond = respond
        self.drain = drain

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or not scope["path"].startswith(UPLOAD_PATHS)
        ):
            await self.app(scope, receive, send)
            return
        announced = next(
            (int(v) for k, v in scope["headers"] if k == b"content-length" and v.isdigit()), 0
        )
        if announced > self.limit:
            await self._drain(receive, announced)
            await self.respond(scope)(scope, receive, send)
            return
        seen = 0
        over = False

        async def counting_receive() -> Message:
            nonlocal seen, over
            if over:
                return {"type": "http.request", "body": b"", "more_body": False}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # Stop feeding the app; whatever it answers is replaced by the 413.
                    over = True
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def guarded_send(message: Message) -> None:
            if not over:
                await send(message)

        await self.app(scope, counting_receive, guarded_send)
        if over:
            await self.respond(scope)(scope, receive, send)

    async def _drain(self, receive: Receive, announced: int) -> None:
        """Read (and drop) the body so the browser sees the answer, not a reset."""
        if announced > self.drain:
            return
        while True:
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body"):
                return


class SecurityHeaders:
    """No framing, no sniffing, no referrer leaks, and scripts only from this app."""

    HEADERS = (
        (
            b"content-security-policy",
            b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            b"img-src 'self' data:; connect-src 'self'; form-action 'self'; "
            b"frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        ),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path in ("/docs", "/openapi.json")


def error_response(request: Request, message: str, status: int) -> Response:
    """A WarmlineError-style message: JSON for the API, the flash area for HTMX, a page
    otherwise."""
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    if is_htmx(request):
        return render(
            request,
            "_flash.html",
            {"message": message, "kind": "error"},
            status_code=status,
            headers={"HX-Retarget": "#flash", "HX-Reswap": "innerHTML"},
        )
    return render(request, "error.html", {"message": message}, status_code=status)


def _lang_of(request: Request) -> str:
    try:
        return ui(request)[0]
    except WarmlineError:
        return "en"


# Young objects collected after this many allocations (Python's default: 700). Under
# load, 20 requests in flight hold thousands of objects each; collected every 700 they
# are promoted to the old generations, whose full passes then come every few seconds.
GC_YOUNG_THRESHOLD = 7000


def settle_garbage_collector() -> None:
    """Tune the garbage collector for a long-running server: what is loaded by now
    (modules, compiled rules, the engine) lives as long as the process, so it is set
    aside from the collector's passes (gc.freeze); young objects are collected less
    often, so fewer of those alive in requests reach the old generations. Measured with
    bench/web.py: full passes fell from one every 2-3 s (100-250 ms each) to a couple
    per run, and the CPU per request by a fifth."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


@contextlib.asynccontextmanager
async def _warm_up(app: FastAPI) -> AsyncIterator[None]:
    """When served, load and compile the coach's rules in the background, so the first
    draft checked does not wait for them; then settle the garbage collector."""

    def warm() -> None:
        with contextlib.suppress(WarmlineError):  # a bad coach.yaml is reported when used
            seam.check(app.state.services, "warm-up", None, "en", app.state.memo)
        settle_garbage_collector()

    threading.Thread(target=warm, name="warmline-warm-up", daemon=True).start()
    yield


def create_app(
    services: Services,
    *,
    allowed_hosts: Sequence[str] | None = None,
    upload_limit: int = UPLOAD_LIMIT,
    secret: bytes | None = None,
    today_ttl: float = TODAY_TTL,
) -> FastAPI:
    """The FastAPI app for `services`. Only loopback host names are accepted unless
    `allowed_hosts` says otherwise (["*"] when served on the network)."""
    app = FastAPI(
        lifespan=_warm_up,
        title="warmline",
        version=__version__,
        description="The JSON API of warmline's local web app. Every write needs the "
        "CSRF token from GET /api/session in the X-CSRF-Token header (and its cookie).",
        dependencies=[Depends(check_csrf)],
        docs_url=None,  # served below from vendored files: no CDN
        redoc_url=None,
    )
    app.state.services = services
    app.state.csrf_secret = secret or secrets.token_bytes(32)
    app.state.upload_limit = upload_limit
    # The book's version (SQLite) lets kept results follow changes made anywhere at once.
    app.state.memo = Memo(
        today_ttl, version=services.book_version if services.has_book_version() else None
    )
    app.state.jobs = Jobs()
    app.state.staging = Staging(services.settings.home / "uploads")
    app.state.staging.sweep()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        return templates.TemplateResponse(request, "docs.html", {})

    @app.exception_handler(WarmlineError)
    async def on_warmline_error(request: Request, exc: WarmlineError) -> Response:
        return error_response(request, exc.message, 404 if isinstance(exc, NotFound) else 400)

    @app.exception_handler(CsrfError)
    async def on_csrf_error(request: Request, exc: CsrfError) -> Response:
        return error_response(request, translator(_lang_of(request))("error.csrf"), 403)  # type: ignore[arg-type]

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.errors()}, status_code=422)
        fields = ", ".join(
            sorted({str(e["loc"][-1]) for e in exc.errors() if e.get("loc")}) or {"?"}
        )
        t = translator(_lang_of(request))  # type: ignore[arg-type]
        return error_response(request, t("error.invalid", fields=fields), 422)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        t = translator(_lang_of(request))  # type: ignore[arg-type]
        message = t("error.not_found") if exc.status_code == 404 else str(exc.detail)
        return error_response(request, message, exc.status_code)

    def too_large(scope: Scope) -> Response:
        request = Request(scope)
        t = translator(_lang_of(request))  # type: ignore[arg-type]
        return error_response(request, t("error.too_large", limit=megabytes(upload_limit)), 413)

    app.add_middleware(CsrfCookie, secret=app.state.csrf_secret)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BumpOnWrite, memo=app.state.memo)
    app.add_middleware(
        UploadLimit, limit=upload_limit, respond=too_large, drain=max(upload_limit * 4, 1 << 28)
    )
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts or LOOPBACK_HOSTS))
    return app
