"""The client list as a person scans it: search, filter, and who waited longest."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from warmline.core.client import CLIENT_STATUSES, Client
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


def pick(
    entries: Iterable[RosterEntry],
    *,
    query: str = "",
    status: str | None = None,
    tag: str | None = None,
    sort: str = "name",
) -> list[RosterEntry]:
    """The entries matching `query`, `status` and `tag`, sorted by name, by the longest
    time since any contact ("contact"), or by the longest wait for our reply ("waiting")."""
    if sort not in SORTS:
        raise WarmlineError(f"sort: {sort!r} is unknown; use one of {', '.join(SORTS)}")
    if status and status not in CLIENT_STATUSES:
        raise WarmlineError(
            f"status: {status!r} is unknown; use one of {', '.join(CLIENT_STATUSES)}"
        )
    found = [
        e
        for e in entries
        if (not status or e.client.status == status)
        and (not tag or tag in e.client.tags)
        and matches(e.client, query)
    ]
    if sort == "contact":  # never contacted first, then the longest silence
        found.sort(
            key=lambda e: (
                e.last_contact.timestamp() if e.last_contact else float("-inf"),
                e.client.name.casefold(),
            )
        )
    elif sort == "waiting":  # waiting longest first; clients not waiting last
        found.sort(
            key=lambda e: (
                e.waiting_since.timestamp() if e.waiting_since else float("inf"),
                e.client.name.casefold(),
            )
        )
    else:
        found.sort(key=lambda e: e.client.name.casefold())
    return found


def tags_of(entries: Iterable[RosterEntry]) -> list[str]:
    """Every tag the entries' clients carry, sorted."""
    return sorted({t for e in entries for t in e.client.tags}, key=str.casefold)


class RosterService(ServiceBase):
    def roster_entries(self, *, include_archived: bool = False) -> list[RosterEntry]:
        """Every client with the times of their newest message each way (two queries)."""
        with self.book() as repo:
            clients = repo.clients(include_archived=include_archived)
            contacts = repo.last_contacts()
        return [RosterEntry(c, *contacts.get(c.id or 0, (None, None))) for c in clients]

    def roster(
        self,
        *,
        query: str = "",
        status: str | None = None,
        tag: str | None = None,
        sort: str = "name",
        include_archived: bool = False,
    ) -> list[RosterEntry]:
        """Clients matching `query`, `status` and `tag`, sorted (see `pick`)."""
        entries = self.roster_entries(include_archived=include_archived)
        return pick(entries, query=query, status=status, tag=tag, sort=sort)

    def tags(self) -> list[str]:
        """Every tag in use on a current client, sorted."""
        return tags_of(self.roster_entries())
