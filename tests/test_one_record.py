"""One definition of a record (issue 15): the schema, the model, the model builder, the data files and the
importer cannot drift apart, and the lines of a file are kept when it is read.

The content schema (site_builder/schemas/area.schema.json) is the one list of keys, in file order, with their
meanings. The model (site_builder/domain/models.py) gives each key a Python type; the loader converts every key by
that type, the events.csv columns come from the schema's `x-columns`, and the importer takes its key order from
the schema. These tests prove the parts that are still written twice agree.

So an optional event key, say `lead_inspector`, is added in five files: area.schema.json (the key, its meaning and
its `x-columns`), models.py (the Event field), the area page's template (to show it), CONTRIBUTING.md (the
maintainers' table, which test_docs checks) and data-area.schema.json (the published shape of the JSON files).
Nothing in the loader, the data files' code or the importer changes.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from types import UnionType
from typing import Any, get_args, get_origin, get_type_hints

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from site_builder.config import SiteConfig
from site_builder.content.freshness import freshness_warnings
from site_builder.content.load import build_record, check_areas_together, load_area
from site_builder.content.schema import FORMATS, load_schema
from site_builder.content.yaml_source import YamlDocument, parse_yaml
from site_builder.domain import models
from site_builder.domain.vocabulary import KIND_NAMES, Outcome
from site_builder.importer import events as importer_events
from site_builder.importer.area_yaml import EVENT_KEYS, dump, event_map
from site_builder.site.open_data import EVENT_COLUMNS, event_key_columns, event_record

AREA_FILE = """name: Testshire
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
    path.write_text(AREA_FILE, encoding="utf-8")
    area, problems = load_area(path)
    assert problems == [] and area.lines == {"name": 1, "gss_code": 2, "region": 3, "events": 4, "last_reviewed": 12}
    copy, _ = load_area(path)
    path.unlink()  # the checks below must not read the file again
    twice = [(p.line, p.field) for p in check_areas_together([area, copy])]
    assert twice == [(2, "gss_code"), (2, "gss_code")]  # a quoted key is found too
    warnings = [(w.line, w.field) for w in freshness_warnings((area,), date(2026, 11, 23))]
    # the event's own line for its missing id; no council_url: key, so the name's line for the Local Offer; no
    # plans: key, so the latest inspection's line for the plan
    assert warnings == [(12, "last_reviewed"), (5, "events[0]"), (1, "local_offer_url"), (5, "plans")]


def test_lines_do_not_make_two_areas_differ(tmp_path):
    path = tmp_path / "testshire.yaml"
    path.write_text(AREA_FILE, encoding="utf-8")
    first, _ = load_area(path)
    path.write_text("# a comment moves every line down\n" + AREA_FILE, encoding="utf-8")
    second, _ = load_area(path)
    assert second.line_of("name") == 2 and second.line_of("plans") is None
    assert first == second and hash(first) == hash(second)  # a preview rebuild need not write the area again


# --- The model and the content schema --------------------------------------------------------------------------

AREA = load_schema("area")
EVENT = AREA["$defs"]["event"]

NOT_FROM_FILE = {
    models.LocalArea: {"slug", "source_path", "notes", "notes_path", "lines"},
    models.Event: {"id_written"},
    models.Notice: {"starts_has_time", "ends_has_time", "line"},
    models.Guide: {"slug", "body", "source_path", "body_line"},
}
"""Each model's fields that do not come from its YAML (`line` never does)."""

RECORDS = [
    # (model, its part of a schema, the schema it is in)
    (models.LocalArea, AREA, AREA),
    (models.District, AREA["$defs"]["district"], AREA),
    (models.HelpRoute, AREA["$defs"]["help"], AREA),
    (models.Event, EVENT, AREA),
    (models.Progress, EVENT["properties"]["progress"], AREA),
    (models.Plan, AREA["$defs"]["plan"], AREA),
    (models.Notice, AREA["$defs"]["notice"], AREA),
    (models.Guide, load_schema("guide"), load_schema("guide")),
    (models.GlossaryTerm, load_schema("glossary")["properties"]["terms"]["items"], load_schema("glossary")),
    (models.OfficialTotal, load_schema("ofsted-totals")["properties"]["years"]["items"], load_schema("ofsted-totals")),
]


