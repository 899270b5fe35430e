"""Each shortcut the builder takes for speed gives exactly what the plain way gives.

(Speed itself is measured by bench/run.py, never asserted here.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.content import schema
from site_builder.content import yaml_source as yamlsource
from site_builder.content.load import load_area
from site_builder.commands.workers import in_workers

from conftest import FIXTURES

AREAS = sorted((FIXTURES / "minimal" / "content" / "areas").glob("*.yaml"))
TRICKY_YAML = [
    "a: &x [1, 2]\nb: *x\n",  # an alias
    "base: &b {k: 1}\nc:\n  <<: *b\n  j: 2\n",  # a merge key
    "s: !!set {a, b}\n",
    "n: null\nf: 1.5\nb: yes\ni: 0x1f\nsexagesimal: 1:30\nd: 2020-01-01\n",
    "a: 1\na: 2\n",  # a duplicate key
    "x: !!binary aGVsbG8=\n",
    "- a\n- {b: c}\n",
    "key: [unclosed\n",
    "key: value: another\n",
    "\tkey: tab\n",
    "2016: a\nyes: b\n~: c\n",  # keys that are not text
    "a:\nb: ''\nc: ~\nd: '1'\ne: -1\nf: +1\ng: .5\nh: .inf\ni: =\n",
    "outer:\n  x: 1\n  x: 2\nlist:\n  - {y: 1, y: 2}\n",  # duplicates further down
    "? [a, b]\n: c\n",  # a complex key
    "text: |\n  two\n  lines\n",
]


@pytest.mark.parametrize("text", [p.read_text("utf-8") for p in AREAS] + TRICKY_YAML)
def test_libyaml_gives_what_pure_python_yaml_gives(text, monkeypatch):
    fast = _parsed(text)
    monkeypatch.setattr(yamlsource, "_Loader", yamlsource.yaml.SafeLoader)
    assert fast == _parsed(text)


def _parsed(text: str) -> tuple:
    doc, problems = yamlsource.parse_yaml(text, Path("x.yaml"))
    return (doc.data, doc.lines, doc.first_line, problems) if doc else (None, problems)


BROKEN = [
    ("last_reviewed", "2024-02-30"), ("last_reviewed", "5th March"), ("gss_code", "E06000001\n"), ("gss_code", "X1"),
    ("region", "Wessex"), ("la_number", True), ("la_number", 99), ("replaced_by", ["x"]), ("unknown_key", 1),
    ("council_url", "ftp://x"), ("events", [{"framework": "2023", "kind": "revisit", "start": "2024-13", "source": "https://x"}]),
    ("events", [{"framework": "2023", "kind": "monitoring", "start": "2024-12", "source": "https://x", "outcome": "positive"}]),
    ("notices", [{"kind": "survey", "title": "t", "starts": "2024-02-03T25:00"}]), ("help", [{"kind": "sendiass"}]),
]


@pytest.mark.parametrize("path", AREAS, ids=lambda p: p.stem)
@pytest.mark.parametrize("key,value", [(None, None)] + BROKEN)
def test_the_fast_schema_check_never_passes_what_jsonschema_rejects(path, key, value):
    doc, _ = yamlsource.parse_yaml(path.read_text("utf-8"), path)
    if key is not None:
        doc.data[key] = value
    explained = list(schema._validator("area").iter_errors(doc.data))
    if schema._fast_validator("area") is None:
        pytest.skip("jsonschema-rs is not installed")
    if schema._surely_valid(doc.data, "area"):  # when it is unsure, jsonschema decides (and may still accept)
        assert explained == []
    assert (schema.validate_document(doc, "area", path) == []) == (explained == [])


def test_loading_in_worker_processes_gives_the_serial_result():
    assert in_workers(lambda part: [load_area(p) for p in part], AREAS, 2) == [[load_area(p) for p in AREAS]]
