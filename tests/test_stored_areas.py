"""Areas parsed by one build are reused by the next only while nothing they depend on has changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder import stored_areas, usercache
from site_builder.build import build_site, load_and_check
from site_builder.config import load_config
from site_builder.content import load_area

from conftest import TODAY


@pytest.fixture
def parsed(tmp_path, monkeypatch) -> list[str]:
    """A private cache folder for the test, and the name of every area file parsed (not taken from it)."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setattr(usercache, "cache_dir", lambda: folder)
    names: list[str] = []

    def counting_load_area(path: Path):
        names.append(path.stem)
        return load_area(path)

    monkeypatch.setattr(stored_areas, "load_area", counting_load_area)
    return names


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_second_build_parses_nothing_and_gives_the_same_site(make_site, tmp_path, parsed):
    site = make_site()
    first, problems = load_config(site.content_dir, tmp_path / "first", TODAY, search=False)
    build_site(first, problems)
    assert sorted(parsed) == sorted(p.stem for p in (site.content_dir / "areas").glob("*.yaml"))
    parsed.clear()
    second, _ = load_config(site.content_dir, tmp_path / "second", TODAY, search=False)
    build_site(second, problems)
    assert parsed == []
    assert tree(tmp_path / "first") == tree(tmp_path / "second")


def test_an_edited_file_or_its_notes_is_parsed_again(make_site, tmp_path, parsed):
    site = make_site()
    config, problems = load_config(site.content_dir, tmp_path / "out", TODAY, search=False)
    load_and_check(config)
    parsed.clear()
    area = site.content_dir / "areas" / "exampleton.yaml"
    area.write_text(area.read_text("utf-8").replace("name: Exampleton", "name: Exampleton Town"), "utf-8")
    (site.content_dir / "areas" / "testshire.md").write_text("New notes about Testshire.\n", "utf-8")
    content, _ = load_and_check(config)
    assert sorted(parsed) == ["exampleton", "testshire"]
    by_slug = {a.slug: a for a in content.areas}
    assert by_slug["exampleton"].name == "Exampleton Town"
    assert by_slug["testshire"].notes == "New notes about Testshire.\n"


def test_a_file_with_problems_is_checked_every_time(make_site, tmp_path, parsed):
    site = make_site()
    area = site.content_dir / "areas" / "exampleton.yaml"
    area.write_text(area.read_text("utf-8").replace("region:", "regio:"), "utf-8")
    config, _ = load_config(site.content_dir, tmp_path / "out", TODAY, search=False)
    load_and_check(config)
    for _ in range(2):
        parsed.clear()
        _, problems = load_and_check(config)
        assert parsed == ["exampleton"]
        assert any(p.path == area and "regio" in p.message for p in problems)


def test_new_code_or_a_damaged_cache_means_parsing_again(make_site, tmp_path, parsed, monkeypatch):
    site = make_site()
    config, _ = load_config(site.content_dir, tmp_path / "out", TODAY, search=False)
    expected, _ = load_and_check(config)
    everything = sorted(parsed)
    for stored in (tmp_path / "cache").glob("areas-*.pickle"):
        stored.write_bytes(b"not a pickle")
    parsed.clear()
    assert load_and_check(config)[0] == expected and sorted(parsed) == everything
    parsed.clear()
    monkeypatch.setattr(stored_areas, "code_version", lambda: "another version")
    assert load_and_check(config)[0] == expected and sorted(parsed) == everything
