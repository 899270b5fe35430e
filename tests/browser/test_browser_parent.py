"""A parent on a phone (issue 17), in a real browser at 390 x 844 CSS px.

On every area page, of the fictional fixture site and of the real content: the area's own current result and a
route to help and complaints are on the first two screens, and no predecessor's or retired framework's result
reads as current. Search never dead-ends: a postcode or an unknown town offers GOV.UK's "Find your local council",
"Which area am I in?" and the A to Z, with JavaScript and without. More than 20 results can be seen, filters are
in words, tag symbols are not read out, and each landmark is named once.
"""

from __future__ import annotations

import pytest

from site_builder.domain.help_routes import FIND_COUNCIL
from site_builder.domain.vocabulary import Category

from .browserkit import (PHONE, Keys, Select, describe_active, disable_javascript, emulate_width, open_page, press,
                         wait_for)

MEASURE = """
function bottom(e) { return e ? Math.round(e.getBoundingClientRect().bottom + window.scrollY) : null; }
var main = document.querySelector("main");
var status = main.querySelector("section.status");
var act = main.querySelector("section.do");
var earlier = main.querySelector("section.earlier");
var tags = Array.from(main.querySelectorAll(".tag")).filter(function (t) { return t.getClientRects().length; });
return {
  screen: window.innerHeight,
  tag: status.querySelector(".status__tag .tag").textContent,
  headline_bottom: bottom(status.querySelector(".status__headline")),
  status_bottom: bottom(status),
  first_tag_is_own: tags.length > 0 && status.contains(tags[0]),
  retired: (status.querySelector(".status__retired") || {textContent: null}).textContent,
  links: act ? Array.from(act.querySelectorAll("a")).map(function (a) {
    return {href: a.getAttribute("href"), bottom: bottom(a)};
  }) : [],
  earlier_top: earlier ? Math.round(earlier.getBoundingClientRect().top + window.scrollY) : null,
  earlier: earlier ? earlier.textContent.replace(/\\s+/g, " ") : null
};
"""


def area_pages(output_dir) -> list[str]:
    return sorted(p.parent.name for p in (output_dir / "areas").glob("*/index.html")
                  if 'http-equiv="refresh"' not in p.read_text("utf-8"))


def problems_on_a_phone(slug: str, got: dict, retired_now: bool | None = None) -> list[str]:
    """What stands in a parent's way on one area page, measured at PHONE size."""
    two = 2 * got["screen"]
    found = []
    if got["headline_bottom"] > two:
        found.append(f"its result ends at {got['headline_bottom']} px, below two screens ({two} px)")
    if not got["first_tag_is_own"]:
        found.append("the first outcome tag on the page is not the area's own")
    help_links = [link for link in got["links"] if link["href"].startswith(("http", "/"))]
    complain = [link for link in got["links"] if link["href"] in ("#complain-heading", "#help-heading")]
    if not help_links or help_links[0]["bottom"] > two:
        found.append(f"no route to help on the first two screens: {got['links']}")
    if not complain or complain[0]["bottom"] > two:
        found.append(f"no route to complaints on the first two screens: {got['links']}")
    if got["earlier"] is not None:
        if got["earlier_top"] < got["status_bottom"]:
            found.append("a former area's history comes before the area's own result")
        if "a former area" not in got["earlier"] or "result, not" not in got["earlier"]:
            found.append(f"a former area's result is not labelled as the former area's: {got['earlier']!r}")
    if got["retired"] is not None and "2016 to 2022 framework" not in got["retired"]:
        found.append(f"a 2016 result does not say it is from the retired framework: {got['retired']!r}")
    if retired_now and got["tag"] not in (Category.NOT_INSPECTED_2023.label, Category.AWAITING_REPORT.label):
        found.append(f"its 2016 result is shown as its current status: {got['tag']!r}")
    return [f"/areas/{slug}/: {p}" for p in found]


def sweep(browser, site, slugs, retired: dict[str, bool]) -> tuple[list[str], dict]:
    emulate_width(browser, *PHONE)
    failures, worst = [], {"headline": (0, ""), "help": (0, ""), "complain": (0, "")}
    for slug in slugs:
        open_page(browser, site, f"/areas/{slug}/")
        got = browser.execute_script(MEASURE)
        assert got["screen"] == PHONE[1]
        failures += problems_on_a_phone(slug, got, retired.get(slug))
        complain = [link["bottom"] for link in got["links"] if link["href"].startswith("#")]
        for key, value in (("headline", got["headline_bottom"]), ("help", got["links"][0]["bottom"] if got["links"] else 0),
                           ("complain", max(complain, default=0))):
            worst[key] = max(worst[key], (value, slug))
    return failures, worst


