"""serve's rebuilds: after an edit only changed files are rewritten, the result is exactly a full build,
and a failed rebuild keeps the last good site while every page shows the problem."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from site_builder.commands.build import build_site
from site_builder.commands.rebuild import PreviewState
from site_builder.config import load_config
from site_builder.commands.serve import preview_handler, rebuild, with_banner
from site_builder.output.search import SearchIndexFailed
from site_builder.output.write import problem_report_path

from conftest import TODAY


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def assert_same_as_full_build(site, tmp_path: Path) -> None:
    """A fresh full build of the same content, into another folder, has exactly the same files."""
    config, problems = load_config(site.content_dir, tmp_path / "fresh", TODAY, search=False)
    build_site(config, problems)
    preview, fresh = tree(site.output_dir), tree(tmp_path / "fresh")
    assert sorted(preview) == sorted(fresh)
    assert [path for path in fresh if preview[path] != fresh[path]] == []


@pytest.fixture
def preview(make_site):
    """The minimal fixture built once by serve's rebuild, with the state serve keeps."""
    site = make_site()
    config, problems = load_config(site.content_dir, site.output_dir, TODAY, search=False)
    state = PreviewState()
    assert rebuild(config, problems, state)
    return site, config, problems, state


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def inode(path: Path) -> int:
    return path.stat().st_ino


def test_editing_an_area_rewrites_only_what_depends_on_it_and_matches_a_full_build(preview, tmp_path):
    site, config, problems, state = preview
    out = site.output_dir
    guide, area, other = out / "guides/what-is-an-inspection/index.html", out / "areas/testshire/index.html", out / "areas/exampleton/index.html"
    before = {p: inode(p) for p in (guide, area, other, out / "glossary/index.html", out / "data/index.html")}
    edit(site.content_dir / "areas/testshire.yaml", "outcome: systemic-failings", "outcome: inconsistent")
    edit(site.content_dir / "areas/testshire.yaml", "    priority_actions: 2\n", "")

    assert rebuild(config, problems, state)

    assert inode(area) != before[area], "the edited area's page is rewritten"
    assert inode(guide) == before[guide] and inode(out / "glossary/index.html") == before[out / "glossary/index.html"]
    assert inode(out / "data/index.html") == before[out / "data/index.html"]
    assert state.areas.loaded == [site.content_dir / "areas/testshire.yaml"], "only the edited file is parsed again"
    assert "Inconsistent experiences" in area.read_text("utf-8")
    assert_same_as_full_build(site, tmp_path)


def test_renaming_a_former_area_reaches_its_successors_and_the_lists(preview, tmp_path):
    site, config, problems, state = preview
    edit(site.content_dir / "areas/oldshire.yaml", "name: Oldshire", "name: Old Oldshire")
    assert rebuild(config, problems, state)
    assert "Old Oldshire" in (site.output_dir / "areas/south-oldshire/index.html").read_text("utf-8")
    assert_same_as_full_build(site, tmp_path)


@pytest.mark.parametrize("change", ["guide", "notes", "new area", "removed area", "second edit"])
def test_other_changes_also_match_a_full_build(preview, tmp_path, change):
    site, config, problems, state = preview
    content = site.content_dir
    if change == "guide":
        edit(content / "guides/what-is-an-inspection.md", "title: ", "title: Updated, ")
    elif change == "notes":
        (content / "areas/south-oldshire.md").write_text("Notes changed in the preview.\n", "utf-8")
    elif change == "new area":
        site.write("areas/newtown.yaml", "name: Newtown\ngss_code: E06000999\nregion: London\nlast_reviewed: 2026-11-01\n")
    elif change == "removed area":
        (content / "areas/exampleton.yaml").unlink()
        for path in content.glob("areas/*.yaml"):  # other areas may list it as a neighbour
            path.write_text(path.read_text("utf-8").replace("exampleton, ", "").replace(", exampleton", ""), "utf-8")
    else:
        edit(content / "areas/exampleton.yaml", "last_reviewed: ", "last_reviewed: 2026-11-22\nold_reviewed: ")
        edit(content / "areas/exampleton.yaml", "\nold_reviewed: ", "\n# was: ")
        assert rebuild(config, problems, state)
        edit(content / "areas/exampleton.yaml", "last_reviewed: 2026-11-22", "last_reviewed: 2026-11-23")
    assert rebuild(config, problems, state)
    assert_same_as_full_build(site, tmp_path)


