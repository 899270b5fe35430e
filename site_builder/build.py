"""The pipeline: load, validate, model, render, write, index."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .config import SiteConfig
from .content import load_content
from .errors import BuildFailed, ContentError, errors_only
from .exports import data_files
from .feed import atom_feed
from .models import Content
from .pages import PageJob, plan_pages
from .render import DEFAULT_THEME, make_environment, render_page
from .search import index_search
from .site_files import site_files
from .write import discard, publish, stage_output


@dataclass(frozen=True)
class BuildResult:
    """What a build produced."""

    pages: int
    """Pages written."""
    indexed: int
    """Pages in the search index (0 with --no-search)."""
    warnings: list[ContentError]
    """Problems that did not stop the build."""


def load_and_check(config: SiteConfig) -> tuple[Content, list[ContentError]]:
    """Load the content and collect every problem (errors and warnings)."""
    return load_content(config.content_dir)


def render_site(config: SiteConfig, content: Content) -> tuple[list[PageJob], dict[str, str]]:
    """Every output file's text, by output path. Pure: nothing is written."""
    jobs = plan_pages(config, content)
    duplicates = [u for u, n in Counter(job.url for job in jobs).items() if n > 1]
    if duplicates:
        raise BuildFailed([ContentError(config.content_dir, None, "", f"two pages would be written to {u}") for u in duplicates])
    env = make_environment(config)
    files = {urls.output_path(job.url): render_page(env, job) for job in jobs}
    files.update(site_files(config, jobs))
    files.update(data_files(content.areas, config))
    files["feed.xml"] = atom_feed(content.areas, config)
    return jobs, files


def build_site(config: SiteConfig, extra_problems: list[ContentError] | None = None) -> BuildResult:
    """Build the whole site into config.output_dir, or raise BuildFailed and leave it as it was."""
    content, problems = load_and_check(config)
    problems = list(extra_problems or []) + problems
    if errors_only(problems):
        raise BuildFailed(problems)
    jobs, files = render_site(config, content)
    static_dirs = [DEFAULT_THEME / "static", config.theme_dir / "static"]
    staging = stage_output(files, static_dirs, config.output_dir)
    try:
        indexed = index_search(staging) if config.search else 0
    except BaseException:
        discard(staging)
        raise
    publish(staging, config.output_dir)
    return BuildResult(pages=len(jobs), indexed=indexed, warnings=problems)


def output_dir_default(root: Path) -> Path:
    """Where `build` writes when --output is not given."""
    return root / "output"
