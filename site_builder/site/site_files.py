"""The files GitHub Pages and crawlers expect beside the pages: sitemap, robots, .nojekyll."""

from __future__ import annotations

from datetime import date

from jinja2 import Environment

from site_builder.site import addresses as urls
from site_builder.config import SiteConfig


def site_files(config: SiteConfig, pages: list[tuple[str, date | None]], env: Environment) -> dict[str, str]:
    """Everything that is not a page, by output path: the sitemap lists `pages` (address, last updated: the plan's
    listed_addresses(), without the `noindex` redirect stubs) but 404.

    Addresses are absolute when the base URL is; the sitemap and robots.txt are the theme's templates.
    """
    def address(url: str) -> str:
        return urls.absolute_url(url, config.base_url) if config.absolute_base else urls.url_for(url, config.base_path)

    listed = [(address(url), updated) for url, updated in pages if url != urls.NOT_FOUND]
    return {
        "sitemap.xml": env.get_template("sitemap.xml").render(pages=listed),
        "robots.txt": env.get_template("robots.txt").render(sitemap_url=address("/sitemap.xml")),
        ".nojekyll": "",  # GitHub Pages would otherwise hide folders that start with _ or .
    }
