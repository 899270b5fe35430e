"""axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) finds nothing on any page, in light and dark mode.

The fixture site (tests/fixtures/browser/content) has an area for every outcome, a former
area, an area with no record and one awaiting a report. No axe rule is turned off.
"""

from __future__ import annotations

import pytest

from site_builder.domain.vocabulary import LABELS

from .browserkit import emulate_dark, format_violations, open_page, run_axe

# Every kind of page, by name. test_every_other_page sweeps whatever else the build makes.
PAGE_TYPES = {
    "home": "/",
    "a-to-z": "/areas/",
    "region": "/regions/north-west/",
    "area-positive": "/areas/exampleton/",
    "area-inconsistent": "/areas/sampleby/",
    "area-systemic-failings": "/areas/testshire/",
    "area-no-wsoa": "/areas/mockbridge/",
    "area-sufficient-progress": "/areas/demoport/",
    "area-some-progress": "/areas/fixtureham/",
    "area-insufficient-progress": "/areas/placeholm/",
    "area-former-wsoa-required": "/areas/oldshire/",
    "area-no-record": "/areas/north-oldshire/",
    "area-awaiting-report": "/areas/south-oldshire/",
    "guide": "/guides/what-is-an-inspection/",
    "guide-with-contents": "/guides/getting-help/",
    "guides": "/guides/",
    "glossary": "/glossary/",
    "data": "/data/",
    "accessibility": "/accessibility/",
    "which-area": "/which-area/",
    "map": "/map/",
    "search-empty": "/search/",
    "search-results": "/search/?q=Exampleton",
    "search-no-results": "/search/?q=qwertyuiopasdf",
    "not-found": "/no-such-page/",
}
DARK_PAGES = ["home", "area-positive", "area-inconsistent", "area-systemic-failings", "area-former-wsoa-required",
              "area-awaiting-report", "a-to-z", "search-results", "map"]


def check_axe(browser, served_site, axe_source, path: str, label: str = "") -> None:
    open_page(browser, served_site, path)
    result = run_axe(browser, axe_source)
    assert not result["violations"], (
        f"axe-core {result['version']}, tags wcag2a/2aa/21a/21aa/22aa\n"
        + format_violations(f"{label}{path}", result["violations"]))


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_axe_violations(browser, served_site, axe_source, path):
    check_axe(browser, served_site, axe_source, path)


@pytest.mark.parametrize("name", DARK_PAGES)
def test_no_axe_violations_in_dark_mode(browser, served_site, axe_source, name):
    emulate_dark(browser)
    check_axe(browser, served_site, axe_source, PAGE_TYPES[name], label="(dark mode) ")
    assert browser.execute_script("return matchMedia('(prefers-color-scheme: dark)').matches")


def test_every_other_page(browser, served_site, axe_source):
    """Every page the build writes that PAGE_TYPES does not name (other regions, the other areas...)."""
    named = {p for p in PAGE_TYPES.values()}
    others = [p for p in served_site.pages() if p not in named and p != "/404.html"]
    assert others, "expected more pages than the named ones"
    failures = []
    for path in others:
        open_page(browser, served_site, path)
        result = run_axe(browser, axe_source)
        if result["violations"]:
            failures.append(format_violations(path, result["violations"]))
    assert not failures, "\n\n".join(failures)


def test_fixture_has_every_page_type(served_site):
    """The fixture really has an area whose latest outcome is each of the eight values, and the rest."""
    outcomes = set()
    for file in (served_site.output_dir / "areas").glob("*/index.html"):
        html = file.read_text("utf-8")
        outcomes |= {label for label in LABELS.values() if f'data-pagefind-filter="outcome:{label}"' in html}
    assert outcomes == set(LABELS.values())
    pages = set(served_site.pages())
    assert set(PAGE_TYPES.values()) - pages <= {p for p in PAGE_TYPES.values() if "?" in p or p == "/no-such-page/"}
