"""CSRF protection for every form and HTMX POST, written for warmline.

A per-browser-session token lives in a cookie; every unsafe request (POST, PUT,
PATCH, DELETE) must echo it back in the `X-CSRF-Token` header (HTMX sends it from
the <body hx-headers> attribute) or in the `csrf_token` form field (plain forms).
The cookie value is `nonce.signature`, signed with the app's secret, so a cookie
planted by another program on localhost (cookies are not scoped by port) is
refused. Comparisons are constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from http.cookies import SimpleCookie
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "warmline_csrf"
HEADER = "x-csrf-token"
FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class CsrfError(Exception):
    """The request carried no valid CSRF token."""


def sign(secret: bytes, nonce: str) -> str:
    mac = hmac.new(secret, nonce.encode("ascii"), hashlib.sha256).hexdigest()[:32]
    return f"{nonce}.{mac}"


def new_token(secret: bytes) -> str:
    return sign(secret, secrets.token_urlsafe(24))


def is_valid(secret: bytes, token: str | None) -> bool:
    """True when `token` is a nonce signed with `secret`."""
    if not token or token.count(".") != 1:
        return False
    nonce = token.split(".", 1)[0]
    try:
        expected = sign(secret, nonce)
    except UnicodeEncodeError:
        return False
    return hmac.compare_digest(expected, token)


def _cookie_from(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed Cookie header is simply no token
                return None
            if COOKIE in jar:
                return jar[COOKIE].value
    return None


class CsrfCookie:
    """ASGI middleware: makes sure the browser holds a valid token.

    The token is put on `request.state.csrf_token` for templates; a new one is
    set as a cookie (HttpOnly, SameSite=Strict) on the response.
    """

    def __init__(self, app: ASGIApp, secret: bytes, *, secure: bool = False) -> None:
        self.app = app
        self.secret = secret
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = _cookie_from(scope)
        fresh = not is_valid(self.secret, token)
        if fresh:
            token = new_token(self.secret)
        scope.setdefault("state", {})["csrf_token"] = token
        scope["state"]["csrf_cookie"] = None if fresh else token

        async def send_with_cookie(message: Message) -> None:
            if fresh and message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                cookie = f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
                if self.secure:
                    cookie += "; Secure"
                headers.append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookie)


async def check_csrf(request: Request) -> None:
    """FastAPI dependency for unsafe requests: the header or form field must carry the
    same valid token as the cookie."""
    if request.method in SAFE_METHODS:
        return
    secret: bytes = request.app.state.csrf_secret
    cookie: Any = request.state.csrf_cookie
    if not cookie or not is_valid(secret, cookie):
        raise CsrfError
    sent = request.headers.get(HEADER)
    if sent is None:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(FIELD)
            sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, cookie):
        raise CsrfError
