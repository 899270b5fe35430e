"""The pipeline: load, validate, model, render, write, index.

Big sites are loaded, rendered and written in worker processes (workers.py) with the
same functions, so the output is the same byte for byte. `serve` passes a BuildState that
remembers what the last build made, so its next rebuild can rewrite only what changed
(rebuild.py).
"""

from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from jinja2 import Environment

from site_builder.site import addresses as urls
from site_builder.commands.area_cache import AreaCache, file_stamp
from site_builder.config import PACKAGE_ROOT, SiteConfig
from site_builder.content.freshness import future_dates
from site_builder.content.load import AreaLoader, AreaResult, load_area, load_content, load_guide
from site_builder.errors import BuildFailed, ContentError, errors_only
from site_builder.site.open_data import area_files, summary_files
from site_builder.site.feed import atom_feed
from site_builder.domain.models import Content, Guide
from site_builder.site.pages import AreaSummary, PageJob, SitePlan, rendering_markdown_of
from site_builder.commands.workers import load_in_workers, map_in_workers, workers_for
from site_builder.output.render import DEFAULT_THEME, make_environment, render_page, warm_templates
from site_builder.site.site_files import site_files
from site_builder.content.files import links_in
from site_builder.output.write import copy_static, discard, new_staging, output_problem, publish, write_files


@dataclass(frozen=True)
class BuildResult:
    """What a build produced."""

    pages: int
    """Pages written."""
    indexed: int
    """Pages in the search index (0 with --no-search)."""
    warnings: list[ContentError]
    """Problems that did not stop the build."""
    rewritten: int | None = None
    """Files rewritten by an incremental rebuild; None after a full build."""


@dataclass
class BuildState:
    """What `serve` keeps between rebuilds: parsed files, and what the last good build made from what."""

    areas: AreaCache = field(default_factory=AreaCache)
    """Parsed area files, reused while unchanged."""
    config: SiteConfig | None = None
    theme: tuple = ()
    """theme_signature() at the last good build."""
    env: Environment | None = None
    content: Content | None = None
    jobs: dict[str, PageJob] = field(default_factory=dict)
    """Every page's job, by output path."""
    others: dict[str, str] = field(default_factory=dict)
    """other_files() text, by output path."""
    rewritten: int | None = None
    """Files the last rebuild rewrote; None when it was a full build."""


def load_and_check(config: SiteConfig, load_files: AreaLoader | None = None) -> tuple[Content, list[ContentError]]:
    """Load the content and collect every problem (errors and warnings), links in the theme included."""
    content, problems = load_content(config.content_dir, load_files or load_areas_in_workers, load_guides_in_workers)
    problems += future_dates(content.areas, config.today)  # a report dated after today would be on the page and in the feed
    return content, [p for folder in dict.fromkeys((DEFAULT_THEME, config.theme_dir)) for p in links_in(folder)] + problems


def load_areas_in_workers(paths: list[Path]) -> list[AreaResult]:
    """content.load_area for every path, in worker processes for big sites."""
    return load_in_workers(load_area, paths, workers_for(len(paths)))


def load_guides_in_workers(paths: list[Path]) -> list[tuple[Guide | None, list[ContentError]]]:
    """content.load_guide for every path, in worker processes for sites with many guides."""
    return load_in_workers(load_guide, paths, workers_for(len(paths)))


def plan_site(config: SiteConfig, content: Content) -> SitePlan:
    """Every page to render, each planned when first asked for (check_addresses before writing any)."""
    return SitePlan(config, content)


def check_addresses(config: SiteConfig, plan: SitePlan) -> None:
    """BuildFailed if two pages would share an address."""
    duplicates = [u for u, n in Counter(url for url, _ in plan.addresses()).items() if n > 1]
    if duplicates:
        raise BuildFailed([ContentError(config.content_dir, None, "", f"two pages would be written to {u}") for u in duplicates])


def other_files(config: SiteConfig, content: Content, plan: SitePlan, env: Environment) -> dict[str, str]:
    """Every file that is neither a page nor one area's JSON: sitemap, robots, the data files, the feed."""
    files = site_files(config, plan.listed_addresses(), env)
    files.update(summary_files(content.areas, config))
    files["feed.xml"] = atom_feed(content.areas, config, env)
    return files


def folders_to_keep(config: SiteConfig) -> dict[str, Path]:
    """Folders a build must never delete or write into: see write.output_problem."""
    return {"the current folder": Path.cwd(), "the content folder": config.content_dir, "the theme": config.theme_dir,
            "the default theme": DEFAULT_THEME, "the site_builder package": PACKAGE_ROOT / "site_builder",
            "the project": PACKAGE_ROOT, "your home folder": Path.home()}


def static_dirs(config: SiteConfig) -> list[Path]:
    """The theme's static folders, the default theme's first."""
    return [DEFAULT_THEME / "static", config.theme_dir / "static"]


def build_site(config: SiteConfig, extra_problems: list[ContentError] | None = None,
               state: BuildState | None = None, workers: int | None = None) -> BuildResult:
    """Build the whole site into config.output_dir, or raise BuildFailed and leave it as it was.

    `state` (from serve) is filled in for the next incremental rebuild; `workers` overrides
    how many processes render (None: decide by the site's size).
    """
    with collection_paused():
        return _build_site(config, extra_problems, state, workers)


