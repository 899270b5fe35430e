"""Small rules of English the pages follow, said once."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1024)
def possessive(name: str) -> str:
    """"Bedford's", but "St Helens'": a name ending in s takes only the apostrophe."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"