def resolve(spec: dict, schema: dict = AREA) -> dict:
    """A property's schema with its $ref followed (local references only)."""
    while "$ref" in spec:
        target = schema
        for step in spec["$ref"].removeprefix("#/").split("/"):
            target = target[step]
        spec = {**target, **{k: v for k, v in spec.items() if k != "$ref"}}
    return spec


def optional(hint: Any) -> tuple[Any, bool]:
    """(X, True) for `X | None`, (hint, False) otherwise."""
    if get_origin(hint) is UnionType and type(None) in get_args(hint):
        return next(a for a in get_args(hint) if a is not type(None)), True
    return hint, False


def fits(hint: Any, spec: dict, schema: dict) -> str | None:
    """Why a model type cannot hold what the schema allows, or None when it can."""
    spec = resolve(spec, schema)
    kinds = {spec["type"]} if "type" in spec else {type(v).__name__ for v in spec.get("enum", ())}
    if get_origin(hint) is tuple:
        return fits(get_args(hint)[0], spec["items"], schema) if kinds == {"array"} else f"{kinds} is not a list"
    if is_dataclass(hint):
        if kinds != {"object"}:
            return f"{kinds} is not a group of keys"
        return next((f"{name}: {why}" for name, why in record_problems(hint, spec, schema)), None)
    if isinstance(hint, type) and issubclass(hint, Enum):
        unknown = {v for v in spec.get("enum", ()) if v not in {m.value for m in hint}}
        if unknown or kinds not in ({"string"}, {"str"}):
            return f"{kinds} with {unknown or 'no'} values outside {hint.__name__}"
        return None
    wanted = {str: ({"string"}, {"str", "int"}), int: ({"integer"}, {"int"}), bool: ({"boolean"}, {"bool"})}
    if hint is date or hint is datetime:
        formats = {"date", "date-or-month"} if hint is date else {"local-date-time"}
        return None if spec.get("format") in formats else f"format {spec.get('format')!r} is not a {hint.__name__}"
    if hint in wanted and (kinds <= wanted[hint][0] or kinds <= wanted[hint][1]) and kinds:
        return None
    return f"{kinds or spec} does not fit {hint}"


def record_problems(model: type, spec: dict, schema: dict) -> list[tuple[str, str]]:
    """Every disagreement between a model and its part of the schema: keys, types and what may be left out."""
    hints = get_type_hints(model)
    not_from_file = NOT_FROM_FILE.get(model, set()) | {"line"}
    fields_from_file = {f.name: f for f in fields(model) if f.name not in not_from_file}
    keys = spec["properties"]
    problems = [(k, "is in the schema but not the model") for k in keys if k not in fields_from_file]
    problems += [(k, "is in the model but not the schema") for k in fields_from_file if k not in keys]
    for name in set(keys) & set(fields_from_file):
        hint, may_be_none = optional(hints[name])
        why = fits(hint, keys[name], schema)
        if why:
            problems.append((name, why))
        field = fields_from_file[name]
        has_default = field.default is not MISSING or field.default_factory is not MISSING
        if name not in spec.get("required", ()) and not (has_default or may_be_none):
            problems.append((name, "may be left out of a file, but the model needs it"))
    return problems


@pytest.mark.parametrize("model, spec, schema", RECORDS, ids=[r[0].__name__ for r in RECORDS])
def test_the_model_has_a_field_of_the_right_type_for_every_key_and_no_other(model, spec, schema):
    assert record_problems(model, spec, schema) == []


def test_the_outcomes_the_schema_allows_are_the_vocabulary():
    by_rule = {}
    for rule in EVENT["allOf"]:
        condition, outcome = rule["if"].get("properties", {}), rule["then"].get("properties", {}).get("outcome")
        if outcome:
            kind = condition["kind"]["const"]
            frameworks = [str(v) for v in condition["framework"]["enum"]] if "framework" in condition else ["2023"]
            for framework in frameworks:
                by_rule[(framework, kind)] = set(outcome["enum"])
    assert set(by_rule) == set(KIND_NAMES)  # a rule for every framework and kind, and no other
    assert set().union(*by_rule.values()) == {o.value for o in Outcome}
    kinds = {kind for _, kind in KIND_NAMES}
    assert set(EVENT["properties"]["kind"]["enum"]) == kinds
    assert {str(f) for f in EVENT["properties"]["framework"]["enum"]} == {f for f, _ in KIND_NAMES}
    data = load_schema("data-area")
    assert data["$defs"]["outcome"]["enum"] == [o.value for o in Outcome]
    assert set(data["$defs"]["event"]["properties"]["kind"]["enum"]) == kinds
    described = EVENT["properties"]["outcome"]["x-columns"]["outcome"]
    assert set(re.findall(r"[a-z]+(?:-[a-z]+)+|positive|inconsistent", described)) == {o.value for o in Outcome}


