"""The search index is written wherever the build runs, inside `serve`'s event loop too (issue 18: every save in
the preview printed "asyncio.run() cannot be called from a running event loop" and left search stale)."""

from __future__ import annotations

import asyncio
import json

from site_builder.output.search import index_search


def test_the_index_is_written_from_inside_a_running_event_loop(built_site, tmp_path):
    async def save_in_the_preview() -> int:  # as livereload's loop calls the rebuild
        return index_search(built_site.output_dir, tmp_path / "pagefind")

    pages = asyncio.run(save_in_the_preview())
    assert pages > 20  # every page of the fixture site with a body to index
    assert json.loads((tmp_path / "pagefind/pagefind-entry.json").read_text("utf-8"))["languages"]
