"""The YAML side of the importer: the values it writes, in the project's style.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and unknown keys when a
file is read and written again; ``import_merge`` decides what changes.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from site_builder.importer.areas import AreaRecord, DistrictRecord
from site_builder.importer.events import Event, KIND_ORDER

HEADER = (
    "# yaml-language-server: $schema=../../site_builder/schemas/area.schema.json\n"
    "# Created by `site-builder import` from official data. You may edit this file by hand:\n"
    "# re-running the importer keeps added keys, events and comments.\n"
)

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "schemas" / "area.schema.json").read_text("utf-8"))
"""The content schema, read as a file (the importer imports nothing from content/): its key order is the order
the importer writes keys in, so a key added there needs no change here."""

AREA_KEYS = tuple(SCHEMA["properties"])
DISTRICT_KEYS = tuple(SCHEMA["$defs"]["district"]["properties"])
EVENT_KEYS = tuple(SCHEMA["$defs"]["event"]["properties"])
# Lists merged item by item (a maintainer's additions and removals stay, the data's are applied).
SET_LIKE = frozenset({"former_gss_codes", "replaced_by", "predecessors", "alt_names"})
# The schema requires last_reviewed, so a new file gets the import date, marked for a person to check.
NEW_FILE_REVIEW = "set by import, please review"


def make_yaml() -> YAML:
    """Return the round-trip YAML reader/writer used for area files."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump(doc: Any) -> str:
    """Serialise a document with the project's settings."""
    out = io.StringIO()
    make_yaml().dump(doc, out)
    return out.getvalue()


def flow(items: list[Any]) -> CommentedSeq:
    """A list written on one line: [a, b]."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def area_fields(area: AreaRecord, slugs: Mapping[str, str]) -> list[tuple[str, Any]]:
    """Return the area-level keys the importer writes, in file order."""
    values: dict[str, Any] = {
        "name": area.name,
        "gss_code": area.gss_code,
        "former_gss_codes": sorted(area.former_gss_codes) or None,
        "region": area.region,
        "la_number": area.la_number,
        "ofsted_urn": area.ofsted_urn,
        "council_url": area.council_url,
        "ended": area.ended,
        "replaced_by": sorted(slugs[g] for g in area.replaced_by if g in slugs) or None,
        "predecessors": sorted(slugs[g] for g in area.predecessors if g in slugs) or None,
        "alt_names": list(area.alt_names) or None,
        "districts": [district_fields(d) for d in area.districts] or None,
        "neighbours": [slugs[g] for g in area.neighbours if g in slugs] or None,
    }
    return [(k, values[k]) for k in AREA_KEYS if values.get(k) is not None]


def district_fields(district: DistrictRecord) -> dict[str, Any]:
    """A district's keys as the importer writes them (absent values left out)."""
    values = {"name": district.name, "gss_code": district.gss_code, "ended": district.ended,
              "alt_names": list(district.alt_names) or None}
    return {k: values[k] for k in DISTRICT_KEYS if values[k] is not None}


def district_map(district: Mapping[str, Any]) -> CommentedMap:
    """A district written on one line: {name: ..., gss_code: ...}."""
    node = CommentedMap((k, flow(list(v)) if isinstance(v, (list, tuple)) else v) for k, v in district.items())
    node.fa.set_flow_style()
    return node


def yaml_value(key: str, value: Any) -> Any:
    """An imported value as the importer writes it into a file."""
    if key == "districts":
        return CommentedSeq(district_map(d) for d in value)
    if key == "framework":
        return DoubleQuotedScalarString(value)
    if key == "progress":
        sufficient, insufficient = value
        pair = CommentedMap([("sufficient", sufficient), ("insufficient", insufficient)])
        pair.fa.set_flow_style()
        return pair
    if isinstance(value, (list, tuple)):
        return flow(list(value))
    return value


def event_map(event: Event) -> CommentedMap:
    """A new imported event as a mapping, keys in file order, led by its permanent `id` (kind and start, as the
    builder would derive it). The id is written once, here, and never merged again: a start the data correct later
    leaves it, and every link to the event, as it is."""
    start = event.start.isoformat() if isinstance(event.start, date) else event.start
    return CommentedMap([("id", f"{event.kind}-{start}"), *((k, yaml_value(k, v)) for k, v in event.items())])


def set_key(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set a key, inserting a new one after the nearest earlier key in canonical order."""
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    position = 0
    for i, existing in enumerate(mapping):
        if existing in order and order.index(existing) < rank:
            position = i + 1
    mapping.insert(position, key, value)


def event_sort_key(node: Mapping[str, Any]) -> tuple[str, int]:
    """Chronological order of an event in a file: by start, then inspection before revisit."""
    start = node.get("start")
    return (start.isoformat() if isinstance(start, date) else str(start or ""), KIND_ORDER.get(str(node.get("kind", "")), 9))


def district_sort_key(node: Mapping[str, Any]) -> tuple[bool, str]:
    """Districts in order: current ones first, then by name."""
    return ("ended" in node, str(node.get("name", "")).lower())


def render_new(fields: list[tuple[str, Any]], events: list[Event], today: date) -> str:
    """Return the text of a new area file."""
    doc = CommentedMap((k, yaml_value(k, v)) for k, v in fields)
    if events:
        doc["events"] = CommentedSeq(event_map(e) for e in sorted(events, key=Event.sort_key))
    doc["last_reviewed"] = today
    doc.yaml_add_eol_comment(NEW_FILE_REVIEW, "last_reviewed")
    return HEADER + dump(doc)
