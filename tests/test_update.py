"""`site-builder update`, end to end and offline, on recorded sources about fictional areas (issue 16).

tests/fixtures/update/ holds (see make_recordings.py there):

* current/: the sources as the last update saw them, and newer/: the same with one more inspection
  (Newtown's first under the current framework) in data-to-insight's extract and nothing else changed;
* content/: a site as a fresh clone has it after that last update, with hand edits in it: a corrected
  date with its reason, a plan, a local offer address, a summary, a corrected start date, a help route;
* expected.diff and expected-report.md: what `update --from newer` must change and say;
* pages/: recordings of the GOV.UK pages that lead to Ofsted's files, for the network path;
* sources.json: the project's sources file with row limits for recordings of a few rows.

Every test runs in a temporary folder; broken sources are made from newer/ in it. "Nothing changed" is
checked byte for byte over every file of the content.
"""

from __future__ import annotations

import difflib
import http.server
import json
import shutil
import threading
from datetime import date
from pathlib import Path

import pytest
import yaml

from site_builder.cli import main
from site_builder.domain.sources import DATA_SOURCES, SOURCES_FILE, read_sources
from site_builder.importer.convert import ConvertError, convert_table, read_ods
from site_builder.importer.fetch import DownloadError, LinkStep, UrlDownloader, choose_link, latest_date_in
from site_builder.importer.update import UpdateError, read_downloads, run_update, set_facts_checked
from site_builder.importer.update_report import md

