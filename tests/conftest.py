"""Shared test helpers: build a small fictional site into a temporary folder and read it back."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_builder.commands.build import BuildResult, build_site
from site_builder.config import load_config

FIXTURES = Path(__file__).parent / "fixtures"


def copy_fixture(name: str, target: Path) -> Path:
    """A fixture's content folder written to `target`: the minimal fixture's files, then the named fixture's own
    over them. The browser fixture keeps only what it adds to the minimal one or changes, so no file is kept twice."""
    shutil.copytree(FIXTURES / "minimal" / "content", target)
    if name != "minimal":
        shutil.copytree(FIXTURES / name / "content", target, dirs_exist_ok=True)
    return target
TODAY = date(2026, 11, 23)


@dataclass
class SiteUnderTest:
    """A content folder in tmp_path, and the site built from it."""

    root: Path
    content_dir: Path
    output_dir: Path

    def build(self, base_url: str | None = None, today: date = TODAY, search: bool = False) -> BuildResult:
        config, problems = load_config(self.content_dir, self.output_dir, today, base_url=base_url, search=search)
        return build_site(config, problems)

    def write(self, relative: str, text: str) -> Path:
        path = self.content_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def soup(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup((self.output_dir / relative).read_text("utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(p for p in self.output_dir.rglob("*.html") if "pagefind" not in p.parts)


@pytest.fixture
def make_site(tmp_path):
    """make_site(files={...}, fixture="minimal") copies a fixture's content and writes/overrides files."""

    def make(files: dict[str, str | None] | None = None, fixture: str = "minimal") -> SiteUnderTest:
        content_dir = tmp_path / "content"
        if content_dir.exists():
            shutil.rmtree(content_dir)
        copy_fixture(fixture, content_dir)
        site = SiteUnderTest(tmp_path, content_dir, tmp_path / "output")
        for relative, text in (files or {}).items():
            if text is None:
                (content_dir / relative).unlink()
            else:
                site.write(relative, text)
        return site

    return make


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> SiteUnderTest:
    """The minimal fixture built once under /portal/ (read-only: do not change it in tests)."""
    root = tmp_path_factory.mktemp("built")
    content_dir = root / "content"
    shutil.copytree(FIXTURES / "minimal" / "content", content_dir)
    site = SiteUnderTest(root, content_dir, root / "output")
    site.build(base_url="https://example.github.io/portal/")
    return site


SHIPPED_CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(scope="session")
def shipped_content():
    """The real content in content/, loaded once; it must have no errors."""
    from site_builder.content.load import load_content

    loaded, problems = load_content(SHIPPED_CONTENT)
    assert [p.format() for p in problems if p.severity == "error"] == []
    return loaded


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The real content built once under /portal/ without search (read-only)."""
    output = tmp_path_factory.mktemp("shipped") / "output"
    config, problems = load_config(SHIPPED_CONTENT, output, TODAY, base_url="https://example.github.io/portal/", search=False)
    build_site(config, problems)
    return output
