"""Validation: every rule of the content contract, each reported with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.content.load import load_areas, load_content, load_guides

GOOD_AREA = """name: Testshire
gss_code: E10000901
region: East of England
events:
  - framework: "2016"
    kind: inspection
    start: 2018-01-15
    published: 2018-03-06
    outcome: wsoa-required
    significant_weaknesses: 5
    source: https://www.example.org/stats
    provenance: official-statistics
last_reviewed: 2026-11-01
"""


def write_area(tmp_path: Path, text: str, slug: str = "testshire") -> Path:
    areas = tmp_path / "areas"
    areas.mkdir(exist_ok=True)
    (areas / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return areas


def only_problem(areas_dir: Path):
    _, problems = load_areas(areas_dir)
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def test_good_area_loads(tmp_path):
    areas, problems = load_areas(write_area(tmp_path, GOOD_AREA))
    assert problems == []
    [area] = areas
    assert area.name == "Testshire" and area.events[0].significant_weaknesses == 5


def test_bad_date_points_at_line_and_field(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("published: 2018-03-06", "published: 5th March")))
    assert (err.path.name, err.line, err.field) == ("testshire.yaml", 8, "events[0].published")
    assert err.format().endswith("testshire.yaml:8: events[0].published: expected a date like 2024-03-05 (or a month like 2023-01 when no source gives the day), got '5th March'")


def test_impossible_date_is_an_error(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("2018-03-06", "2018-02-30")))
    assert (err.line, err.field) == (8, "events[0].published")


def test_unknown_key_suggests_the_right_one(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("    published:", "    publshed:")))
    assert (err.line, err.field) == (8, "events[0].publshed")
    assert err.message == "unknown key 'publshed'; did you mean 'published'?"


def test_outcome_must_fit_framework_and_kind(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("outcome: wsoa-required", "outcome: positive")
                                  .replace("    significant_weaknesses: 5\n", "")))
    assert (err.line, err.field) == (9, "events[0].outcome")
    assert err.message == "expected 'wsoa-required' or 'no-wsoa' for a 2016 inspection, got 'positive'"


def test_kind_not_in_framework(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("kind: inspection", "kind: monitoring")
                                  .replace("    outcome: wsoa-required\n    significant_weaknesses: 5\n", "    outcome_text: quoted\n")))
    assert err.field == "events[0].kind"
    assert "'inspection' or 'revisit' for a \"2016\" event" in err.message


def test_region_typo(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("East of England", "East England")))
    assert (err.line, err.field) == (3, "region")
    assert err.message.endswith("did you mean 'East of England'?")


def test_missing_required_field(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("    source: https://www.example.org/stats\n", "")))
    assert (err.line, err.field) == (5, "events[0].source")
    assert err.message.startswith("missing")


def test_url_must_be_http(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("https://www.example.org/stats", "javascript:alert(1)")))
    assert err.field == "events[0].source"
    assert "starting with https://" in err.message


def test_yaml_syntax_error_is_reported_not_raised(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("region: East of England", "region: East: of England")))
    assert err.line == 3
    assert "not valid YAML" in err.message


def test_duplicate_key(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA + "name: Again\n"))
    assert (err.line, err.field) == (14, "name")
    assert "appears twice (first on line 1)" in err.message


def test_duplicate_gss_code_names_both_files(tmp_path):
    areas = write_area(tmp_path, GOOD_AREA)
    write_area(tmp_path, GOOD_AREA.replace("Testshire", "Copyshire"), slug="copyshire")
    _, problems = load_areas(areas)
    assert sorted(p.path.name for p in problems) == ["copyshire.yaml", "testshire.yaml"]
    assert all(p.field == "gss_code" and p.line == 2 and "E10000901" in p.message for p in problems)


def test_successor_must_exist(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("last_reviewed", "ended: 2023-03-31\nreplaced_by: [nowhere]\nlast_reviewed")))
    assert (err.field, err.line) == ("replaced_by", 14)
    assert err.message == "there is no area 'nowhere' (expected a file content/areas/nowhere.yaml)"


def test_replaced_by_needs_ended(tmp_path):
    write_area(tmp_path, GOOD_AREA.replace("Testshire", "Newshire").replace("E10000901", "E06000909"), slug="newshire")
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("last_reviewed", "replaced_by: [newshire]\nlast_reviewed")))
    assert "ended" in err.message


@pytest.mark.parametrize("note, expected", [
    ("Read <script>alert(1)</script>", "raw HTML is not allowed in Markdown, found '<script>'"),
    ("[click](javascript:alert(1))", "links must start with https:// or /, found a javascript: link"),
    ("[img](data:text/html;base64,xx)", "links must start with https:// or /, found a data: link"),
])
def test_markdown_cannot_carry_html_or_script(tmp_path, note, expected):
    areas = write_area(tmp_path, GOOD_AREA.replace("    source:", f"    note: \"{note}\"\n    source:"))
    _, problems = load_areas(areas)
    assert problems and problems[0].field == "events[0].note" and problems[0].line == 11
    assert expected in problems[0].message


def test_area_notes_markdown_checked_with_line(tmp_path):
    areas = write_area(tmp_path, GOOD_AREA)
    (areas / "testshire.md").write_text("Fine line.\n\nBad <iframe src=x> line.\n", encoding="utf-8")
    err = only_problem(areas)
    assert (err.path.name, err.line) == ("testshire.md", 3)


def test_published_before_start(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("published: 2018-03-06", "published: 2017-03-06")))
    assert (err.field, err.line) == ("events[0].published", 8)
    assert "before the start date 2018-01-15" in err.message


def test_published_needs_outcome(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("    outcome: wsoa-required\n    significant_weaknesses: 5\n", "")))
    assert err.field == "events[0]" and "add its outcome" in err.message


def test_two_events_same_kind_and_start(tmp_path):
    event = GOOD_AREA.split("events:\n")[1].split("last_reviewed")[0]
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("last_reviewed:", event + "last_reviewed:")))
    assert (err.field, err.line) == ("events[1].start", 15)
    assert err.message == "there is already an inspection starting 2018-01-15 (events[0]); is this a copy?"


def test_month_precision_start_is_allowed(tmp_path):
    areas, problems = load_areas(write_area(tmp_path, GOOD_AREA.replace("start: 2018-01-15", "start: 2018-01")
                                            .replace("    published: 2018-03-06\n", "")))
    assert problems == []
    assert areas[0].events[0].start_is_month and areas[0].events[0].id == "inspection-2018-01"


def test_file_name_must_be_a_slug(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA, slug="Test_Shire"))
    assert "lowercase letters, digits and hyphens" in err.message


def test_every_problem_is_collected(tmp_path):
    text = GOOD_AREA.replace("East of England", "Nowhere").replace("2018-03-06", "March").replace("name:", "nmae:")
    _, problems = load_areas(write_area(tmp_path, text))
    assert {p.field for p in problems} >= {"region", "events[0].published", "nmae", "name"}


GUIDE = """---
title: A guide
summary: Short.
updated: 2026-11-23
---
Body line one.

