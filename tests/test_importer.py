"""Tests for the importer, run against small fixture files about fictional areas."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from site_builder.cli import main
from site_builder.content.load import load_content
from site_builder.importer.areas import display_name, slugify
from site_builder.importer.events import MI_2023, RELEASE_2022, SCRAPE_NOTE, Event
from site_builder.importer.read_csv import parse_uk_date
from site_builder.importer.outcomes import match_outcome
from site_builder.importer.run import DataFileError, ImportReport, run_import

FIXTURES = Path(__file__).parent / "fixtures" / "import"
TODAY = date(2026, 11, 23)
LATER = date(2027, 1, 4)


def run(content: Path, today: date = TODAY, **kwargs) -> ImportReport:
    return run_import(FIXTURES, content, today, extra_events=kwargs.pop("extra_events", ()), **kwargs)


def load(content: Path, slug: str) -> dict:
    return yaml.safe_load((content / f"{slug}.yaml").read_text(encoding="utf-8"))


def events(content: Path, slug: str, framework: str | None = None) -> list[dict]:
    found = load(content, slug).get("events", [])
    return [e for e in found if framework is None or e["framework"] == framework]


def snapshot(content: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(content.iterdir())}


@pytest.fixture
def areas_dir(tmp_path: Path) -> Path:
    """content/areas in a temporary content folder (the importer's base file goes next to it)."""
    return tmp_path / "content" / "areas"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "areas"
    run(folder)
    return folder


def test_one_file_per_current_area_plus_former_areas_with_history(content: Path) -> None:
    assert sorted(p.stem for p in content.glob("*.yaml")) == [
        "exampleton", "hushton-and-quietborough", "north-oldshire", "oldshire",
        "renamingshire", "sampleford", "south-oldshire", "testshire",
    ]
    # Districts, Welsh councils and former councils with no inspection left no file.
    assert not list(content.glob("littlebury*")) and not list(content.glob("quietborough*"))


def test_area_fields(content: Path) -> None:
    area = load(content, "exampleton")
    assert list(area)[:6] == ["name", "gss_code", "region", "la_number", "ofsted_urn", "council_url"]
    assert area["gss_code"] == "E06000901"
    assert area["la_number"] == 902 and area["ofsted_urn"] == 90002
    assert area["council_url"] == "https://exampleton.gov.uk/"  # lower-cased lookup domain
    assert area["last_reviewed"] == TODAY
    assert load(content, "sampleford")["name"] == "Sampleford"  # "City of Sampleford"
    assert "council_url" not in load(content, "sampleford")  # a children's trust domain


def test_region_comes_from_ons_code_when_mysociety_disagrees(areas_dir: Path) -> None:
    report = run(areas_dir)
    assert load(areas_dir, "testshire")["region"] == "South East"
    assert load(areas_dir, "north-oldshire")["region"] == "Yorkshire and The Humber"
    assert any("Testshire" in w and "South East" in w for w in report.warnings)


def test_2016_inspection_and_revisit(content: Path) -> None:
    inspection, revisit = events(content, "testshire", "2016")
    assert inspection == {
        "id": "inspection-2017-03-06",
        "framework": "2016", "kind": "inspection", "start": date(2017, 3, 6), "published": date(2017, 5, 10),
        "outcome": "wsoa-required", "significant_weaknesses": 4,
        "report_url": "https://reports.ofsted.gov.uk/provider/44/90001", "source": RELEASE_2022,
        "provenance": "official-statistics",
    }
    assert revisit["kind"] == "revisit" and revisit["outcome"] == "some-progress"
    assert revisit["progress"] == {"sufficient": 2, "insufficient": 2}
    assert events(content, "sampleford", "2016")[1]["outcome"] == "insufficient-progress"
    no_wsoa = events(content, "exampleton", "2016")
    assert len(no_wsoa) == 1 and no_wsoa[0]["outcome"] == "no-wsoa" and "significant_weaknesses" not in no_wsoa[0]


def test_not_revisited_yet_gives_no_revisit(content: Path) -> None:
    assert [e["kind"] for e in events(content, "oldshire")] == ["inspection"]


def test_same_boundary_code_change_goes_to_successor(content: Path) -> None:
    area = load(content, "renamingshire")
    assert area["gss_code"] == "E06000905" and area["former_gss_codes"] == ["E10000903"]
    assert [e["kind"] for e in events(content, "renamingshire", "2016")] == ["inspection", "revisit"]
    assert events(content, "renamingshire", "2016")[1]["outcome"] == "sufficient-progress"


def test_former_area_and_successors(content: Path) -> None:
    old = load(content, "oldshire")
    assert old["gss_code"] == "E10000902"
    assert old["ended"] == date(2022, 3, 31)  # mySociety's end date is the successors' first day
    assert old["replaced_by"] == ["north-oldshire", "south-oldshire"]
    assert old["la_number"] == 907 and "ofsted_urn" not in old
    assert load(content, "north-oldshire")["predecessors"] == ["oldshire"]
    assert load(content, "south-oldshire")["predecessors"] == ["oldshire"]
    assert "predecessors" not in load(content, "hushton-and-quietborough")  # no former file to link


def test_mi_wins_over_scrape(areas_dir: Path) -> None:
    report = run(areas_dir)
    (event,) = events(areas_dir, "exampleton", "2023")
    assert event["start"] == date(2023, 5, 15) and event["source"] == MI_2023
    assert event["outcome"] == "inconsistent" and "outcome_text" not in event and "note" not in event
    assert any(w.startswith("Exampleton") and "2023-05-11" in w for w in report.warnings)


def test_mi_priority_actions(content: Path) -> None:
    mi = [e for e in events(content, "testshire", "2023") if e["kind"] == "inspection"]
    assert mi == [{
        "id": "inspection-2023-07-03",
        "framework": "2023", "kind": "inspection", "start": date(2023, 7, 3), "published": date(2023, 9, 12),
        "outcome": "systemic-failings", "priority_actions": 3,
        "report_url": "https://reports.ofsted.gov.uk/provider/44/90001", "source": MI_2023,
        "provenance": "official-statistics",
    }]


def test_scraped_outcome_text_is_only_the_outcome_sentence(content: Path) -> None:
    (event,) = events(content, "north-oldshire", "2023")
    assert event["outcome"] == "systemic-failings"
    assert event["outcome_text"].endswith("which the local area partnership must address urgently.")
    assert "monitoring" not in event["outcome_text"]
    assert (event["start"], event["end"], event["published"]) == (date(2024, 1, 22), date(2024, 1, 26), date(2024, 3, 25))
    assert event["source"] == "https://files.ofsted.gov.uk/v1/file/90000004"
    assert event["report_url"] == "https://reports.ofsted.gov.uk/provider/44/90004"
    assert event["note"] == SCRAPE_NOTE
    (positive,) = events(content, "renamingshire", "2023")
    assert positive["outcome"] == "positive" and "’" in positive["outcome_text"]
    assert positive["outcome_text"].endswith("where improvements are needed.")


def test_placeholder_dates_are_dropped(areas_dir: Path) -> None:
    report = run(areas_dir)
    (positive,) = events(areas_dir, "renamingshire", "2023")
    assert "end" not in positive  # 01/01/1900 in the scrape
    assert events(areas_dir, "sampleford", "2023") == []  # start was 01/01/1900: no event
    assert any("sampleford" in w and "no usable start date" in w for w in report.warnings)


def test_unmatched_outcome_text_gives_warning_and_no_outcome(areas_dir: Path) -> None:
    report = run(areas_dir)
    (event,) = events(areas_dir, "south-oldshire", "2023")
    assert "outcome" not in event and "outcome_text" not in event
    assert event["published"] == date(2024, 5, 20)
    assert any("south oldshire" in w and "matches no official outcome" in w for w in report.warnings)


def test_monitoring_inspection_has_text_and_no_outcome(content: Path) -> None:
    (event,) = [e for e in events(content, "testshire", "2023") if e["kind"] == "monitoring"]
    assert "outcome" not in event and event["outcome_text"].startswith("Ofsted and the Care Quality Commission")


def test_events_are_chronological(content: Path) -> None:
    starts = [str(e["start"]) for e in events(content, "testshire")]
    assert starts == sorted(starts) and len(starts) == 4


def test_file_format(content: Path) -> None:
    text = (content / "testshire.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../site_builder/schemas/area.schema.json"
    assert lines[1].startswith("# Created by `site-builder import`")
    assert "  - id: inspection-2017-03-06" in lines and '    framework: "2016"' in lines
    assert "    start: 2017-03-06" in lines
    assert "    progress: {sufficient: 2, insufficient: 2}" in lines


def test_rerun_is_byte_identical_and_writes_nothing(content: Path) -> None:
    before = snapshot(content)
    mtimes = {p.name: p.stat().st_mtime_ns for p in content.iterdir()}
    report = run(content, LATER)
    assert snapshot(content) == before
    assert {p.name: p.stat().st_mtime_ns for p in content.iterdir()} == mtimes
    assert (report.created, report.updated, report.unchanged) == (0, 0, 8)


def test_hand_edits_survive_reimport(content: Path) -> None:
    path = content / "exampleton.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("council_url:", "# Checked by a maintainer.\nlocal_offer_url: https://example.org/local-offer\ncouncil_url:")
    text = text.replace("last_reviewed:", (
        "  - framework: \"2023\"\n    kind: monitoring\n    start: 2025-02-03\n"
        "    outcome_text: Added by hand.\n    source: https://example.org/report\n"
        "last_reviewed:"
    ))
    text = text.replace("    outcome: no-wsoa\n", "    outcome: no-wsoa\n    summary: Written by a maintainer.\n")
    path.write_text(text, encoding="utf-8")
    run(content, LATER)
    assert path.read_text(encoding="utf-8") == text  # nothing imported changed, so no rewrite
    area = load(content, "exampleton")
    assert area["local_offer_url"] == "https://example.org/local-offer"
    assert area["last_reviewed"] == TODAY


def test_reimport_keeps_a_changed_fact_and_never_touches_last_reviewed(content: Path) -> None:
    path = content / "exampleton.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("outcome: inconsistent", "outcome: positive")  # a maintainer's correction
    text = text.replace("name: Exampleton", "name: Exampleton Town  # local name")
    text = text.replace("last_reviewed: 2026-11-23  # set by import, please review", "last_reviewed: 2026-12-01")
    text = text.replace("last_reviewed:", (
        "  - framework: \"2023\"\n    kind: monitoring\n    start: 2025-02-03\n"
        "    outcome_text: Added by hand.\n    source: https://example.org/report\n"
        "help:\n  - kind: sendiass\n    name: Exampleton SENDIASS\n    url: https://example.org/\n"
        "last_reviewed:"
    ))
    path.write_text(text, encoding="utf-8")
    report = run(content, LATER)
    assert (report.updated, report.conflicts) == (0, ())  # the data did not change: the edits simply stand
    assert path.read_text(encoding="utf-8") == text
    area = load(content, "exampleton")
    assert area["name"] == "Exampleton Town" and area["events"][1]["outcome"] == "positive"
    assert area["last_reviewed"] == date(2026, 12, 1)


def test_deleted_event_is_not_added_back(content: Path) -> None:
    path = content / "testshire.yaml"
    doc = path.read_text(encoding="utf-8")
    head, rest = doc.split("  - id: revisit-2019-06-03\n    framework: \"2016\"\n    kind: revisit\n", 1)
    rest = rest.split("  - id:", 1)[1]
    path.write_text(head + "  - id:" + rest, encoding="utf-8")
    before = snapshot(content)
    report = run(content, LATER)
    assert snapshot(content) == before and report.conflicts == ()
    assert [e["kind"] for e in events(content, "testshire")] == ["inspection", "inspection", "monitoring"]


def test_month_precision_event_and_later_exact_date(areas_dir: Path) -> None:
    extra = [("E10000902", Event("2016", "revisit", "2020-02", outcome="some-progress", source=RELEASE_2022,
                                 note="Only the month is known."))]
    run(areas_dir, extra_events=extra)
    revisit = events(areas_dir, "oldshire")[1]
    assert revisit["start"] == "2020-02" and "published" not in revisit
    path = areas_dir / "oldshire.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("start: 2020-02", "start: 2020-02-10"), encoding="utf-8")
    run(areas_dir, LATER, extra_events=extra)
    assert [str(e["start"]) for e in events(areas_dir, "oldshire")] == ["2019-02-04", "2020-02-10"]


def test_unknown_codes_and_names_are_reported(areas_dir: Path) -> None:
    report = run(areas_dir)
    assert any("E09999999" in w for w in report.warnings)
    assert any("Nowhereville" in w for w in report.warnings)


def test_report_counts_and_summary(areas_dir: Path) -> None:
    report = run(areas_dir)
    assert (report.created, report.updated, report.unchanged) == (8, 0, 0)
    assert (report.current_areas, report.former_areas) == (7, 1)
    # 2016: 5 inspections and 3 revisits; 2023: 2 MI, 4 scraped (one start date unusable, one MI twin).
    assert dict(report.events_by_framework) == {"2016": 8, "2023": 6}
    assert "8 created" in report.summary()
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.created = 0  # type: ignore[misc]


def test_missing_data_file_is_a_plain_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    (data / "d2i_ofsted_provider_la_lookup.csv").unlink()
    with pytest.raises(DataFileError, match="d2i_ofsted_provider_la_lookup"):
        run_import(data, tmp_path / "areas", TODAY)


def test_no_temporary_files_left(content: Path) -> None:
    assert [p.name for p in content.iterdir() if not p.name.endswith(".yaml")] == []


@pytest.mark.parametrize("nice, name, slug", [
    ("City of Bristol", "Bristol", "bristol"),
    ("St. Helens", "St Helens", "st-helens"),
    ("Dorset Council", "Dorset", "dorset"),
    ("City of London", "City of London", "city-of-london"),
    ("Kingston upon Hull", "Kingston upon Hull", "kingston-upon-hull"),
    ("Bournemouth, Christchurch and Poole", "Bournemouth, Christchurch and Poole", "bournemouth-christchurch-and-poole"),
    ("Telford & Wrekin", "Telford & Wrekin", "telford-and-wrekin"),
])
def test_names_and_slugs(nice: str, name: str, slug: str) -> None:
    assert display_name(nice) == name
    assert slugify(name) == slug


def test_uk_dates() -> None:
    assert parse_uk_date("05/02/25") == date(2025, 2, 5)
    assert parse_uk_date("15/05/2023") == date(2023, 5, 15)
    assert parse_uk_date("01/01/1900") is None
    assert parse_uk_date("") is None


@pytest.mark.parametrize("text, outcome", [
    ("The local area partnership’s arrangements lead to inconsistent experiences and outcomes for children "
     "and young people with SEND. The local area partnership must work jointly to make improvements.", "inconsistent"),
    ("The local area partnership's arrangements typically lead to positive experiences and outcomes for children and "
     "young people with special educational needs and/or disabilities (SEND).  The local area partnership is taking "
     "action where improvements are needed. The next full area SEND inspection will be within 5 years.", "positive"),
    ("The local area partnership’s arrangements lead to inconsistent experiences and outcomes for children and "
     "young people with special educational needs and/disabilities (SEND). The local area partnership must work "
     "jointly to make improvements.", None),
    ("Inspection outcome section not found.", None),
])
def test_outcome_sentences(text: str, outcome: str | None) -> None:
    found = match_outcome(text)
    assert (found[0] if found else None) == outcome
    if found:
        assert found[1].endswith(".") and "next full" not in found[1]


def test_districts_are_placed_on_the_area_that_covers_them(areas_dir: Path) -> None:
    report = run(areas_dir)
    assert load(areas_dir, "testshire")["districts"] == [
        {"name": "Littlebury", "gss_code": "E07000901"},
        {"name": "Testford", "gss_code": "E07000902", "alt_names": ["Testford Vale"]},  # not "Testford Borough Council"
        {"name": "Oldbridge", "gss_code": "E07000904", "ended": date(2020, 3, 31)},  # merged into Littlebury
    ]
    # A former district follows `replaced-by` to the unitary council; mySociety's end date is its first day.
    assert load(areas_dir, "north-oldshire")["districts"] == [
        {"name": "Oldtown", "gss_code": "E07000903", "ended": date(2022, 3, 31)}]
    assert "districts" not in load(areas_dir, "oldshire")  # a former area covers nobody now
    assert any("Splitby" in w and "no single current area" in w for w in report.warnings)  # split two ways
    assert any("Nowhere District" in w for w in report.warnings)  # unknown county
    assert report.districts == 4 and "District councils placed: 4" in report.summary()
    assert "  - {name: Testford, gss_code: E07000902, alt_names: [Testford Vale]}" in (areas_dir / "testshire.yaml").read_text()


def test_other_names_only_when_they_add_a_word(content: Path) -> None:
    assert load(content, "exampleton")["alt_names"] == ["Greater Exampleton"]
    assert load(content, "hushton-and-quietborough")["alt_names"] == ["HQ"]  # from the lookup's also_known_as
    assert "alt_names" not in load(content, "sampleford")  # "[Sampleford]" adds nothing


def test_statistical_neighbours_in_dfe_order_with_old_codes(areas_dir: Path) -> None:
    report = run(areas_dir)
    # E10000903 is Renamingshire's old code: the same area, so its successor is the neighbour.
    assert load(areas_dir, "testshire")["neighbours"] == ["exampleton", "sampleford", "renamingshire"]
    # Its own code is dropped; an unknown code falls back to the DfE number (903, Sampleford).
    assert load(areas_dir, "exampleton")["neighbours"] == ["testshire", "sampleford"]
    assert "neighbours" not in load(areas_dir, "oldshire")  # former areas need no neighbours
    assert any("E10000902" in w and "Oldshire" in w and "more than one successor" in w for w in report.warnings)
    assert report.areas_with_neighbours == 2


def test_hand_edits_to_districts_and_neighbours_survive(content: Path) -> None:
    path = content / "testshire.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("{name: Littlebury, gss_code: E07000901}",
                        "{name: Littlebury Town, gss_code: E07000901, alt_names: [Lbury]}")  # edited by hand
    text = text.replace("  - {name: Oldbridge, gss_code: E07000904, ended: 2020-03-31}\n", "")  # deleted by hand
    text = text.replace("districts:\n", "alt_names: [Testshire Vale]\ndistricts:\n  - {name: Handby, gss_code: E07000999}\n")
    text = text.replace("neighbours: [exampleton, sampleford, renamingshire]", "neighbours: [exampleton]")
    path.write_text(text, encoding="utf-8")
    before = snapshot(content)
    report = run(content, LATER)
    assert (report.updated, report.conflicts) == (0, ())
    assert snapshot(content) == before
    area = load(content, "testshire")
    assert area["alt_names"] == ["Testshire Vale"]
    assert area["districts"] == [
        {"name": "Handby", "gss_code": "E07000999"},
        {"name": "Littlebury Town", "gss_code": "E07000901", "alt_names": ["Lbury"]},
        {"name": "Testford", "gss_code": "E07000902", "alt_names": ["Testford Vale"]},
    ]
    assert area["neighbours"] == ["exampleton"]


# Re-running the import never overwrites a maintainer's correction (issue 13, item 5): a three-way
# merge against content/import-base.json, what the importer last wrote. These tests run the command
# line in a temporary folder holding data/ (a copy of the fixtures, in the real files' layout) and
# content/, so that the messages are exactly what a maintainer sees.

F2016 = "ofsted_area_send_inspections_2016-05-01_to_2022-08-31.csv"
FMI = "ofsted_mi_area_send_2023_framework_to_2023-11.csv"
FSCRAPE = "d2i_area_send_2023_framework_scraped_2026-06-29.csv"
FLOOKUP = "d2i_ofsted_provider_la_lookup.csv"
AREAS = Path("content") / "areas"
BASE = Path("content") / "import-base.json"


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in a file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def area_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(AREAS.iterdir())}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """The working directory: data/ (a copy of the fixtures) and content/ imported from it."""
    shutil.copytree(FIXTURES, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["import", "--data", "data", "--content", "content", "--today", "2026-11-23"]) == 0
    capsys.readouterr()
    return tmp_path


