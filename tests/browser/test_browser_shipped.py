"""A smoke check of the real content/: pages the fictional fixture cannot show (the hex map with
every area, the charts, long guides) pass axe in light and dark mode, reflow at 320 CSS px
and have big enough targets. The fixture site's tests cover every page type in depth."""

from __future__ import annotations

import pytest

from .browserkit import OVERFLOW, SMALL_TARGETS, emulate_dark, emulate_width, format_violations, open_page, run_axe


def biggest(site, folder: str) -> str:
    """The address of the largest page in /<folder>/<slug>/ (the one with the most on it)."""
    files = [p for p in (site.output_dir / folder).glob("*/index.html") if 'http-equiv="refresh"' not in p.read_text("utf-8")]
    page = max(files, key=lambda p: p.stat().st_size)
    return f"/{folder}/{page.parent.name}/"


@pytest.fixture(scope="module")
def shipped_pages(shipped_site) -> list[str]:
    return ["/", "/map/", "/areas/", "/which-area/", "/data/", biggest(shipped_site, "areas"),
            biggest(shipped_site, "guides"), biggest(shipped_site, "regions")]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_shipped_pages_have_no_axe_violations(browser, shipped_site, shipped_pages, axe_source, dark):
    if dark:
        emulate_dark(browser)
    failures = []
    for path in shipped_pages:
        open_page(browser, shipped_site, path)
        result = run_axe(browser, axe_source)
        if result["violations"]:
            failures.append(format_violations(("(dark mode) " if dark else "") + path, result["violations"]))
    assert not failures, "\n\n".join(failures)


def test_shipped_pages_reflow_and_have_big_enough_targets_at_320_css_px(browser, shipped_site, shipped_pages):
    emulate_width(browser, 320)
    failures = []
    for path in shipped_pages:
        open_page(browser, shipped_site, path)
        got = browser.execute_script(OVERFLOW)
        if got["scroll"] > got["client"]:
            failures.append(f"{path}: scrolls sideways, scrollWidth {got['scroll']} > {got['client']}: {got['wide']}")
        failures += [f"{path}: target under 24x24 CSS px: {s}" for s in browser.execute_script(SMALL_TARGETS)]
    assert not failures, "\n  ".join(["at 320 CSS px wide:"] + failures)
