"""National charts and the area timeline strip: every figure counted from the content, and drawn as it says."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest
from bs4 import BeautifulSoup

from site_builder.charts import (CHART_WIDTH, OFFICIAL_2016, by_region_chart, current_by_start_year,
                                 first_cycle_chart, first_cycle_counts, label_width, outcomes_by_year, timeline_strip)
from site_builder.facts import build_status
from site_builder.outcomes import REGIONS, Outcome



@pytest.fixture
def areas(shipped_content):
    """The shipped areas, loaded once per test session (conftest.py)."""
    return shipped_content.areas


@pytest.fixture
def totals():
    """Ofsted's yearly totals as the shipped content records them."""
    from site_builder.content import load_totals
    from conftest import SHIPPED_CONTENT

    loaded, problems = load_totals(SHIPPED_CONTENT / "ofsted-totals.yaml")
    assert problems == []
    return loaded


@pytest.fixture
def shipped(shipped_site):
    """The shipped site, built once per test session (conftest.py)."""
    return shipped_site


# --- Figures against the content and Ofsted's published totals -------------------------------------

def test_2023_inspections_match_ofsteds_official_statistics(areas, totals):
    year = current_by_start_year(areas)[2023]
    assert year == Counter({"positive": 7, "inconsistent": 11, "systemic-failings": 8})
    assert sum(year.values()) == 26 == totals[0].inspections
    chart = outcomes_by_year(areas, totals)
    assert "The 2023 figures are the same as Ofsted's official statistics, published 5 June 2024." in chart.notes
    assert any(n.startswith("Ofsted's official statistics count 28 inspections in 2024. This site counts 27") for n in chart.notes)
    assert any("started on 27 April 2026" in n for n in chart.notes)


def test_by_year_counts_every_current_framework_inspection_once(areas):
    chart = outcomes_by_year(areas)
    inspections = [e for a in areas for e in a.events if e.framework == "2023" and e.kind == "inspection" and e.start]
    assert sum(total for _, _, total in chart.table) == len(inspections)
    for label, values, total in chart.table:
        year = int(label)
        found = Counter(e.outcome.value for e in inspections if e.start.year == year)
        assert dict(zip((s.key for s in chart.series), values)) == {s.key: found[s.key] for s in chart.series}
        assert sum(values) == total


def test_the_2023_note_says_when_the_figures_differ(areas, totals):
    fewer = [replace(a, events=tuple(e for e in a.events if not (e.framework == "2023" and e.start and e.start.year == 2023
                                                                 and e.outcome is Outcome.POSITIVE)))
             for a in areas]
    chart = outcomes_by_year(fewer, totals)
    assert not any("2023 figures are the same" in n for n in chart.notes)
    assert "Ofsted's official statistics count 26 inspections in 2023. This site's count differs; see About the data." in chart.notes
    assert current_by_start_year(fewer)[2023]["positive"] == 0


def test_first_cycle_totals_are_ofsteds_plus_the_two_areas_it_leaves_out(areas):
    counts = first_cycle_counts(areas)
    assert counts["wsoa-required"] == 83 and counts["no-wsoa"] == 68
    assert (counts["sufficient-progress"], counts["some-progress"], counts["insufficient-progress"]) == (25, 30, 3)
    assert counts["not-revisited"] == 25
    official = {(k.value if isinstance(k, Outcome) else k): v for k, v in OFFICIAL_2016["counts"].items()}
    without = first_cycle_counts([a for a in areas if a.slug not in OFFICIAL_2016["left_out"]], OFFICIAL_2016["as_at"])
    assert without == Counter(official)
    assert official["wsoa-required"] == 82
    chart = first_cycle_chart(areas)
    text = " ".join(chart.notes)
    assert "count 82 inspections that required a statement and 67" in text
    assert "Cumbria, Dorset County and Northamptonshire" in text
    assert "It includes 11 revisits after 31 August 2022" in text
    assert "and counting revisits only to 31 August 2022, this site's figures are the same as Ofsted's" in text
    assert [b.total for b in chart.bars] == [151, 83]


def test_by_region_counts_each_current_area_once(areas):
    chart = by_region_chart(areas)
    current = [a for a in areas if not a.is_former]
    assert sum(total for _, _, total in chart.table) == len(current) == 153
    assert [label for label, _, _ in chart.table] == [r for r in REGIONS if any(a.region == r for a in current)]
    keys = [s.key for s in chart.series]
    for label, values, _ in chart.table:
        statuses = Counter(build_status(a).category for a in current if a.region == label)
        counted = dict(zip(keys, values))
        for key in ("positive", "inconsistent", "systemic-failings"):
            assert counted.get(key, 0) == statuses[key], (label, key)


