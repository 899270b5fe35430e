"""One definition of a record (issue 15): the schema, the model, the model builder, the data files and the
importer cannot drift apart, and the lines of a file are kept when it is read.

The content schema (site_builder/schemas/area.schema.json) is the one list of keys, in file order, with their
meanings. The model (site_builder/domain/models.py) gives each key a Python type; the loader converts every key by
that type, the events.csv columns come from the schema's `x-columns`, and the importer takes its key order from
the schema. These tests prove the parts that are still written twice agree.
"""

from __future__ import annotations

from datetime import date

from site_builder.content.freshness import freshness_warnings
from site_builder.content.load import check_areas_together, load_area

AREA = """name: Testshire
"gss_code": E10000901
region: East of England
events:
  - framework: "2023"
    kind: inspection
    start: 2024-06-03
    published: 2024-07-19
    outcome: inconsistent
    source: https://www.example.org/stats
    provenance: official-statistics
last_reviewed: 2020-11-01
"""


# --- The lines of a file are kept on the model ------------------------------------------------------------------


def test_later_checks_use_the_lines_kept_when_the_file_was_read(tmp_path):
    path = tmp_path / "areas" / "testshire.yaml"
    path.parent.mkdir()
    path.write_text(AREA, encoding="utf-8")
    area, problems = load_area(path)
    assert problems == [] and area.lines == {"name": 1, "gss_code": 2, "region": 3, "events": 4, "last_reviewed": 12}
    copy, _ = load_area(path)
    path.unlink()  # the checks below must not read the file again
    twice = [(p.line, p.field) for p in check_areas_together([area, copy])]
    assert twice == [(2, "gss_code"), (2, "gss_code")]  # a quoted key is found too
    warnings = [(w.line, w.field) for w in freshness_warnings((area,), date(2026, 11, 23))]
    assert warnings == [(12, "last_reviewed"), (5, "plans")]  # no plans: key, so the latest inspection's line


def test_lines_do_not_make_two_areas_differ(tmp_path):
    path = tmp_path / "testshire.yaml"
    path.write_text(AREA, encoding="utf-8")
    first, _ = load_area(path)
    path.write_text("# a comment moves every line down\n" + AREA, encoding="utf-8")
    second, _ = load_area(path)
    assert second.line_of("name") == 2 and second.line_of("plans") is None
    assert first == second and hash(first) == hash(second)  # a preview rebuild need not write the area again