def import_again(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, list[str], list[str]]:
    """Run the import; return its exit status, its output lines and its error lines other than warnings."""
    status = main(["import", "--data", "data", "--content", "content", "--today", "2027-01-04", *options])
    out, err = capsys.readouterr()
    return status, out.splitlines(), [line for line in err.splitlines() if not line.startswith("warning: ")]


def make_maintainer_corrections() -> None:
    testshire, north = AREAS / "testshire.yaml", AREAS / "north-oldshire.yaml"
    edit(testshire, "    published: 2017-05-10\n",
         "    # The letter is dated 11 May 2017; the statistics are a day out.\n    published: 2017-05-11\n")
    edit(testshire, "significant_weaknesses: 4\n    report_url: https://reports.ofsted.gov.uk/provider/44/90001",
         "significant_weaknesses: 5\n    report_url: https://files.ofsted.gov.uk/v1/file/50000001")
    edit(testshire, "neighbours: [exampleton, sampleford, renamingshire]", "neighbours: [sampleford, exampleton, renamingshire]")
    edit(testshire, (
        "  - id: revisit-2019-06-03\n"
        '    framework: "2016"\n    kind: revisit\n    start: 2019-06-03\n    published: 2019-07-20\n'
        "    outcome: some-progress\n    progress: {sufficient: 2, insufficient: 2}\n"
        "    report_url: https://reports.ofsted.gov.uk/provider/44/90001\n    source: " + RELEASE_2022 + "\n"
        "    provenance: official-statistics\n"), "")
    edit(testshire, "last_reviewed: 2026-11-23  # set by import, please review", "last_reviewed: 2026-12-01")
    edit(north, "disabilities (SEND), which", "disabilities (SEND) in North Oldshire, which")


