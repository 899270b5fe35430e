"""The hex map: its derived layout, its geometry, and the maps on the built pages."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_builder import urls
from site_builder.facts import build_status
from site_builder.hexlayout import CHANGES, LAYOUT_PATH, derive_layout, layout_json
from site_builder.hexmap import (adjacent, current_map, first_cycle, first_cycle_map, hex_centre, hex_points,
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


@pytest.fixture
def content(shipped_content):
    """The shipped content, loaded once per test session (conftest.py)."""
    return shipped_content


@pytest.fixture
def shipped(shipped_site):
    """The shipped site, built once per test session (conftest.py)."""
    return shipped_site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


# --- The layout file ---------------------------------------------------------------------------

def test_no_two_hexagons_share_a_place(layout):
    places = Counter(layout.values())
    assert [p for p, n in places.items() if n > 1] == []
    assert all(isinstance(q, int) and isinstance(r, int) and q >= 0 and r >= 0 for q, r in layout.values())


def test_every_current_area_has_exactly_one_hexagon_and_former_areas_none(content, layout):
    current = [a for a in content.areas if not a.is_former]
    assert len(current) == 153
    codes = Counter(a.gss_code for a in current)
    assert [c for c, n in codes.items() if n > 1] == []
    assert sorted(codes) == sorted(layout)
    assert [a.gss_code for a in content.areas if a.is_former and a.gss_code in layout] == []


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


# --- The maps as data ----------------------------------------------------------------------------

def test_current_map_colours_each_area_by_its_latest_outcome(content):
    current = [a for a in content.areas if not a.is_former]
    m = current_map(current)
    assert len(m.hexes) == 153 and m.missing == ()
    by_slug = {a.slug: a for a in current}
    for h in m.hexes:
        category = build_status(by_slug[h.slug]).category
        expected = category if category in ("positive", "inconsistent", "systemic-failings", "effective-action",
                                            "ineffective-action", "awaiting-report") else "not-yet"
        assert h.key == expected, h.slug
        assert h.label.startswith(by_slug[h.slug].name + ": ")
    assert sum(e.count for e in m.legend) == 153
    counts = Counter(build_status(a).category for a in current)
    legend = {e.key: e.count for e in m.legend}
    assert {k: legend[k] for k in ("positive", "inconsistent", "systemic-failings")} == {
        k: counts[k] for k in ("positive", "inconsistent", "systemic-failings")}
    assert len({e.pattern for e in m.legend}) == len(m.legend)  # a distinct texture for each entry


def test_accessible_names_say_outcome_and_year(content):
    current = [a for a in content.areas if not a.is_former]
    labels = {h.slug: h.label for h in current_map(current).hexes}
    for area in current:
        status = build_status(area)
        if status.category == "inconsistent":
            year = (status.event.published or status.event.start).year
            assert labels[area.slug] == f"{area.name}: inconsistent experiences and outcomes, {year}"


def test_first_cycle_map_uses_the_former_area_for_areas_created_since(content):
    by_slug = {a.slug: a for a in content.areas}
    m = first_cycle_map(content.areas, by_slug)
    hexes = {h.slug: h for h in m.hexes}
    assert len(hexes) == 153
    assert first_cycle(by_slug["cumberland"], by_slug).via.slug == "cumbria"
    assert hexes["cumberland"].label.startswith("Cumberland: inspected as part of Cumbria 2019, written statement of action required")
    assert hexes["devon"].ring and hexes["devon"].key == "insufficient-progress"
    assert all(h.ring == (h.key in ("sufficient-progress", "some-progress", "insufficient-progress")) for h in m.hexes)
    assert sum(e.count for e in m.legend) == 153
    assert any("Cumberland (Cumbria)" in note for note in m.notes)


def test_areas_without_a_hexagon_are_listed_not_dropped(content):
    current = [a for a in content.areas if not a.is_former][:5]
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


def test_every_hexagon_on_the_home_page_links_to_the_right_area(shipped, content, layout):
    home = soup(shipped / "index.html")
    svg = home.select_one("svg.hexmap__svg")
    links = svg.select("a")
    assert len(links) == 153
    max_r = max(r for _, r in layout.values())
    by_points = {hex_points(*hex_centre(*layout[a.gss_code], max_r)): a for a in content.areas if not a.is_former}
    for link in links:
        area = by_points[link.polygon["points"]]
        assert link["href"] == "/portal" + urls.area_url(area.slug)
        assert link["aria-label"].startswith(area.name + ": ")
        assert link.title.get_text() == link["aria-label"]
        assert link.polygon["fill"].startswith("url(#pm-")
    assert (shipped / "areas" / "devon" / "index.html").exists()


def test_home_map_has_a_skip_link_legend_table_and_credit(shipped):
    home = soup(shipped / "index.html")
    section = home.select_one("#national-heading").parent
    assert section.find_previous("section").select_one("#find-heading"), "the map comes below 'Find your local area'"
    skip = section.select_one("a.skip-map")
    target = home.select_one(skip["href"])
    assert target is not None and target.find_previous("svg") is section.select_one("svg.hexmap__svg")
    legend = [li.get_text(" ", strip=True) for li in target.select("li")]
    assert any(text.startswith("Inconsistent experiences and outcomes") for text in legend)
    assert all(li.select_one("svg[aria-hidden=true] polygon[fill^='url(#pm-']") for li in target.select("li"))
    table = section.select_one("details.hexmap__table table")
    assert table.caption.get_text(strip=True) and len(table.select("tbody tr")) == 153
    assert all(th["scope"] == "row" for th in table.select("tbody th"))
    assert "Open Innovations" in section.select_one("figcaption").get_text()


def test_home_and_map_pages_pass_the_structure_checks(shipped):
    for name in ("index.html", "map/index.html"):
        assert structure_problems(soup(shipped / name)) == [], name


def test_map_page_has_both_maps(shipped):
    page = soup(shipped / "map" / "index.html")
    maps = page.select("svg.hexmap__svg")
    assert len(maps) == 2 and all(len(m.select("a")) == 153 for m in maps)
    assert len(page.select("svg.svg-defs")) == 1
    assert page.select("#map-2016 .hx-ring")


def test_home_page_stays_light(shipped):
    size = len(gzip.compress((shipped / "index.html").read_bytes(), 9))
    assert size < 20_000, size


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


def test_an_inspection_awaiting_its_report_has_its_own_key(content):
    from dataclasses import replace

    area = next(a for a in content.areas if a.slug == "barnet")
    waiting = replace(area, events=(replace(area.events[0], framework="2023", published=None, outcome=None, outcome_text=None),))
    m = current_map([waiting])
    assert m.hexes[0].key == "awaiting-report" and m.hexes[0].pattern == "awaiting"
    assert "report not published yet" in m.hexes[0].label
    assert [e.key for e in m.legend] == ["positive", "inconsistent", "systemic-failings", "awaiting-report"]
