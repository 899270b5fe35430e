"""Rebuild after an edit by rewriting only the files that changed: `serve`'s quick rebuild.

It runs the build's own stages (build.py): load (unchanged area files come from serve's
cache), check, plan. Every page is then planned in full, which is cheap at the real sizes,
and rendered again only when its job (template, address and every value it shows) differs
from last time. So an edited area re-renders its own page, the lists it appears in (home,
A to Z, its region, which area, the map), the pages that show it (its predecessors',
successors' and neighbours') and nothing else, without a list of dependencies to keep up to
date. Its JSON is made again, the other files (data, feed, sitemap) are made again and
compared, and only files whose text changed are written, each atomically.

A new or removed page or area, a changed theme or site.yaml, or a missing output folder
gets a full build (build_site) instead. Either way the result is byte-identical to a full
build (tests/test_incremental.py).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment

from site_builder.commands.area_cache import AreaCache, file_stamp
from site_builder.commands.build import (BuildResult, build_site, check_addresses, load_and_check, other_files,
                                         page_file, stop_on_errors)
from site_builder.config import SiteConfig
from site_builder.domain.models import Content
from site_builder.errors import ContentError
from site_builder.output.render import DEFAULT_THEME, make_environment, warm_templates
from site_builder.output.search import SearchIndexFailed, index_search
from site_builder.output.write import discard, replace_files, replace_folder
from site_builder.site import addresses as urls
from site_builder.site.open_data import area_files
from site_builder.site.pages import PageJob, SitePlan


@dataclass
class PreviewState:
    """What `serve` keeps between rebuilds: parsed area files, and what the last good build made from what."""

    areas: AreaCache = field(default_factory=AreaCache)
    """Parsed area files, reused while unchanged."""
    config: SiteConfig | None = None
    theme: tuple = ()
    """theme_signature() at the last good build."""
    env: Environment | None = None
    """The template environment, its templates compiled, kept while the theme and settings stay the same."""
    content: Content | None = None
    pages: dict[str, PageJob] = field(default_factory=dict)
    """Every page's job, by output path."""
    others: dict[str, str] = field(default_factory=dict)
    """other_files() text, by output path."""
    rewritten: int | None = None
    """Files the last rebuild rewrote; None when it was a full build."""


def update_site(config: SiteConfig, extra_problems: list[ContentError] | None, state: PreviewState) -> BuildResult:
    """Bring config.output_dir up to date with the content, rewriting only what changed.

    BuildFailed leaves the site as it was; SearchIndexFailed after the pages were rewritten says so (pages_written).
    """
    content, problems = load_and_check(config, state.areas)
    problems = stop_on_errors((extra_problems or []) + problems)
    plan = SitePlan(config, content)
    check_addresses(plan)
    theme = theme_signature(config)
    same_setup = state.env is not None and state.config == config and state.theme == theme
    env = state.env if same_setup else compiled(make_environment(config))
    pages = {urls.output_path(job.url): job for job in plan.jobs()}
    others = other_files(config, content, plan, env)
    quick = same_setup and config.output_dir.is_dir()
    changed = changed_since(state, env, config, content, pages, others) if quick else None
    if changed is None:
        result = build_site(config, extra_problems, state.areas)
    else:
        replace_files(config.output_dir, changed)
        result = BuildResult(pages=len(pages), indexed=0, warnings=problems, rewritten=len(changed))
    # The pages are out: remember them now, so that the next save (a revert, say) is compared with what is served,
    # even if the search index below cannot be updated.
    state.config, state.theme, state.env, state.content = config, theme, env, content
    state.pages, state.others, state.rewritten = pages, others, result.rewritten
    if changed and config.search:
        try:
            result = replace(result, indexed=reindex(config))
        except SearchIndexFailed as failed:
            failed.pages_written = True
            raise
    return result


def changed_since(state: PreviewState, env: Environment, config: SiteConfig, content: Content,
                  pages: dict[str, PageJob], others: dict[str, str]) -> dict[str, str] | None:
    """Every file whose text differs from the last build's, by output path; None when pages or areas came or went."""
    before = {area.slug: area for area in state.content.areas}
    if (pages.keys() != state.pages.keys() or before.keys() != {a.slug for a in content.areas}
            or others.keys() != state.others.keys()):
        return None
    changed = dict(page_file(env, job, config.content_dir) for path, job in pages.items() if state.pages[path] != job)
    edited = tuple(area for area in content.areas if before[area.slug] is not area and before[area.slug] != area)
    changed.update(area_files(edited, config))
    changed.update({path: text for path, text in others.items() if state.others[path] != text})
    return changed


def compiled(env: Environment) -> Environment:
    """`env` with every template compiled now, so the first quick rebuild does not pay for it."""
    warm_templates(env)
    return env


def theme_signature(config: SiteConfig) -> tuple:
    """Every template and static file with its size and modification time: a change means a full rebuild."""
    files = []
    for root in dict.fromkeys((DEFAULT_THEME, config.theme_dir)):
        files += [(str(p), *file_stamp(p)) for p in sorted(root.rglob("*")) if p.is_file()]
    return tuple(files)


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