def test_on_a_phone_every_fixture_area_page_gives_its_answer_and_help_within_two_screens(browser, served_site):
    slugs = area_pages(served_site.output_dir)
    retired = {"mockbridge": True, "demoport": True, "fixtureham": True, "placeholm": True}
    assert set(retired) <= set(slugs) and len(slugs) >= 12
    failures, worst = sweep(browser, served_site, slugs, retired)
    assert not failures, "\n  ".join(["at 390 x 844 CSS px:"] + failures)
    print(f"\nfixture, furthest down (CSS px, two screens = {2 * PHONE[1]}): {worst}")


def test_on_a_phone_every_real_area_page_gives_its_answer_and_help_within_two_screens(browser, shipped_site):
    from site_builder.content.load import load_content

    from .browserkit import ROOT

    content, _ = load_content(ROOT / "content")
    retired = {a.slug: a.status.event is not None and a.status.event.framework == "2016" and not a.is_former
               for a in content.areas}
    slugs = area_pages(shipped_site.output_dir)
    assert len(slugs) == len(content.areas) > 150
    failures, worst = sweep(browser, shipped_site, slugs, retired)
    assert not failures, "\n  ".join(["at 390 x 844 CSS px:"] + failures)
    print(f"\nreal content, furthest down (CSS px, two screens = {2 * PHONE[1]}): {worst}")


# ---------------------------------------------------------------- search that never dead-ends

WAY_ON = """
var box = document.getElementById("search-way-on");
var reason = document.getElementById("way-on-reason");
return {shown: !!box.getClientRects().length, top: Math.round(box.getBoundingClientRect().top + scrollY),
        reason: reason.hidden ? "" : reason.textContent,
        links: Array.from(box.querySelectorAll("a")).filter(function (a) { return a.getClientRects().length; })
                    .map(function (a) { return a.getAttribute("href"); }),
        results: document.querySelectorAll("#search-results li").length};
"""
WAYS = [FIND_COUNCIL.url, "/portal/which-area/", "/portal/areas/"]


@pytest.mark.parametrize("query", ["TQ1 1AA", "tq11aa", "M1", "SW1A"])
def test_a_postcode_offers_the_councils_finder_and_which_area_am_i_in(browser, served_site, query):
    emulate_width(browser, *PHONE)
    open_page(browser, served_site, f"/search/?q={query.replace(' ', '+')}")
    status = browser.find_element("id", "search-status").text
    assert status == f"\u201c{query}\u201d looks like a postcode. This site cannot search by postcode.", status
    got = browser.execute_script(WAY_ON)
    assert got["shown"] and got["links"] == WAYS and got["results"] == 0, got
    assert "postcode on GOV.UK" in got["reason"]
    assert got["top"] < PHONE[1], "the other ways to find an area should be on the first screen"


@pytest.mark.parametrize("query", ["Nowhereville", "Torquay", "Little Sampling"])
def test_a_town_the_site_does_not_know_offers_a_way_on(browser, served_site, query):
    open_page(browser, served_site, f"/search/?q={query.replace(' ', '+')}")
    got = browser.execute_script(WAY_ON)
    assert got["shown"] and got["links"] == WAYS, got
    assert f"\u201c{query}\u201d" in got["reason"], got
    found = [a.get_attribute("href") for a in browser.find_elements("css selector", "#search-results li h2 a")]
    assert not any("/areas/" in href for href in found) or "No local area matches" in got["reason"], found


def test_a_search_that_finds_its_area_leads_with_the_area(browser, served_site):
    open_page(browser, served_site, "/search/?q=Testford")
    assert browser.execute_script(WAY_ON)["shown"] is False
    first = browser.find_element("css selector", "#search-results li h2 a")
    assert first.get_attribute("href").endswith("/portal/areas/testshire/")


def test_without_javascript_search_offers_the_a_to_z_and_which_area_and_no_empty_controls(browser, served_site):
    disable_javascript(browser)
    emulate_width(browser, *PHONE)
    for path in ("/search/", "/search/?q=TQ1+1AA", "/search/?q=Nowhereville"):
        browser.get(served_site.url(path))
        controls = browser.execute_script("""return Array.from(document.querySelectorAll(
            'main input, main select, main button, main textarea')).filter(function (e) {
            return e.getClientRects().length; }).map(function (e) { return e.outerHTML.slice(0, 80); });""")
        assert controls == [], f"{path}: controls that cannot work without JavaScript: {controls}"
        got = browser.execute_script(WAY_ON)
        assert got["shown"] and got["links"] == WAYS and got["top"] < PHONE[1], (path, got)
        assert "Search needs JavaScript" in browser.find_element("tag name", "main").text, path
    # The header's search, on any other page, leads there too.
    browser.get(served_site.url("/areas/exampleton/"))
    box = browser.find_element("id", "header-search-input")
    box.send_keys("Nowhereville", Keys.ENTER)
    wait_for(browser, "return location.pathname === '/portal/search/' && document.readyState === 'complete'")
    assert "q=Nowhereville" in browser.current_url
    assert browser.execute_script(WAY_ON)["links"] == WAYS