FIXTURES = Path(__file__).parent / "fixtures" / "update"
SOURCES = FIXTURES / "sources.json"
TODAY = "2026-12-07"
ROOT = Path(__file__).resolve().parent.parent


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def yaml_diff(before: dict[str, bytes], after: dict[str, bytes]) -> str:
    """A unified diff of the YAML files that changed (the importer's base file is checked on its own)."""
    lines: list[str] = []
    for name in sorted(set(before) | set(after)):
        if not name.endswith(".yaml") or before.get(name) == after.get(name):
            continue
        old = before.get(name, b"").decode("utf-8").splitlines(keepends=True)
        new = after.get(name, b"").decode("utf-8").splitlines(keepends=True)
        lines += difflib.unified_diff(old, new, f"a/content/{name}", f"b/content/{name}")
    return "".join(lines)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture site in a temporary folder, which is also the current folder."""
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def update(*args: str) -> int:
    return main(["update", "--sources", str(SOURCES), "--today", TODAY, *args])


def test_newer_sources_add_exactly_the_new_event_keep_every_hand_edit_and_write_the_report(site, capsys):
    before = snapshot(site / "content")
    assert update("--from", str(FIXTURES / "newer"), "--report", "report.md") == 0
    after = snapshot(site / "content")
    assert yaml_diff(before, after) == (FIXTURES / "expected.diff").read_text("utf-8")
    report = (site / "report.md").read_text("utf-8")
    assert report == (FIXTURES / "expected-report.md").read_text("utf-8")
    assert capsys.readouterr().out == report  # the terminal shows the same report
    # The importer's record gains the new event, and nothing else.
    old_base, new_base = (json.loads(s["import-base.json"]) for s in (before, after))
    assert set(new_base["areas"]["E08000901"]["events"]) - set(old_base["areas"]["E08000901"]["events"]) == {
        "2023 inspection 2026-03-02"}
    new_base["areas"]["E08000901"]["events"].pop("2023 inspection 2026-03-02")
    assert new_base == old_base
    # The new event carries its source, and the content is still valid.
    newtown = yaml.safe_load(after["areas/newtown.yaml"])
    assert newtown["events"][-1]["source"] == "https://files.ofsted.gov.uk/v1/file/90000004"
    assert main(["check", "--content", "content", "--today", TODAY]) == 0


def test_the_hand_edits_are_all_still_there(site):
    assert update("--from", str(FIXTURES / "newer")) == 0
    testshire = (site / "content/areas/testshire.yaml").read_text("utf-8")
    assert "# The letter is dated 11 May 2017; the statistics are a day out.\n    published: 2017-05-11" in testshire
    assert "url: https://www.testshire.gov.uk/send/wsoa" in testshire and "last_reviewed: 2026-11-20\n" in testshire
    exampleton = (site / "content/areas/exampleton.yaml").read_text("utf-8")
    assert "local_offer_url: https://www.exampleton.gov.uk/local-offer" in exampleton
    assert "summary: Families' experiences were mixed" in exampleton
    assert "# The report says fieldwork began on 10 September.\n    start: 2024-09-10" in (
        site / "content/areas/sampleford.yaml").read_text("utf-8")
    assert "name: Newtown SENDIASS" in (site / "content/areas/newtown.yaml").read_text("utf-8")


def test_the_same_sources_again_change_only_the_date_the_facts_were_checked(site, capsys):
    before = snapshot(site / "content")
    assert update("--from", str(FIXTURES / "current")) == 0
    after = snapshot(site / "content")
    assert [name for name in after if after[name] != before.get(name)] == ["site.yaml"]
    assert after["site.yaml"] == before["site.yaml"].replace(b"facts_checked: 2026-11-30", b"facts_checked: 2026-12-07")
    out = capsys.readouterr().out
    assert "**Summary:** 0 new events in 0 areas" in out and "## New inspections and visits\n\nNone." in out


def test_a_dry_run_reports_but_changes_nothing(site, capsys):
    before = snapshot(site / "content")
    assert update("--from", str(FIXTURES / "newer"), "--dry-run") == 0
    assert snapshot(site / "content") == before
    captured = capsys.readouterr()
    assert "(a dry run: nothing was written)" in captured.out and "### Newtown" in captured.out
    assert "3 files would change." in captured.err


def _break_mysociety_column(folder: Path) -> str:
    path = folder / "mysociety.csv"
    path.write_text(path.read_text("utf-8").replace(",gss-code,", ",GSS code,", 1), "utf-8")
    return "mysociety.csv:1: gss-code: no such column in the header row (is 'GSS code' this column, renamed?"


def _truncate_spreadsheet(folder: Path) -> str:
    path = folder / "ofsted-mi-2023.ods"
    path.write_bytes(path.read_bytes()[:700])
    return "ofsted-mi-2023.ods: the spreadsheet is damaged or only partly downloaded"


def _too_few_rows(folder: Path) -> str:
    path = folder / "d2i-scrape.html"
    text = path.read_text("utf-8")
    rows = text.split("<tr>")
    path.write_text("<tr>".join(rows[:2]) + "</tbody></table></body></html>", "utf-8")
    return "d2i-scrape.html: 1 rows of data, but this source should have at least 3 and at most 20"


def _rename_html_column(folder: Path) -> str:
    path = folder / "d2i-scrape.html"
    path.write_text(path.read_text("utf-8").replace("<th>Inspection Start Date</th>", "<th>Start</th>"), "utf-8")
    return "d2i-scrape.html: table 1: the header row has no column 'Inspection Start Date'"


def _a_web_page_instead_of_csv(folder: Path) -> str:
    (folder / "d2i-lookup.csv").write_text("<!DOCTYPE html><html><body>Page not found</body></html>", "utf-8")
    return "d2i-lookup.csv: expected a CSV file but got a web page"


def _missing_file(folder: Path) -> str:
    (folder / "mysociety.csv").unlink()
    return "mysociety.csv: no such file"


def _bad_date(folder: Path) -> str:
    path = folder / "d2i-scrape.html"
    path.write_text(path.read_text("utf-8").replace("<td>01/05/26</td>", "<td>1st May</td>"), "utf-8")
    return ("d2i-scrape.html (row 5 of its table, counting the header row as 1): Publication Date: '1st May' is not "
            "a date; expected a date like 15/05/2023")


def _cut_csv_row(folder: Path) -> str:
    path = folder / "d2i-lookup.csv"
    path.write_text(path.read_text("utf-8")[:-40], "utf-8")
    return "d2i-lookup.csv:5: rgn22nm: missing; the row has 13 values and the header row 23"


@pytest.mark.parametrize("breaks", [_break_mysociety_column, _truncate_spreadsheet, _too_few_rows, _rename_html_column,
                                    _a_web_page_instead_of_csv, _missing_file, _bad_date, _cut_csv_row])
def test_a_broken_source_stops_the_update_with_a_plain_message_and_changes_nothing(site, capsys, breaks):
    broken = site / "broken"
    shutil.copytree(FIXTURES / "newer", broken)
    expected = breaks(broken)
    before = snapshot(site / "content")
    assert update("--from", str(broken), "--report", "report.md") == 1
    assert snapshot(site / "content") == before
    captured = capsys.readouterr()
    assert expected in captured.err and captured.err.rstrip().endswith("Nothing was changed.")
    assert "Traceback" not in captured.err
    report = (site / "report.md").read_text("utf-8")
    assert report.startswith("# Update from the sources, 7 December 2026: stopped, nothing changed")
    assert str(site) not in report and "/tmp" not in report  # no temporary paths


def test_a_disk_that_fills_up_says_how_far_the_update_got(site, capsys, monkeypatch):
    from site_builder.importer import write as module
    written = []
    replace_file = module.replace_file

    def write(path: Path, text: str) -> None:  # the disk fills up after the first file written into the content
        if site not in path.resolve().parents:
            return replace_file(path, text)  # the import into a temporary copy, before the content changes
        if written:
            raise OSError(28, "No space left on device")
        written.append(path)
        path.write_text(text, "utf-8")

    monkeypatch.setattr(module, "replace_file", write)
    assert update("--from", str(FIXTURES / "newer")) == 1
    err = capsys.readouterr().err
    assert "import-base.json: cannot be written (No space left on device); 1 of 3 files were written" in err
    assert "Nothing was changed" not in err


def test_an_area_file_that_cannot_be_read_stops_the_update_before_anything_changes(site, capsys):
    (site / "content/areas/exampleton.yaml").write_text("name: [unclosed\n", "utf-8")
    before = snapshot(site / "content")
    assert update("--from", str(FIXTURES / "newer")) == 1
    assert snapshot(site / "content") == before
    err = capsys.readouterr().err
    assert "content/areas/exampleton.yaml" in err and "cannot be read as YAML" in err and "Nothing was changed." in err


def test_a_conflict_keeps_the_edit_and_is_reported_with_its_source(site, capsys):
    sampleford = site / "content/areas/sampleford.yaml"
    edited = sampleford.read_text("utf-8").replace("published: 2024-11-14", "published: 2024-11-15")
    sampleford.write_text(edited, "utf-8")
    newer = site / "newer"
    shutil.copytree(FIXTURES / "newer", newer)
    scrape = newer / "d2i-scrape.html"
    scrape.write_text(scrape.read_text("utf-8").replace("<td>14/11/24</td>", "<td>16/11/24</td>"), "utf-8")
    assert update("--from", str(newer)) == 0  # conflicts are for the reviewer, not a failure
    assert "published: 2024-11-15" in sampleford.read_text("utf-8")
    out = capsys.readouterr().out
    assert ("- `content/areas/sampleford.yaml:25` `events[1].published`: kept 2024-11-15; the source says "
            "2024-11-16. Source: <https://files.ofsted.gov.uk/v1/file/90000003>") in out
    assert "1 conflict," in out
    # --keep-conflicts keeps the edit for good: the next run no longer lists it.
    assert update("--from", str(newer), "--keep-conflicts") == 0
    assert "this run (`--keep-conflicts`) recorded that they stay" in capsys.readouterr().out
    assert update("--from", str(newer)) == 0
    assert "0 conflicts," in capsys.readouterr().out and "published: 2024-11-15" in sampleford.read_text("utf-8")


def recordings():
    """tests/fixtures/update/make_recordings.py, to write spreadsheets shaped like Ofsted's."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_recordings", FIXTURES / "make_recordings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_start_moved_by_a_newer_source_is_reported_as_a_changed_fact_not_a_new_event(site, capsys):
    sampleford = site / "content/areas/sampleford.yaml"  # take back the hand-corrected start, to follow the data
    corrected = "    # The report says fieldwork began on 10 September.\n    start: 2024-09-10"
    sampleford.write_text(sampleford.read_text("utf-8").replace(corrected, "    start: 2024-09-09"), "utf-8")
    newer = site / "newer"
    shutil.copytree(FIXTURES / "newer", newer)
    make = recordings()
    rows = make.MI_2023 + [("Report webpage", "Sampleford", "East of England", date(2024, 9, 12), date(2024, 11, 14),
                            "Typically positive experiences and outcomes", "No", None)]
    make.write_ods(newer / "ofsted-mi-2023.ods", [make.sheet("MI", ["Title"], make.HEADER_MI, rows, None)])
    assert update("--from", str(newer)) == 0
    out = capsys.readouterr().out
    assert "### Sampleford" not in out  # not a new event: the management information now gives its start
    assert ("- Sampleford (`content/areas/sampleford.yaml`), the inspection of 12 September 2024: `start` "
            "9 September 2024 → 12 September 2024.") in out
    assert sampleford.read_text("utf-8").count('framework: "2023"') == 1


