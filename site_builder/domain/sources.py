"""The data sources the content was derived from, credited on /data/ with their licences.

They live in one file, site_builder/data/sources.json (`SOURCES_FILE`), which also says how
`site-builder update` downloads each one (its "downloads"; the importer reads those).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SOURCES_FILE = Path(__file__).resolve().parent.parent / "data" / "sources.json"
CREDIT_KEYS = ("name", "publisher", "url", "licence", "licence_url", "used_for", "as_of")


@dataclass(frozen=True)
class DataSource:
    """One source: what it is, who publishes it, its licence and how current it is."""

    name: str
    publisher: str
    url: str
    licence: str
    licence_url: str
    used_for: str
    as_of: str
    downloads: tuple[dict[str, Any], ...] = field(default=(), compare=False, repr=False)
    """How `site-builder update` fetches it (none for a source it does not fetch); see docs/updating.md."""


def read_sources(path: Path = SOURCES_FILE) -> tuple[DataSource, ...]:
    """Read the sources file; raises ValueError naming the file and the source at fault."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot be read as the sources file ({exc})") from None
    entries = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected {{\"sources\": [...]}}, one entry per source")
    sources = []
    for number, entry in enumerate(entries, 1):
        missing = [k for k in CREDIT_KEYS if not isinstance(entry, dict) or not isinstance(entry.get(k), str)]
        downloads = entry.get("downloads", []) if isinstance(entry, dict) else None
        if missing or not isinstance(downloads, list) or not all(isinstance(d, dict) for d in downloads):
            problem = f"no text for {', '.join(missing)}" if missing else '"downloads" is not a list of {...}'
            raise ValueError(f"{path}: source {number}: {problem}")
        sources.append(DataSource(**{k: entry[k] for k in CREDIT_KEYS}, downloads=tuple(downloads)))
    return tuple(sources)


DATA_SOURCES = read_sources()