def change_the_data() -> None:
    data = Path("data")
    # Testshire's 2016 inspection and revisit: every field the maintainer corrected changes.
    edit(data / F2016, "https://reports.ofsted.gov.uk/provider/44/90001,E10000901,Testshire,South East,2017-03-06,2017-05-10,Yes,4,2019-06-03,2019-07-20,",
         "https://www.ofsted.gov.uk/testshire-letter,E10000901,Testshire,South East,2017-03-06,2017-05-13,Yes,6,2019-06-03,2019-07-21,")
    edit(data / FLOOKUP, '"902, 903, 907, 906","E06000901, E06000902, E10000902, E10000903"',
         '"902, 907, 906","E06000901, E10000902, E10000903"')
    edit(data / FSCRAPE, "special educational needs and/or disabilities (SEND), which the local area partnership must "
         "address urgently.  A monitoring", "SEND, which the local area partnership must address urgently.  A monitoring")
    # Fields no maintainer touched, and a new inspection.
    edit(data / F2016, "Exampleton,North West,2018-01-15,2018-03-06,", "Exampleton,North West,2018-01-15,2018-03-07,")
    edit(data / FMI, '"Testshire","South East","03/07/2023","12/09/2023"', '"Testshire","South East","03/07/2023","13/09/2023"')
    edit(data / F2016, "https://reports.ofsted.gov.uk/provider/44/99999,",
         "https://reports.ofsted.gov.uk/provider/44/90008,E06000908,Hushton and Quietborough,North West,"
         "2018-06-04,2018-08-01,No,,,,,,\nhttps://reports.ofsted.gov.uk/provider/44/99999,")


