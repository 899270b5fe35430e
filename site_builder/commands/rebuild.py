"""Rebuild after an edit by rewriting only the files that changed: `serve`'s fast path.

BuildState keeps the last good build's page jobs. After an edit the content is loaded
again (unchanged files come from the cache) and every page is planned again, which is
cheap; a page is rendered again only when its job (template, address and every value it
shows) differs from last time. So an edited area re-renders its own page, the lists it
appears in (home, A to Z, its region, which area, the map), the pages that show it
(its predecessors', successors' and neighbours') and nothing else, without a list of
dependencies to keep up to date. Its JSON is made again, the other files (data, feed,
sitemap) are made again and compared, and only files whose text changed are written.

A new or removed page or area, a changed theme or site.yaml, or a missing output folder
gets a full build instead. Either way the result is byte-identical to a full build
(tests/test_incremental.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from site_builder.site import addresses as urls
from site_builder.commands.build import (BuildResult, BuildState, build_site, check_addresses, load_and_check, other_files, plan_site, remember,
                    theme_signature)
from site_builder.config import SiteConfig
from site_builder.errors import BuildFailed, ContentError, errors_only
from site_builder.site.open_data import area_files
from site_builder.output.render import render_page
from site_builder.output.search import SearchIndexFailed, index_search
from site_builder.output.write import discard, replace_files, replace_folder


def update_site(config: SiteConfig, extra_problems: list[ContentError] | None, state: BuildState) -> BuildResult:
    """Bring config.output_dir up to date with the content, rewriting only what changed; BuildFailed leaves it as it was."""
    if not can_update(config, state):
        return build_site(config, extra_problems, state)
    content, problems = load_and_check(config, state.areas)
    problems = list(extra_problems or []) + problems
    if errors_only(problems):
        raise BuildFailed(problems)
    plan = plan_site(config, content)
    check_addresses(config, plan)
    jobs = plan.jobs()
    by_path = {urls.output_path(job.url): job for job in jobs}
    before = {area.slug: area for area in state.content.areas}
    if by_path.keys() != state.jobs.keys() or before.keys() != {area.slug for area in content.areas}:
        return build_site(config, extra_problems, state)
    changed = {path: render_page(state.env, job) for path, job in by_path.items() if state.jobs[path] != job}
    changed.update(area_files(tuple(a for a in content.areas if before[a.slug] is not a and before[a.slug] != a), config))
    others = other_files(config, content, plan, state.env)
    if others.keys() != state.others.keys():
        return build_site(config, extra_problems, state)
    changed.update({path: text for path, text in others.items() if state.others[path] != text})
    replace_files(config.output_dir, changed)
    # The pages are out: remember them now, so that the next save (a revert, say) is compared with what is served,
    # even if the search index below cannot be updated.
    remember(state, config, state.theme, state.env, content, jobs, others, rewritten=len(changed))
    try:
        indexed = reindex(config) if config.search and changed else 0
    except SearchIndexFailed as failed:
        failed.pages_written = True
        raise
    return BuildResult(pages=len(jobs), indexed=indexed, warnings=problems, rewritten=len(changed))


def can_update(config: SiteConfig, state: BuildState) -> bool:
    """Whether the last good build can be updated in place (same settings and theme, output still there)."""
    return (state.content is not None and state.env is not None and state.config == config
            and config.output_dir.is_dir() and state.theme == theme_signature(config))


def reindex(config: SiteConfig) -> int:
    """Index the published site again into a new folder and swap it in as output/pagefind."""
    output_dir = config.output_dir.resolve()
    scratch = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-index-", dir=output_dir.parent))
    try:
        indexed = index_search(output_dir, scratch / "pagefind")
        replace_folder(output_dir, "pagefind", scratch / "pagefind")
    finally:
        discard(scratch)
    return indexed
