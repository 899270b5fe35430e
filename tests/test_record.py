"""The record's honesty: how each fact is known, dates no source gives, monitoring findings,
"as at" on every figure, and Ofsted's yearly totals beside the site's own count.

Every test builds the minimal fixture (fictional areas) with a few events added.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from site_builder.cli import main
from site_builder.content.schema import load_schema

SITE = """title: Test SEND portal
base_url: https://example.github.io/portal/
facts_checked: 2026-11-30
complete_to: 2026-06-29
"""

# Testshire's 2024 systemic failings, then a monitoring inspection found by a council's news.
MONITORING = """  - framework: "2023"
    kind: monitoring
    start: 2026-01
    published: 2026-03-02
    outcome: effective-action
    outcome_text: "taken effective action as it has taken reasonable steps to address all the areas for priority action"
    source: https://www.testshire.example/news/monitoring
    provenance: secondary
"""

# North Oldshire: a report whose inspection dates no source gives.
UNDATED = """events:
  - framework: "2023"
    kind: inspection
    published: 2025-05-13
    outcome: inconsistent
    source: https://files.example.org/north-oldshire.pdf
    provenance: report
"""

TOTALS = """years:
  - year: 2025
    inspections: 1
    positive: 1
    inconsistent: 0
    systemic_failings: 0
    published: 2026-06-25
    source: https://www.example.org/statistics-2025
{difference}"""


@pytest.fixture
def site(make_site):
    s = make_site({"site.yaml": SITE, "ofsted-totals.yaml": TOTALS.format(difference="")})
    testshire = s.content_dir / "areas/testshire.yaml"
    text = testshire.read_text("utf-8")
    testshire.write_text(text.replace("plans:\n", MONITORING + "plans:\n", 1), "utf-8")
    north = s.content_dir / "areas/north-oldshire.yaml"
    north.write_text(north.read_text("utf-8").replace("last_reviewed:", UNDATED + "last_reviewed:"), "utf-8")
    s.build()
    return s


def text_of(soup, selector: str) -> str:
    return words(soup.select_one(selector))


def words(element) -> str:
    return " ".join(element.get_text().split())


def test_each_event_says_how_it_is_known(site):
    page = site.soup("areas/testshire/index.html")
    known = {event["id"]: text_of(event, ".summary-list__row:-soup-contains('How we know') dd")
             for event in page.select(".timeline__event")}
    assert known == {
        "monitoring-2026-01": "From a secondary source, such as a council, a parent carer forum, Parliament or the news, "
                              "reporting the report",
        "inspection-2024-06-03": "From the inspection report or letter itself",
        "revisit-2019-10-07": "From Ofsted's official statistics or management information",
        "inspection-2018-01-15": "From Ofsted's official statistics or management information",
    }


def test_a_monitoring_finding_leads_the_page_and_says_what_follows(site):
    page = site.soup("areas/testshire/index.html")
    assert text_of(page, ".status__tag") == "Monitoring found effective action on the areas for priority action"
    assert text_of(page, ".status__headline") == (
        "At its monitoring inspection in January 2026 (report published 2 March 2026), inspectors found effective "
        "action on the areas for priority action. Those areas came from its full inspection in June 2024, which found "
        "widespread and/or systemic failings.")
    steps = [" ".join(li.get_text(" ", strip=True).split()) for li in page.select(".steps li")]
    assert steps[0].startswith("A full reinspection follows. The full inspection's report said it would usually be "
                               "within about three years of that inspection")
    assert "Expected around June 2027 (approximate)" in steps[0]
    assert text_of(page, "#monitoring-2026-01 .timeline__title") == "Monitoring inspection, January 2026"
    assert page.select_one("#monitoring-2026-01 .timeline__title time")["datetime"] == "2026-01"


def test_an_inspection_whose_dates_no_source_gives_says_so(site):
    page = site.soup("areas/north-oldshire/index.html")
    assert text_of(page, ".status__headline") == (
        "At its last full inspection (dates not known; report published 13 May 2025), the area's outcome was: "
        "inconsistent experiences and outcomes.")
    event = page.select_one("#inspection-published-2025-05-13")
    assert text_of(event, ".timeline__title") == "Full inspection, date not known"
    assert text_of(event, ".summary-list__row:-soup-contains('Fieldwork') dd") == "date not known"
    rows = list(csv.DictReader(io.StringIO((site.output_dir / "data/events.csv").read_text("utf-8-sig"))))
    row = next(r for r in rows if r["area_slug"] == "north-oldshire")
    assert (row["event_id"], row["start"], row["published"], row["provenance"]) == (
        "inspection-published-2025-05-13", "", "2025-05-13", "report")
    monitoring = next(r for r in rows if r["event_id"] == "monitoring-2026-01")
    assert (monitoring["start"], monitoring["outcome"], monitoring["provenance"]) == ("2026-01", "effective-action", "secondary")


def test_the_open_data_with_these_events_follows_its_schema(site):
    schema = load_schema("data-area")
    for slug in ("testshire", "north-oldshire"):
        jsonschema.validate(json.loads((site.output_dir / f"areas/{slug}.json").read_text("utf-8")), schema)


def test_a_written_statement_of_action_with_no_revisit_says_so(make_site):
    site = make_site({"site.yaml": SITE})
    testshire = site.content_dir / "areas/testshire.yaml"
    text = testshire.read_text("utf-8")
    start = text.index('  - framework: "2016"\n    kind: revisit')
    end = text.index('  - framework: "2023"')
    testshire.write_text(text[:start] + text[end:], "utf-8")
    site.build()
    page = site.soup("areas/testshire/index.html")
    assert text_of(page, "#inspection-2018-01-15 .summary-list__row:-soup-contains('Revisit') dd") == (
        "No revisit found, in Ofsted's official statistics or the other sources we checked. Revisits under this "
        "framework ended in December 2022.")


def test_an_area_with_nothing_under_the_current_framework_says_what_was_checked(make_site):
    site = make_site({"site.yaml": SITE})
    exampleton = site.content_dir / "areas/exampleton.yaml"
    text = exampleton.read_text("utf-8")
    exampleton.write_text(text[:text.index('  - framework: "2023"')] + text[text.index("last_reviewed:"):], "utf-8")
    site.build()
    history = words(site.soup("areas/exampleton/index.html").select_one("#history-heading").find_parent("section"))
    assert ("No inspection under the current framework (from 2023) has been found for Exampleton in Ofsted's "
            "statistics and reports or the other sources we checked on 30 November 2026. Reports published after "
            "29 June 2026 may not be in our sources yet.") in history
    history = words(site.soup("areas/north-oldshire/index.html").select_one("#history-heading").find_parent("section"))
    assert ("We have no inspection recorded for North Oldshire: none was found in Ofsted's statistics and reports or "
            "the other sources we checked on 30 November 2026. Reports published after 29 June 2026 may not be in our "
            "sources yet.") in history


AS_AT = ("As at 29 June 2026: these figures count the reports published up to then, and any newer ones found when the "
         "content was last checked on 30 November 2026. Reports published since may be missing.")


def test_every_national_figure_says_the_date_it_is_true_to(site):
    home, map_page, data = site.soup("index.html"), site.soup("map/index.html"), site.soup("data/index.html")
    assert text_of(home, "#national-heading ~ .as-at") == AS_AT
    assert text_of(map_page, ".as-at") == AS_AT
    assert text_of(data, "#how-current + p") == AS_AT
    assert text_of(site.soup("regions/east-of-england/index.html"), ".as-at") == AS_AT
    for page in (home, map_page):
        for chart in page.select("figure.chart"):
            assert AS_AT in words(chart.select_one("figcaption")), chart["id"]
        for caption in page.select(".hexmap figcaption"):
            assert AS_AT in words(caption)


def test_the_map_key_has_the_monitoring_finding_with_a_texture_of_its_own(site):
    from site_builder.content.load import load_content
    from site_builder.site.hexmap import current_map

    content, _ = load_content(site.content_dir)
    current = [a for a in content.areas if not a.is_former]
    layout = {a.gss_code: (i, 0) for i, a in enumerate(current)}  # the fixture's codes are not on England's map
    legend = {e.key: e for e in current_map(current, layout).legend}
    assert (legend["effective-action"].pattern, legend["effective-action"].count) == ("effective", 1)
    assert len({e.pattern for e in legend.values()}) == len(legend)  # a texture of its own for each entry
    assert "ineffective-action" not in legend  # listed only when an area has it
    assert site.soup("map/index.html").select_one("pattern#pm-effective") is not None


def test_the_glossary_and_guides_say_when_they_were_checked(make_site):
    site = make_site()
    glossary = site.content_dir / "glossary.yaml"
    glossary.write_text("checked: 2026-11-30\n" + glossary.read_text("utf-8"), "utf-8")
    site.build()
    assert text_of(site.soup("glossary/index.html"), ".page-meta p") == "Facts last checked against sources: 30 November 2026"
    guide = site.soup("guides/what-is-an-inspection/index.html")
    assert text_of(guide, ".page-meta p").startswith("Facts last checked against sources: ")


def test_ofsteds_totals_are_shown_beside_the_sites_count(site):
    table = site.soup("data/index.html").select_one("#ofsted-totals")
    rows = [[words(c) for c in tr.select("th, td")] for tr in table.select("tbody tr")]
    assert rows == [["2025", "1 (1, 0, 0): Ofsted's statistics for 2025, published 25 June 2026", "1 (1, 0, 0)", "None"]]


def test_check_strict_fails_on_a_difference_no_one_has_explained(site, capsys, monkeypatch):
    monkeypatch.chdir(site.root)
    totals = site.content_dir / "ofsted-totals.yaml"
    more = {"inspections: 1": "inspections: 2", "inconsistent: 0": "inconsistent: 1"}
    totals.write_text(TOTALS.format(difference="").replace(*more.popitem()).replace(*more.popitem()))
    assert main(["check", "--content", "content", "--today", "2026-11-30", "--strict"]) == 1
    err = capsys.readouterr().err
    assert ("content/ofsted-totals.yaml:2: years[0]: this site's count differs from Ofsted's: inspections 1 (Ofsted: 2), "
            "inconsistent 0 (Ofsted: 1). Find the missing or extra inspection, or say why under difference:") in err
    totals.write_text(TOTALS.format(difference="    difference: One 2025 inspection's dates are not known.\n")
                      .replace("inspections: 1", "inspections: 2").replace("inconsistent: 0", "inconsistent: 1"))
    assert main(["check", "--content", "content", "--today", "2026-11-30"]) == 0
    assert "ofsted-totals" not in capsys.readouterr().err
    site.build()
    table = site.soup("data/index.html").select_one("#ofsted-totals")
    assert text_of(table, "tbody td:last-child") == "One 2025 inspection's dates are not known."


def test_totals_that_do_not_add_up_are_refused(make_site, capsys, monkeypatch):
    site = make_site({"ofsted-totals.yaml": TOTALS.format(difference="").replace("positive: 1", "positive: 5")})
    monkeypatch.chdir(site.root)
    assert main(["check", "--content", "content", "--today", "2026-11-30"]) == 1
    assert ("content/ofsted-totals.yaml:3: years[0].inspections: is 1, but the three outcomes add up to 5; check the figures"
            in capsys.readouterr().err)


@pytest.mark.parametrize("change,message", [
    (("    provenance: report\n", ""), "north-oldshire.yaml:6: events[0].provenance: missing; every event needs `provenance:`"),
    (("    provenance: report\n", "    provenance: a council\n"),
     "events[0].provenance: expected 'official-statistics' (Ofsted's statistics or management information), 'report' "
     "(the report or letter itself) or 'secondary' (a council, forum, Parliament or news item reporting it), got 'a council'"),
    (("    published: 2025-05-13\n", ""), "north-oldshire.yaml:6: events[0].start: missing; every event needs `start:`"),
    (("    outcome: inconsistent\n", "    outcome: effective-action\n"),
     "events[0].outcome: expected 'positive', 'inconsistent' or 'systemic-failings' for a 2023 inspection, got 'effective-action'"),
])
def test_check_requires_how_each_event_is_known_and_when(make_site, capsys, monkeypatch, change, message):
    site = make_site({"areas/north-oldshire.yaml": (Path(__file__).parent / "fixtures/minimal/content/areas/north-oldshire.yaml")
                      .read_text("utf-8").replace("last_reviewed:", UNDATED.replace(*change) + "last_reviewed:")})
    monkeypatch.chdir(site.root)
    assert main(["check", "--content", "content", "--today", "2026-11-30"]) == 1
    assert message in capsys.readouterr().err