SYSTEMIC = ("There are widespread and/or systemic failings leading to significant concerns about the experiences "
            "and outcomes of children and young people with ")
CONFLICTS = [
    "content/areas/north-oldshire.yaml:21: events[0].outcome_text: kept "
    f'"{SYSTEMIC}special educational needs and/or disabilities (SEND) in North Oldshire, which the local area '
    'partnership must address urgently." (your edit); the data says '
    f'"{SYSTEMIC}SEND, which the local area partnership must address urgently."',
    "content/areas/testshire.yaml:14: neighbours: kept [sampleford, exampleton, renamingshire] (your edit); "
    "the data says [exampleton, renamingshire]",
    "content/areas/testshire.yaml:21: events[0].published: kept 2017-05-11 (your edit); the data says 2017-05-13",
    "content/areas/testshire.yaml:23: events[0].significant_weaknesses: kept 5 (your edit); the data says 6",
    "content/areas/testshire.yaml:24: events[0].report_url: kept https://files.ofsted.gov.uk/v1/file/50000001 "
    "(your edit); the data says https://www.ofsted.gov.uk/testshire-letter",
    "content/areas/testshire.yaml:15: events: kept the 2016 revisit of 2019-06-03 deleted (your edit); "
    "the data says published 2019-07-21, report_url https://www.ofsted.gov.uk/testshire-letter",
]


