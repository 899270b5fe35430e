"""Full builds of the fictional fixture site into temporary folders, checked as parsed HTML."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from site_builder.errors import BuildFailed


def internal_targets(site, base_path: str):
    """Every (page, href) that points inside the site."""
    for path in site.html_files():
        page_url = base_path + "/" + str(path.relative_to(site.output_dir)).replace("index.html", "")
        soup = site.soup(str(path.relative_to(site.output_dir)))
        for tag in soup.find_all(["a", "link", "script", "form"]):
            ref = tag.get("href") or tag.get("src") or tag.get("action")
            if not ref or urlsplit(ref).scheme in ("http", "https", "mailto", "tel"):
                continue
            yield path, urljoin(page_url, ref)


def resolve(site, base_path: str, url: str):
    """The file a URL is served from, and the fragment, or None when it is outside the site."""
    parts = urlsplit(url)
    if not parts.path.startswith(base_path + "/"):
        return None, parts.fragment
    relative = parts.path[len(base_path) + 1:]
    target = site.output_dir / relative
    if relative == "" or relative.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


@pytest.mark.parametrize("base_url, base_path", [("https://example.github.io/portal/", "/portal"), ("/", "")])
def test_no_broken_internal_links_or_anchors(make_site, base_url, base_path):
    site = make_site()
    site.build(base_url=base_url)
    broken = []
    for page, url in internal_targets(site, base_path):
        target, fragment = resolve(site, base_path, url)
        if target is None or not target.exists():
            broken.append((str(page.relative_to(site.output_dir)), url))
            continue
        if fragment and target.suffix == ".html":
            ids = {tag["id"] for tag in site.soup(str(target.relative_to(site.output_dir))).find_all(id=True)}
            if fragment not in ids:
                broken.append((str(page.relative_to(site.output_dir)), url))
    assert broken == []
    assert len(list(internal_targets(site, base_path))) > 100  # the crawl really looked at links


def test_area_page_tells_a_parent_where_things_stand(built_site):
    page = built_site.soup("areas/testshire/index.html")
    assert page.select_one("main h1").get_text(strip=True) == "Testshire"
    status = page.select_one("section.status")
    assert status.select_one(".tag").get_text(strip=True) == "Widespread and/or systemic failings"
    assert "must address urgently" in status.select_one("blockquote").get_text()
    assert status.select_one("time")["datetime"] == "2024-06-03"


def test_timeline_newest_first_with_stable_ids(built_site):
    page = built_site.soup("areas/testshire/index.html")
    events = page.select("ol.timeline > li")
    assert [li["id"] for li in events] == ["inspection-2024-06-03", "revisit-2019-10-07", "inspection-2018-01-15"]
    first = events[0]
    assert [a["href"] for a in first.select("dd a")] == ["https://reports.ofsted.gov.uk/provider/44/99901", "https://files.example.org/report.pdf"]
    assert "Link to this event: full inspection starting 3 June 2024" in first.select_one(".timeline__link a").get_text()
    assert "Sufficient on 3, not sufficient on 2 of 5" in events[1].get_text()


def test_wsoa_due_date_shown_on_its_inspection(built_site):
    entry = built_site.soup("areas/testshire/index.html").select_one("#inspection-2018-01-15")
    row = next(r for r in entry.select(".summary-list__row") if r.dt.get_text() == "Written statement of action")
    assert row.time["datetime"] == "2018-06-18"
    assert "Not linked on this page yet." in row.get_text()


def test_notices_split_into_upcoming_and_past_by_today(make_site):
    site = make_site()
    site.build()
    section = site.soup("areas/testshire/index.html").select_one("#say-heading").parent
    assert [h.get_text(strip=True) for h in section.select(".notice__title")] == ["Parent and carer webinar"]
    assert "Survey about short breaks" in section.select_one("details").get_text()
    from datetime import date
    site.build(today=date(2026, 12, 2))
    section = site.soup("areas/testshire/index.html").select_one("#say-heading").parent
    assert section.select(".notice__title") == []
    assert "Past chances to have your say (2)" in section.select_one("summary").get_text()


def test_former_area_and_successors_link_both_ways(built_site):
    former = built_site.soup("areas/oldshire/index.html")
    banner = former.select_one(".notification-banner")
    assert "ended on 31 March 2023" in banner.get_text(" ", strip=True)
    assert [a["href"] for a in banner.select("a")] == ["/portal/areas/north-oldshire/", "/portal/areas/south-oldshire/"]
    successor = built_site.soup("areas/north-oldshire/index.html")
    earlier = successor.select_one("section.earlier")
    assert earlier.select_one("a")["href"] == "/portal/areas/oldshire/"
    assert "Written statement of action required" in earlier.get_text()
    # The former area's result follows the area's own, labelled as the former area's and as the retired framework's.
    assert successor.select("main section")[0].get("class") == ["status"]
    assert "That is Oldshire's result, not North Oldshire's." in earlier.get_text(" ", strip=True)
    assert "under the 2016 to 2022 framework" in earlier.get_text(" ", strip=True)
    assert former.select_one("#inspection-2017-01 time")["datetime"] == "2017-01"


def test_area_with_no_record_says_so(built_site):
    page = built_site.soup("areas/north-oldshire/index.html")
    assert "No inspection is recorded for this area yet." in page.select_one(".status__headline").get_text()
    assert "We have no inspection recorded for North Oldshire" in page.get_text()


def test_awaiting_report(built_site):
    page = built_site.soup("areas/south-oldshire/index.html")
    assert "report is not published yet" in page.select_one(".status__headline").get_text()
    assert page.select_one("#inspection-2026-11-02 .tag").get_text(strip=True) == "Report not published yet"


def test_area_notes_rendered_with_base_path(built_site):
    notes = built_site.soup("areas/south-oldshire/index.html").select_one("#notes-heading").parent
    assert notes.select_one("strong").get_text() == "health partners"
    assert notes.select_one("a")["href"] == "/portal/glossary/#icb"


def test_lists_and_regions(built_site):
    az = built_site.soup("areas/index.html")
    current = [a.get_text() for a in az.select(".az-group a")]
    assert current == ["Exampleton", "North Oldshire", "South Oldshire", "Testshire"]
    assert [a.get_text() for a in az.select("#former ~ ul a")] == ["Oldshire"]
    region = built_site.soup("regions/north-west/index.html")
    rows = [(r.th.get_text(strip=True), r.select_one(".tag").get_text(strip=True)) for r in region.select("tbody tr")]
    assert rows == [("North Oldshire", "No inspection recorded yet"), ("South Oldshire", "Inspected, report not yet published")]


def test_home_reaches_every_area_in_two_clicks(built_site):
    home = built_site.soup("index.html")
    first = {a["href"] for a in home.select("main a")}
    reachable = set(first)
    for href in first:
        if href.startswith("/portal/") and not href.startswith("/portal/search"):
            relative = href[len("/portal/"):].split("#")[0]
            path = built_site.output_dir / relative / "index.html"
            if path.exists():
                reachable |= {a["href"] for a in built_site.soup(str(path.relative_to(built_site.output_dir))).select("main a")}
    for slug in ["testshire", "exampleton", "north-oldshire", "south-oldshire"]:
        assert f"/portal/areas/{slug}/" in reachable


def test_every_page_says_it_is_independent(built_site):
    for path in built_site.html_files():
        if path.parent.name == "old-testshire":
            continue  # a redirect stub, not a page
        footer = built_site.soup(str(path.relative_to(built_site.output_dir))).select_one("footer")
        assert "This is an independent website." in footer.get_text(), path


def test_github_pages_files(built_site):
    out = built_site.output_dir
    assert (out / ".nojekyll").exists() and (out / "404.html").exists()
    assert "Sitemap: https://example.github.io/portal/sitemap.xml" in (out / "robots.txt").read_text()
    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://example.github.io/portal/areas/testshire/</loc><lastmod>2026-11-01</lastmod>" in sitemap
    assert "404" not in sitemap
    not_found = built_site.soup("404.html")
    assert not_found.select_one('link[rel="stylesheet"]')["href"].startswith("/portal/static/site.css")


def test_markdown_cannot_inject_html(make_site):
    site = make_site({"guides/what-is-an-inspection.md": "---\ntitle: T\nsummary: S\nupdated: 2026-01-01\n---\nSafe `<script>` text.\n"})
    site.build()
    body = site.soup("guides/what-is-an-inspection/index.html").select_one(".prose")
    assert body.find("script") is None and body.code.get_text() == "<script>"


def test_same_input_gives_identical_output(make_site, tmp_path):
    site = make_site()
    site.build(base_url="https://example.github.io/portal/")
    first = {p.relative_to(site.output_dir): p.read_bytes() for p in site.output_dir.rglob("*") if p.is_file()}
    site.build(base_url="https://example.github.io/portal/")
    second = {p.relative_to(site.output_dir): p.read_bytes() for p in site.output_dir.rglob("*") if p.is_file()}
    assert first == second


def test_failed_build_leaves_last_good_output(make_site):
    site = make_site()
    site.build()
    before = (site.output_dir / "areas/testshire/index.html").read_bytes()
    site.write("areas/testshire.yaml", (site.content_dir / "areas/testshire.yaml").read_text().replace("2018-03-06", "6 March"))
    with pytest.raises(BuildFailed) as failed:
        site.build()
    assert [(p.path.name, p.line, p.field) for p in failed.value.problems] == [("testshire.yaml", 18, "events[0].published")]
    assert (site.output_dir / "areas/testshire/index.html").read_bytes() == before
    assert [p.name for p in site.root.iterdir() if "staging" in p.name] == []


def test_search_index_with_filters(make_site):
    site = make_site()
    result = site.build(base_url="https://example.github.io/portal/", search=True)
    assert result.indexed >= 8
    assert (site.output_dir / "pagefind" / "pagefind.js").exists()
    assert list((site.output_dir / "pagefind").glob("filter/*.pf_filter"))
    search = site.soup("search/index.html")
    script = search.select_one("script[data-bundle]")
    assert script["data-bundle"] == "/portal/pagefind/" and script["data-base"] == "/portal/"
    # Never a dead end, with or without JavaScript: the A to Z, "Which area am I in?" and GOV.UK's council finder.
    way_on = [a["href"] for a in search.select("#search-way-on a")]
    assert way_on == ["https://www.gov.uk/find-local-council", "/portal/which-area/", "/portal/areas/"]
    assert search.select_one("#search-form").has_attr("hidden"), "the form appears only when search.js runs"


def test_about_the_data_credits_every_source_and_licence(built_site):
    page = built_site.soup("data/index.html")
    text = page.select_one("main").get_text(" ", strip=True)
    for publisher in ["Ofsted", "mySociety", "data-to-insight", "Open Innovations"]:
        assert publisher in text
    licences = {a.get_text(strip=True) for a in page.select(".source dd a")}
    assert {"Open Government Licence v3.0", "Creative Commons Attribution 4.0 (CC BY 4.0)", "MIT licence"} <= licences
    footer_links = [a["href"] for a in built_site.soup("areas/testshire/index.html").select("footer a")]
    assert "/portal/data/" in footer_links


def test_home_counts_keep_the_two_frameworks_apart(built_site):
    section = built_site.soup("index.html").select_one("#national-heading").parent
    text = section.get_text(" ", strip=True)
    assert "2 of the 4 local areas have had a full inspection under the current framework" in text
    current, earlier = section.select("ul.counts")
    assert [t.get_text(strip=True) for t in current.select(".tag")] == [
        "Typically positive experiences and outcomes", "Widespread and/or systemic failings"]
    assert [t.get_text(strip=True) for t in earlier.select(".tag")] == [
        "Inspected, report not yet published", "No inspection recorded yet"]


def test_guide_contents_list_is_escaped_once(make_site):
    body = "## What \"positive\" & \"good\" mean\n\nText.\n\n## Second\n\nText.\n\n## Third\n\nText.\n"
    site = make_site({"guides/what-is-an-inspection.md": "---\ntitle: T\nsummary: S\nupdated: 2026-01-01\n---\n" + body})
    site.build()
    contents = site.soup("guides/what-is-an-inspection/index.html").select(".contents a")
    assert [a.get_text() for a in contents] == ["What \"positive\" & \"good\" mean", "Second", "Third"]
    assert contents[0]["href"] == "#what-positive-good-mean"
