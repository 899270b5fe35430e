"""The hex map: its derived layout, its geometry, and the maps on the built pages.

The maps are drawn from the fictional browser fixture; that the real content has one hexagon per area is
checked in test_shipped_content.py.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from conftest import SiteUnderTest, copy_fixture
from site_builder.site import addresses as urls
from site_builder.content.load import load_areas
from site_builder.domain.status import build_status
from site_builder.domain.vocabulary import Category
from site_builder.site.hex_layout import CHANGES, LAYOUT_PATH, derive_layout, layout_json
from site_builder.site.hexmap import (adjacent, current_map, first_cycle, first_cycle_map, hex_centre, hex_points,
                                 load_layout, neighbours)

ROOT = Path(__file__).resolve().parent.parent
HEXJSON = ROOT.parent / "shared" / "data" / "odileeds_uk-upper-tier-local-authorities_2020.hexjson"
needs_hexjson = pytest.mark.skipif(not HEXJSON.exists(), reason="the Open Innovations HexJSON (../shared/data) is not beside this checkout")

SPLITS = {"E10000006": ("E06000063", "E06000064"), "E10000021": ("E06000061", "E06000062")}
"""Cumbria -> Cumberland, Westmorland and Furness; Northamptonshire -> North, West Northamptonshire."""
SAME_AREA = {"E10000002": "E06000060", "E10000023": "E06000065", "E10000027": "E06000066"}
"""Buckinghamshire, North Yorkshire, Somerset: new codes, same boundaries."""


@pytest.fixture(scope="module")
def layout():
    return load_layout()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


# --- The layout file ---------------------------------------------------------------------------

def test_no_two_hexagons_share_a_place(layout):
    places = Counter(layout.values())
    assert [p for p, n in places.items() if n > 1] == []
    assert all(isinstance(q, int) and isinstance(r, int) and q >= 0 and r >= 0 for q, r in layout.values())


def test_each_pair_of_successors_is_adjacent(layout):
    for first, second in SPLITS.values():
        assert adjacent(layout[first], layout[second]), (first, second)
        assert adjacent(layout[second], layout[first]), (first, second)


@needs_hexjson
def test_successors_keep_their_predecessors_place(layout):
    original = {code: (h["q"], h["r"]) for code, h in json.loads(HEXJSON.read_text("utf-8"))["hexes"].items()}
    for old, new in SAME_AREA.items():
        assert layout[new] == original[old]
    for old, pair in SPLITS.items():
        assert original[old] in [layout[c] for c in pair], old
        assert all(layout[c] == original[old] or adjacent(layout[c], original[old]) for c in pair), old
    moved = {code for code in original if code in layout and layout[code] != original[code]}
    assert moved == {"E06000019", "E10000031"}  # Herefordshire and Warwickshire, one hexagon west each
    for code in moved:
        assert layout[code] == (original[code][0] - 1, original[code][1])


@needs_hexjson
def test_layout_file_is_exactly_what_the_derivation_writes():
    derived = layout_json(derive_layout(json.loads(HEXJSON.read_text("utf-8"))))
    assert LAYOUT_PATH.read_text("utf-8") == derived
    data = json.loads(derived)
    assert "Open Innovations" in data["source"]["publisher"] and data["source"]["licence"].startswith("MIT")
    assert data["layout"] == "odd-r" and len(data["changes"]) == len(CHANGES)


def test_derivation_refuses_an_unexpected_input():
    hexjson = {"layout": "odd-r", "hexes": {"E10000002": {"n": "Buckinghamshire", "q": 1, "r": 1}}}
    with pytest.raises(ValueError, match="expected E10000002 at"):
        derive_layout(hexjson)
    with pytest.raises(ValueError, match="odd-r"):
        derive_layout({"layout": "odd-q", "hexes": {}})


# --- Geometry ----------------------------------------------------------------------------------

def test_neighbours_are_mutual_and_six():
    for q in range(4):
        for r in range(4):
            around = neighbours(q, r)
            assert len(set(around)) == 6 and (q, r) not in around
            assert all((q, r) in neighbours(*n) for n in around)


def test_adjacent_hexagons_share_an_edge_and_others_do_not_touch(layout):
    max_r = max(r for _, r in layout.values())
    corners = {pos: set(hex_points(*hex_centre(*pos, max_r)).split()) for pos in layout.values()}
    for a in corners:
        for b in corners:
            if a < b:
                shared = len(corners[a] & corners[b])
                assert shared == (2 if adjacent(a, b) else 0), (a, b, shared)


def test_rows_grow_northwards(layout):
    max_r = max(r for _, r in layout.values())
    scilly, northumberland = layout["E06000053"], layout["E06000057"]
    assert hex_centre(*scilly, max_r)[1] > hex_centre(*northumberland, max_r)[1]


# --- The maps as data (the browser fixture's fictional areas, on a small layout of their own) -----------

@pytest.fixture(scope="module")
def areas(tmp_path_factory):
    """The browser fixture's 13 fictional areas: 11 current, Oldshire former (split into North and South Oldshire)."""
    loaded, problems = load_areas(copy_fixture("browser", tmp_path_factory.mktemp("browser") / "content") / "areas")
    assert problems == []
    return loaded


