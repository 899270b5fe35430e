"""Accessibility basics every page must have, checked in the HTML (browser checks are separate)."""

from __future__ import annotations

from collections import Counter


def pages(site):
    """Every page but redirect stubs (which only send the browser on)."""
    for path in site.html_files():
        soup = site.soup(str(path.relative_to(site.output_dir)))
        if soup.select_one('meta[http-equiv="refresh"]') is None:
            yield str(path.relative_to(site.output_dir)), soup


def test_every_page_has_the_basics(built_site):
    checked = 0
    for name, soup in pages(built_site):
        assert soup.html["lang"] == "en-GB", name
        assert len(soup.select("h1")) == 1, name
        assert soup.title.get_text(strip=True), name
        skip = soup.select_one("a.skip-link")
        assert skip["href"] == "#main-content" and soup.select_one("main#main-content"), name
        assert soup.select_one("header") and soup.select_one("footer") and soup.select_one("nav"), name
        ids = [tag["id"] for tag in soup.find_all(id=True)]
        assert [i for i, n in Counter(ids).items() if n > 1] == [], name
        for img in soup.find_all("img"):
            assert img.has_attr("alt"), name
        for table in soup.find_all("table"):
            assert table.caption and table.caption.get_text(strip=True), name
            assert all(th.get("scope") in ("col", "row") for th in table.find_all("th")), name
        for field in soup.select("input:not([type=hidden]), select"):
            assert soup.select_one(f'label[for="{field["id"]}"]'), (name, field)
        checked += 1
    assert checked >= 20


def test_headings_do_not_skip_levels(built_site):
    for name, soup in pages(built_site):
        levels = [int(h.name[1]) for h in soup.select("main h1, main h2, main h3, main h4")]
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, (name, levels)


def test_outcomes_are_words_not_colour(built_site):
    for name, soup in pages(built_site):
        for tag in soup.select(".tag"):
            assert tag.get_text(strip=True), name
