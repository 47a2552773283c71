"""The client list as a person scans it: search, filter, and who waited longest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from warmline.core.client import Client
from warmline.core.error import WarmlineError
from warmline.services.base import ServiceBase

SORTS: tuple[str, ...] = ("name", "contact", "waiting")


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """A client with the times of their newest message each way."""

    client: Client
    last_in: datetime | None
    last_out: datetime | None

    @property
    def last_contact(self) -> datetime | None:
        known = [t for t in (self.last_in, self.last_out) if t is not None]
        return max(known) if known else None

    @property
    def waiting_since(self) -> datetime | None:
        """When the client's unanswered message came in (S3), or None."""
        if self.last_in is not None and (self.last_out is None or self.last_in > self.last_out):
            return self.last_in
        return None


def matches(client: Client, query: str) -> bool:
    """Case-insensitive match on ID, name, company, city, tags and channel handles."""
    q = query.strip().casefold()
    if not q:
        return True
    if q.isdigit() and client.id == int(q):
        return True
    fields = [client.name, client.company, client.city, *client.tags]
    fields += [h for _kind, h in client.channels.items()]
    return any(q in f.casefold() for f in fields)


class RosterService(ServiceBase):
    def roster(
        self,
        *,
        query: str = "",
        status: str | None = None,
        tag: str | None = None,
        sort: str = "name",
        include_archived: bool = False,
    ) -> list[RosterEntry]:
        """Clients matching `query`, `status` and `tag`, sorted by name, by the longest
        time since any contact, or by the longest wait for our reply."""
        if sort not in SORTS:
            raise WarmlineError(f"sort: {sort!r} is unknown; use one of {', '.join(SORTS)}")
        with self.book() as repo:
            clients = repo.clients(
                status=status or None, tag=tag or None, include_archived=include_archived
            )
            contacts = repo.last_contacts()
        entries = [
            RosterEntry(c, *contacts.get(c.id or 0, (None, None)))
            for c in clients
            if matches(c, query)
        ]
        if sort == "contact":  # never contacted first, then the longest silence
            entries.sort(
                key=lambda e: (
                    e.last_contact.timestamp() if e.last_contact else float("-inf"),
                    e.client.name.casefold(),
                )
            )
        elif sort == "waiting":  # waiting longest first; clients not waiting last
            entries.sort(
                key=lambda e: (
                    e.waiting_since.timestamp() if e.waiting_since else float("inf"),
                    e.client.name.casefold(),
                )
            )
        else:
            entries.sort(key=lambda e: e.client.name.casefold())
        return entries

    def tags(self) -> list[str]:
        """Every tag in use on a current client, sorted."""
        with self.book() as repo:
            return sorted({t for c in repo.clients() for t in c.tags}, key=str.casefold)
