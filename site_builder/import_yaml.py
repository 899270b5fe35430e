"""Write an area's imported facts into its YAML text, keeping everything added by hand.

Pure functions from text to text, using ruamel.yaml's round-trip mode so comments, key
order, quoting and unknown keys survive.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any, Mapping

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .import_areas import AreaRecord, DistrictRecord
from .import_events import Event, KIND_ORDER, same_inspection

HEADER = (
    "# yaml-language-server: $schema=../../site_builder/schemas/area.schema.json\n"
    "# Created by `site-builder import` from official data. You may edit this file by hand:\n"
    "# re-running the importer keeps added keys, events and comments.\n"
)

AREA_KEYS = (
    "name", "gss_code", "former_gss_codes", "region", "la_number", "ofsted_urn", "council_url",
    "local_offer_url", "ended", "replaced_by", "predecessors", "alt_names", "districts", "neighbours", "help",
    "events", "plans", "notices", "last_reviewed",
)
DISTRICT_KEYS = ("name", "gss_code", "ended", "alt_names")
EVENT_KEYS = (
    "framework", "kind", "start", "end", "published", "outcome", "outcome_text",
    "significant_weaknesses", "progress", "priority_actions", "report_url", "source", "note", "summary",
)
SET_ONCE_AREA = frozenset({"name", "council_url"})  # editorial: never overwritten
LIST_AREA = frozenset({"former_gss_codes", "replaced_by", "predecessors", "alt_names"})  # merged, never shrunk
SET_ONCE_EVENT = frozenset({"note"})


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


def _flow(items: list[Any]) -> CommentedSeq:
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


def _district_map(district: Mapping[str, Any]) -> CommentedMap:
    node = CommentedMap((k, _flow(list(v)) if isinstance(v, (list, tuple)) else v) for k, v in district.items())
    node.fa.set_flow_style()
    return node


def _yaml_value(key: str, value: Any) -> Any:
    if key == "districts":
        return CommentedSeq(_district_map(d) for d in value)
    if key == "framework":
        return DoubleQuotedScalarString(value)
    if key == "progress":
        sufficient, insufficient = value
        flow = CommentedMap([("sufficient", sufficient), ("insufficient", insufficient)])
        flow.fa.set_flow_style()
        return flow
    if isinstance(value, (list, tuple)):
        return _flow(list(value))
    return value


def _plain(value: Any) -> Any:
    """Reduce ruamel or importer values to plain Python values for comparison."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _event_map(event: Event) -> CommentedMap:
    return CommentedMap((k, _yaml_value(k, v)) for k, v in event.items())


def _set_key(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
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


def _update(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...], set_once: bool) -> None:
    if key in mapping and (set_once or _plain(mapping[key]) == _plain(_yaml_value(key, value))):
        return
    if key in mapping and isinstance(value, (list, tuple)) and key in LIST_AREA:
        missing = [v for v in value if v not in _plain(mapping[key])]
        if missing:
            mapping[key].extend(missing)
        return
    _set_key(mapping, key, _yaml_value(key, value), order)


def _event_key(node: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(node.get("framework", "")), str(node.get("kind", "")), str(node.get("start", "")))


def _matches(node: Mapping[str, Any], event: Event) -> bool:
    framework, kind, start = _event_key(node)
    if (framework, kind) != (event.framework, event.kind):
        return False
    new_start = str(event.start)
    if start == new_start or start.startswith(new_start) or new_start.startswith(start):
        # A month-only start matches any day of that month (a maintainer may have added it).
        return bool(start) and min(len(start), len(new_start)) >= 7
    if event.framework == "2023":
        published = node.get("published")
        old = Event(framework, kind, node.get("start"), published=published if isinstance(published, date) else None)
        return same_inspection(old, event)
    return False


def _sort_key(node: Mapping[str, Any]) -> tuple[str, int]:
    framework, kind, start = _event_key(node)
    return (start, KIND_ORDER.get(kind, 9))


def merge_events(events: CommentedSeq, new_events: list[Event]) -> None:
    """Update matching events' imported fields and insert missing events in date order."""
    for event in new_events:
        node = next((n for n in events if isinstance(n, Mapping) and _matches(n, event)), None)
        if node is None:
            key = event.sort_key()
            position = next((i for i, n in enumerate(events) if isinstance(n, Mapping) and _sort_key(n) > key),
                            len(events))
            events.insert(position, _event_map(event))
            continue
        for field_name, value in event.items():
            if field_name == "start" and not isinstance(value, date):
                continue  # never replace a date a maintainer made more precise
            _update(node, field_name, value, EVENT_KEYS, field_name in SET_ONCE_EVENT)


def _district_sort_key(node: Mapping[str, Any]) -> tuple[bool, str]:
    return ("ended" in node, str(node.get("name", "")).lower())


def merge_districts(doc: CommentedMap, districts: list[dict[str, Any]]) -> None:
    """Add missing districts (matched on gss_code) in order; keep names, extend other names, set `ended`."""
    if not isinstance(doc.get("districts"), CommentedSeq):
        if "districts" not in doc:
            _set_key(doc, "districts", _yaml_value("districts", districts), AREA_KEYS)
        return
    nodes = doc["districts"]
    for district in districts:
        node = next((n for n in nodes if isinstance(n, Mapping) and str(n.get("gss_code")) == district["gss_code"]), None)
        if node is None:
            key = _district_sort_key(district)
            position = next((i for i, n in enumerate(nodes) if isinstance(n, Mapping) and _district_sort_key(n) > key),
                            len(nodes))
            nodes.insert(position, _district_map(district))
            continue
        for field_name, value in district.items():
            if field_name == "alt_names" and isinstance(node.get(field_name), list):
                node[field_name].extend(v for v in value if v not in _plain(node[field_name]))
            elif field_name not in node or (field_name == "ended" and _plain(node[field_name]) != value):
                _set_key(node, field_name, _flow(list(value)) if isinstance(value, list) else value, DISTRICT_KEYS)


def render_new(fields: list[tuple[str, Any]], events: list[Event], today: date) -> str:
    """Return the text of a new area file."""
    doc = CommentedMap((k, _yaml_value(k, v)) for k, v in fields)
    if events:
        doc["events"] = CommentedSeq(_event_map(e) for e in sorted(events, key=Event.sort_key))
    doc["last_reviewed"] = today
    return HEADER + dump(doc)


def merge_existing(
    text: str, fields: list[tuple[str, Any]], events: list[Event], today: date
) -> tuple[str, bool]:
    """Return (new text, whether imported facts changed) for an existing area file."""
    doc = make_yaml().load(text)
    if not isinstance(doc, CommentedMap):
        raise ValueError("the file does not hold a YAML mapping")
    before = dump(doc)
    for key, value in fields:
        if key == "districts":
            merge_districts(doc, value)
        else:
            _update(doc, key, value, AREA_KEYS, key in SET_ONCE_AREA)
    if events:
        if not isinstance(doc.get("events"), CommentedSeq):
            _set_key(doc, "events", CommentedSeq(), AREA_KEYS)
        merge_events(doc["events"], events)
    if dump(doc) == before:
        return text, False
    _set_key(doc, "last_reviewed", today, AREA_KEYS)
    return dump(doc), True

