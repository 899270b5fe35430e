"""National charts and the area timeline strip: every figure counted from the content, and drawn as it says.

The input is the fictional browser fixture (tests/fixtures/browser/content over tests/fixtures/minimal/content), whose figures are known exactly;
checks of the real content against Ofsted's statistics are in test_shipped_content.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from conftest import copy_fixture
from site_builder.site.charts import (CHART_WIDTH, OFFICIAL_2016, by_region_chart, current_by_start_year,
                                 first_cycle_chart, first_cycle_counts, label_width, outcomes_by_year, timeline_strip)
from site_builder.content.load import load_areas
from site_builder.domain.status import build_status
from site_builder.domain.models import OfficialTotal
from site_builder.domain.vocabulary import REGIONS, Outcome

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def areas(tmp_path_factory):
    """The browser fixture's 13 fictional areas (12 current, Oldshire former)."""
    loaded, problems = load_areas(copy_fixture("browser", tmp_path_factory.mktemp("browser") / "content") / "areas")
    assert problems == []
    return loaded


def total(year: int, inspections: int, positive: int, inconsistent: int, systemic: int, difference: str | None = None):
    return OfficialTotal(year, inspections, positive, inconsistent, systemic, date(year + 1, 6, 5),
                         f"https://www.gov.uk/statistics/{year}", difference)


def by_slug(areas, slug):
    return next(a for a in areas if a.slug == slug)


# --- Figures, counted from the fixture -------------------------------------------------------------

def test_by_year_counts_each_dated_full_inspection_by_its_start_year(areas):
    years = current_by_start_year(areas)
    assert years == {2023: Counter({"systemic-failings": 1}), 2024: Counter({"systemic-failings": 1}),
                     2025: Counter({"positive": 1, "inconsistent": 1}), 2026: Counter({"awaiting-report": 1})}
    chart = outcomes_by_year(areas)
    assert [(label, total) for label, _, total in chart.table] == [("2023", 1), ("2024", 1), ("2025", 2), ("2026", 1)]
    inspections = [e for a in areas for e in a.events if e.framework == "2023" and e.kind == "inspection" and e.start]
    for label, values, total in chart.table:
        found = Counter(e.outcome.value if e.outcome else "awaiting-report" for e in inspections if e.start.year == int(label))
        assert dict(zip((s.key for s in chart.series), values)) == {s.key: found[s.key] for s in chart.series}
        assert sum(values) == total
    assert "Left out, because no source we found gives when inspectors visited: Probeton (report published 20 February 2024)." in chart.notes
    assert "2026 is not complete here: the latest inspection this site records started on 2 November 2026." in chart.notes


def test_by_year_notes_say_whether_each_official_total_matches(areas):
    totals = (total(2023, 1, 0, 0, 1), total(2024, 2, 0, 1, 1, "This site counts 1 inspection started in 2024."),
              total(2025, 3, 1, 1, 1))
    notes = outcomes_by_year(areas, totals).notes
    assert "The 2023 figures are the same as Ofsted's official statistics, published 5 June 2024." in notes
    assert "Ofsted's official statistics count 2 inspections in 2024. This site counts 1 inspection started in 2024." in notes
    assert "Ofsted's official statistics count 3 inspections in 2025. This site's count differs; see About the data." in notes
    assert not any("2024 figures are the same" in n or "2025 figures are the same" in n for n in notes)


def test_the_2023_note_says_when_the_figures_differ(areas):
    fewer = [replace(a, events=tuple(e for e in a.events if not (e.framework == "2023" and e.kind == "inspection"
                                                                 and e.start and e.start.year == 2023)))
             for a in areas]
    assert 2023 not in current_by_start_year(fewer)
    notes = outcomes_by_year(fewer, (total(2023, 1, 0, 0, 1),)).notes
    assert not any("2023 figures are the same" in n for n in notes)
    assert "Ofsted's official statistics count 1 inspections in 2023. This site's count differs; see About the data." in notes