@pytest.fixture(scope="module")
def small_layout(areas):
    """Each current fixture area on a 4-wide grid (the fixture's codes are not on England's map)."""
    return {a.gss_code: (i % 4, i // 4) for i, a in enumerate(a for a in areas if not a.is_former)}


def test_current_map_colours_each_area_by_its_latest_outcome(areas, small_layout):
    current = [a for a in areas if not a.is_former]
    m = current_map(current, small_layout)
    assert len(m.hexes) == 11 and m.missing == ()
    assert {h.slug: h.key for h in m.hexes} == {
        "exampleton": "positive", "sampleby": "inconsistent", "testshire": "systemic-failings",
        "trialford": "effective-action", "probeton": "ineffective-action", "south-oldshire": "awaiting-report",
        **dict.fromkeys(("demoport", "fixtureham", "mockbridge", "placeholm", "north-oldshire"),
                        Category.NOT_INSPECTED_2023)}
    by_slug = {a.slug: a for a in current}
    for h in m.hexes:
        category = build_status(by_slug[h.slug]).category
        expected = category if category in ("positive", "inconsistent", "systemic-failings", "effective-action",
                                            "ineffective-action", "awaiting-report") else Category.NOT_INSPECTED_2023
        assert h.key == expected, h.slug
        assert h.label.startswith(by_slug[h.slug].name + ": ")
    assert [(e.key, e.count) for e in m.legend] == [
        ("positive", 1), ("inconsistent", 1), ("systemic-failings", 1), ("effective-action", 1),
        ("ineffective-action", 1), ("awaiting-report", 1), (Category.NOT_INSPECTED_2023, 5)]
    assert [e.label for e in m.legend][-2:] == ["Inspected, report not yet published",
                                                "Not inspected under the current framework yet"]
    assert len({e.pattern for e in m.legend}) == len(m.legend)  # a distinct texture for each entry


def test_accessible_names_say_outcome_and_year(areas, small_layout):
    labels = {h.slug: h.label for h in current_map([a for a in areas if not a.is_former], small_layout).hexes}
    assert labels["sampleby"] == "Sampleby: inconsistent experiences and outcomes, 2025"
    assert labels["testshire"] == "Testshire: widespread and/or systemic failings, 2024"
    assert labels["south-oldshire"] == "South Oldshire: inspected November 2026, report not published yet"
    assert labels["placeholm"] == "Placeholm: not inspected under the current framework yet"


def test_first_cycle_map_uses_the_former_area_for_areas_created_since(areas, small_layout):
    by_slug = {a.slug: a for a in areas}
    m = first_cycle_map(areas, by_slug, small_layout)
    hexes = {h.slug: h for h in m.hexes}
    assert len(hexes) == 11 and "oldshire" not in hexes
    assert first_cycle(by_slug["north-oldshire"], by_slug).via.slug == "oldshire"
    assert hexes["north-oldshire"].label == ("North Oldshire: inspected as part of Oldshire 2017, "
                                             "written statement of action required; not revisited")
    assert hexes["placeholm"].ring and hexes["placeholm"].key == "insufficient-progress"
    assert hexes["trialford"].key is Category.NOT_INSPECTED_2016 and not hexes["trialford"].ring
    assert all(h.ring == (h.key in ("sufficient-progress", "some-progress", "insufficient-progress")) for h in m.hexes)
    assert [(e.key, e.count) for e in m.legend] == [("no-wsoa", 2), ("sufficient-progress", 1), ("some-progress", 2),
                                                    ("insufficient-progress", 1), ("wsoa-required", 2),
                                                    (Category.NOT_INSPECTED_2016, 3)]
    assert [e.label for e in m.legend] == [
        "No written statement of action required", "Statement required; revisit: sufficient progress on all weaknesses",
        "Statement required; revisit: sufficient progress on some weaknesses",
        "Statement required; revisit: sufficient progress on none", "Statement required; not revisited",
        "Not inspected under the 2016 framework"]
    assert any("North Oldshire (Oldshire) and South Oldshire (Oldshire)" in note for note in m.notes)


def test_areas_without_a_hexagon_are_listed_not_dropped(areas):
    current = [a for a in areas if not a.is_former][:5]
    layout = {a.gss_code: (i, 0) for i, a in enumerate(current[:3])}
    m = current_map(current, layout)
    assert len(m.hexes) == 3 and len(m.rows) == 5
    assert set(m.missing) == {a.name for a in current[3:]}


# --- The built pages ---------------------------------------------------------------------------------

def structure_problems(page: BeautifulSoup) -> list[str]:
    """The checks of test_page_structure.py, for one page."""
    problems = []
    if len(page.select("h1")) != 1:
        problems.append("h1")
    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    problems += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for table in page.find_all("table"):
        if not (table.caption and table.caption.get_text(strip=True)):
            problems.append("table without caption")
        problems += [f"th without scope in {table.caption}" for th in table.find_all("th") if th.get("scope") not in ("col", "row")]
    levels = [int(h.name[1]) for h in page.select("main h1, main h2, main h3, main h4")]
    problems += [f"heading skips {a}->{b}" for a, b in zip(levels, levels[1:]) if b > a + 1]
    for ref in re.findall(r'url\(#([\w-]+)\)', str(page)):
        if not page.find(id=ref):
            problems.append(f"missing pattern {ref}")
    return problems


@pytest.fixture(scope="module")
def mapped(tmp_path_factory, areas, layout):
    """The browser fixture built under /portal/, each current area given a real code from the layout; and those codes."""
    root = tmp_path_factory.mktemp("mapped")
    copy_fixture("browser", root / "content")
    current = [a for a in areas if not a.is_former]
    codes = dict(zip((a.slug for a in current), sorted(layout)[::7]))
    for slug, code in codes.items():
        path = root / "content" / "areas" / f"{slug}.yaml"
        path.write_text(re.sub(r"(?m)^gss_code: \S+", f"gss_code: {code}", path.read_text("utf-8")), encoding="utf-8")
    site = SiteUnderTest(root, root / "content", root / "output")
    site.build()
    return site, codes


def test_every_hexagon_on_the_home_page_links_to_the_right_area(mapped, areas, layout):
    site, codes = mapped
    links = site.soup("index.html").select_one("svg.hexmap__svg").select("a")
    assert len(links) == 11
    max_r = max(r for _, r in layout.values())
    by_points = {hex_points(*hex_centre(*layout[codes[a.slug]], max_r)): a for a in areas if not a.is_former}
    assert sorted(by_points[link.polygon["points"]].slug for link in links) == sorted(codes)
    for link in links:
        area = by_points[link.polygon["points"]]
        assert link["href"] == "/portal" + urls.area_url(area.slug)
        assert link["aria-label"].startswith(area.name + ": ")
        assert link.title.get_text() == link["aria-label"]
        assert link.polygon["fill"].startswith("url(#pm-")


def test_home_map_has_a_skip_link_legend_table_and_credit(mapped):
    home = mapped[0].soup("index.html")
    section = home.select_one("#national-heading").parent
    assert section.find_previous("section").select_one("#find-heading"), "the map comes below 'Find your local area'"
    skip = section.select_one("a.skip-map")
    target = home.select_one(skip["href"])
    assert target is not None and target.find_previous("svg") is section.select_one("svg.hexmap__svg")
    legend = [li.get_text(" ", strip=True) for li in target.select("li")]
    assert any(text.startswith("Inconsistent experiences and outcomes") for text in legend)
    assert all(li.select_one("svg[aria-hidden=true] polygon[fill^='url(#pm-']") for li in target.select("li"))
    table = section.select_one("details.hexmap__table table")
    assert table.caption.get_text(strip=True) and len(table.select("tbody tr")) == 11
    assert all(th["scope"] == "row" for th in table.select("tbody th"))
    assert "Open Innovations" in section.select_one("figcaption").get_text()


def test_home_and_map_pages_pass_the_structure_checks(mapped):
    for name in ("index.html", "map/index.html"):
        assert structure_problems(mapped[0].soup(name)) == [], name


def test_map_page_has_both_maps(mapped):
    page = mapped[0].soup("map/index.html")
    maps = page.select("svg.hexmap__svg")
    assert len(maps) == 2 and all(len(m.select("a")) == 11 for m in maps)
    assert len(page.select("svg.svg-defs")) == 1
    assert len(page.select("#map-2016 svg.hexmap__svg .hx-ring")) == 4  # Demoport, Fixtureham, Placeholm and Testshire were revisited


def test_fixture_site_with_real_codes_draws_its_hexagons(make_site):
    codes = {"testshire": "E06000063", "exampleton": "E06000053", "north-oldshire": "E06000061", "south-oldshire": "E06000062"}
    site = make_site()
    for slug, code in codes.items():
        path = site.content_dir / "areas" / f"{slug}.yaml"
        path.write_text(re.sub(r"(?m)^gss_code: \S+", f"gss_code: {code}", path.read_text("utf-8")), encoding="utf-8")
    site.build()
    home = site.soup("index.html")
    hrefs = sorted(a["href"] for a in home.select("svg.hexmap__svg a"))
    assert hrefs == sorted("/portal" + urls.area_url(s) for s in codes)  # the fixture's site.yaml serves it under /portal/
    assert structure_problems(home) == []
    assert structure_problems(site.soup("map/index.html")) == []


def test_fixture_site_without_known_codes_shows_no_empty_map(built_site):
    home = built_site.soup("index.html")
    assert home.select_one("svg.hexmap__svg") is None
    page = built_site.soup("map/index.html")
    assert page.select_one("svg.hexmap__svg") is None
    assert page.select("details.hexmap__table[open] table")


def test_an_inspection_awaiting_its_report_has_its_own_key(areas):
    area = next(a for a in areas if a.slug == "exampleton")
    waiting = replace(area, events=(replace(area.events[-1], published=None, outcome=None, outcome_text=None),))
    m = current_map([waiting], {area.gss_code: (0, 0)})
    assert m.hexes[0].key == "awaiting-report" and m.hexes[0].pattern == "awaiting"
    assert m.hexes[0].label == "Exampleton: inspected February 2025, report not published yet"
    assert [e.key for e in m.legend] == ["positive", "inconsistent", "systemic-failings", "awaiting-report"]
