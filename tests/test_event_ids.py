"""An event keeps its address when a fact about it is corrected, and `check` guards its dates (issue 18).

Each test builds the minimal fixture (fictional areas) into a temporary folder.
"""

from __future__ import annotations

import csv
import io
import json

from site_builder.cli import main

REVISIT = '''  - framework: "2016"
    kind: revisit
    start: 2019-10-07
'''


def built(site, capsys) -> dict:
    """What a journalist could have linked to: the page's anchors, the CSV's and JSON's ids, the feed's ids."""
    assert main(["build", "--content", str(site.content_dir), "--output", str(site.output_dir), "--no-search",
                 "--today", "2026-11-23"]) == 0, capsys.readouterr().err
    page = site.soup("areas/testshire/index.html")
    rows = csv.DictReader(io.StringIO((site.output_dir / "data/events.csv").read_text("utf-8-sig")))
    area = json.loads((site.output_dir / "areas/testshire.json").read_text("utf-8"))
    feed = (site.output_dir / "feed.xml").read_text("utf-8")
    return {
        "anchors": sorted(li["id"] for li in page.select(".timeline__event")),
        "links": sorted(a["href"] for a in page.select(".timeline__link a")),
        "csv": sorted((r["event_id"], r["page_url"]) for r in rows if r["area_slug"] == "testshire"),
        "json": sorted((e["event_id"], e["page_url"]) for e in area["history"]),
        "feed": "urn:send-area-portal:area:testshire:revisit-2019-10-07" in feed,
    }


def test_correcting_a_date_keeps_every_published_link_to_the_event(make_site, capsys):
    site = make_site()
    path = site.content_dir / "areas/testshire.yaml"
    path.write_text(path.read_text("utf-8").replace(REVISIT, "  - id: revisit-2019-10-07\n    " + REVISIT[4:]), "utf-8")
    assert "  - id: revisit-2019-10-07\n    framework" in path.read_text("utf-8")
    before = built(site, capsys)
    assert "revisit-2019-10-07" in before["anchors"] and "#revisit-2019-10-07" in before["links"] and before["feed"]

    path.write_text(path.read_text("utf-8").replace("start: 2019-10-07", "start: 2019-10-08"), "utf-8")  # a correction
    after = built(site, capsys)
    assert after == before


def test_without_an_id_a_correction_changes_the_address_so_check_asks_for_one(make_site, capsys):
    site = make_site()
    path = site.content_dir / "areas/testshire.yaml"
    path.write_text(path.read_text("utf-8").replace("start: 2019-10-07", "start: 2019-10-08"), "utf-8")
    assert "revisit-2019-10-08" in built(site, capsys)["anchors"]
    main(["check", "--content", str(site.content_dir), "--today", "2026-11-23"])
    assert ("content/areas/testshire.yaml:24: warning: events[1]: add id: revisit-2019-10-08 to this event, so that "
            "links to it keep working if a date is corrected") in capsys.readouterr().err


def test_two_events_cannot_share_an_id(make_site, capsys, monkeypatch):
    site = make_site()
    monkeypatch.chdir(site.root)
    path = site.content_dir / "areas/testshire.yaml"
    path.write_text(path.read_text("utf-8").replace(REVISIT, "  - id: inspection-2018-01-15\n    " + REVISIT[4:]), "utf-8")
    assert main(["check", "--content", "content", "--today", "2026-11-23"]) == 1
    assert ("content/areas/testshire.yaml:24: events[1].id: events[0] already has the id inspection-2018-01-15; "
            "each event needs its own") in capsys.readouterr().err


def test_a_publication_date_after_today_is_refused(make_site, capsys, monkeypatch):
    site = make_site()
    monkeypatch.chdir(site.root)
    path = site.content_dir / "areas/testshire.yaml"
    path.write_text(path.read_text("utf-8").replace("published: 2019-11-20", "published: 2026-12-20"), "utf-8")
    assert main(["check", "--content", "content", "--today", "2026-11-23"]) == 1
    assert ("content/areas/testshire.yaml:24: events[1].published: 2026-12-20 is after today (2026-11-23); write "
            "the date the report was published, once it is out") in capsys.readouterr().err
    assert main(["build", "--content", "content", "--output", "output", "--no-search", "--today", "2026-11-23"]) == 1
    assert "2026-12-20 is after today" in capsys.readouterr().err
    assert not site.output_dir.exists()


def test_systemic_failings_without_the_number_of_priority_actions_gets_a_warning(make_site, capsys, monkeypatch):
    site = make_site()
    monkeypatch.chdir(site.root)
    path = site.content_dir / "areas/testshire.yaml"
    path.write_text(path.read_text("utf-8").replace("    priority_actions: 2\n", ""), "utf-8")
    main(["check", "--content", "content", "--today", "2026-11-23"])
    assert ("content/areas/testshire.yaml:33: warning: events[2]: add priority_actions: the number of areas for "
            "priority action the report lists") in capsys.readouterr().err


def test_a_published_report_needs_its_outcome_or_a_note_saying_why_not(make_site, capsys, monkeypatch):
    """The weekly update writes a report whose outcome it cannot read with a note saying so: check accepts that,
    and refuses a published report with neither (issue 16)."""
    site = make_site()
    monkeypatch.chdir(site.root)
    path = site.content_dir / "areas/testshire.yaml"
    text = path.read_text("utf-8").replace("    outcome: some-progress\n", "")
    path.write_text(text, "utf-8")
    assert main(["check", "--content", "content", "--today", "2026-11-23"]) == 1
    assert ("content/areas/testshire.yaml:24: events[1]: the report is published, so add its outcome (or, if no source "
            "gives it, say so in note:)") in capsys.readouterr().err
    path.write_text(text.replace("    progress: {sufficient: 3, insufficient: 2}\n", "    progress: {sufficient: 3, insufficient: 2}\n"
                                 "    note: The outcome could not be read from the letter automatically.\n"), "utf-8")
    assert main(["check", "--content", "content", "--today", "2026-11-23"]) == 0
    assert main(["build", "--content", "content", "--output", "output", "--no-search", "--today", "2026-11-23"]) == 0
    page = site.soup("areas/testshire/index.html")
    assert "The outcome could not be read from the letter automatically." in page.select_one("#revisit-2019-10-07").get_text()