# --- Every key reaches the model and the data files, with no list of keys to update -----------------------------


def sample(spec: dict, hint: Any) -> Any:
    """A value a file could hold for a key, made from its schema and the model's type (so a new key needs none)."""
    spec = resolve(spec)
    hint, _ = optional(hint)
    if is_dataclass(hint):
        hints = get_type_hints(hint)
        return {k: sample(v, hints[k]) for k, v in spec["properties"].items()}
    if get_origin(hint) is tuple:
        return [sample(spec["items"], get_args(hint)[0])]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return list(hint)[0].value
    if hint in (int, bool):
        return 2 if hint is int else True
    if "enum" in spec:
        return spec["enum"][0]  # not the last: provenance's last value is the model's default
    if spec.get("format") in ("date", "date-or-month", "local-date-time"):
        return "2024-03-05"
    if spec.get("pattern", "").startswith("^https?"):
        return "https://www.example.org/report"
    return "Some words"


def test_every_event_key_reaches_the_model_and_every_column_is_filled():
    hints = get_type_hints(models.Event)
    data = {key: sample(spec, hints[key]) for key, spec in EVENT["properties"].items()}
    event = build_record(models.Event, data, YamlDocument(data, {("events", 0): 7}), ("events", 0))
    defaults = {f.name: f.default for f in fields(models.Event)}
    left_as_default = [key for key in data if getattr(event, key) in (None, defaults[key])]
    assert left_as_default == [] and event.line == 7
    area = models.LocalArea("x", "X", "E06000001", "London", date(2026, 1, 1), Path("x.yaml"), events=(event,))
    row = event_record(area, event, SiteConfig(Path("."), Path("."), Path("."), date(2026, 1, 1)))
    assert [name for name, value in row.items() if value is None] == []


def test_the_event_columns_follow_the_schema_and_the_published_data_schema_lists_them():
    columns = [c.name for c in event_key_columns()]
    exported = [key for key, spec in EVENT["properties"].items() if "x-columns" in spec]
    assert columns == [name for key in exported for name in EVENT["properties"][key]["x-columns"]]
    assert all(c.description for c in event_key_columns())
    names = [c.name for c in EVENT_COLUMNS]
    assert names == ["area_slug", "area_name", "gss_code", "event_id", *columns, "page_url"]
    in_history = list(load_schema("data-area")["$defs"]["event"]["properties"])
    assert in_history == names[3:]  # each area's history in /areas/<slug>.json: the same columns, in order


# --- The importer writes keys the schema knows, as values it accepts ---------------------------------------------


def importer_sample(key: str, hint: Any) -> Any:
    hint, _ = optional(hint)
    if get_origin(hint) is UnionType:  # `start: date | str`: a date, or a month as text
        hint = get_args(hint)[0]
    if hint is date:
        return date(2024, 3, 5)
    if hint is int:
        return 2
    if get_origin(hint) is tuple:
        return tuple(2 for _ in get_args(hint))
    return str(sample(EVENT["properties"][key], str))


def test_the_importer_writes_event_keys_in_the_schemas_order_with_values_it_accepts():
    assert EVENT_KEYS == tuple(EVENT["properties"])
    written = [f.name for f in fields(importer_events.Event)]
    assert [key for key in EVENT_KEYS if key in written] == written  # a subset, in file order
    hints = get_type_hints(importer_events.Event)
    event = importer_events.Event(**{key: importer_sample(key, hints[key]) for key in written})
    text = dump(event_map(event))
    doc, problems = parse_yaml(text, Path("importer.yaml"))
    assert problems == [] and list(doc.data) == ["id", *written]  # a new event is led by its permanent id
    checker = FormatChecker(formats=())
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    for key in written:
        validator = Draft202012Validator({"$defs": AREA["$defs"], "$ref": f"#/$defs/event/properties/{key}"},
                                         format_checker=checker)
        assert [e.message for e in validator.iter_errors(doc.data[key])] == [], (key, text)
