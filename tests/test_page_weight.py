"""Pages stay light: no JavaScript except on the search page, and one line on redirect stubs (sizes are measured by
bench/run.py, not here)."""

from __future__ import annotations

import json


def redirect_stub_script(soup) -> bool:
    """Whether the page is a redirect stub whose only script is the one line that keeps a link's #anchor: in the head,
    no attributes, before the meta refresh, and to exactly the address that refresh leads to."""
    refresh = soup.select_one('head meta[http-equiv="refresh"]')
    scripts = soup.find_all("script")
    if refresh is None or len(scripts) != 1 or scripts[0].attrs or scripts[0].parent.name != "head":
        return False
    target = refresh["content"].removeprefix("0; url=")
    return (scripts[0].string == f"location.replace({json.dumps(target)} + location.hash)"
            and scripts[0] in refresh.find_all_previous("script"))


def test_only_the_search_page_loads_javascript(built_site):
    loading, stubs = [], []
    for path in built_site.html_files():
        name = str(path.relative_to(built_site.output_dir))
        soup = built_site.soup(name)
        scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
        handlers = [tag.name for tag in soup.find_all(True) if any(attr.startswith("on") for attr in tag.attrs)]
        if scripts and not handlers and redirect_stub_script(soup):
            stubs.append(name)
        elif scripts or handlers:
            loading.append(name)
    assert loading == ["search/index.html"]
    assert stubs == ["areas/old-testshire/index.html"]


def test_the_redirect_rule_allows_nothing_more_than_that_line():
    from bs4 import BeautifulSoup

    def stub(head: str) -> BeautifulSoup:
        return BeautifulSoup(f"<html><head>{head}</head><body></body></html>", "html.parser")

    refresh = '<meta http-equiv="refresh" content="0; url=/portal/areas/testshire/">'
    line = '<script>location.replace("/portal/areas/testshire/" + location.hash)</script>'
    assert redirect_stub_script(stub(line + refresh))
    assert not redirect_stub_script(stub(refresh + line))  # after the refresh
    assert not redirect_stub_script(stub(line))  # not a redirect stub
    assert not redirect_stub_script(stub(line.replace("/testshire/", "/elsewhere/") + refresh))
    assert not redirect_stub_script(stub(line.replace("location.hash", "location.hash + 1") + refresh))
    assert not redirect_stub_script(stub(line + line + refresh))
    assert not redirect_stub_script(stub(line.replace("<script>", '<script src="/x.js">') + refresh))


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
