"""The files GitHub Pages and crawlers expect beside the pages: sitemap, robots, .nojekyll."""

from __future__ import annotations

from xml.sax.saxutils import escape

from datetime import date

from . import urls
from .config import SiteConfig


def sitemap_xml(config: SiteConfig, pages: list[tuple[str, date | None]]) -> str:
    """A sitemap of every page (address, last updated) but the 404 page; absolute addresses when the base URL is."""
    entries = []
    for url, updated in pages:
        if url == urls.NOT_FOUND:
            continue
        loc = urls.absolute_url(url, config.base_url) if config.absolute_base else urls.url_for(url, config.base_path)
        lastmod = f"<lastmod>{updated.isoformat()}</lastmod>" if updated else ""
        entries.append(f"  <url><loc>{escape(loc)}</loc>{lastmod}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(entries) + "\n</urlset>\n")


def robots_txt(config: SiteConfig) -> str:
    """Allow everything and point at the sitemap."""
    sitemap = urls.absolute_url("/sitemap.xml", config.base_url) if config.absolute_base else urls.url_for("/sitemap.xml", config.base_path)
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"


def site_files(config: SiteConfig, pages: list[tuple[str, date | None]]) -> dict[str, str]:
    """Everything that is not a page, by output path; `pages` as sitemap_xml takes them."""
    return {
        "sitemap.xml": sitemap_xml(config, pages),
        "robots.txt": robots_txt(config),
        ".nojekyll": "",  # GitHub Pages would otherwise hide folders that start with _ or .
    }