def test_facts_checked_is_one_line_changed_and_the_comments_stay():
    text = "# Settings.\ntitle: T\n\n# Checked.\nfacts_checked: 2026-01-02  # by hand\ncomplete_to: 2026-06-29\n"
    assert set_facts_checked(text, date(2026, 12, 7)) == text.replace("2026-01-02", "2026-12-07")
    assert set_facts_checked('facts_checked: "2026-01-02"\n', date(2026, 12, 7)) == "facts_checked: 2026-12-07\n"
    added = set_facts_checked("title: T", date(2026, 12, 7))
    assert added.startswith("title: T\n") and added.endswith("facts_checked: 2026-12-07\n")
    assert yaml.safe_load(added) == {"title": "T", "facts_checked": date(2026, 12, 7)}


# The network: pages and files served by a stand-in, so the discovery of Ofsted's current files is tested offline.

GOV_UK = "https://www.gov.uk"
ASSETS = "https://assets.publishing.service.gov.uk/media"
RAW = "https://raw.githubusercontent.com"
NETWORK = {
    f"{GOV_UK}/government/statistics/area-send-inspections-and-outcomes-in-england-as-at-31-august-2022":
        FIXTURES / "pages/statistics-2016.html",
    f"{ASSETS}/6374a1b2/Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods":
        FIXTURES / "newer/ofsted-2016.ods",
    f"{GOV_UK}/government/statistical-data-sets/area-send-inspections-and-outcomes-in-england-management-information-"
    "summer-term-2022-to-2023": FIXTURES / "pages/management-information-2022-to-2023.html",
    f"{GOV_UK}/government/collections/area-send-inspections-and-outcomes": FIXTURES / "pages/collection.html",
    f"{GOV_UK}/government/statistical-data-sets/area-send-inspections-and-outcomes-in-england-management-information-"
    "as-at-31-march-2026": FIXTURES / "pages/management-information-2026-03-31.html",
    f"{ASSETS}/69f1/Area_SEND_MI_as_at_31_March_2026.ods": FIXTURES / "newer/ofsted-mi-2023.ods",
    f"{RAW}/data-to-insight/ofsted-send-scrape-tool/main/index.html": FIXTURES / "newer/d2i-scrape.html",
    f"{RAW}/data-to-insight/ofsted-send-scrape-tool/main/import_data/la_lookup/Provider_data_lookup.csv":
        FIXTURES / "newer/d2i-lookup.csv",
    f"{RAW}/mysociety/uk_local_authority_names_and_codes/main/data/packages/uk_la_past_current/"
    "uk_local_authorities_current.csv": FIXTURES / "newer/mysociety.csv",
}


