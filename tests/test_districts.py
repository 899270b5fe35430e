"""Finding your area and seeing it in context: districts, other names, similar areas, /which-area/."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path


from site_builder.content.load import load_areas, load_content
from site_builder.domain.districts import district_index
from site_builder.domain.status import Status, build_status
from site_builder.domain.neighbours import comparison_sentence
from site_builder.domain.vocabulary import Outcome

ROOT = Path(__file__).resolve().parent.parent

# Where search finds a district's name on its area page; the browser test searches these.
DISTRICT_NAMES = "main[data-pagefind-body] #districts .district-list[data-pagefind-weight] li"
ALT_NAMES = "main[data-pagefind-body] #districts .alt-names[data-pagefind-weight]"

AREA = """name: {name}
gss_code: {gss}
region: East of England
{extra}last_reviewed: 2026-11-01
"""


def write(areas: Path, slug: str, name: str, gss: str, extra: str = "") -> None:
    areas.mkdir(exist_ok=True)
    (areas / f"{slug}.yaml").write_text(AREA.format(name=name, gss=gss, extra=extra), encoding="utf-8")


def problems_in(areas: Path) -> list[tuple[str, int | None, str, str]]:
    _, problems = load_areas(areas)
    return [(p.path.name, p.line, p.field, p.message) for p in problems]


# --- Validation ---------------------------------------------------------------------------


def test_fixture_neighbours_and_districts_are_valid():
    areas, problems = load_areas(ROOT / "tests/fixtures/minimal/content/areas")
    assert problems == []
    by_slug = {a.slug: a for a in areas}
    assert all(s in by_slug and not by_slug[s].is_former for a in areas for s in a.neighbours)
    testshire = by_slug["testshire"]
    assert [d.name for d in testshire.current_districts] == ["Testford", "Little Exbury"]
    assert [(d.name, d.ended) for d in testshire.former_districts] == [("Oldbridge", date(2020, 3, 31))]
    assert district_index(areas)["E07000904"].slug == "north-oldshire"


def test_unknown_neighbour_is_an_error_with_line(tmp_path):
    areas = tmp_path / "areas"
    write(areas, "testshire", "Testshire", "E10000901", "neighbours: [exampleton, nowhere]\n")
    write(areas, "exampleton", "Exampleton", "E06000901")
    assert problems_in(areas) == [("testshire.yaml", 4, "neighbours",
                                   "there is no area 'nowhere' (expected a file content/areas/nowhere.yaml)")]


def test_neighbour_must_be_another_current_area(tmp_path):
    areas = tmp_path / "areas"
    write(areas, "testshire", "Testshire", "E10000901", "neighbours: [testshire, oldshire]\n")
    write(areas, "oldshire", "Oldshire", "E10000902", "ended: 2023-03-31\nreplaced_by: [testshire]\n")
    found = problems_in(areas)
    assert [(f, line, field) for f, line, field, _ in found] == [("testshire.yaml", 4, "neighbours")] * 2
    assert "is this area itself" in found[0][3] and "is a former area" in found[1][3]


def test_repeated_neighbour_is_a_schema_error(tmp_path):
    areas = tmp_path / "areas"
    write(areas, "testshire", "Testshire", "E10000901", "neighbours: [exampleton, exampleton]\n")
    write(areas, "exampleton", "Exampleton", "E06000901")
    [(name, line, field, message)] = problems_in(areas)
    assert (name, line, field) == ("testshire.yaml", 4, "neighbours")
    assert message.startswith("expected a list of area slugs, each only once")


def test_district_in_two_areas_is_an_error_with_line(tmp_path):
    areas = tmp_path / "areas"
    write(areas, "testshire", "Testshire", "E10000901",
          "districts:\n  - {name: Testford, gss_code: E07000901}\n  - {name: Little Exbury, gss_code: E07000902}\n")
    write(areas, "exampleton", "Exampleton", "E06000901", "districts:\n  - {name: Testford, gss_code: E07000901}\n")
    [(name, line, field, message)] = problems_in(areas)
    assert (name, line, field) == ("testshire.yaml", 5, "districts[0].gss_code")
    assert "E07000901 (Testford) is also listed in exampleton.yaml" in message


def test_district_problems_in_one_file(tmp_path):
    areas = tmp_path / "areas"
    write(areas, "testshire", "Testshire", "E10000901",
          "districts:\n  - {name: Testford, gss_code: E07000901}\n  - {name: Testford again, gss_code: E07000901}\n")
    assert problems_in(areas) == [("testshire.yaml", 6, "districts[1].gss_code",
                                   "the district E07000901 (Testford again) is also listed earlier in this file; "
                                   "a district belongs to one area only")]
    write(areas, "testshire", "Testshire", "E10000901", "districts:\n  - {name: Testford, gss_code: E06000901}\n")
    [(_, line, field, message)] = problems_in(areas)
    assert (line, field) == (5, "districts[0].gss_code") and message.startswith("expected a district's ONS code like E07000103")
    write(areas, "testshire", "Testshire", "E10000901", "districts:\n  - {name: Testford, gss_code: E07000901, ended: soon}\n")
    [(_, line, field, message)] = problems_in(areas)
    assert (line, field, message) == (5, "districts[0].ended", "expected a date like 2024-03-05, got 'soon'")


def test_former_area_cannot_list_districts(tmp_path):
    areas = tmp_path / "areas"
    write(areas, "testshire", "Testshire", "E10000901")
    write(areas, "oldshire", "Oldshire", "E10000902",
          "ended: 2023-03-31\nreplaced_by: [testshire]\ndistricts:\n  - {name: Oldtown, gss_code: E07000904}\n")
    [(name, line, field, message)] = problems_in(areas)
    assert (name, line, field) == ("oldshire.yaml", 7, "districts[0].gss_code")
    assert "former area" in message


# --- The built pages ------------------------------------------------------------------------


def test_area_page_lists_its_districts_for_search(built_site):
    page = built_site.soup("areas/testshire/index.html")
    names = [li.get_text(" ", strip=True) for li in page.select(DISTRICT_NAMES)]
    assert names[:2] == ["Testford", "Little Exbury (also called Exbury Vale)"]
    assert names[2].startswith("Oldbridge") and "31 March 2020" in names[2]
    weights = {float(ul["data-pagefind-weight"]) for ul in page.select("#districts [data-pagefind-weight]")}
    assert weights and min(weights) > 1  # above ordinary text, so the county ranks first
    assert page.select_one(ALT_NAMES).get_text(strip=True) == "Testshire Vale"
    section = page.select_one("#districts")
    assert section.find_parent("main").has_attr("data-pagefind-body")
    assert section.select_one("a[href='/portal/which-area/']")
    assert page.select_one("#districts h2").get_text(strip=True) == "District councils in Testshire"


def test_unitary_area_shows_only_former_districts(built_site):
    page = built_site.soup("areas/north-oldshire/index.html")
    assert page.select_one("#districts h2").get_text(strip=True) == "Former district councils in North Oldshire"
    assert [li.get_text(" ", strip=True).split(" (")[0] for li in page.select(DISTRICT_NAMES)] == ["Oldtown"]
    assert built_site.soup("areas/exampleton/index.html").select_one("#districts") is None


def test_area_page_shows_similar_areas_with_outcomes(built_site):
    page = built_site.soup("areas/testshire/index.html")
    section = page.select_one("#similar-areas")
    assert section.has_attr("data-pagefind-ignore")  # a search for one area does not list its neighbours
    rows = section.select("tbody tr")
    assert [r.select_one("th a").get_text(strip=True) for r in rows] == ["Exampleton", "North Oldshire", "South Oldshire"]
    assert [r.select_one("th a")["href"] for r in rows] == [
        "/portal/areas/exampleton/", "/portal/areas/north-oldshire/", "/portal/areas/south-oldshire/"]
    assert [r.select_one(".tag").get_text(strip=True) for r in rows] == [
        "Typically positive experiences and outcomes", "No inspection recorded yet", "Inspected, report not yet published"]
    sentence = section.select_one(".neighbours__summary").get_text(" ", strip=True)
    assert sentence == "None of these 3 areas had the same latest outcome as Testshire (widespread and/or systemic failings)."
    text = section.get_text(" ", strip=True).lower()
    assert not any(word in text for word in ("better", "worse", "best", "worst", "rank"))
    assert built_site.soup("areas/oldshire/index.html").select_one("#similar-areas") is None


def test_which_area_page_lists_districts_by_county(built_site):
    page = built_site.soup("which-area/index.html")
    main = page.select_one("main")
    assert page.select_one("h1").get_text(strip=True) == "Which area am I in?"
    assert "unitary council, a metropolitan borough or a London borough" in main.get_text(" ", strip=True)
    assert main.select("script") == [] and page.select("script[src]") == []  # plain links, no JavaScript
    county = main.select_one("#county-testshire").find_parent("section")
    assert county.select_one("h3 a")["href"] == "/portal/areas/testshire/"
    links = {a.get_text(" ", strip=True): a["href"] for a in county.select(".district-list a")}
    assert links == {"Testford : part of Testshire": "/portal/areas/testshire/",
                     "Little Exbury : part of Testshire": "/portal/areas/testshire/"}
    former = {h.get_text(" ", strip=True): [a.contents[0].strip() for a in h.find_parent("section").select("li a")]
              for h in main.select("#former-districts ~ section h3")}
    assert former == {"Now in Testshire": ["Oldbridge"], "Now in North Oldshire": ["Oldtown"]}
    for a in main.select(".district-list a, h3 a"):
        assert (built_site.output_dir / a["href"].removeprefix("/portal/") / "index.html").exists(), a["href"]


def test_which_area_is_linked_from_home_and_a_to_z(built_site):
    for page in ("index.html", "areas/index.html"):
        hrefs = [a["href"] for a in built_site.soup(page).select("main a")]
        assert "/portal/which-area/" in hrefs, page


def test_region_page_lists_areas_outcomes_counts_and_former_areas(built_site):
    page = built_site.soup("regions/north-west/index.html")
    rows = page.select("#region-areas tbody tr")
    assert [r.select_one("th a").get_text(strip=True) for r in rows] == ["North Oldshire", "South Oldshire"]
    assert all(r.select_one(".tag").get_text(strip=True) for r in rows)
    counts = [int(n.get_text(strip=True).split()[0]) for n in page.select(".counts__number")]
    assert sum(counts) == len(rows)
    assert [a["href"] for a in page.select("#former ~ ul a")] == ["/portal/areas/oldshire/"]


def test_search_index_has_district_names_on_the_county_only(make_site):
    site = make_site()
    site.build(base_url="https://example.github.io/portal/", search=True)
    pages = {}
    for fragment in (site.output_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        record = json.loads(raw[raw.index(b"{"):])
        pages[record["url"]] = record["content"]
    assert "Testford" in pages["/areas/testshire/"] and "Exbury Vale" in pages["/areas/testshire/"]
    assert [url for url, text in pages.items() if "Testford" in text] == ["/areas/testshire/"]
    assert "/which-area/" in pages  # the explanation is searchable; its long lists are not
    soup = site.soup("areas/testshire/index.html")
    assert "Testford" in [li.get_text(strip=True) for li in soup.select(DISTRICT_NAMES)]


# --- The comparison sentence --------------------------------------------------------------------


def status(outcome: Outcome | None, framework: str = "2023") -> Status:
    from site_builder.domain.models import Event
    if outcome is None:
        return Status("", None, None, None, "not-inspected")
    event = Event(framework, "inspection", date(2024, 1, 1), False, "https://example.org/")
    return Status("", outcome, event, None, outcome.value)


def test_comparison_counts_the_same_outcome_and_names_other_frameworks():
    own = status(Outcome.INCONSISTENT)
    others = [status(Outcome.INCONSISTENT), status(Outcome.POSITIVE), status(Outcome.NO_WSOA, "2016"), status(None)]
    assert comparison_sentence("Testshire", own, others) == (
        "1 of these 4 areas had the same latest outcome as Testshire: inconsistent experiences and outcomes. "
        "1 of them was last given an outcome under the 2016 to 2022 framework, which used different outcomes "
        "from the current framework.")
    assert comparison_sentence("Testshire", own, [status(Outcome.POSITIVE)] * 2) == (
        "None of these 2 areas had the same latest outcome as Testshire (inconsistent experiences and outcomes).")
    assert comparison_sentence("Testshire", status(None), others) == (
        "Testshire has no published outcome yet, so there is nothing to compare. 3 of these 4 areas have one.")
    assert comparison_sentence("Testshire", own, []) == ""


def test_comparison_never_ranks():
    outcomes = [None, *Outcome]
    for mine in outcomes:
        for theirs in outcomes:
            text = comparison_sentence("X", status(mine), [status(theirs), status(mine)]).lower()
            assert not any(w in text for w in ("better", "worse", "best", "worst", "rank", "above", "below")), text


def test_statuses_of_fixture_match_the_sentence(built_site):
    loaded, _ = load_content(built_site.content_dir)
    by_slug = {a.slug: a for a in loaded.areas}
    testshire = by_slug["testshire"]
    neighbours = [build_status(by_slug[s]) for s in testshire.neighbours]
    assert sum(s.category == build_status(testshire).category for s in neighbours) == 0
