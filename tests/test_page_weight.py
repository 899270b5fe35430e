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