class StandIn:
    """Serves NETWORK's files by address; any other address is a 404, and `down` addresses fail to connect."""

    def __init__(self, down: tuple[str, ...] = ()) -> None:
        self.down = down
        self.asked: list[str] = []

    def __call__(self, url: str, dest: Path, max_bytes: int) -> str:
        self.asked.append(url)
        if any(url.startswith(d) for d in self.down):
            raise DownloadError(f"{url}: could not connect (Name or service not known).", offline=True)
        if url not in NETWORK:
            raise DownloadError(f"{url}: the server answered 404 Not Found.")
        dest.write_bytes(NETWORK[url].read_bytes())
        return url


def test_the_update_finds_ofsteds_current_files_from_their_pages(site):
    network = StandIn()
    saved = site / "saved"
    result = run_update(site / "content", date(2026, 12, 7), sources_path=SOURCES, download=network, save_dir=saved)
    assert result.ok, result.message
    # The latest release, found through the collection page.
    assert f"{ASSETS}/69f1/Area_SEND_MI_as_at_31_March_2026.ods" in network.asked
    assert ("| Ofsted's management information on current-framework inspections | 2 | "
            "<https://assets.publishing.service.gov.uk/media/69f1/Area_SEND_MI_as_at_31_March_2026.ods>, found from "
            "<https://www.gov.uk/government/statistical-data-sets/area-send-inspections-and-outcomes-in-england-"
            "management-information-summer-term-2022-to-2023> |") in result.report
    assert "### Newtown" in result.report
    # Events from the management information cite the release that gives them, not the 2022-23 page the search began on.
    release = (f"{GOV_UK}/government/statistical-data-sets/area-send-inspections-and-outcomes-in-england-"
               "management-information-as-at-31-march-2026")
    mi_sources = {e["source"] for path in (site / "content/areas").glob("*.yaml")
                  for e in yaml.safe_load(path.read_text("utf-8")).get("events", [])
                  if e.get("provenance") == "official-statistics" and str(e["framework"]) == "2023"}
    assert mi_sources == {release}
    # --save keeps what was downloaded, named for --from; a run from it gives the same content.
    assert sorted(p.name for p in saved.iterdir()) == sorted(p.name for p in (FIXTURES / "newer").iterdir())
    assert snapshot(saved) == snapshot(FIXTURES / "newer")


