"""The site's name is in every page's title and Open Graph title (issue 18)."""

from __future__ import annotations

from collections import Counter

SITE = "Test SEND portal"


def pages(site):
    """Every page but redirect stubs, by output path."""
    for path in site.html_files():
        name = str(path.relative_to(site.output_dir))
        soup = site.soup(name)
        if soup.select_one('meta[http-equiv="refresh"]') is None:
            yield name, soup


def test_the_site_name_is_in_every_title_and_open_graph_title(built_site):
    titles = {}
    for name, soup in pages(built_site):
        title = soup.title.get_text()
        assert title == SITE or title.endswith(f" – {SITE}"), (name, title)
        assert soup.select_one('meta[property="og:title"]')["content"] == title, name
        assert soup.select_one('meta[name="twitter:title"]')["content"] == title, name
        assert soup.select_one('meta[property="og:site_name"]')["content"] == SITE, name
        titles[name] = title
    assert titles["index.html"] == SITE
    assert titles["areas/testshire/index.html"] == f"Testshire: SEND inspections – {SITE}"
    assert titles["areas/oldshire/index.html"] == f"Oldshire (former area): SEND inspections – {SITE}"
    assert titles["glossary/index.html"] == f"Glossary – {SITE}"
    assert [t for t, n in Counter(titles.values()).items() if n > 1] == []  # each page's title is its own
    stub = built_site.soup("areas/old-testshire/index.html")
    assert stub.title.get_text() == f"Testshire has moved – {SITE}"
