"""The local web app: FastAPI + Jinja2 + HTMX (vendored). Build it with `create_app`."""

from warmline.web.app import create_app

__all__ = ["create_app"]
