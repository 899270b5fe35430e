"""Where things are and how the site is addressed: content/site.yaml plus command-line options."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from site_builder.errors import ContentError
from site_builder.content.schema import validate_document
from site_builder.content.files import read_text
from site_builder.content.yaml_source import parse_yaml

DEFAULT_TITLE = "SEND area inspections"
DEFAULT_DESCRIPTION = (
    "How every local area in England is doing in its SEND inspections by Ofsted and the "
    "Care Quality Commission, in plain English: what it means, what happens next and where to get help."
)
PACKAGE_DIR = Path(__file__).resolve().parent
"""The site_builder package itself: the code, its schemas, data and default theme."""
PACKAGE_ROOT = PACKAGE_DIR.parent
"""The folder holding the package: the project checkout, or site-packages when installed. Never an output folder."""
DEFAULT_THEME = PACKAGE_DIR / "themes" / "default"
"""The theme shipped inside the package (templates/ and static/), so an installed wheel can build a site."""


@dataclass(frozen=True)
class SiteConfig:
    """Settings for one build."""

    content_dir: Path
    """--content: the folder holding site.yaml, areas/ and guides/."""
    output_dir: Path
    """--output: where the built site goes."""
    theme_dir: Path
    """The theme: templates/ and static/."""
    today: date
    """--today: "now" for upcoming notices and overdue flags."""
    base_url: str = "/"
    """--base-url or site.yaml `base_url`: ends in "/"; may be a full address or just a path."""
    title: str = DEFAULT_TITLE
    """site.yaml `title`."""
    description: str = DEFAULT_DESCRIPTION
    """site.yaml `description`."""
    repo_url: str | None = None
    """site.yaml `repo_url`: for "edit this page" links."""
    repo_branch: str = "main"
    """site.yaml `repo_branch`."""
    search: bool = True
    """False with --no-search."""
    facts_checked: date | None = None
    """site.yaml `facts_checked`: when the content as a whole was last checked against Ofsted's and other sources."""
    complete_to: date | None = None
    """site.yaml `complete_to`: reports published up to this date are all believed recorded: the figures' "as at"."""

    @property
    def base_path(self) -> str:
        """The path part of base_url without the trailing slash: "" or "/portal"."""
        return urlsplit(self.base_url).path.rstrip("/")

    @property
    def absolute_base(self) -> str | None:
        """The full https address of the site root, when base_url gives one."""
        return self.base_url if urlsplit(self.base_url).scheme else None

    @property
    def areas_dir(self) -> Path:
        """content/areas."""
        return self.content_dir / "areas"

    @property
    def guides_dir(self) -> Path:
        """content/guides."""
        return self.content_dir / "guides"


def load_config(content_dir: Path, output_dir: Path, today: date, base_url: str | None = None,
                search: bool = True, theme_dir: Path | None = None,
                repo_url: str | None = None) -> tuple[SiteConfig, list[ContentError]]:
    """Read content/site.yaml (optional) and merge the command-line options over it."""
    settings: dict = {}
    problems: list[ContentError] = []
    site_path = content_dir / "site.yaml"
    if os.path.lexists(site_path):
        text, problems = read_text(site_path, content_dir)
        doc, parse_problems = parse_yaml(text, site_path) if text is not None else (None, [])
        problems += parse_problems
        if doc is not None and doc.data is not None:
            problems += validate_document(doc, "site", site_path)
            if isinstance(doc.data, dict) and not problems:
                settings = doc.data
    url = normalise_base_url(base_url or settings.get("base_url") or "/")
    config = SiteConfig(
        content_dir=content_dir,
        output_dir=output_dir,
        theme_dir=theme_dir or DEFAULT_THEME,
        today=today,
        base_url=url,
        title=settings.get("title", DEFAULT_TITLE),
        description=settings.get("description", DEFAULT_DESCRIPTION),
        repo_url=(repo_url or settings.get("repo_url") or "").rstrip("/") or None,
        repo_branch=settings.get("repo_branch", "main"),
        search=search,
        facts_checked=date.fromisoformat(settings["facts_checked"]) if "facts_checked" in settings else None,
        complete_to=date.fromisoformat(settings["complete_to"]) if "complete_to" in settings else None,
    )
    return config, problems


def normalise_base_url(url: str) -> str:
    """Make sure the base URL ends in exactly one slash."""
    return url.rstrip("/") + "/"