def test_first_cycle_counts_each_inspection_and_its_revisit(areas):
    assert first_cycle_counts(areas) == Counter({"wsoa-required": 5, "no-wsoa": 2, "sufficient-progress": 1,
                                                 "some-progress": 2, "insufficient-progress": 1, "not-revisited": 1})
    assert first_cycle_counts(areas, date(2019, 10, 1)) == Counter({"wsoa-required": 5, "no-wsoa": 2, "sufficient-progress": 1,
                                                                    "insufficient-progress": 1, "not-revisited": 3})
    chart = first_cycle_chart(areas)
    assert [b.total for b in chart.bars] == [7, 5]
    assert "This includes areas that no longer exist: Oldshire." in chart.notes
    assert not any("after 31 August 2022" in n or "official statistics" in n for n in chart.notes)


def test_first_cycle_note_names_the_areas_ofsted_leaves_out_when_the_rest_match(areas):
    """Areas made to match OFFICIAL_2016 exactly, plus the two it leaves out and one revisit after its date."""
    inspection = by_slug(areas, "demoport").events[0]
    revisit = by_slug(areas, "demoport").events[1]
    passed = by_slug(areas, "exampleton").events[0]
    template = by_slug(areas, "demoport")
    official = OFFICIAL_2016["counts"]

    def area(slug, *events):
        return replace(template, slug=slug, name=slug.replace("-", " ").title(), events=events)

    made = [area(f"a{i}", passed) for i in range(official[Outcome.NO_WSOA])]
    for outcome in (Outcome.SUFFICIENT_PROGRESS, Outcome.SOME_PROGRESS, Outcome.INSUFFICIENT_PROGRESS):
        made += [area(f"{outcome.value}-{i}", inspection, replace(revisit, outcome=outcome)) for i in range(official[outcome])]
    made += [area(f"not-revisited-{i}", inspection) for i in range(official["not-revisited"] - 1)]
    made.append(area("late", inspection, replace(revisit, start=date(2022, 10, 3), published=date(2022, 12, 1))))
    made += [area("dorset-county", inspection), area("northamptonshire", passed)]
    counts = first_cycle_counts(made)
    assert (counts["wsoa-required"], counts["no-wsoa"], counts["sufficient-progress"], counts["not-revisited"]) == (83, 68, 21, 36)
    text = " ".join(first_cycle_chart(made).notes)
    assert "count 82 inspections that required a statement and 67 that did not" in text
    assert "they leave out Dorset County and Northamptonshire" in text
    assert "It includes 1 revisit after 31 August 2022" in text
    assert "and counting revisits only to 31 August 2022, this site's figures are the same as Ofsted's" in text
    off_by_one = made[1:]  # one fewer area without a statement: no longer Ofsted's figures
    assert "leave out" not in " ".join(first_cycle_chart(off_by_one).notes)


def test_by_region_counts_each_current_area_once(areas):
    chart = by_region_chart(areas)
    current = [a for a in areas if not a.is_former]
    assert len(current) == 11 and sum(total for _, _, total in chart.table) == 11
    assert [(label, total) for label, _, total in chart.table] == [
        ("North East", 2), ("North West", 2), ("Yorkshire and The Humber", 1), ("West Midlands", 2),
        ("East of England", 1), ("London", 1), ("South East", 1), ("South West", 1)]
    assert [label for label, _, _ in chart.table] == [r for r in REGIONS if any(a.region == r for a in current)]
    keys = [s.key for s in chart.series]
    for label, values, _ in chart.table:
        statuses = Counter(build_status(a).category for a in current if a.region == label)
        counted = dict(zip(keys, values))
        for key in ("positive", "inconsistent", "systemic-failings"):
            assert counted.get(key, 0) == statuses[key], (label, key)
    west_midlands = dict(zip(keys, next(values for label, values, _ in chart.table if label == "West Midlands")))
    assert west_midlands["ineffective-action"] == 1  # Probeton's latest finding is its monitoring visit


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
    for slug in ("testshire", "demoport", "fixtureham", "placeholm", "exampleton", "sampleby"):
        area = by_slug(areas, slug)
        strip = timeline_strip(area, TODAY)
        assert [m.event_id for m in strip.marks] == [e.id for e in sorted(area.events, key=lambda e: e.start)]
        xs = [m.x for m in strip.marks]
        assert xs == sorted(xs) and all(strip.x0 <= x <= strip.x1 for x in xs)
        for e in area.events:
            assert e.start.strftime("%B %Y") in strip.summary
        assert [t.year for t in strip.ticks if t.labelled][0] == 2016