# --- Geometry ------------------------------------------------------------------------------------------

def test_bars_share_one_scale_and_fit(areas):
    for chart in (outcomes_by_year(areas), first_cycle_chart(areas), by_region_chart(areas)):
        longest = max(b.total for b in chart.bars)
        for bar in chart.bars:
            x = 1.0
            for s in bar.segments:
                assert abs(s.x - x) < 0.2 and s.x + s.width <= chart.width + 0.1
                assert abs(s.width - s.value * (CHART_WIDTH - 2) / longest) < 0.1
                x = s.x + s.width
            assert sum(s.value for s in bar.segments) == bar.total
        tops = [b.y for b in chart.bars]
        assert tops == sorted(tops) and chart.height > tops[-1] + 24


# --- Timeline strip ---------------------------------------------------------------------------------------

def test_timeline_strip_marks_every_event_in_order(areas):
    by_slug = {a.slug: a for a in areas}
    for slug in ("bedford", "cornwall", "devon", "dorset-county", "cumberland"):
        area = by_slug[slug]
        strip = timeline_strip(area, date(2026, 11, 23))
        assert [m.event_id for m in strip.marks] == [e.id for e in sorted(area.events, key=lambda e: e.start)]
        xs = [m.x for m in strip.marks]
        assert xs == sorted(xs) and all(strip.x0 <= x <= strip.x1 for x in xs)
        for e in area.events:
            assert e.start.strftime("%B %Y") in strip.summary
        assert [t.year for t in strip.ticks if t.labelled][0] == 2016


def test_timeline_strip_labels_do_not_overlap_in_a_lane(areas):
    for area in areas:
        strip = timeline_strip(area, date(2026, 11, 23))
        if strip is None:
            continue
        spans = {}
        for m in strip.marks:
            width = label_width(m.title, m.outcome)
            left = m.label_x if m.anchor == "start" else m.label_x - width
            for other in spans.get(m.label_y, []):
                assert left + width <= other[0] or left >= other[1], area.slug
            spans.setdefault(m.label_y, []).append((left, left + width))
            assert left >= 0 and left + width <= strip.width + 4, area.slug


def test_no_strip_without_events(areas):
    area = replace(next(a for a in areas if a.events), events=())
    assert timeline_strip(area, date(2026, 11, 23)) is None


# --- On the built pages -----------------------------------------------------------------------------------

def test_charts_on_the_home_page_are_figures_with_tables_and_labelled_bars(shipped):
    home = BeautifulSoup((shipped / "index.html").read_text("utf-8"), "html.parser")
    figures = home.select("figure.chart")
    assert len(figures) == 3
    for figure in figures:
        assert figure.figcaption.get_text(strip=True)
        svg = figure.select_one("svg.chart__svg")
        assert svg["role"] == "img" and svg["aria-label"]
        table = figure.select_one("table")
        assert table.caption.get_text(strip=True)
        numbers = sorted(int(t.get_text()) for t in svg.select("text.chart__value"))
        cells = sorted(int(td.get_text()) for tr in table.select("tbody tr") for td in tr.select("td")[:-1] if td.get_text() != "–")
        assert numbers == [n for n in cells if n], figure["id"]
    years = figures[0].select("tbody tr")
    assert [td.get_text() for td in years[0].select("td")] == ["7", "11", "8", "26"]


def test_area_page_has_the_strip_above_its_history(built_site):
    page = built_site.soup("areas/testshire/index.html")
    history = page.select_one("#history-heading").parent
    strip = history.select_one("svg.strip")
    assert strip["role"] == "img" and "Testshire" in strip["aria-label"]
    assert strip.find_next("ol", class_="timeline") is history.select_one("ol.timeline")
    titles = [t.get_text() for t in strip.select("tspan.strip__title")]
    assert titles == ["Inspection, Jan 2018", "Revisit, Oct 2019", "Full inspection, Jun 2024"]


def test_strip_marks_an_unpublished_inspection_as_such(areas):
    area = next(a for a in areas if a.slug == "bedford")
    last = replace(area.events[-1], published=None, outcome=None, outcome_text=None)
    strip = timeline_strip(replace(area, events=area.events[:-1] + (last,)), date(2026, 11, 23))
    assert strip.marks[-1].tone == "neutral" and strip.marks[-1].outcome == "Report not published yet"
    assert strip.summary.count("report not published yet") == 1
