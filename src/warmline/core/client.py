"""Clients, their channels, and the user's own profile ("me")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Literal

from warmline.core.text import Lang

ClientStatus = Literal["lead", "active", "dormant", "former"]
CLIENT_STATUSES: tuple[ClientStatus, ...] = ("lead", "active", "dormant", "former")

# Channel kinds, in the order they are shown. Values are handles/addresses.
CHANNEL_KINDS: tuple[str, ...] = ("email", "wechat", "phone", "whatsapp", "slack", "telegram")


@dataclass(frozen=True, slots=True)
class Channels:
    """Where a person can be reached; used to match imported senders."""

    email: tuple[str, ...] = ()
    wechat: tuple[str, ...] = ()
    phone: tuple[str, ...] = ()
    whatsapp: tuple[str, ...] = ()
    slack: tuple[str, ...] = ()
    telegram: tuple[str, ...] = ()

    def items(self) -> list[tuple[str, str]]:
        """(kind, handle) pairs, in CHANNEL_KINDS order."""
        return [(kind, h) for kind in CHANNEL_KINDS for h in getattr(self, kind)]

    def handles(self) -> set[str]:
        """Every handle, normalised for matching."""
        return {normalise_handle(kind, h) for kind, h in self.items()}

    @classmethod
    def from_items(cls, items: list[tuple[str, str]]) -> Channels:
        grouped: dict[str, list[str]] = {k: [] for k in CHANNEL_KINDS}
        for kind, handle in items:
            if kind not in grouped:
                raise ValueError(f"unknown channel kind {kind!r}")
            if handle not in grouped[kind]:
                grouped[kind].append(handle)
        return cls(**{k: tuple(v) for k, v in grouped.items()})


def normalise_handle(kind: str, handle: str) -> str:
    """A comparable form of a handle: emails lower-cased, phones digits only."""
    h = handle.strip()
    if kind == "email":
        return "email:" + h.lower()
    if kind in ("phone", "whatsapp"):
        digits = "".join(c for c in h if c.isdigit())
        return "phone:" + (digits or h.lower())
    return f"{kind}:" + h.lower().lstrip("@")


@dataclass(frozen=True, slots=True)
class Client:
    name: str
    timezone: str = "UTC"
    language: Lang = "en"
    company: str = ""
    city: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, for public holidays; "" = derive from zone
    channels: Channels = field(default_factory=Channels)
    tags: tuple[str, ...] = ()
    status: ClientStatus = "active"
    owner: str = ""
    created_at: datetime | None = None
    archived_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    """The user ("me"): zone, working calendar, UI language, own identities."""

    name: str = "Me"
    timezone: str = "Asia/Shanghai"
    country: str = "CN"
    work_start: time = time(9, 0)
    work_end: time = time(18, 0)
    work_days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday = 0
    ui_language: Lang = "en"
    identities: Channels = field(default_factory=Channels)
    reply_target_hours: float = 2.0