def crowded(areas):
    """Testshire with its events plus five more within two years: labels must share lanes."""
    area = by_slug(areas, "testshire")
    extra = by_slug(areas, "trialford").events + by_slug(areas, "probeton").events + by_slug(areas, "sampleby").events
    return replace(area, slug="crowded", events=area.events + extra)


def test_timeline_strip_labels_do_not_overlap_in_a_lane(areas):
    checked = 0
    for area in (*areas, crowded(areas)):
        strip = timeline_strip(area, TODAY)
        if strip is None:
            continue
        checked += 1
        spans = {}
        for m in strip.marks:
            width = label_width(m.title, m.outcome)
            left = m.label_x if m.anchor == "start" else m.label_x - width
            for other in spans.get(m.label_y, []):
                assert left + width <= other[0] or left >= other[1], area.slug
            spans.setdefault(m.label_y, []).append((left, left + width))
            assert left >= 0 and left + width <= strip.width + 4, area.slug
    assert checked == 12
    assert len({m.label_y for m in timeline_strip(crowded(areas), TODAY).marks}) > 1


def test_no_strip_without_events(areas):
    assert timeline_strip(by_slug(areas, "north-oldshire"), TODAY) is None
    assert timeline_strip(replace(by_slug(areas, "testshire"), events=()), TODAY) is None


# --- On the built pages -----------------------------------------------------------------------------------

TOTALS = """years:
  - year: 2023
    inspections: 1
    positive: 0
    inconsistent: 0
    systemic_failings: 1
    published: 2024-06-05
    source: https://www.gov.uk/government/statistics/example-2023
"""


def test_charts_on_the_home_page_are_figures_with_tables_and_labelled_bars(make_site):
    site = make_site({"ofsted-totals.yaml": TOTALS}, fixture="browser")
    site.build()
    home = site.soup("index.html")
    figures = home.select("figure.chart")
    assert [f["id"] for f in figures] == ["chart-years", "chart-2016", "chart-regions"]
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
    assert [td.get_text() for td in years[2].select("td")] == ["1", "1", "0", "0", "2"]  # positive, inconsistent, systemic failings, awaiting, total
    assert "The 2023 figures are the same as Ofsted's official statistics, published 5 June 2024." in figures[0].get_text(" ")


def test_area_page_has_the_strip_above_its_history(built_site):
    page = built_site.soup("areas/testshire/index.html")
    history = page.select_one("#history-heading").parent
    strip = history.select_one("svg.strip")
    assert strip["role"] == "img" and "Testshire" in strip["aria-label"]
    assert strip.find_next("ol", class_="timeline") is history.select_one("ol.timeline")
    titles = [t.get_text() for t in strip.select("tspan.strip__title")]
    assert titles == ["Inspection, Jan 2018", "Revisit, Oct 2019", "Full inspection, Jun 2024"]


def test_strip_marks_an_unpublished_inspection_as_such(areas):
    area = by_slug(areas, "testshire")
    last = replace(area.events[-1], published=None, outcome=None, outcome_text=None)
    strip = timeline_strip(replace(area, events=area.events[:-1] + (last,)), TODAY)
    assert strip.marks[-1].tone == "neutral" and strip.marks[-1].outcome == "Report not published yet"
    assert strip.summary.count("report not published yet") == 1


def test_the_timeline_summary_says_st_helens_not_st_helenss(areas):
    area = replace(next(a for a in areas if a.events), name="St Testhelens")
    assert timeline_strip(area, TODAY).summary.startswith("Timeline of St Testhelens' ")
