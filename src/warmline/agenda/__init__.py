"""The agenda: what each client needs from me now, ranked. Pure: `now` is a parameter."""

from warmline.agenda.engine import build_agenda, is_hidden
from warmline.agenda.item import AgendaItem, Factor, as_json
from warmline.agenda.state import (
    AgendaSettings,
    AgendaState,
    CadenceStep,
    ClientActivity,
    MessageDigest,
    digest,
    summarise,
)

__all__ = [
    "AgendaItem",
    "AgendaSettings",
    "AgendaState",
    "CadenceStep",
    "ClientActivity",
    "Factor",
    "MessageDigest",
    "as_json",
    "build_agenda",
    "digest",
    "is_hidden",
    "summarise",
]
