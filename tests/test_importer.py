"""Tests for the importer, run against small fixture files about fictional areas."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from site_builder.cli import main
from site_builder.import_areas import display_name, slugify
from site_builder.import_events import MI_2023, RELEASE_2022, SCRAPE_NOTE, Event, parse_uk_date
from site_builder.import_outcomes import match_outcome
from site_builder.importer import DataFileError, ImportReport, run_import

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


def test_region_comes_from_ons_code_when_mysociety_disagrees(tmp_path: Path) -> None:
    report = run(tmp_path)
    assert load(tmp_path, "testshire")["region"] == "South East"
    assert load(tmp_path, "north-oldshire")["region"] == "Yorkshire and The Humber"
    assert any("Testshire" in w and "South East" in w for w in report.warnings)


def test_2016_inspection_and_revisit(content: Path) -> None:
    inspection, revisit = events(content, "testshire", "2016")
    assert inspection == {
        "framework": "2016", "kind": "inspection", "start": date(2017, 3, 6), "published": date(2017, 5, 10),
        "outcome": "wsoa-required", "significant_weaknesses": 4,
        "report_url": "https://reports.ofsted.gov.uk/provider/44/90001", "source": RELEASE_2022,
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


def test_mi_wins_over_scrape(tmp_path: Path) -> None:
    report = run(tmp_path)
    (event,) = events(tmp_path, "exampleton", "2023")
    assert event["start"] == date(2023, 5, 15) and event["source"] == MI_2023
    assert event["outcome"] == "inconsistent" and "outcome_text" not in event and "note" not in event
    assert any(w.startswith("Exampleton") and "2023-05-11" in w for w in report.warnings)


def test_mi_priority_actions(content: Path) -> None:
    mi = [e for e in events(content, "testshire", "2023") if e["kind"] == "inspection"]
    assert mi == [{
        "framework": "2023", "kind": "inspection", "start": date(2023, 7, 3), "published": date(2023, 9, 12),
        "outcome": "systemic-failings", "priority_actions": 3,
        "report_url": "https://reports.ofsted.gov.uk/provider/44/90001", "source": MI_2023,
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


def test_placeholder_dates_are_dropped(tmp_path: Path) -> None:
    report = run(tmp_path)
    (positive,) = events(tmp_path, "renamingshire", "2023")
    assert "end" not in positive  # 01/01/1900 in the scrape
    assert events(tmp_path, "sampleford", "2023") == []  # start was 01/01/1900: no event
    assert any("sampleford" in w and "no usable start date" in w for w in report.warnings)


def test_unmatched_outcome_text_gives_warning_and_no_outcome(tmp_path: Path) -> None:
    report = run(tmp_path)
    (event,) = events(tmp_path, "south-oldshire", "2023")
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
    assert '  - framework: "2016"' in lines and "    start: 2017-03-06" in lines
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


def test_reimport_restores_facts_keeps_hand_edits_and_updates_last_reviewed(content: Path) -> None:
    path = content / "exampleton.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("outcome: inconsistent", "outcome: positive")  # a wrong fact
    text = text.replace("name: Exampleton", "name: Exampleton Town  # local name")
    text = text.replace("last_reviewed:", (
        "  - framework: \"2023\"\n    kind: monitoring\n    start: 2025-02-03\n"
        "    outcome_text: Added by hand.\n    source: https://example.org/report\n"
        "help:\n  - kind: sendiass\n    name: Exampleton SENDIASS\n    url: https://example.org/\n"
        "last_reviewed:"
    ))
    path.write_text(text, encoding="utf-8")
    report = run(content, LATER)
    assert report.updated == 1
    new_text = path.read_text(encoding="utf-8")
    assert "# local name" in new_text and new_text.startswith("# yaml-language-server")
    area = load(content, "exampleton")
    assert area["name"] == "Exampleton Town"  # names are editorial: set once
    assert area["help"][0]["name"] == "Exampleton SENDIASS"
    assert [e["kind"] for e in area["events"]] == ["inspection", "inspection", "monitoring"]
    assert area["events"][1]["outcome"] == "inconsistent"
    assert area["events"][2]["outcome_text"] == "Added by hand."
    assert area["last_reviewed"] == LATER


def test_removed_event_is_added_back_in_order(content: Path) -> None:
    path = content / "testshire.yaml"
    doc = path.read_text(encoding="utf-8")
    head, rest = doc.split("  - framework: \"2016\"\n    kind: revisit\n", 1)
    rest = rest.split("  - framework:", 1)[1]
    path.write_text(head + "  - framework:" + rest, encoding="utf-8")
    assert [e["kind"] for e in events(content, "testshire")] == ["inspection", "inspection", "monitoring"]
    run(content, LATER)
    assert [e["kind"] for e in events(content, "testshire")] == ["inspection", "revisit", "inspection", "monitoring"]


def test_month_precision_event_and_later_exact_date(tmp_path: Path) -> None:
    extra = [("E10000902", Event("2016", "revisit", "2020-02", outcome="some-progress", source=RELEASE_2022,
                                 note="Only the month is known."))]
    run(tmp_path, extra_events=extra)
    revisit = events(tmp_path, "oldshire")[1]
    assert revisit["start"] == "2020-02" and "published" not in revisit
    path = tmp_path / "oldshire.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("start: 2020-02", "start: 2020-02-10"), encoding="utf-8")
    run(tmp_path, LATER, extra_events=extra)
    assert [str(e["start"]) for e in events(tmp_path, "oldshire")] == ["2019-02-04", "2020-02-10"]


def test_unknown_codes_and_names_are_reported(tmp_path: Path) -> None:
    report = run(tmp_path)
    assert any("E09999999" in w for w in report.warnings)
    assert any("Nowhereville" in w for w in report.warnings)


def test_report_counts_and_summary(tmp_path: Path) -> None:
    report = run(tmp_path)
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


def test_districts_are_placed_on_the_area_that_covers_them(tmp_path: Path) -> None:
    report = run(tmp_path)
    assert load(tmp_path, "testshire")["districts"] == [
        {"name": "Littlebury", "gss_code": "E07000901"},
        {"name": "Testford", "gss_code": "E07000902", "alt_names": ["Testford Vale"]},  # not "Testford Borough Council"
        {"name": "Oldbridge", "gss_code": "E07000904", "ended": date(2020, 3, 31)},  # merged into Littlebury
    ]
    # A former district follows `replaced-by` to the unitary council; mySociety's end date is its first day.
    assert load(tmp_path, "north-oldshire")["districts"] == [
        {"name": "Oldtown", "gss_code": "E07000903", "ended": date(2022, 3, 31)}]
    assert "districts" not in load(tmp_path, "oldshire")  # a former area covers nobody now
    assert any("Splitby" in w and "no single current area" in w for w in report.warnings)  # split two ways
    assert any("Nowhere District" in w for w in report.warnings)  # unknown county
    assert report.districts == 4 and "District councils placed: 4" in report.summary()
    assert "  - {name: Testford, gss_code: E07000902, alt_names: [Testford Vale]}" in (tmp_path / "testshire.yaml").read_text()


def test_other_names_only_when_they_add_a_word(content: Path) -> None:
    assert load(content, "exampleton")["alt_names"] == ["Greater Exampleton"]
    assert load(content, "hushton-and-quietborough")["alt_names"] == ["HQ"]  # from the lookup's also_known_as
    assert "alt_names" not in load(content, "sampleford")  # "[Sampleford]" adds nothing


def test_statistical_neighbours_in_dfe_order_with_old_codes(tmp_path: Path) -> None:
    report = run(tmp_path)
    # E10000903 is Renamingshire's old code: the same area, so its successor is the neighbour.
    assert load(tmp_path, "testshire")["neighbours"] == ["exampleton", "sampleford", "renamingshire"]
    # Its own code is dropped; an unknown code falls back to the DfE number (903, Sampleford).
    assert load(tmp_path, "exampleton")["neighbours"] == ["testshire", "sampleford"]
    assert "neighbours" not in load(tmp_path, "oldshire")  # former areas need no neighbours
    assert any("E10000902" in w and "Oldshire" in w and "more than one successor" in w for w in report.warnings)
    assert report.areas_with_neighbours == 2


def test_hand_edits_to_districts_survive_and_neighbours_follow_the_data(content: Path) -> None:
    path = content / "testshire.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("{name: Littlebury, gss_code: E07000901}",
                        "{name: Littlebury Town, gss_code: E07000901, alt_names: [Lbury]}")  # edited by hand
    text = text.replace("  - {name: Oldbridge, gss_code: E07000904, ended: 2020-03-31}\n", "")  # deleted by mistake
    text = text.replace("districts:\n", "alt_names: [Testshire Vale]\ndistricts:\n  - {name: Handby, gss_code: E07000999}\n")
    text = text.replace("neighbours: [exampleton, sampleford, renamingshire]", "neighbours: [exampleton]")
    path.write_text(text, encoding="utf-8")
    report = run(content, LATER)
    assert report.updated == 1
    area = load(content, "testshire")
    assert area["alt_names"] == ["Testshire Vale"]
    assert area["districts"] == [
        {"name": "Handby", "gss_code": "E07000999"},
        {"name": "Littlebury Town", "gss_code": "E07000901", "alt_names": ["Lbury"]},
        {"name": "Testford", "gss_code": "E07000902", "alt_names": ["Testford Vale"]},
        {"name": "Oldbridge", "gss_code": "E07000904", "ended": date(2020, 3, 31)},
    ]
    assert area["neighbours"] == ["exampleton", "sampleford", "renamingshire"]  # the DfE's list, not a choice
    assert area["last_reviewed"] == LATER
    before = snapshot(content)
    run(content, LATER)
    assert snapshot(content) == before


# Bad data stop the import with `file:line: column: message`, exit 1 and nothing changed (issue 13, item 7).
# These tests run the command line in a temporary folder holding data/ (a copy of the fixtures, in the
# real files' layout) and content/, so that the messages are exactly what a maintainer sees.

F2016 = "ofsted_area_send_inspections_2016-05-01_to_2022-08-31.csv"
FMI = "ofsted_mi_area_send_2023_framework_to_2023-11.csv"
FSCRAPE = "d2i_area_send_2023_framework_scraped_2026-06-29.csv"


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in a file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def content_files() -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(Path("content").rglob("*")) if p.is_file()}


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
    before = content_files()
    spoil(Path("data"))
    status, out, err = import_again(capsys)
    assert (status, out, err) == (1, [], [message, "Nothing was changed."])
    assert content_files() == before