@contextmanager
def collection_paused():
    """Pause Python's cycle collector for the duration of a build.

    A build makes millions of small objects that live until it ends and almost no reference
    cycles, so the collector's repeated passes over them found nothing and cost about a
    seventh of the build; the reference counts free everything else as before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build_site(config: SiteConfig, extra_problems: list[ContentError] | None, state: BuildState | None,
                workers: int | None) -> BuildResult:
    refusal = output_problem(config.output_dir, folders_to_keep(config))
    if refusal is not None:
        raise BuildFailed([ContentError(config.output_dir, None, "--output", refusal)])
    theme = theme_signature(config) if state is not None else ()
    content, problems = load_and_check(config, state.areas if state else None)
    problems = list(extra_problems or []) + problems
    if errors_only(problems):
        raise BuildFailed(problems)
    plan = plan_site(config, content)
    reuse = state is not None and state.env is not None and state.config == config and state.theme == theme
    env = state.env if reuse else make_environment(config)
    staging = new_staging(config.output_dir)
    try:
        copy_static(static_dirs(config), staging)
        jobs = plan.jobs() if state is not None else None  # serve keeps every page's job to compare next time
        others = write_site(env, config, content, plan, staging, workers, jobs)
        indexed = _index_search(staging) if config.search else 0
    except BaseException:
        discard(staging)
        raise
    publish(staging, config.output_dir)
    if jobs is not None:
        remember(state, config, theme, env, content, jobs, others)
    return BuildResult(pages=len(plan.addresses()), indexed=indexed, warnings=problems)


def write_site(env: Environment, config: SiteConfig, content: Content, plan: SitePlan, staging: Path,
               workers: int | None = None, jobs: list[PageJob] | None = None) -> dict[str, str]:
    """Render and write every page and area JSON (in workers for big sites), then the other files; return those.

    Each area's and guide's page is planned where it is rendered, unless `jobs` already has every page
    planned; the other pages are then planned and rendered here while the workers render those.
    """
    units: list[PageJob | AreaSummary | Guide] = ([*jobs, *plan.by_slug.values()] if jobs is not None
                                                  else [*plan.by_slug.values(), *plan.content.guides])
    # an area is a page and a JSON file, a guide is a page
    count = workers if workers is not None else workers_for(2 * len(plan.by_slug) + len(plan.content.guides))
    if count > 1:
        warm_templates(env)  # compile once here, not once per worker

    reuse = config.output_dir.resolve() if config.output_dir.is_dir() else None  # unchanged files are linked, not written

    def make_and_write(chunk: Sequence[PageJob | AreaSummary | Guide]) -> list[int]:
        planned = [plan.job(u) for u in chunk] if jobs is None else [u for u in chunk if isinstance(u, PageJob)]
        pages = [job_page(env, job, config.content_dir) for job in planned]
        areas = tuple(u.area for u in chunk if isinstance(u, AreaSummary))
        return [write_files(staging, pages, reuse) + write_files(staging, area_files(areas, config), reuse)]

    others: dict[str, str] = {}

    def make_and_write_others() -> None:  # in this process, while the workers render
        check_addresses(config, plan)
        others.update(other_files(config, content, plan, env))
        clashes = sorted(set(others) & {urls.output_path(url) for url, _ in plan.addresses()})
        if clashes:  # written at the same time as the pages, so one must not overwrite another
            raise BuildFailed([ContentError(config.content_dir, None, "", f"two files would be written to {c}") for c in clashes])
        if jobs is None:
            listed = (*plan.before, *plan.between, *plan.after)
            write_files(staging, [job_page(env, job, config.content_dir) for job in listed], reuse)
        write_files(staging, sorted(others.items()), reuse)

    map_in_workers(make_and_write, units, count, meanwhile=make_and_write_others)
    return others


def job_page(env: Environment, job: PageJob, content_dir: Path | None = None) -> tuple[str, str]:
    """A page's output path and HTML; BuildFailed naming the page's file if its Markdown cannot be rendered.

    `check` refuses any Markdown the renderer cannot take, so this is only a last line of defence.
    """
    source = getattr(job.context.page, "source_file", None)
    with rendering_markdown_of((content_dir or Path("content")) / source if source else Path(job.url)):
        return urls.output_path(job.url), render_page(env, job)


def remember(state: BuildState, config: SiteConfig, theme: tuple, env: Environment, content: Content,
             jobs: list[PageJob], others: dict[str, str], rewritten: int | None = None) -> None:
    """Record a good build in `state` for the next incremental rebuild."""
    state.config, state.theme, state.env, state.content, state.others = config, theme, env, content, others
    state.jobs = {urls.output_path(job.url): job for job in jobs}
    state.rewritten = rewritten


def theme_signature(config: SiteConfig) -> tuple:
    """Every template and static file with its size and modification time: a change means a full rebuild."""
    files = []
    for root in dict.fromkeys((DEFAULT_THEME, config.theme_dir)):
        files += [(str(p), *file_stamp(p)) for p in sorted(root.rglob("*")) if p.is_file()]
    return tuple(files)


def _index_search(site_dir: Path) -> int:
    from site_builder.output.search import index_search  # Pagefind's client is only imported when it is used

    return index_search(site_dir)

