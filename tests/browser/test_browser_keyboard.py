"""Keyboard only: skip link first, find an area with Tab, typing and Enter, and focus always visible."""

from __future__ import annotations

import re

import pytest
from .browserkit import Keys, describe_active, open_page, press, wait_for, wait_for_search

MAX_TABS = 80


def tab_until(browser, condition_js: str, what: str) -> list[str]:
    """Press Tab until `condition_js` (about document.activeElement) holds; return the stops passed on the way."""
    passed = []
    for _ in range(MAX_TABS):
        press(browser, Keys.TAB)
        if browser.execute_script(f"var e = document.activeElement; return !!({condition_js});"):
            return passed
        passed.append(describe_active(browser))
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {what}; focus went through:\n  " + "\n  ".join(map(str, passed)))


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(browser, served_site):
    open_page(browser, served_site, "/areas/testshire/")
    press(browser, Keys.TAB)
    assert browser.execute_script("return document.activeElement.classList.contains('skip-link')"), describe_active(browser)
    link = browser.switch_to.active_element
    assert link.text == "Skip to main content"
    assert link.is_displayed() and link.rect["x"] >= 0 and link.rect["y"] >= 0, "the skip link must be on screen when focused"
    press(browser, Keys.ENTER)
    wait_for(browser, "return document.activeElement && document.activeElement.id === 'main-content'",
             message="focus on <main id=main-content> after the skip link")
    assert browser.execute_script("return document.activeElement.tagName") == "MAIN"
    # The next Tab continues inside main, not back in the header.
    press(browser, Keys.TAB)
    assert browser.execute_script("return !!document.activeElement.closest('main')"), describe_active(browser)


@pytest.mark.parametrize("box", ["home-search-input", "header-search-input"])
def test_find_an_area_with_the_keyboard_alone(browser, served_site, box):
    open_page(browser, served_site, "/")
    tab_until(browser, f"e.id === '{box}'", f"the search box #{box}")
    press(browser, "Exampleton", Keys.ENTER)
    wait_for(browser, "return location.pathname.endsWith('/portal/search/')", message="the search page")
    status = wait_for_search(browser, query="Exampleton")
    assert re.match(r"\d+ results? for \u201cExampleton\u201d", status), status
    passed = tab_until(browser, "e === document.querySelector('#search-results a')", "the first result")
    assert not any("search-results" in (p or "") for p in passed)
    assert browser.switch_to.active_element.text == "Exampleton"
    press(browser, Keys.ENTER)
    wait_for(browser, "return location.pathname === '/portal/areas/exampleton/'", message="the Exampleton area page")
    assert browser.find_element("css selector", "h1").text == "Exampleton"


FOCUS_STYLE = """
var e = document.activeElement, s = getComputedStyle(e);
var firstShape = e.querySelector && e.querySelector("path, polygon, rect, circle");
var f = firstShape ? getComputedStyle(firstShape) : null;
return {outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 ? s.outlineStyle + " " + s.outlineWidth + " " + s.outlineColor : "none",
        shadow: s.boxShadow, background: s.backgroundColor, color: s.color, decoration: s.textDecorationLine,
        border: s.borderColor + " " + s.borderWidth, child: f ? f.fill + " " + f.stroke : ""};
"""
VISIBLE_OUTLINE = "return /rgba\\(\\d+, \\d+, \\d+, 0\\)|transparent/.test(arguments[0]) === false"


@pytest.mark.parametrize("path", ["/", "/areas/testshire/", "/search/?q=Exampleton", "/areas/"])
def test_every_tab_stop_shows_focus(browser, served_site, path):
    """Each Tab stop looks different focused and unfocused: an outline, a shadow or a new background."""
    open_page(browser, served_site, path)
    stops, focused = [], []
    for _ in range(400):
        press(browser, Keys.TAB)
        element = browser.switch_to.active_element
        if browser.execute_script("return document.activeElement === document.body"):
            break
        if stops and element == stops[0]:
            break
        stops.append(element)
        focused.append((describe_active(browser), browser.execute_script(FOCUS_STYLE)))
    assert len(stops) > 5, f"only {len(stops)} Tab stops on {path}"
    browser.execute_script("document.activeElement && document.activeElement.blur()")
    invisible = []
    for element, (name, on) in zip(stops, focused):
        off = browser.execute_script(FOCUS_STYLE.replace("var e = document.activeElement", "var e = arguments[0]"), element)
        outline_shown = on["outline"] != "none" and browser.execute_script(VISIBLE_OUTLINE, on["outline"]) and on["outline"] != off["outline"]
        changed = outline_shown or any(on[k] != off[k] for k in ("shadow", "background", "child"))
        if not changed:
            invisible.append(f"{name}: focused {on} / unfocused {off}")
    assert not invisible, f"no visible focus indicator on {path}:\n  " + "\n  ".join(invisible)
