"""How a message opens: addressing the client by name, as people do in chat."""

from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=16384)
def call_name(name: str) -> str:
    """The name to use in a greeting: "Anna" for "Anna Schmidt"; Chinese names ("王总") as is."""
    clean = " ".join(name.split())
    if not clean or _HAN.search(clean):
        return clean
    return clean.split(" ")[0]


def greeting(name: str, lang: str) -> str:
    """The opening line: "王总，您好！" / "Hi Anna,"."""
    who = call_name(name)
    if lang == "zh":
        return f"{who}，您好！" if who else "您好！"
    return f"Hi {who}," if who else "Hello,"
