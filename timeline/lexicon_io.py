"""Loading of the package's language data files (``timeline/resources``)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def resource_text(name: str) -> str:
    return resources.files("timeline").joinpath("resources", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-blank, non-comment lines of a one-item-per-line resource; empty or duplicated entries are errors."""
    items: list[str] = []
    seen: set[str] = set()
    for n, raw in enumerate(resource_text(name).splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key = line.lower()
        if key in seen:
            raise ValueError(f"resources/{name}:{n}: duplicated entry {line!r}")
        seen.add(key)
        items.append(line)
    if not items:
        raise ValueError(f"resources/{name}: no entries")
    return tuple(items)
