"""The content loader's two accelerators give exactly what the plain libraries give.

Area files are parsed with libyaml when PyYAML has it and checked first with jsonschema-rs
when it is installed (docs/performance.md has what each saves). Without them, the same files
go through PyYAML's pure-Python loader and jsonschema alone. The test loads the same files
both ways, the plain way in a fresh interpreter where neither accelerator can be imported,
and compares everything a maintainer would see: the area made, or every problem with its
line and field. (Speed itself is measured by bench/run.py, never asserted here.)
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_builder.content.load import load_area

from conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
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
BROKEN = [  # one value each that the schema refuses, put into a good area file
    ("last_reviewed", "2024-02-30"), ("last_reviewed", "5th March"), ("gss_code", "E06000001\n"), ("gss_code", "X1"),
    ("region", "Wessex"), ("la_number", True), ("la_number", 99), ("replaced_by", ["x"]), ("unknown_key", 1),
    ("council_url", "ftp://x"),
    ("events", [{"framework": "2023", "kind": "revisit", "start": "2024-13", "source": "https://x"}]),
    ("events", [{"framework": "2023", "kind": "monitoring", "start": "2024-12", "source": "https://x",
                 "outcome": "positive"}]),
    ("notices", [{"kind": "survey", "title": "t", "starts": "2024-02-03T25:00"}]), ("help", [{"kind": "sendiass"}]),
]
PLAIN = """
import pickle, sys
import yaml
yaml.__dict__.pop("CSafeLoader", None)  # as if PyYAML had no libyaml: its pure-Python loader
sys.modules["jsonschema_rs"] = None  # as if jsonschema-rs were not installed: jsonschema alone
from site_builder.content.load import load_area
pickle.dump([load_area(path) for path in pickle.load(sys.stdin.buffer)], sys.stdout.buffer)
"""


def test_areas_load_the_same_without_libyaml_and_jsonschema_rs(tmp_path):
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML was built without libyaml")
    pytest.importorskip("jsonschema_rs")
    good = yaml.safe_load(AREAS[0].read_text("utf-8"))
    texts = {path.stem: path.read_text("utf-8") for path in AREAS}
    texts |= {f"tricky-{i}": text for i, text in enumerate(TRICKY_YAML)}
    texts |= {f"broken-{i}": yaml.safe_dump({**good, key: value}, sort_keys=False)
              for i, (key, value) in enumerate(BROKEN)}
    paths = []
    for name, text in texts.items():
        paths.append(tmp_path / "areas" / f"{name}.yaml")
        paths[-1].parent.mkdir(exist_ok=True)
        paths[-1].write_text(text, "utf-8")

    plain = subprocess.run([sys.executable, "-c", PLAIN], input=pickle.dumps(paths), capture_output=True, cwd=ROOT)
    assert plain.returncode == 0, plain.stderr.decode()
    fast = [load_area(path) for path in paths]
    assert {path.stem: result for path, result in zip(paths, fast)} == dict(zip(texts, pickle.loads(plain.stdout)))
    assert sum(area is not None for area, _ in fast) == len(AREAS), "the good files load, every other one is refused"
