"""Build the site: load, check, plan, render and write, index.

`build_site` is the whole pipeline, one stage a line, and each stage is a function below;
`serve`'s quick rebuild (rebuild.py) calls the same ones. The site is made in a staging
folder and published only when it is complete (output/write.py), so a build that fails
leaves the last good site as it was.

The site is rendered in units that depend on nothing but the plan: an area (its page and
its JSON), a guide (its page), or SITE (every other page, and the files about the whole
site). A big site's units are rendered and written in worker processes (workers.py), a
small site's in this one, with the same functions, so the output is the same byte for byte
either way.
"""

from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Iterator, Sequence

from jinja2 import Environment

from site_builder.commands.workers import in_workers, load_in_workers, workers_for
from site_builder.config import PACKAGE_ROOT, SiteConfig
from site_builder.content.files import links_in
from site_builder.content.freshness import future_dates
from site_builder.content.load import AreaLoader, load_area, load_content, load_guide
from site_builder.domain.models import Content, Guide
from site_builder.errors import BuildFailed, ContentError, errors_only
from site_builder.output.render import DEFAULT_THEME, make_environment, render_page, warm_templates
from site_builder.output.write import copy_static, output_problem, staged, write_files
from site_builder.site import addresses as urls
from site_builder.site.feed import atom_feed
from site_builder.site.open_data import area_files, summary_files
from site_builder.site.pages import AreaSummary, PageJob, SitePlan, rendering_markdown_of
from site_builder.site.site_files import site_files


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
    """Files rewritten by serve's quick rebuild; None after a full build."""


SITE = "the pages and files about the whole site"
"""The unit for every page that is not an area's or a guide's (home, lists, maps, glossary and the rest), the
sitemap, robots.txt, the feed and the data files about every area."""

Unit = AreaSummary | Guide | str
"""One piece of the site to render and write: an area (its page and JSON), a guide (its page), or SITE."""


def build_site(config: SiteConfig, extra_problems: list[ContentError] | None = None, areas: AreaLoader | None = None,
               workers: int | None = None) -> BuildResult:
    """Build the whole site into config.output_dir, or raise BuildFailed and leave the last good site as it was.

    `areas` loads area files (serve passes its cache of parsed files); `workers` says how many
    processes load and render (None: as many as pay for the site's size).
    """
    with collection_paused():
        refuse_output_folder(config)
        content, problems = load_and_check(config, areas, workers)
        problems = stop_on_errors((extra_problems or []) + problems)
        plan = SitePlan(config, content)  # which pages there are; each is planned in full where it is rendered
        env = make_environment(config)
        with staged(config.output_dir) as folder:
            copy_static(static_dirs(config), folder)
            pages = render_and_write(env, plan, folder, workers)
            indexed = index_search(folder) if config.search else 0
    return BuildResult(pages=pages, indexed=indexed, warnings=problems)


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector (in the worker processes too, which inherit it).

    A build makes millions of objects that live until it ends and almost no reference cycles,
    so the collector's passes over them find nothing: with it running, a cold build of 10,000
    areas took 10.3 s instead of 9.6 s (docs/performance.md). Reference counting still frees
    everything else at once.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def refuse_output_folder(config: SiteConfig) -> None:
    """BuildFailed if the site must not be written to config.output_dir (see write.output_problem)."""
    refusal = output_problem(config.output_dir, folders_to_keep(config))
    if refusal is not None:
        raise BuildFailed([ContentError(config.output_dir, None, "--output", refusal)])


def folders_to_keep(config: SiteConfig) -> dict[str, Path]:
    """Folders a build must never delete or write into."""
    return {"the current folder": Path.cwd(), "the content folder": config.content_dir, "the theme": config.theme_dir,
            "the default theme": DEFAULT_THEME, "the site_builder package": PACKAGE_ROOT / "site_builder",
            "the project": PACKAGE_ROOT, "your home folder": Path.home()}


def load_and_check(config: SiteConfig, areas: AreaLoader | None = None,
                   workers: int | None = None) -> tuple[Content, list[ContentError]]:
    """Load the content and collect every problem (errors and warnings), links in the theme included.

    Area files and guides are loaded in `workers` processes (None: in as many as pay for how many there are).
    """
    load_areas = areas or partial(load_in_workers, load_area, workers=workers)
    load_guides = partial(load_in_workers, load_guide, workers=workers)
    content, problems = load_content(config.content_dir, load_areas, load_guides)
    problems += future_dates(content.areas, config.today)  # a report dated after today would be shown and in the feed
    theme_links = [p for folder in dict.fromkeys((DEFAULT_THEME, config.theme_dir)) for p in links_in(folder)]
    return content, theme_links + problems


