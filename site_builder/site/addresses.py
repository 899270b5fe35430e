"""Permanent addresses: every page's URL and the file it is written to.

URLs here are site-relative ("/areas/bedford/"); `url_for` adds the base path so the
same site works at a domain root and under /<repo>/ on GitHub Pages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath

HOME = "/"
AREAS = "/areas/"
GUIDES = "/guides/"
GLOSSARY = "/glossary/"
SEARCH = "/search/"
DATA = "/data/"
ACCESSIBILITY = "/accessibility/"
WHICH_AREA = "/which-area/"
NOT_FOUND = "/404.html"


@lru_cache(maxsize=4096)
def slugify(text: str) -> str:
    """"Yorkshire and The Humber" -> "yorkshire-and-the-humber"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def area_url(slug: str) -> str:
    """/areas/<slug>/."""
    return f"/areas/{slug}/"


def region_url(region: str) -> str:
    """/regions/<region-slug>/."""
    return f"/regions/{slugify(region)}/"


def guide_url(slug: str) -> str:
    """/guides/<slug>/."""
    return f"/guides/{slug}/"


def glossary_url(term_id: str) -> str:
    """/glossary/#<id>."""
    return f"/glossary/#{term_id}"


def url_for(url: str, base_path: str) -> str:
    """Prefix a site-relative URL with the base path ("" or "/portal")."""
    return base_path + url if url.startswith("/") else url


def absolute_url(url: str, base_url: str) -> str:
    """A full address for feeds, sitemaps and canonical links (base_url like https://x.github.io/repo/)."""
    return base_url.rstrip("/") + url


def output_path(url: str) -> str:
    """The file a URL is served from: "/areas/bedford/" -> "areas/bedford/index.html"."""
    path = url.split("#")[0].lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return str(PurePosixPath(path))
