"""Index the built site with Pagefind, as the build's last step.

Only `<main data-pagefind-body>` is indexed (the header, footer and navigation are
not), and filters and metadata are declared in the templates' data-pagefind-* attributes.
"""

from __future__ import annotations

from pathlib import Path


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""

    pages_written = False
    """True when the pages were updated all the same (a preview rebuild): only search is out of date."""


def index_search(site_dir: Path, index_dir: Path | None = None) -> int:
    """Write site_dir/pagefind/ (or `index_dir`) and return how many pages were indexed."""
    import asyncio  # only builds that index need it
    from concurrent.futures import ThreadPoolExecutor

    def run() -> int:
        return asyncio.run(_index(site_dir.resolve(), (index_dir or site_dir / "pagefind").resolve()))

    try:
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # no event loop here (a build): run Pagefind's client in this thread
            return run()
        # `serve` rebuilds inside livereload's event loop, where asyncio.run() is refused: use a thread of its own.
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(run).result()
    except Exception as exc:  # the service reports failures as assorted exceptions
        raise SearchIndexFailed(f"search indexing failed: {exc}") from exc


async def _index(site_dir: Path, index_dir: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex  # imported only by builds that index

    config = IndexConfig(force_language="en", output_path=str(index_dir))
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir))
    return int(result.get("page_count", 0))