def test_more_than_twenty_results_can_be_seen(browser, served_site):
    open_page(browser, served_site, "/search/?q=inspection")
    status = browser.find_element("id", "search-status").text
    total = int(status.split(" ")[0])
    assert total > 20 and status.endswith(", showing the first 20."), status
    assert len(browser.find_elements("css selector", "#search-results li")) == 20
    button = browser.find_element("css selector", "#search-more button")
    assert button.is_displayed() and button.text == "Show more results"
    browser.execute_script("arguments[0].focus()", button)
    press(browser, Keys.ENTER)
    wait_for(browser, "return document.querySelectorAll('#search-results li').length > 20")
    shown = len(browser.find_elements("css selector", "#search-results li"))
    assert shown == min(total, 40)
    assert browser.execute_script("return document.activeElement === "
                                  "document.querySelectorAll('#search-results li')[20].querySelector('a')"), \
        f"focus should move to the first new result, not {describe_active(browser)}"
    status = browser.find_element("id", "search-status").text
    assert status.startswith(f"{total} results for") and (shown == total or f"showing the first {shown}" in status)
    assert browser.find_element("id", "search-more").is_displayed() == (total > shown)


def test_filters_are_in_words_and_work_without_a_search_word(browser, served_site):
    open_page(browser, served_site, "/search/?q=Exampleton")
    labels = [browser.find_element("css selector", f"label[for='{i}']").text
              for i in ("filter-outcome", "filter-region", "filter-type")]
    assert labels == ["Latest outcome", "Region", "Type of page"]
    types = [o.text for o in Select(browser.find_element("id", "filter-type")).options]
    assert types == ["Any type", "Glossary", "Guide", "Local area", "Region"], types
    for select_id in ("filter-outcome", "filter-region", "filter-type"):
        for option in Select(browser.find_element("id", select_id)).options[1:]:
            assert option.text[0].isupper() or option.text[0].isdigit(), (select_id, option.text)
    box = browser.find_element("id", "search-input")
    box.clear()
    previous = browser.find_element("id", "search-status").text
    Select(browser.find_element("id", "filter-type")).select_by_visible_text("Local area")
    status = wait_for(browser, "var t = document.getElementById('search-status').textContent;"
                      "return t.indexOf('for the filters you chose') !== -1 ? t : null;",
                      message=f"a search by filter alone (status was {previous!r})")
    assert int(status.split(" ")[0]) >= 12, status
    kinds = {p.text for p in browser.find_elements("css selector", "#search-results li p.muted")}
    assert kinds == {"Local area"}, kinds
    assert "type=Local+area" in browser.current_url


# ---------------------------------------------------------------- screen readers

SYMBOLS = ("\u2713", "\u25d0")


def test_tag_symbols_are_shown_but_not_read_out(browser, served_site):
    for path, tone in (("/areas/exampleton/", "good"), ("/areas/sampleby/", "mixed"), ("/areas/testshire/", "serious")):
        open_page(browser, served_site, path)
        drawn = browser.execute_script(
            "var s = document.querySelector('.status__tag .tag > span');"
            "return getComputedStyle(s, '::before').content;")
        assert drawn in ('"\u2713 "', '"\u25d0 "', '"! "'), (path, drawn)
        browser.execute_cdp_cmd("Accessibility.enable", {})
        nodes = browser.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
        browser.execute_cdp_cmd("Accessibility.disable", {})
        read = [str((n.get("name") or {}).get("value", "")) for n in nodes if not n.get("ignored")]
        assert not [r for r in read if any(s in r for s in SYMBOLS) or r.startswith("! ")], (path, tone)
        label = browser.execute_script("return document.querySelector('.status__tag .tag').textContent")
        assert any(r == label for r in read), f"{path}: the tag's words {label!r} should still be read"


LANDMARK_RULES = ["landmark-unique", "landmark-one-main", "landmark-no-duplicate-banner",
                  "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main", "landmark-banner-is-top-level",
                  "landmark-contentinfo-is-top-level", "landmark-main-is-top-level"]
AXE_RULES = """
var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "rule", values: arguments[0]}, resultTypes: ["violations"]})
  .then(function (r) { done(r.violations.map(function (v) {
    return v.id + ": " + v.nodes.map(function (n) { return n.html.slice(0, 100); }).join(" | "); })); },
        function (e) { done(["axe failed: " + e]); });
"""


def test_each_landmark_is_named_once_on_every_page(browser, served_site, axe_source):
    failures = []
    for path in served_site.pages() + ["/search/?q=Exampleton"]:
        open_page(browser, served_site, path)
        if not browser.execute_script("return typeof window.axe === 'object'"):
            browser.execute_script(axe_source)
        failures += [f"{path}: {v}" for v in browser.execute_async_script(AXE_RULES, LANDMARK_RULES)]
    assert not failures, "\n  ".join(failures)
