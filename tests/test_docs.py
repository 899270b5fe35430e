"""The schema, the check and the documentation cannot drift apart."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from site_builder.content.schema import load_schema

ROOT = Path(__file__).resolve().parent.parent
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text("utf-8")


def documented_keys(where: str) -> set[str]:
    return set(re.findall(rf"^\| `([a-z_]+)` \| {where} \|", CONTRIBUTING, re.M))


def test_every_area_key_is_documented_and_nothing_else():
    schema = load_schema("area")
    assert documented_keys("area") == set(schema["properties"])
    assert documented_keys("event") == set(schema["$defs"]["event"]["properties"])


def test_every_schema_field_has_a_description():
    schema = load_schema("area")
    for name, spec in schema["properties"].items():
        assert spec.get("description"), name
    for part in ("event", "plan", "notice", "help"):
        for name, spec in schema["$defs"][part]["properties"].items():
            assert spec.get("description"), (part, name)


def test_outcome_table_matches_schema():
    rules = load_schema("area")["$defs"]["event"]["allOf"]
    allowed = {}
    for rule in rules:
        condition = rule["if"].get("properties", {})
        outcome = rule["then"].get("properties", {}).get("outcome", {})
        if "enum" in outcome and "kind" in condition:
            framework = next(v for v in condition["framework"]["enum"] if isinstance(v, str)) if "framework" in condition else "2023"
            allowed[(framework, condition["kind"]["const"])] = set(outcome["enum"])
    for (framework, kind), values in allowed.items():
        row = re.search(rf'^\| "{framework}" \| {kind} \| (.+) \|$', CONTRIBUTING, re.M)
        assert row, (framework, kind)
        assert set(re.findall(r"`([a-z-]+)`", row.group(1))) == values


def test_example_messages_are_what_check_prints(tmp_path):
    from site_builder.content.load import load_areas
    areas = tmp_path / "areas"
    areas.mkdir()
    (areas / "x.yaml").write_text(
        "name: X\ngss_code: E06000001\nregion: London\nevents:\n  - framework: \"2016\"\n    kind: inspection\n"
        "    start: 2018-01-01\n    publshed: 2018-02-01\n    outcome: positive\nlast_reviewed: 5th March\n", encoding="utf-8")
    _, problems = load_areas(areas)
    messages = [p.message.replace("`", "") for p in problems]
    for documented in ["expected a date like 2024-03-05, got '5th March'",
                       "unknown key 'publshed'; did you mean 'published'?",
                       "missing; every event needs source:"]:
        assert documented in CONTRIBUTING, documented
        assert any(documented in m for m in messages), (documented, messages)
    assert any(m.startswith("expected 'wsoa-required' or 'no-wsoa' for a 2016 inspection") for m in messages)


def test_workflows_use_official_actions_and_run_the_check():
    check = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text())
    pages = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
    assert "pull_request" in check[True]  # PyYAML reads the key `on` as True
    steps = check["jobs"]["check"]["steps"]
    assert any("site-builder check" in s.get("run", "") for s in steps)
    assert any("scripts/test" in s.get("run", "") for s in steps)
    uses = {s["uses"].split("@")[0] for job in pages["jobs"].values() for s in job["steps"] if "uses" in s}
    assert {"actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    build = next(s for s in pages["jobs"]["build"]["steps"] if "site-builder build" in s.get("run", ""))
    assert '--base-url "$BASE_URL/"' in build["run"] and build["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert pages["permissions"] == {}
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
