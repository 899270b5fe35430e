"""Reflow at 320 CSS px (WCAG 1.4.10) and target sizes in the header, navigation and footer (WCAG 2.5.8)."""

from __future__ import annotations

import time

from .browserkit import OVERFLOW, SMALL_TARGETS, PortalHandler, emulate_width, open_page

EXTRA_PAGES = ["/search/?q=Testshire", "/search/?q=qwertyuiopasdf", "/no-such-page/"]


def every_page(served_site) -> list[str]:
    return served_site.pages() + EXTRA_PAGES


def test_at_320_css_px_no_page_scrolls_sideways_and_targets_are_big_enough(browser, served_site):
    emulate_width(browser, 320)
    wide, small = [], []
    for path in every_page(served_site):
        open_page(browser, served_site, path)
        got = browser.execute_script(OVERFLOW)
        assert got["inner"] == 320, f"the viewport is {got['inner']} CSS px wide, not 320"
        if got["scroll"] > got["client"]:
            wide.append(f"{path}: scrollWidth {got['scroll']} > clientWidth {got['client']}; too wide: {got['wide']}")
        small += [f"{path}: {s}" for s in browser.execute_script(SMALL_TARGETS)]
    assert not wide, "pages that scroll sideways at 320 CSS px:\n  " + "\n  ".join(wide)
    assert not small, ("targets under 24x24 CSS px at 320 px wide that are not inline in a sentence:\n  "
                       + "\n  ".join(small))


def test_at_1280_css_px_targets_are_big_enough(browser, served_site):
    small = []
    for path in every_page(served_site):
        open_page(browser, served_site, path)
        small += [f"{path}: {s}" for s in browser.execute_script(SMALL_TARGETS)]
    assert not small, ("targets under 24x24 CSS px at 1280 px wide that are not inline in a sentence:\n  "
                       + "\n  ".join(small))


def test_no_page_asks_for_a_file_the_site_does_not_have(browser, served_site):
    """Served under /portal/, as on GitHub Pages: a request for /favicon.ico or any missing asset is a 404 on
    every visit (the browser asks for /favicon.ico itself unless the page names an icon)."""
    PortalHandler.missed.clear()
    for path in served_site.pages() + EXTRA_PAGES[:2]:
        open_page(browser, served_site, path)
    time.sleep(0.5)  # the browser asks for an icon after the page has loaded
    assert PortalHandler.missed == []