def stop_on_errors(problems: list[ContentError]) -> list[ContentError]:
    """BuildFailed with every problem if any is an error; else the warnings, to report after the build."""
    if errors_only(problems):
        raise BuildFailed(problems)
    return problems


def render_and_write(env: Environment, plan: SitePlan, folder: Path, workers: int | None = None) -> int:
    """Render every page and file of the site into `folder`, in worker processes for big sites; how many pages.

    Each worker renders and writes its own parts, so no page's text travels between processes.
    """
    units: list[Unit] = [SITE, *plan.by_slug.values(), *plan.content.guides]  # the biggest first
    count = workers if workers is not None else workers_for(2 * len(plan.by_slug) + len(plan.content.guides))  # files
    if count > 1:
        warm_templates(env)  # compiled once here, not once in each worker
    return sum(in_workers(lambda part: write_part(env, plan, part, folder), units, count))


def write_part(env: Environment, plan: SitePlan, part: Sequence[Unit], folder: Path) -> int:
    """Render a part of the site and write its files; how many pages it wrote.

    Each step runs over the whole part before the next (plan every page, render every page,
    make the other files), which is about a tenth faster than unit by unit.
    """
    pages = [page_file(env, job, plan.config.content_dir) for job in page_jobs(plan, part)]
    write_files(folder, pages)
    write_files(folder, data_files(env, plan, part))
    return len(pages)


def page_jobs(plan: SitePlan, part: Sequence[Unit]) -> list[PageJob]:
    """Every page of a part, planned: each area's and guide's, and for SITE every other page.

    A big site's area and guide pages are planned here, in the worker that renders them; the
    pages about the whole site are planned after checking that no two pages share an address.
    """
    jobs = [plan.job(unit) for unit in part if unit != SITE]
    if SITE in part:
        check_addresses(plan)
        jobs += [*plan.before, *plan.between, *plan.after]
    return jobs


def data_files(env: Environment, plan: SitePlan, part: Sequence[Unit]) -> dict[str, str]:
    """The files of a part that are not pages: each area's JSON, and for SITE the sitemap, robots.txt, feed and data."""
    files = area_files(tuple(unit.area for unit in part if isinstance(unit, AreaSummary)), plan.config)
    if SITE in part:
        files.update(other_files(plan.config, plan.content, plan, env))
    return files


def check_addresses(plan: SitePlan) -> None:
    """BuildFailed if two pages would share an address."""
    duplicates = [url for url, n in Counter(url for url, _ in plan.addresses()).items() if n > 1]
    if duplicates:
        raise BuildFailed([ContentError(plan.config.content_dir, None, "", f"two pages would be written to {url}")
                           for url in duplicates])


def page_file(env: Environment, job: PageJob, content_dir: Path) -> tuple[str, str]:
    """A page's output path and HTML; BuildFailed naming the page's file if its Markdown cannot be rendered.

    `check` refuses any Markdown the renderer cannot take, so this is only a last line of defence.
    """
    source = getattr(job.context.page, "source_file", None)
    with rendering_markdown_of(content_dir / source if source else Path(job.url)):
        return urls.output_path(job.url), render_page(env, job)


def other_files(config: SiteConfig, content: Content, plan: SitePlan, env: Environment) -> dict[str, str]:
    """Every file that is neither a page nor one area's JSON: sitemap, robots, the data files, the feed."""
    files = site_files(config, plan.listed_addresses(), env)
    files.update(summary_files(content.areas, config))
    files["feed.xml"] = atom_feed(content.areas, config, env)
    return files


def static_dirs(config: SiteConfig) -> list[Path]:
    """The theme's static folders, the default theme's first."""
    return [DEFAULT_THEME / "static", config.theme_dir / "static"]


def index_search(site_dir: Path) -> int:
    """Index the site in `site_dir` for search (Pagefind); how many pages it indexed."""
    from site_builder.output.search import index_search as pagefind  # its client is only imported when used

    return pagefind(site_dir)
