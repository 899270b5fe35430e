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


SECTIONING = ("article", "aside", "main", "nav", "section")


def landmarks(soup):
    """(role, accessible name) of every landmark on a page, in the way browsers map HTML to roles."""
    found = []
    for el in soup.find_all(["header", "footer", "main", "nav", "aside", "form", "section", "search", "div"]):
        role = el.get("role")
        if role is None:
            if el.name == "header" and not el.find_parent(SECTIONING):
                role = "banner"
            elif el.name == "footer" and not el.find_parent(SECTIONING):
                role = "contentinfo"
            else:
                role = {"main": "main", "nav": "navigation", "aside": "complementary", "search": "search"}.get(el.name)
            if el.name == "section" and (el.get("aria-label") or el.get("aria-labelledby")):
                role = "region"
        if role not in ("banner", "contentinfo", "main", "navigation", "complementary", "search", "region"):
            continue
        name = el.get("aria-label") or " ".join(
            soup.find(id=i).get_text(" ", strip=True) for i in el.get("aria-labelledby", "").split() if soup.find(id=i))
        found.append((role, name))
    return found


def test_each_landmark_is_named_once(built_site):
    """Two landmarks of one kind each have their own name (a screen reader lists them by name), and every search
    form is named: the home page had two search landmarks, both unnamed."""
    for name, soup in pages(built_site):
        found = landmarks(soup)
        assert ("main", "") in found and [r for r, _ in found].count("main") == 1, name
        for role in {r for r, _ in found}:
            names = [n for r, n in found if r == role]
            if len(names) > 1:
                assert all(names) and len(set(names)) == len(names), (name, role, names)
        assert all(n for r, n in found if r in ("search", "navigation", "region")), (name, found)


def test_outcome_tag_symbols_are_hidden_from_screen_readers(built_site):
    """The tone's symbol (✓, ◐, !) is drawn in an empty aria-hidden span, never in the tag's own text."""
    css = (built_site.output_dir / "static" / "site.css").read_text("utf-8")
    assert 'span::before { content: "\u25d0 "; }' in css and "tag--mixed::before" not in css
    for name, soup in pages(built_site):
        for tag in soup.select("strong.tag"):
            icon = tag.contents[0]
            assert icon.name == "span" and icon.get("aria-hidden") == "true" and icon.get_text() == "", (name, tag)