def test_reimport_after_hand_corrections_changes_nothing_the_maintainer_wrote(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_maintainer_corrections()
    corrected, base = area_texts(), BASE.read_bytes()
    # The data have not changed: every correction stands, silently, and nothing is written.
    assert import_again(capsys)[::2] == (0, [])
    assert area_texts() == corrected and BASE.read_bytes() == base

    change_the_data()
    status, out, err = import_again(capsys)
    assert status == 1
    assert err == CONFLICTS + [
        "6 conflicts: the files keep your edits (everything else was imported). Check each against its source: "
        "to take the data's value, write it into the file; to keep yours, run the import again with --keep-conflicts."]
    assert "Files: 0 created, 3 updated, 5 unchanged." in out and "Conflicts: 6." in out
    after = area_texts()
    # Testshire: only the 2023 inspection's publication date, which nobody had touched, changed.
    assert after["testshire.yaml"] == corrected["testshire.yaml"].replace("published: 2023-09-12", "published: 2023-09-13")
    assert after["north-oldshire.yaml"] == corrected["north-oldshire.yaml"]
    assert after["exampleton.yaml"] == corrected["exampleton.yaml"].replace("published: 2018-03-06", "published: 2018-03-07")
    # A new row in the data is a new event, in date order.
    (added,) = events(AREAS, "hushton-and-quietborough")
    assert added == {"id": "inspection-2018-06-04",
                     "framework": "2016", "kind": "inspection", "start": date(2018, 6, 4), "published": date(2018, 8, 1),
                     "outcome": "no-wsoa", "report_url": "https://reports.ofsted.gov.uk/provider/44/90008",
                     "source": RELEASE_2022, "provenance": "official-statistics"}
    for name, text in after.items():  # last_reviewed is a person's statement: never touched
        assert [l for l in text.splitlines() if l.startswith("last_reviewed")] == [
            l for l in corrected[name].splitlines() if l.startswith("last_reviewed")]

    # Until the maintainer decides, every run lists the same conflicts and changes nothing.
    assert import_again(capsys)[::2] == (1, err)
    assert area_texts() == after

    # --keep-conflicts keeps the maintainer's values and records the data's, so the listing ends.
    status, out, kept = import_again(capsys, "--keep-conflicts")
    assert (status, kept[:-1]) == (0, CONFLICTS)
    assert kept[-1] == ("6 conflicts kept: the files keep your edits, and content/import-base.json now records "
                        "the data's values, so these are not reported again unless the data change.")
    assert area_texts() == after
    status, out, err = import_again(capsys)
    assert (status, err, area_texts()) == (0, [], after)
    assert "Files: 0 created, 0 updated, 8 unchanged." in out


def test_a_corrected_start_date_is_found_through_the_base(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    testshire = AREAS / "testshire.yaml"
    edit(testshire, "    start: 2017-03-06\n", "    start: 2017-03-07  # the letter's date\n")
    assert import_again(capsys)[::2] == (0, [])
    # The data give the event a publication date: it goes into the corrected event, not a new one.
    edit(Path("data") / F2016, "2017-03-06,2017-05-10,", "2017-03-06,2017-05-12,")
    assert import_again(capsys)[::2] == (0, [])
    testshire_2016 = events(AREAS, "testshire", "2016")
    assert [(e["start"], e["published"]) for e in testshire_2016] == [(date(2017, 3, 7), date(2017, 5, 12)),
                                                                       (date(2019, 6, 3), date(2019, 7, 20))]
    assert "start: 2017-03-07  # the letter's date" in testshire.read_text(encoding="utf-8")
    # The data correct the start too, differently: a conflict.
    edit(Path("data") / F2016, "2017-03-06,2017-05-12,", "2017-03-08,2017-05-12,")
    status, _, err = import_again(capsys)
    assert (status, err[:-1]) == (1, [
        "content/areas/testshire.yaml:19: events[0].start: kept 2017-03-07 (your edit); the data says 2017-03-08"])
    assert len(events(AREAS, "testshire", "2016")) == 2


def test_a_start_the_data_correct_changes_the_start_but_never_the_id(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The point of the permanent id: its link (/areas/<slug>/#<id>) outlives a corrected start date."""
    testshire = AREAS / "testshire.yaml"
    written = testshire.read_text(encoding="utf-8")
    assert "  - id: inspection-2017-03-06\n    framework: \"2016\"\n    kind: inspection\n    start: 2017-03-06\n" in written
    # The data correct the start of an event the importer wrote into a new file: the importer corrects the start,
    # which nobody had touched, and only the start.
    edit(Path("data") / F2016, "2017-03-06,2017-05-10,", "2017-03-08,2017-05-10,")
    status, out, err = import_again(capsys)
    assert (status, err) == (0, []) and "Files: 0 created, 1 updated, 7 unchanged." in out
    assert testshire.read_text(encoding="utf-8") == written.replace("    start: 2017-03-06\n", "    start: 2017-03-08\n")
    # An event the importer inserted into an existing file: the same.
    hushton = AREAS / "hushton-and-quietborough.yaml"
    edit(Path("data") / F2016, "https://reports.ofsted.gov.uk/provider/44/99999,",
         "https://reports.ofsted.gov.uk/provider/44/90008,E06000908,Hushton and Quietborough,North West,"
         "2018-06-04,2018-08-01,No,,,,,,\nhttps://reports.ofsted.gov.uk/provider/44/99999,")
    assert import_again(capsys)[::2] == (0, [])
    inserted = hushton.read_text(encoding="utf-8")
    assert "  - id: inspection-2018-06-04\n    framework: \"2016\"\n    kind: inspection\n    start: 2018-06-04\n" in inserted
    edit(Path("data") / F2016, "2018-06-04,2018-08-01,", "2018-06-05,2018-08-01,")
    assert import_again(capsys)[::2] == (0, [])
    assert hushton.read_text(encoding="utf-8") == inserted.replace("    start: 2018-06-04\n", "    start: 2018-06-05\n")
    # The ids stand, and the builder gives the event that id, not one made from the new start.
    assert [(e["start"], e["id"]) for e in events(AREAS, "testshire", "2016")] == [
        (date(2017, 3, 8), "inspection-2017-03-06"), (date(2019, 6, 3), "revisit-2019-06-03")]
    content, _ = load_content(Path("content"))
    (area,) = [a for a in content.areas if a.slug == "hushton-and-quietborough"]
    assert [(e.start, e.id) for e in area.events] == [(date(2018, 6, 5), "inspection-2018-06-04")]
    # Nothing more to do: the next run writes nothing.
    status, out, err = import_again(capsys)
    assert (status, err) == (0, []) and "Files: 0 created, 0 updated, 8 unchanged." in out


def test_a_maintainers_id_is_never_changed_or_removed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exampleton = AREAS / "exampleton.yaml"
    # Ids written by hand: one on an event from a file written before the importer wrote ids (the address
    # already published, its start since corrected), one in place of the importer's, and one on an added event.
    edit(exampleton, "  - id: inspection-2018-01-15\n    framework:", "  - framework:")
    edit(exampleton, "    kind: inspection\n    start: 2018-01-15\n",
         "    kind: inspection\n    id: inspection-2018-01-14  # published before the start was corrected\n"
         "    start: 2018-01-15\n")
    edit(exampleton, "  - id: inspection-2023-05-15\n", "  - id: exampleton-2023  # chosen by hand\n")
    edit(exampleton, "last_reviewed:", (
        "  - id: monitoring-2025-02-03\n    framework: \"2023\"\n    kind: monitoring\n    start: 2025-02-03\n"
        "    outcome_text: Added by hand.\n    source: https://example.org/report\n"
        "last_reviewed:"))
    ids = ["inspection-2018-01-14", "exampleton-2023", "monitoring-2025-02-03"]
    assert [e["id"] for e in events(AREAS, "exampleton")] == ids
    edited = exampleton.read_text(encoding="utf-8")
    assert import_again(capsys)[::2] == (0, []) and exampleton.read_text(encoding="utf-8") == edited
    # The data change both imported events, their starts too: every fact is imported, every id stays.
    edit(Path("data") / F2016, "Exampleton,North West,2018-01-15,2018-03-06,", "Exampleton,North West,2018-01-16,2018-03-07,")
    edit(Path("data") / FMI, '"Exampleton","North West","15/05/2023","11/07/2023"',
         '"Exampleton","North West","16/05/2023","12/07/2023"')
    status, out, err = import_again(capsys)
    assert (status, err) == (0, []) and "Files: 0 created, 1 updated, 7 unchanged." in out
    assert exampleton.read_text(encoding="utf-8") == (
        edited.replace("start: 2018-01-15", "start: 2018-01-16").replace("published: 2018-03-06", "published: 2018-03-07")
        .replace("start: 2023-05-15", "start: 2023-05-16").replace("published: 2023-07-11", "published: 2023-07-12"))
    assert [e["id"] for e in events(AREAS, "exampleton")] == ids
    # Without a base (every event is matched by its dates again), nothing changes either.
    imported = exampleton.read_text(encoding="utf-8")
    BASE.unlink()
    assert import_again(capsys)[::2] == (0, []) and exampleton.read_text(encoding="utf-8") == imported


def test_without_a_base_every_difference_is_a_conflict(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    BASE.unlink()  # as on the first run after the base was introduced, or for a file made by hand
    exampleton = AREAS / "exampleton.yaml"
    edit(exampleton, "region: North West", "region: North West  # checked\nlocal_offer_url: https://example.org/")
    edit(exampleton, "la_number: 902", "la_number: 920")
    edit(exampleton, "    published: 2018-03-06\n", "")  # a missing key is not an edit the importer can see
    status, _, err = import_again(capsys)
    assert (status, err[:-1]) == (1, [
        "content/areas/exampleton.yaml:8: la_number: kept 920 (your edit); the data says 902"])
    assert "la_number" not in json.loads(BASE.read_text(encoding="utf-8"))["areas"]["E06000901"]
    assert events(AREAS, "exampleton", "2016")[0]["published"] == date(2018, 3, 6)  # added back once, without a base
    assert load(AREAS, "exampleton")["la_number"] == 920
    assert import_again(capsys, "--keep-conflicts")[0] == 0
    assert import_again(capsys)[::2] == (0, [])
    assert load(AREAS, "exampleton")["la_number"] == 920


def test_base_file_is_deterministic_and_not_content(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = BASE.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert sorted(data) == ["about", "areas", "version"] and "do not edit" in data["about"]
    assert data["areas"]["E10000901"]["events"]["2016 inspection 2017-03-06"]["published"] == "2017-05-10"
    assert data["areas"]["E10000901"]["districts"]["E07000902"] == {
        "alt_names": ["Testford Vale"], "gss_code": "E07000902", "name": "Testford"}
    assert "last_reviewed" not in data["areas"]["E10000901"]
    shutil.rmtree("content")
    assert main(["import", "--data", "data", "--content", "content", "--today", "2026-11-23"]) == 0
    assert BASE.read_text(encoding="utf-8") == text  # the same data give the same bytes
    _, problems = load_content(Path("content"))
    assert not [p for p in problems if "import-base" in str(p)]


def test_new_file_gets_last_reviewed_marked_for_review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["import", "--data", str(FIXTURES), "--content", "content", "--today", "2026-11-23"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "content/areas/testshire.yaml: created; last_reviewed set by import, please review" in out
    assert "last_reviewed: 2026-11-23  # set by import, please review" in (AREAS / "testshire.yaml").read_text()


def test_a_deleted_area_file_is_not_created_again(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (AREAS / "sampleford.yaml").unlink()
    status = main(["import", "--data", "data", "--content", "content"])
    assert status == 0 and not (AREAS / "sampleford.yaml").exists()
    assert ("warning: Sampleford (E06000902): the importer wrote its file before and it has been deleted, so it was "
            "not created again (remove E06000902 from import-base.json to have it created).") in capsys.readouterr().err


# Bad data stop the import with `file:line: column: message`, exit 1 and nothing changed (issue 13, item 7).

def _not_utf8(data: Path) -> None:
    path = data / F2016
    path.write_bytes(path.read_bytes().replace(b"Exampleton,North West", b"Exampl\xe9ton,North West"))


def _renamed_column(data: Path) -> None:
    edit(data / F2016, "Local authority code,", "Local Authority Code,")


def _missing_column(data: Path) -> None:
    edit(data / FSCRAPE, ",Inspection Link\n", ",Link\n")


def _bad_date(data: Path) -> None:
    edit(data / F2016, "2018-01-15", "2018-13-15")


def _bad_uk_date(data: Path) -> None:
    edit(data / FMI, '"15/05/2023"', '"15 May 2023"')


def _huge_field(data: Path) -> None:
    edit(data / F2016, "Exampleton,North West", "Exampleton," + "x" * 5_000_000)


def _short_row(data: Path) -> None:
    edit(data / F2016, ",2019-06-03,2019-07-20,Some,2,2", ",2019-06-03")


def _bad_count(data: Path) -> None:
    edit(data / F2016, "2017-05-10,Yes,4,", "2017-05-10,Yes,four,")


@pytest.mark.parametrize("spoil, message", [
    (_not_utf8, f"data/{F2016}:3: Area name: not UTF-8 text (byte 0xe9); save the file as UTF-8 "
                '("CSV UTF-8" in Excel) and import again'),
    (_renamed_column, f"data/{F2016}:1: Local authority code: no such column in the header row "
                      "(is 'Local Authority Code' this column, renamed? Give it back its original name)"),
    (_missing_column, f"data/{FSCRAPE}:1: Inspection Link: no such column in the header row"),
    (_bad_date, f"data/{F2016}:3: Inspection start date: '2018-13-15' is not a date; expected a date like 2017-03-06"),
    (_bad_uk_date, f"data/{FMI}:2: Inspection.start.date: '15 May 2023' is not a date; expected a date like 15/05/2023"),
    (_huge_field, f"data/{F2016}:3: Ofsted region: the value is 5,000,000 characters long, over the limit of 10,000; "
                  "no official value is this long, so the file is probably damaged"),
    (_short_row, f"data/{F2016}:2: Revisit publication date: missing; the row has 9 values and the header row 13"),
    (_bad_count, f"data/{F2016}:2: Number significant weaknesses identified in written statement of action: "
                 "'four' is not a count; expected a whole number like 4"),
])
def test_bad_data_gives_file_line_column_message_and_changes_nothing(
        project: Path, capsys: pytest.CaptureFixture[str], spoil, message: str) -> None:
    make_maintainer_corrections()
    before, base = area_texts(), BASE.read_bytes()
    spoil(Path("data"))
    status, out, err = import_again(capsys)
    assert (status, out, err) == (1, [], [message, "Nothing was changed."])
    assert area_texts() == before and BASE.read_bytes() == base


def test_an_unreadable_area_file_stops_the_import(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (AREAS / "zedshire.yaml").write_text("name: [Zedshire\n", encoding="utf-8")
    (AREAS / "exampleton.yaml").write_bytes(b"name: Exampl\xe9ton\n")
    status, out, err = import_again(capsys)
    assert (status, out, err) == (1, [], [
        "content/areas/exampleton.yaml:1: not UTF-8 text (byte 0xe9); save it as UTF-8", "Nothing was changed."])
    (AREAS / "exampleton.yaml").write_text("name: Exampleton\n", encoding="utf-8")
    status, out, err = import_again(capsys)
    assert (status, err) == (1, [
        "content/areas/zedshire.yaml:2: cannot be read as YAML (expected ',' or ']', but got '<stream end>'); "
        "fix it first (`site-builder check` shows the problem), then import again", "Nothing was changed."])
    assert (AREAS / "zedshire.yaml").read_text(encoding="utf-8") == "name: [Zedshire\n"


def test_a_report_link_with_the_dfe_number_becomes_the_ofsted_number(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 22 links in Ofsted's 2016-2022 file use the Department for Education's number (/provider/44/919).
    edit(Path("data") / F2016, "https://reports.ofsted.gov.uk/provider/44/90001,E10000901,",
         "https://reports.ofsted.gov.uk/provider/44/901,E10000901,")
    shutil.rmtree("content")
    assert main(["import", "--data", "data", "--content", "content", "--today", "2026-11-23"]) == 0
    inspection, revisit = events(Path("content/areas"), "testshire", "2016")
    assert inspection["report_url"] == revisit["report_url"] == "https://reports.ofsted.gov.uk/provider/44/90001"
