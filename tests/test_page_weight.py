"""Pages stay light: no JavaScript except on the search page (sizes are measured by bench/run.py, not here)."""

from __future__ import annotations


def test_only_the_search_page_loads_javascript(built_site):
    loading = []
    for path in built_site.html_files():
        soup = built_site.soup(str(path.relative_to(built_site.output_dir)))
        scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
        handlers = [tag.name for tag in soup.find_all(True) if any(attr.startswith("on") for attr in tag.attrs)]
        if scripts or handlers:
            loading.append(str(path.relative_to(built_site.output_dir)))
    assert loading == ["search/index.html"]


def area_page_weights(output_dir) -> list[tuple[int, str]]:
    """Each area page's HTML plus the stylesheet it loads, gzip-compressed (level 6, as bench/run.py and servers do)."""
    import gzip

    css = len(gzip.compress((output_dir / "static" / "site.css").read_bytes(), compresslevel=6, mtime=0))
    return sorted((len(gzip.compress(p.read_bytes(), compresslevel=6, mtime=0)) + css, p.parent.name)
                  for p in (output_dir / "areas").glob("*/index.html"))


def test_every_shipped_area_page_and_its_stylesheet_are_under_14_kb_compressed(shipped_site):
    """14 KB is what a first round trip can bring: the page and its CSS arrive together on a slow phone."""
    weights = area_page_weights(shipped_site)
    assert len(weights) > 150
    assert weights[-1][0] < 14_000, f"largest: {weights[-1]}"


def test_every_fixture_area_page_and_its_stylesheet_are_under_14_kb_compressed(built_site):
    weights = area_page_weights(built_site.output_dir)
    assert weights and weights[-1][0] < 14_000, f"largest: {weights[-1]}"