def test_no_network_stops_the_update_and_names_the_address(site):
    before = snapshot(site / "content")
    result = run_update(site / "content", date(2026, 12, 7), sources_path=SOURCES, download=StandIn(down=(RAW,)))
    assert not result.ok and snapshot(site / "content") == before
    assert result.message.startswith("Could not connect to raw.githubusercontent.com. Is this computer online?")
    assert "## Sources that failed or look wrong" in result.report
    assert "(<https://raw.githubusercontent.com/mysociety/uk_local_authority_names_and_codes/main/data/packages/" \
           "uk_la_past_current/uk_local_authorities_current.csv>): could not connect" in result.report
    # With no network at all, one message says so.
    offline = run_update(site / "content", date(2026, 12, 7), sources_path=SOURCES, download=StandIn(down=("https",)))
    assert offline.message == ("Could not connect to raw.githubusercontent.com, www.gov.uk. Is this computer online? "
                               "To update from files you downloaded before, use --from FOLDER.")
    assert snapshot(site / "content") == before


def test_a_page_without_the_expected_link_says_which_page_and_pattern_to_fix(site, tmp_path):
    moved = dict(NETWORK)
    page = tmp_path / "collection.html"
    page.write_text(NETWORK[f"{GOV_UK}/government/collections/area-send-inspections-and-outcomes"].read_text("utf-8")
                    .replace("management information", "MI"), "utf-8")
    moved[f"{GOV_UK}/government/collections/area-send-inspections-and-outcomes"] = page

    def download(url: str, dest: Path, max_bytes: int) -> str:
        if url not in moved:
            raise DownloadError(f"{url}: the server answered 404 Not Found.")
        dest.write_bytes(moved[url].read_bytes())
        return url

    before = snapshot(site / "content")
    result = run_update(site / "content", date(2026, 12, 7), sources_path=SOURCES, download=download)
    assert not result.ok and snapshot(site / "content") == before
    assert ("https://www.gov.uk/government/collections/area-send-inspections-and-outcomes has no link with address "
            "matching '/government/statistical-data-sets/' and text matching 'management information' (step 2") \
        in result.message


