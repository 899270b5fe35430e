"""The real content in content/: complete, sourced, and faithful to the official files."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_builder.charts import OFFICIAL_2016, current_by_start_year, first_cycle_chart, first_cycle_counts, outcomes_by_year
from site_builder.content import load_totals
from site_builder.facts import build_status
from site_builder.hexmap import load_layout
from site_builder.outcomes import Outcome

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OFFICIAL_2016_CSV = DATA / "ofsted_area_send_inspections_2016-05-01_to_2022-08-31.csv"
MYSOCIETY = DATA / "mysociety_uk_local_authorities_current.csv"
needs_data = pytest.mark.skipif(not OFFICIAL_2016_CSV.exists(), reason="the official data files (../shared/data) are not beside this checkout")


def test_every_event_has_a_source(shipped_content):
    events = [e for a in shipped_content.areas for e in a.events]
    assert len(events) > 250
    assert all(e.source.startswith("https://") for e in events)


@needs_data
def test_153_current_areas_match_the_official_list(shipped_content):
    with MYSOCIETY.open(encoding="utf-8") as stream:
        official = {r["gss-code"] for r in csv.DictReader(stream)
                    if r["nation"] == "England" and r["current-authority"] == "True"
                    and r["local-authority-type"] in {"CTY", "UA", "MD", "LBO", "CC"}}
    current = {a.gss_code for a in shipped_content.areas if not a.is_former}
    assert len(official) == 153
    assert current == official


@needs_data
def test_every_2016_to_2022_outcome_matches_ofsteds_file(shipped_content):
    by_code = {code: a for a in shipped_content.areas for code in (a.gss_code, *a.former_gss_codes)}
    wsoa = {"Yes": "wsoa-required", "No": "no-wsoa"}
    revisit = {"Yes": "sufficient-progress", "Some": "some-progress", "No": "insufficient-progress"}
    with OFFICIAL_2016_CSV.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 149
    for row in rows:
        area = by_code[row["Local authority code"]]
        events = {(e.framework, e.kind, e.start.isoformat()): e for e in area.events if e.start is not None}
        inspection = events[("2016", "inspection", row["Inspection start date"])]
        assert inspection.published.isoformat() == row["Inspection publication date"], area.slug
        assert inspection.outcome.value == wsoa[row["Inspection outcome: written statement of action required?"]], area.slug
        weaknesses = row["Number significant weaknesses identified in written statement of action"]
        assert str(inspection.significant_weaknesses or "") == weaknesses.split(".")[0], area.slug
        if row["Revisit start date"][:1].isdigit():
            visit = events[("2016", "revisit", row["Revisit start date"])]
            assert visit.outcome.value == revisit[row["Revisit outcome: sufficient progress in addressing all significant weaknesses?"]], area.slug
            assert visit.published.isoformat() == row["Revisit publication date"], area.slug


def test_reorganised_areas_link_to_their_history(shipped_content, shipped_site):
    by_slug = {a.slug: a for a in shipped_content.areas}
    assert set(by_slug["cumbria"].replaced_by) == {"cumberland", "westmorland-and-furness"}
    assert "cumbria" in by_slug["cumberland"].predecessors
    assert set(by_slug["northamptonshire"].replaced_by) == {"north-northamptonshire", "west-northamptonshire"}
    page = BeautifulSoup((shipped_site / "areas/cumberland/index.html").read_text("utf-8"), "html.parser")
    banner = page.select_one(".notification-banner--info")
    assert banner.select_one("a")["href"] == "/portal/areas/cumbria/"
    assert "Cumbria" in banner.get_text()


def test_a_parent_reaches_any_area_from_home_in_two_clicks(shipped_content, shipped_site):
    def links(relative):
        soup = BeautifulSoup((shipped_site / relative).read_text("utf-8"), "html.parser")
        return {a["href"] for a in soup.select("main a")}

    home = links("index.html")
    assert "/portal/areas/" in home
    second = links("areas/index.html")
    for area in shipped_content.areas:
        if not area.is_former:
            assert f"/portal/areas/{area.slug}/" in second | home, area.slug


def test_status_is_derived_for_every_area(shipped_content):
    categories = {build_status(a).category for a in shipped_content.areas}
    assert {"positive", "inconsistent", "systemic-failings", "wsoa-required", "no-wsoa"} <= categories


def test_area_pages_link_to_the_guides_for_their_outcome(shipped_site):
    page = BeautifulSoup((shipped_site / "areas/devon/index.html").read_text("utf-8"), "html.parser")
    next_links = [a["href"] for a in page.select_one("#next-heading").parent.select("a")]
    assert "/portal/guides/written-statements-of-action/" in next_links
    help_links = [a["href"] for a in page.select_one("#help-heading").parent.select("a")]
    assert {"/portal/guides/free-help/", "/portal/guides/complaints-and-appeals/"} <= set(help_links)


# --- The real content against Ofsted's published totals (moved from test_charts.py) -------------------

@pytest.fixture
def shipped_totals(shipped_content):
    from conftest import SHIPPED_CONTENT

    loaded, problems = load_totals(SHIPPED_CONTENT / "ofsted-totals.yaml")
    assert problems == []
    return loaded


def test_content_2023_inspections_match_ofsteds_official_statistics(shipped_content, shipped_totals):
    year = current_by_start_year(shipped_content.areas)[2023]
    assert year == Counter({"positive": 7, "inconsistent": 11, "systemic-failings": 8})
    assert sum(year.values()) == 26 == shipped_totals[0].inspections
    notes = outcomes_by_year(shipped_content.areas, shipped_totals).notes
    assert "The 2023 figures are the same as Ofsted's official statistics, published 5 June 2024." in notes
    assert any(n.startswith("Ofsted's official statistics count 28 inspections in 2024. This site counts 27") for n in notes)


def test_content_first_cycle_totals_are_ofsteds_plus_the_two_areas_it_leaves_out(shipped_content):
    areas = shipped_content.areas
    counts = first_cycle_counts(areas)
    assert counts["wsoa-required"] == 83 and counts["no-wsoa"] == 68
    official = {(k.value if isinstance(k, Outcome) else k): v for k, v in OFFICIAL_2016["counts"].items()}
    without = first_cycle_counts([a for a in areas if a.slug not in OFFICIAL_2016["left_out"]], OFFICIAL_2016["as_at"])
    assert without == Counter(official)
    text = " ".join(first_cycle_chart(areas).notes)
    assert "Cumbria, Dorset County and Northamptonshire" in text
    assert "and counting revisits only to 31 August 2022, this site's figures are the same as Ofsted's" in text


# --- The real content on the hex map (moved from test_hexmap.py) --------------------------------------

def test_content_every_current_area_has_exactly_one_hexagon_and_former_areas_none(shipped_content):
    layout = load_layout()
    current = [a for a in shipped_content.areas if not a.is_former]
    assert len(current) == 153
    codes = Counter(a.gss_code for a in current)
    assert [c for c, n in codes.items() if n > 1] == []
    assert sorted(codes) == sorted(layout)
    assert [a.gss_code for a in shipped_content.areas if a.is_former and a.gss_code in layout] == []


def test_content_home_page_with_every_area_on_its_map_stays_light(shipped_site):
    size = len(gzip.compress((shipped_site / "index.html").read_bytes(), 9))
    assert size < 20_000, size
