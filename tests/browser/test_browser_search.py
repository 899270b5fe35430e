"""Search with Pagefind in a real browser, on a site served under /portal/."""

from __future__ import annotations

import re

from .browserkit import Select, open_page, wait_for_search

RESULTS = """
return Array.from(document.querySelectorAll('#search-results li')).map(function (li) {
  var a = li.querySelector('a');
  return {href: a && a.getAttribute('href'), text: a && a.textContent,
          in_heading: !!(a && a.parentElement && /^H[1-6]$/.test(a.parentElement.tagName)),
          links: li.querySelectorAll('a').length};
});
"""
EMPTY_LISTS = """
return Array.from(document.querySelectorAll('ul, ol, dl')).filter(function (l) {
  return !l.querySelector('li, dt, dd');
}).map(function (l) { return l.outerHTML.slice(0, 120); });
"""


def results(browser) -> list[dict]:
    return browser.execute_script(RESULTS)


def count_in(status: str) -> int:
    match = re.match(r"(\d+) results? for \u201c", status)
    assert match, f"status region says {status!r}, expected 'N results for \u201c...\u201d'"
    return int(match.group(1))


def test_searching_an_area_name_lists_its_page_first(browser, served_site):
    open_page(browser, served_site, "/search/?q=Exampleton")
    found = results(browser)
    assert found, "no results listed"
    assert found[0]["href"] == "/portal/areas/exampleton/"
    assert found[0]["text"] == "Exampleton"


def test_the_result_count_is_announced_in_the_status_region(browser, served_site):
    open_page(browser, served_site, "/search/?q=Testshire")
    status = browser.find_element("id", "search-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    n = count_in(status.text)
    assert status.text.endswith("for \u201cTestshire\u201d.") or ", showing the first" in status.text
    assert len(results(browser)) == min(n, 20)


def test_results_are_links_inside_headings(browser, served_site):
    open_page(browser, served_site, "/search/?q=inspection")
    found = results(browser)
    assert len(found) > 3
    for item in found:
        assert item["in_heading"], item
        assert item["href"].startswith("/portal/"), item
        assert item["links"] == 1, f"a result should have one link, its heading: {item}"


def test_choosing_an_outcome_narrows_the_results(browser, served_site):
    open_page(browser, served_site, "/search/?q=inspection")
    before = count_in(browser.find_element("id", "search-status").text)
    hrefs_before = {r["href"] for r in results(browser)}
    outcome = Select(browser.find_element("id", "filter-outcome"))
    labels = [o.text for o in outcome.options]
    assert "Widespread and/or systemic failings" in labels, labels
    old_status = browser.find_element("id", "search-status").text
    outcome.select_by_visible_text("Widespread and/or systemic failings")
    status = wait_for_search(browser, previous=old_status)
    after = count_in(status)
    hrefs_after = [r["href"] for r in results(browser)]
    assert 0 < after < before, (before, after)
    assert hrefs_after == ["/portal/areas/testshire/"], hrefs_after
    assert "/portal/areas/exampleton/" in hrefs_before
    assert "outcome=" in browser.current_url, "the filter is kept in the address, so it can be shared"


def test_nonsense_says_no_results_and_leaves_no_empty_list(browser, served_site):
    open_page(browser, served_site, "/search/?q=Exampleton")
    assert results(browser)
    box = browser.find_element("id", "search-input")
    box.clear()
    previous = browser.find_element("id", "search-status").text
    box.send_keys("qwertyuiopasdf")
    status = wait_for_search(browser, previous=previous, query="qwertyuiopasdf")
    assert status.startswith("No results for \u201cqwertyuiopasdf\u201d"), status
    assert results(browser) == []
    assert browser.execute_script("return document.getElementById('search-results').children.length") == 0
    assert browser.execute_script(EMPTY_LISTS) == []


def test_no_results_on_first_load(browser, served_site):
    open_page(browser, served_site, "/search/?q=qwertyuiopasdf")
    assert browser.find_element("id", "search-status").text.startswith("No results for")
    assert browser.execute_script(EMPTY_LISTS) == []


def test_the_filters_are_labelled_selects_filled_from_the_index(browser, served_site):
    open_page(browser, served_site, "/search/?q=Oldshire")
    for select_id, any_label in (("filter-outcome", "Any outcome"), ("filter-region", "Any region"), ("filter-type", "Any type")):
        select = browser.find_element("id", select_id)
        assert select.is_displayed()
        options = [o.text for o in Select(select).options]
        assert options[0] == any_label and len(options) > 1, options
        label = browser.find_element("css selector", f"label[for='{select_id}']")
        assert label.text


def test_a_district_name_finds_its_county_first(browser, served_site):
    for query in ("Testford", "Exbury Vale"):
        open_page(browser, served_site, f"/search/?q={query.replace(' ', '+')}")
        found = results(browser)
        assert found, f"no results for {query}"
        assert found[0]["href"] == "/portal/areas/testshire/", (query, found[:3])


def test_a_former_area_name_finds_both_successors(browser, served_site):
    open_page(browser, served_site, "/search/?q=Oldshire")
    hrefs = [r["href"] for r in results(browser)]
    assert {"/portal/areas/north-oldshire/", "/portal/areas/south-oldshire/", "/portal/areas/oldshire/"} <= set(hrefs[:5]), hrefs
