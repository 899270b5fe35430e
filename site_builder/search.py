"""Index the built site with Pagefind, as the build's last step.

Only `<main data-pagefind-body>` is indexed (the header, footer and navigation are
not), and filters and metadata are declared in the templates' data-pagefind-* attributes.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""


def index_search(site_dir: Path) -> int:
    """Write site_dir/pagefind/ and return how many pages were indexed."""
    try:
        return asyncio.run(_index(site_dir.resolve()))
    except Exception as exc:  # the service reports failures as assorted exceptions
        raise SearchIndexFailed(f"search indexing failed: {exc}") from exc


async def _index(site_dir: Path) -> int:
    config = IndexConfig(force_language="en", output_path=str(site_dir / "pagefind"))
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir))
    return int(result.get("page_count", 0))
