"""A renamed area's old links, followed in a real browser (issue 18): /areas/old-testshire/#<event> lands on
/areas/testshire/#<event>, at that event; without JavaScript the refresh still reaches the area's page, and the stub
itself links to each event. The old JSON address answers with the area's JSON."""

from __future__ import annotations

import json
from urllib.request import urlopen

import pytest

from .browserkit import disable_javascript, open_page, wait_for

EVENTS = ["inspection-2024-06-03", "revisit-2019-10-07", "inspection-2018-01-15"]


@pytest.mark.parametrize("event", EVENTS)
def test_an_old_link_to_an_event_lands_on_that_event(browser, served_site, event):
    open_page(browser, served_site, "/areas/")
    open_page(browser, served_site, f"/areas/old-testshire/#{event}")
    wait_for(browser, "return location.pathname === '/portal/areas/testshire/' && document.readyState === 'complete'",
             message="the renamed area's page")
    assert browser.execute_script("return location.hash") == f"#{event}"
    # The browser went to the event itself: it is the :target, and scrolled to the top of the window (smoothly).
    assert browser.execute_script("var t = document.querySelector(':target'); return t && t.id") == event
    wait_for(browser, f"var top = document.getElementById('{event}').getBoundingClientRect().top; "
                      "return window.scrollY > 0 && top > -2 && top < 50", message=f"the page scrolled to #{event}")
    # location.replace: the stub is not left in the history, so Back does not send the reader round again.
    browser.back()
    wait_for(browser, "return location.pathname === '/portal/areas/'", message="Back to the page before the old link")


def test_an_old_link_without_an_anchor_lands_on_the_page(browser, served_site):
    open_page(browser, served_site, "/areas/old-testshire/")
    wait_for(browser, "return location.pathname === '/portal/areas/testshire/'", message="the renamed area's page")
    assert browser.execute_script("return location.hash") == ""
    assert browser.find_element("css selector", "h1").text == "Testshire"


def test_without_javascript_the_refresh_reaches_the_area(browser, served_site):
    disable_javascript(browser)
    open_page(browser, served_site, f"/areas/old-testshire/#{EVENTS[0]}")
    wait_for(browser, "return location.pathname === '/portal/areas/testshire/'", message="the renamed area's page")
    # A refresh cannot keep the anchor; a reader whose browser blocks refreshes has the stub's own links to each event.


def test_the_stub_links_to_each_event_for_a_browser_that_does_not_move_on(served_site):
    html = (served_site.output_dir / "areas/old-testshire/index.html").read_text("utf-8")
    for event in EVENTS:
        assert f'href="/portal/areas/testshire/#{event}"' in html


def test_the_old_json_address_answers(served_site):
    with urlopen(served_site.url("/areas/old-testshire.json"), timeout=10) as old, \
            urlopen(served_site.url("/areas/testshire.json"), timeout=10) as new:
        assert old.status == 200 and old.read() == new.read()
    with urlopen(served_site.url("/areas/old-testshire.json"), timeout=10) as old:
        assert json.loads(old.read())["slug"] == "testshire"