def test_links_are_chosen_by_pattern_and_by_the_latest_date_they_name():
    links = [("https://x.gov.uk/a", "Management information, summer term 2022 to 2023"),
             ("https://x.gov.uk/b", "Management information as at 31 March 2026"),
             ("https://x.gov.uk/c", "Management information as at 31 August 2025"),
             ("javascript:alert(1)", "Management information as at 1 January 2030")]
    assert choose_link(links, LinkStep(text="management information", pick="latest")) == "https://x.gov.uk/b"
    assert choose_link(links, LinkStep(text="management information")) == "https://x.gov.uk/a"
    assert choose_link(links, LinkStep(href=r"\.ods$")) is None
    assert latest_date_in("as at 31 December 2024") == date(2024, 12, 31)
    assert latest_date_in("June 2024") == date(2024, 6, 1)
    assert latest_date_in("summer term 2022 to 2023") == date(2023, 12, 31)
    assert latest_date_in("no date") is None


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        body = b"URN,La Code\n1,2\n"
        if self.path == "/file.csv":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/half.csv":  # announces more than it sends, as a dropped connection does
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) * 10))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/big.csv":
            self.send_response(200)
            self.send_header("Content-Length", str(3 * 1024 * 1024))
            self.end_headers()
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "ftp://example.org/file.csv")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_real_downloader_checks_completeness_size_redirects_and_errors(server, tmp_path):
    get = UrlDownloader(timeout=10, schemes=("http",))  # the update itself allows only https
    dest = tmp_path / "file.csv"
    assert get(f"{server}/file.csv", dest, 1024 * 1024) == f"{server}/file.csv"
    assert dest.read_bytes() == b"URN,La Code\n1,2\n"
    for path, expected in (("/half.csv", "the download stopped part way"), ("/big.csv", "larger than 1 MB"),
                           ("/redirect", "redirected to ftp://example.org/file.csv"),
                           ("/missing.csv", "answered 404 Not Found. The file may have moved")):
        with pytest.raises(DownloadError, match=expected):
            get(f"{server}{path}", dest, 1024 * 1024)
    with pytest.raises(DownloadError, match="not an https address"):
        UrlDownloader()(f"{server}/file.csv", dest, 1024)
    closed = server.rsplit(":", 1)[0] + ":9"  # the discard port: nothing listens there
    with pytest.raises(DownloadError, match="could not connect .*Is this computer online"):
        get(f"{closed}/file.csv", dest, 1024)


# The sources file: one list, for the /data/ page and for the update.

def test_the_data_page_credits_the_sources_in_the_sources_file():
    assert DATA_SOURCES == read_sources(SOURCES_FILE)
    raw = json.loads(SOURCES_FILE.read_text("utf-8"))["sources"]
    assert [s.name for s in DATA_SOURCES] == [s["name"] for s in raw]
    assert all(s.url.startswith("https://") and s.licence_url.startswith("https://") for s in DATA_SOURCES)


def test_the_test_sources_differ_from_the_projects_only_in_their_row_limits():
    def without_limits(path: Path) -> list:
        sources = json.loads(path.read_text("utf-8"))["sources"]
        for source in sources:
            for download in source["downloads"]:
                download.pop("min_rows"), download.pop("max_rows")
        return sources
    assert without_limits(SOURCES) == without_limits(SOURCES_FILE)
    assert {d.imports_as for d in read_downloads(SOURCES_FILE)} == {"areas", "lookup", "2016", "mi", "scrape"}