def test_a_failed_rebuild_keeps_the_last_good_site_and_shows_the_problem_until_fixed(preview, tmp_path):
    site, config, problems, state = preview
    good = tree(site.output_dir)
    area = site.content_dir / "areas/testshire.yaml"
    edit(area, "published: 2024-07-19", "published: 19th July")

    assert not rebuild(config, problems, state)

    assert tree(site.output_dir) == good, "the last good site is untouched"
    report = problem_report_path(site.output_dir).read_text("utf-8")
    assert "testshire.yaml:" in report and "events[2].published: expected a date like 2024-03-05 (or a month like 2023-01 when no source gives the day), got '19th July'" in report
    page = (site.output_dir / "areas/exampleton/index.html").read_bytes()
    shown = with_banner(page, report).decode("utf-8")
    assert shown.index('role="alert"') < shown.index("<h1") and "19th July" in shown
    handler = preview_handler(site.output_dir)
    served = handler.get_content(str(site.output_dir / "areas/exampleton/index.html"))
    assert b"The site did not rebuild" in served and b"19th July" in served
    assert handler.get_content(str(site.output_dir / "data/areas.csv")) != served

    edit(area, "published: 19th July", "published: 2024-07-20")
    assert rebuild(config, problems, state)

    assert not problem_report_path(site.output_dir).exists(), "the banner goes away by itself"
    served = b"".join(handler.get_content(str(site.output_dir / "areas/exampleton/index.html")))
    assert b"The site did not rebuild" not in served
    assert_same_as_full_build(site, tmp_path)


def test_a_parallel_build_is_byte_identical_to_a_serial_one(make_site, tmp_path, monkeypatch):
    from site_builder.commands import workers

    site = make_site()
    serial, problems = load_config(site.content_dir, tmp_path / "serial", TODAY, search=False)
    parallel, _ = load_config(site.content_dir, tmp_path / "parallel", TODAY, search=False)
    build_site(serial, problems, workers=1)
    monkeypatch.setattr(workers, "CHUNK", 2)  # the fixture's few files, loaded and rendered in parts across both
    build_site(parallel, problems, workers=2)
    assert tree(tmp_path / "serial") == tree(tmp_path / "parallel")


def test_a_parallel_build_that_fails_keeps_the_last_good_site(make_site, tmp_path, monkeypatch):
    from site_builder.commands import build as build_module
    from site_builder.errors import BuildFailed, ContentError

    site = make_site()
    config, problems = load_config(site.content_dir, tmp_path / "out", TODAY, search=False)
    build_site(config, problems, workers=2)
    before = tree(tmp_path / "out")

    def fail(*args):
        raise BuildFailed([ContentError(site.content_dir, None, "", "made up for the test")])

    monkeypatch.setattr(build_module, "other_files", fail)  # fails in the worker that makes the site files
    with pytest.raises(BuildFailed):
        build_site(config, problems, workers=2)
    assert tree(tmp_path / "out") == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-staging-")]


def test_with_search_on_each_save_shows_the_new_pages_or_the_real_mistake_and_a_revert_restores_them(make_site):
    """The preview with search on (issue 18): a good edit, a bad one and a revert, as a maintainer saves them. Each
    rebuild runs inside an event loop, as livereload runs it."""
    def saved(*args) -> bool:
        async def in_the_preview() -> bool:
            return rebuild(*args)
        return asyncio.run(in_the_preview())

    site = make_site()
    config, problems = load_config(site.content_dir, site.output_dir, TODAY, search=True)
    state = PreviewState()
    assert saved(config, problems, state)
    page = site.output_dir / "areas/testshire/index.html"
    original_text, original_page = (site.content_dir / "areas/testshire.yaml").read_text("utf-8"), page.read_bytes()
    index = site.output_dir / "pagefind/pagefind-entry.json"
    assert index.exists()

    edit(site.content_dir / "areas/testshire.yaml", "outcome: systemic-failings", "outcome: inconsistent")
    edit(site.content_dir / "areas/testshire.yaml", "    priority_actions: 2\n", "")
    assert saved(config, problems, state)
    assert not problem_report_path(site.output_dir).exists()
    assert b"Inconsistent experiences and outcomes" in page.read_bytes() and index.exists()

    edit(site.content_dir / "areas/testshire.yaml", "published: 2024-07-19", "published: 19th July")
    assert not saved(config, problems, state)
    report = problem_report_path(site.output_dir).read_text("utf-8")
    assert "events[2].published: expected a date" in report and "asyncio" not in report

    (site.content_dir / "areas/testshire.yaml").write_text(original_text, "utf-8")
    assert saved(config, problems, state)
    assert not problem_report_path(site.output_dir).exists()
    assert page.read_bytes() == original_page


def test_when_only_search_fails_the_preview_says_exactly_that(preview, monkeypatch):
    site, config, problems, state = preview
    config, problems = load_config(site.content_dir, site.output_dir, TODAY, search=True)
    assert rebuild(config, problems, state)  # a full build with search, the state serve keeps

    def broken(config):
        raise SearchIndexFailed("search indexing failed: the index service stopped")

    monkeypatch.setattr("site_builder.commands.rebuild.reindex", broken)
    edit(site.content_dir / "areas/testshire.yaml", "outcome: systemic-failings", "outcome: inconsistent")
    edit(site.content_dir / "areas/testshire.yaml", "    priority_actions: 2\n", "")
    assert rebuild(config, problems, state)
    assert b"Inconsistent experiences and outcomes" in (site.output_dir / "areas/testshire/index.html").read_bytes()
    served = preview_handler(site.output_dir).get_content(str(site.output_dir / "areas/exampleton/index.html"))
    assert b"Search could not be updated: the pages are current, search results may not be" in served
    assert b"The site did not rebuild" not in served and b"the index service stopped" in served
