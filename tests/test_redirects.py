"""A renamed area keeps every address it published (issue 18): its old page leads to the new one with the link's
#event anchor kept, and lists each event for a browser without JavaScript; its old JSON address serves the same file;
and the stubs, which are `noindex`, stay out of the sitemap."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

from site_builder.site.pages import RedirectPage, SitePlan

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_stub_keeps_the_anchor_with_one_line_before_the_refresh(built_site):
    stub = built_site.soup("areas/old-testshire/index.html")
    [script] = stub.find_all("script")
    assert script.parent.name == "head" and not script.attrs
    assert script.string == 'location.replace("/portal/areas/testshire/" + location.hash)'
    head = [tag for tag in stub.head.children if getattr(tag, "name", None)]
    refresh = stub.select_one('meta[http-equiv="refresh"]')
    assert head.index(script) == head.index(refresh) - 1  # the script runs first; the refresh is for no JavaScript
    assert refresh["content"] == "0; url=/portal/areas/testshire/"
    assert stub.select_one('meta[name="robots"]')["content"] == "noindex"


def test_without_javascript_the_stub_links_to_each_event(built_site):
    stub = built_site.soup("areas/old-testshire/index.html")
    target = built_site.soup("areas/testshire/index.html")
    events = [li["id"] for li in target.select("li.timeline__event")]
    links = stub.select("main ul a")
    assert [a["href"] for a in links] == [f"/portal/areas/testshire/#{id}" for id in events]
    assert [a.get_text() for a in links] == ["Full inspection, 3 June 2024", "Revisit, 7 October 2019",
                                             "Inspection, 15 January 2018"]
    assert [a.time["datetime"] for a in links] == ["2024-06-03", "2019-10-07", "2018-01-15"]
    assert stub.select_one("main p a")["href"] == "/portal/areas/testshire/"


def test_an_event_known_only_by_its_publication_is_listed_by_that_date(make_site):
    site = make_site()
    area = site.content_dir / "areas/testshire.yaml"
    text = area.read_text("utf-8").replace("    kind: revisit\n    start: 2019-10-07\n", "    kind: revisit\n    id: revisit-2019-10-07\n")
    area.write_text(text, "utf-8")
    site.build()
    links = site.soup("areas/old-testshire/index.html").select("main ul a")
    assert links[1].get_text() == "Revisit, published 20 November 2019"
    assert links[1]["href"] == "/portal/areas/testshire/#revisit-2019-10-07"


def test_the_old_json_address_serves_the_same_file(built_site):
    old, new = built_site.output_dir / "areas/old-testshire.json", built_site.output_dir / "areas/testshire.json"
    assert old.read_bytes() == new.read_bytes()
    assert json.loads(old.read_text("utf-8"))["slug"] == "testshire"


def test_the_sitemap_leaves_out_the_stubs(built_site):
    sitemap = ElementTree.parse(built_site.output_dir / "sitemap.xml").getroot()
    listed = [u.find(f"{SITEMAP}loc").text for u in sitemap]
    assert "https://example.github.io/portal/areas/testshire/" in listed
    assert not [u for u in listed if "old-testshire" in u]
    stubs = [p for p in built_site.html_files() if built_site.soup(str(p.relative_to(built_site.output_dir)))
             .select_one('meta[name="robots"][content="noindex"]')]
    assert [p.parent.name for p in stubs] == ["old-testshire"]
    assert len(listed) == len(built_site.html_files()) - 2  # every page but 404.html and the stub


def test_the_plan_marks_stubs_unlisted_but_still_checks_their_addresses(make_site):
    from site_builder.config import load_config
    from site_builder.content.load import load_content
    from conftest import TODAY

    site = make_site()
    config, _ = load_config(site.content_dir, site.output_dir, TODAY, search=False)
    content, _ = load_content(site.content_dir)
    plan = SitePlan(config, content)
    everything, listed = plan.addresses(), plan.listed_addresses()
    assert "/areas/old-testshire/" in [url for url, _ in everything]  # so two pages at one address are still refused
    assert [a for a in everything if a not in listed] == [("/areas/old-testshire/", None)]
    assert all(isinstance(j.context, RedirectPage) == (j.url == "/areas/old-testshire/") for j in plan.jobs())
