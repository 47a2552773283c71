"""Use cases shared by the CLI, the web app and the Python API.

`Services` is the one facade: each feature adds its use cases as a mixin here.
"""

from __future__ import annotations

from warmline.services.agenda import AgendaService, Today
from warmline.services.base import ServiceBase, system_now
from warmline.services.book import BookService, ClientView
from warmline.services.check import CheckService
from warmline.services.export import ExportService
from warmline.services.ingest import IngestService
from warmline.services.read import ReadService
from warmline.services.roster import RosterService


class Services(
    ReadService,  # before BookService: it fills BookService's message hooks
    AgendaService,
    BookService,
    CheckService,
    ExportService,
    IngestService,
    RosterService,
    ServiceBase,
):
    """Every use case of warmline. Open one with `Services.open()` (default book)
    or `Services.open(demo=True)`."""


def open_services(url: str | None = None, *, demo: bool = False) -> Services:
    """The services for the default book (or `url`, or the demo book)."""
    svc = Services.open(url, demo=demo)
    assert isinstance(svc, Services)
    return svc


__all__ = ["ClientView", "Services", "Today", "open_services", "system_now"]