Body line three.
"""


def write_guide(tmp_path: Path, text: str) -> Path:
    guides = tmp_path / "guides"
    guides.mkdir(exist_ok=True)
    (guides / "a-guide.md").write_text(text, encoding="utf-8")
    return guides


def test_guide_loads(tmp_path):
    guides, problems = load_guides(write_guide(tmp_path, GUIDE))
    assert problems == [] and guides[0].title == "A guide"


def test_guide_summary_too_long(tmp_path):
    guides, problems = load_guides(write_guide(tmp_path, GUIDE.replace("Short.", "x" * 161)))
    [err] = problems
    assert (err.line, err.field) == (3, "summary")
    assert err.message == "expected a summary of at most 160 characters, got 161 characters"


def test_guide_raw_html_line_counts_from_file_top(tmp_path):
    _, problems = load_guides(write_guide(tmp_path, GUIDE.replace("Body line three.", "Body <b>three</b>.")))
    assert problems[0].line == 8


def test_guide_without_front_matter(tmp_path):
    _, problems = load_guides(write_guide(tmp_path, "Just text\n"))
    [err] = problems
    assert err.line == 1 and "front matter" in err.message


def test_glossary_duplicate_id(tmp_path):
    (tmp_path / "areas").mkdir()
    (tmp_path / "glossary.yaml").write_text(
        "terms:\n  - id: wsoa\n    term: A\n    definition: x\n  - id: wsoa\n    term: B\n    definition: y\n", encoding="utf-8")
    _, problems = load_content(tmp_path)
    [err] = problems
    assert (err.line, err.field) == (5, "terms[1].id") and "already used on line 2" in err.message


def test_a_key_that_is_a_list_is_reported_not_raised(tmp_path):
    err = only_problem(write_area(tmp_path, GOOD_AREA.replace("region: East of England", "region: East of England\n? [a, b]\n: c")))
    assert err.line == 4
    assert "a key must be a plain word followed by a colon" in err.message


def test_glossary_problems_come_from_its_schema_with_lines(tmp_path):
    (tmp_path / "areas").mkdir()
    (tmp_path / "glossary.yaml").write_text(
        "terms:\n  - id: WSOA\n    term: A\n    definition: x\n  - id: icb\n    term: B\n    defintion: y\n", encoding="utf-8")
    _, problems = load_content(tmp_path)
    found = sorted((p.line, p.field, p.message) for p in problems)
    assert found == [
        (2, "terms[0].id", "expected lowercase letters, digits and hyphens, like wsoa, got 'WSOA'"),
        (5, "terms[1].definition", "missing; every term needs `definition:`"),
        (7, "terms[1].defintion", "unknown key 'defintion'; did you mean 'definition'?"),
    ]