@pytest.mark.parametrize("name, change, message", [
    ("d2i-lookup", lambda d: d.update(address="http://example.org/x.csv"), '"address" must be an https:// address'),
    ("d2i-scrape", lambda d: d.update(format="xlsx"), '"format" is \'xlsx\''),
    ("d2i-lookup", lambda d: d.update(imports_as="areas"), "the importer needs exactly one of each"),
    ("d2i-scrape", lambda d: d.pop("imports_as"), "no 'imports_as'"),
    ("d2i-scrape", lambda d: d["columns"].pop("Inspection Link"), "\"columns\" gives no column for the importer's "
                                                                  "'Inspection Link'"),
    ("ofsted-mi-2023", lambda d: d["links"][1].update(pick="newest"), '"pick" is \'newest\'; use "first" or "latest"'),
])
def test_a_wrong_sources_file_is_refused_with_what_to_fix(tmp_path, name, change, message):
    data = json.loads(SOURCES.read_text("utf-8"))
    download = next(d for s in data["sources"] for d in s["downloads"] if d["id"] == name)
    change(download)
    path = tmp_path / "sources.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(UpdateError, match=message.replace("(", r"\(").replace("[", r"\[")):
        read_downloads(path)


# The spreadsheet reader and the report's escaping.

def test_an_ods_file_with_xml_entities_or_without_the_columns_is_refused(tmp_path):
    import zipfile
    bomb = tmp_path / "bomb.ods"
    with zipfile.ZipFile(bomb, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    with pytest.raises(ConvertError, match="declares XML entities"):
        read_ods(bomb)
    with pytest.raises(ConvertError, match="no sheet has the columns this source should have"):
        convert_table(FIXTURES / "newer/ofsted-2016.ods", tmp_path / "out.csv", "ods", {"Not there": "x"})


def test_text_from_the_sources_cannot_add_links_or_mentions_to_the_pull_request():
    assert md("[click](https://evil.example) <b>hi</b> @someone `x` | y") == (
        "\\[click\\](https://evil.example) \\<b\\>hi\\</b\\> &#64;someone \\`x\\` \\| y")


# The weekly workflow.

def test_the_weekly_workflow_runs_update_and_opens_one_pull_request_without_merging_or_deploying():
    text = (ROOT / ".github/workflows/update.yml").read_text("utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow[True]  # YAML reads the key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"} and triggers["schedule"][0]["cron"]
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "actions": "write"}
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "site-builder update --report" in runs and "site-builder check" in runs
    [pull_request] = [s for s in job["steps"] if s.get("uses", "").startswith("peter-evans/create-pull-request@")]
    assert pull_request["with"]["branch"] and pull_request["with"]["add-paths"] == "content"
    assert "body-path" in pull_request["with"]
    # GitHub starts no workflow for a pull request opened with the workflow's token: the update starts the checks
    # itself, on the pull request's branch, only once it has opened or updated it.
    [start_checks] = [s for s in job["steps"] if "gh workflow run" in s.get("run", "")]
    assert start_checks["run"] == 'gh workflow run check.yml --repo "$GITHUB_REPOSITORY" --ref automatic-update'
    assert pull_request["with"]["branch"] == "automatic-update" and pull_request["id"] in start_checks["if"]
    assert job["steps"].index(start_checks) > job["steps"].index(pull_request)
    assert "workflow_dispatch" in yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text("utf-8"))[True]
    for forbidden in ("merge", "deploy", "pages", "git push"):
        assert forbidden not in runs, forbidden


# The recordings and the guide cannot drift from what the code does.

def test_the_recordings_are_what_make_recordings_writes(tmp_path, monkeypatch):
    module = recordings()
    (tmp_path / "current").mkdir()
    for name in ("mysociety.csv", "d2i-lookup.csv"):
        shutil.copyfile(FIXTURES / "current" / name, tmp_path / "current" / name)
    monkeypatch.setattr(module, "HERE", tmp_path)
    module.main()
    for folder in ("current", "newer"):
        assert snapshot(tmp_path / folder) == snapshot(FIXTURES / folder), folder


def test_the_guide_shows_the_report_the_update_writes():
    guide = (ROOT / "docs/updating.md").read_text("utf-8")
    example = guide.split("<!-- example report: start -->\n````markdown\n")[1]
    example = example.split("````\n<!-- example report: end")[0]
    assert example == (FIXTURES / "expected-report.md").read_text("utf-8")
