"""Guide pages are planned and rendered in the worker processes, like area pages, with the same output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.commands.build import build_site
from site_builder.config import load_config
from site_builder.errors import BuildFailed

from conftest import TODAY

GUIDES = {f"guides/guide-{n}.md": (f"---\ntitle: Guide {n}\nsummary: Guide number {n}.\nupdated: 2026-11-0{n}\n---\n"
                                   f"## Part {n}\n\nSee the [glossary](/glossary/) and \"quotes\" -- {n}.\n")
          for n in range(1, 6)}


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_guides_rendered_in_workers_match_a_serial_build(make_site, tmp_path):
    site = make_site(GUIDES)
    built = {}
    for name, workers in (("serial", 1), ("workers", 2)):
        config, problems = load_config(site.content_dir, tmp_path / name, TODAY, base_url="https://example.org/portal/",
                                       search=False)
        build_site(config, problems, workers=workers)
        built[name] = tree(tmp_path / name)
    assert built["workers"] == built["serial"]
    assert sum(path.startswith("guides/guide-") for path in built["workers"]) == 5
    sitemap = built["workers"]["sitemap.xml"].decode()
    order = [sitemap.index(f"/portal/{page}/<") for page in ("guides", "guides/guide-1", "guides/guide-5", "glossary")]
    assert order == sorted(order), "guide pages are listed after the guides' index and before the glossary"


def test_a_guide_that_cannot_be_rendered_in_a_worker_names_its_file(make_site, tmp_path, monkeypatch):
    from site_builder.site.pages import guides as guide_pages
    from site_builder.content.markdown import MarkdownRenderError

    site = make_site(GUIDES)
    config, problems = load_config(site.content_dir, tmp_path / "out", TODAY, search=False)
    build_site(config, problems, workers=2)
    before = tree(tmp_path / "out")
    original = guide_pages.render_markdown

    def refuse(text, base_path=""):  # only guide 3, in whichever worker renders it
        if "Part 3" in text:
            (tmp_path / "rendered-by").write_text(str(os.getpid()))
            raise MarkdownRenderError(1, "lists are nested more than 20 levels deep")
        return original(text, base_path)

    monkeypatch.setattr(guide_pages, "render_markdown", refuse)
    with pytest.raises(BuildFailed) as failed:
        build_site(config, problems, workers=2)
    [problem] = failed.value.problems
    assert problem.path == site.content_dir / "guides/guide-3.md"
    assert problem.message == "this Markdown could not be turned into a page: lists are nested more than 20 levels deep"
    assert tree(tmp_path / "out") == before
    assert int((tmp_path / "rendered-by").read_text()) != os.getpid(), "the guide was rendered in a worker"
