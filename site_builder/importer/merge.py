"""Merge what the data say into an area file three ways, so a maintainer's edit is never overwritten.

For each field the importer writes, three values are compared: the file's, the one the importer
wrote last time (the *base*, kept in ``content/import-base.json``) and the one the data give now.

* The file holds the data's value: nothing to do.
* The file still holds the base value (a missing key counts as a value): the data's value is written.
* The file differs from the base but the data have not changed: the maintainer's edit stays, silently.
* The file and the data both differ from the base, and from each other: a *conflict*. The file keeps
  its value and the conflict is reported with both values.

A field the data no longer give is left alone. With no base (a file made by hand, or the first run
after the base was introduced) the base counts as empty: a missing key is added, and a value that
differs from the data is a conflict. The base takes the data's value wherever the file ends up
agreeing with the data, or the maintainer's edit stands unopposed; for a conflict it keeps its old
value, so the conflict is reported again on the next run, unless the run keeps conflicts, which
records the data's value so that the maintainer's version stands from then on.

Lists of names and codes (``former_gss_codes``, ``replaced_by``, ``predecessors``, ``alt_names``,
a district's ``alt_names``) merge item by item: items the data add are added and items the data drop
are removed, while a maintainer's additions and removals stay. ``neighbours`` is an ordered list and
merges as one value, so a maintainer's reordering stays.

Events are matched on their identity: framework, kind and start as the importer wrote them. An event
whose start a maintainer corrected is found through its base record (same framework and kind, start
within a month). Districts are matched on ``gss_code``. An event or district that the importer wrote
and a maintainer deleted is never added back; if the data change it, that is a conflict too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Mapping

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from site_builder.importer.events import Event
from site_builder.importer.area_yaml import (
    AREA_KEYS, DISTRICT_KEYS, EVENT_KEYS, SET_LIKE, district_map, district_sort_key, dump, event_map,
    event_sort_key, flow, make_yaml, set_key, yaml_value,
)

NORM_BUDGET = 100_000  # values visited per field: more means a huge value or an alias bomb
NEAR_DAYS = 31  # a corrected start date is found within this many days of the one imported


class _Absent:
    """A key that is not there (in the file, the base or the data)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


def norm(value: Any) -> Any:
    """A YAML or imported value as plain JSON data: dates as YYYY-MM-DD, tuples as lists."""
    budget = [NORM_BUDGET]
    return _norm(value, budget)


def _norm(value: Any, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise ValueError("a value is too large, or repeats itself through YAML aliases")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _norm(v, budget) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_norm(v, budget) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


_BARE = re.compile(r"[\w.:/@+-]+")


def show(value: Any) -> str:
    """A value as a conflict message shows it: dates, numbers, codes and addresses bare, text quoted."""
    if value is ABSENT:
        return "nothing"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value if _BARE.fullmatch(value) else json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    return str(value)


@dataclass(frozen=True)
class Conflict:
    """A field that both a maintainer and the data changed: the file kept the maintainer's value."""

    path: str
    line: int
    field: str
    mine: str
    theirs: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: kept {self.mine} (your edit); the data says {self.theirs}"


@dataclass(frozen=True)
class _Pending:
    owner: Any  # the mapping holding the field (the document, for a deleted event or district)
    key: str
    label: str | None  # the field as reported, when it is not the owner's key
    mine: str
    theirs: str


def _start(value: Any) -> str:
    found = norm(value)
    return found if isinstance(found, str) else ""


def _node_key(node: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(norm(node.get("framework", ""))), str(norm(node.get("kind", ""))), _start(node.get("start")))


def _record_key(record: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(record.get("framework", "")), str(record.get("kind", "")), _start(record.get("start")))


def event_id(framework: Any, kind: Any, start: Any) -> str:
    """An event's identity in the base: "2016 inspection 2017-03-06"."""
    return f"{framework} {kind} {start}"


def _days_apart(a: str, b: str) -> int | None:
    """Days between two starts; 0 for a month ("2017-01") and a day in it; None if not comparable."""
    if a == b:
        return 0
    if len(a) == 7 or len(b) == 7:
        return 0 if len(a) >= 7 and len(b) >= 7 and a[:7] == b[:7] else None
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return None


def _near(a: str, b: str) -> bool:
    apart = _days_apart(a, b)
    return apart is not None and apart <= NEAR_DAYS


class AreaMerge:
    """Merges the imported facts into one area document, collecting conflicts."""

    def __init__(self, doc: CommentedMap, keep_conflicts: bool) -> None:
        self.doc = doc
        self.keep = keep_conflicts
        self.pending: list[_Pending] = []

    def field(self, node: CommentedMap, key: str, value: Any, base: Any, order: tuple[str, ...],
              *, set_like: bool = False) -> Any:
        """Merge one field (value as written into a file); return what the base holds for it now."""
        new = norm(value)
        mine = norm(node[key]) if key in node else ABSENT
        if key == "framework" and mine is not ABSENT:
            mine = str(mine)  # framework: 2016 and framework: "2016" are the same
        if set_like and isinstance(new, list) and (mine is ABSENT or isinstance(mine, list)):
            self._merge_items(node, key, new, mine, base if isinstance(base, list) else [], order)
            return new
        if mine == new:
            return new
        if mine == base:
            set_key(node, key, value, order)
            return new
        if new == base:
            return new
        self.pending.append(_Pending(node, key, None, show(mine), show(new)))
        return new if self.keep else base

    def _merge_items(self, node: CommentedMap, key: str, new: list, mine: Any, base: list,
                     order: tuple[str, ...]) -> None:
        if mine is ABSENT:
            added = [x for x in new if x not in base]
            if added:
                set_key(node, key, flow(added), order)
            return
        remove = [x for x in base if x not in new and x in mine]
        add = [x for x in new if x not in base and x not in mine]
        if not remove and not add:
            return
        items = node[key]
        for i in reversed(range(len(items))):
            if norm(items[i]) in remove:
                del items[i]
        items.extend(add)
        if not len(items):
            del node[key]

    def _deleted(self, what: str, key: str, record: dict, new: dict) -> dict:
        """An item the importer wrote and a maintainer deleted: never added back."""
        changed = [(k, v) for k, v in new.items() if record.get(k, ABSENT) != v]
        if changed:
            theirs = ", ".join(f"{k} {show(v)}" for k, v in changed)
            self.pending.append(_Pending(self.doc, key, key, f"{what} deleted", theirs))
            if not self.keep:
                return record
        return {**record, **new}

    def _insert(self, key: str, node: CommentedMap, sort_key: Any) -> None:
        items = self.doc.get(key)
        if items is None:
            set_key(self.doc, key, CommentedSeq([node]), AREA_KEYS)
            return
        rank = sort_key(node)
        position = next((i for i, n in enumerate(items) if isinstance(n, Mapping) and sort_key(n) > rank), len(items))
        items.insert(position, node)

    def events(self, events: list[Event], base: Mapping[str, dict]) -> dict[str, dict]:
        """Merge the imported events; return the base records of the area's events."""
        items = self.doc.get("events")
        if items is not None and not isinstance(items, CommentedSeq):
            return dict(base)  # not a list: `check` reports it, the importer leaves it alone
        nodes = [n for n in items or () if isinstance(n, CommentedMap)]
        claimed: set[int] = set()

        def take(candidates: list[CommentedMap]) -> CommentedMap | None:
            free = [n for n in candidates if id(n) not in claimed]
            if free:
                claimed.add(id(free[0]))
                return free[0]
            return None

        located: dict[str, CommentedMap | None] = {}
        for bid, record in sorted(base.items()):
            located[bid] = take([n for n in nodes if _node_key(n) == _record_key(record)])
        for bid, record in sorted(base.items()):
            if located[bid] is None:  # a start corrected by hand: the nearest of the same kind
                framework, kind, start = _record_key(record)
                near = [n for n in nodes if _node_key(n)[:2] == (framework, kind) and _near(_node_key(n)[2], start)]
                near.sort(key=lambda n: _days_apart(_node_key(n)[2], start) or 0)
                located[bid] = take(near)

        imported = [(e, [(k, yaml_value(k, v)) for k, v in e.items()]) for e in sorted(events, key=Event.sort_key)]
        imported_ids = {event_id(*_record_key({k: norm(v) for k, v in values})) for _, values in imported}
        new_base: dict[str, dict] = {}
        used: set[str] = set()
        for event, values in imported:
            new = {k: norm(v) for k, v in values}
            eid = event_id(*_record_key(new))
            bid = eid if eid in base and eid not in used else next(
                (b for b in sorted(base) if b not in used and b not in imported_ids and _moved(base[b], new)), None)
            if bid is not None:
                used.add(bid)
                record = base[bid]
                node = located[bid]
                if node is None:
                    what = f"the {new['framework']} {new['kind']} of {record.get('start', new['start'])}"
                    new_base[eid] = self._deleted(what, "events", record, new)
                    continue
            else:
                record = {}
                node = take([n for n in nodes if _same_event(n, new)])
                if node is None:
                    self._insert("events", event_map(event), event_sort_key)
                    new_base[eid] = new
                    continue
            kept = {k: self.field(node, k, v, record.get(k, ABSENT), EVENT_KEYS) for k, v in values}
            new_base[eid] = {**record, **{k: v for k, v in kept.items() if v is not ABSENT}}
        for bid, record in base.items():
            if bid not in used:
                new_base.setdefault(bid, record)  # the data no longer give it: left as it is
        return new_base

    def districts(self, districts: list[dict[str, Any]], base: Mapping[str, dict]) -> dict[str, dict]:
        """Merge the imported districts (matched on gss_code); return their base records."""
        items = self.doc.get("districts")
        if items is not None and not isinstance(items, CommentedSeq):
            return dict(base)
        by_code: dict[str, CommentedMap] = {}
        for node in items or ():
            if isinstance(node, CommentedMap):
                by_code.setdefault(str(norm(node.get("gss_code"))), node)
        new_base = dict(base)
        for district in districts:
            values = [(k, flow(list(v)) if isinstance(v, (list, tuple)) else v) for k, v in district.items()]
            new = {k: norm(v) for k, v in values}
            code = new["gss_code"]
            record = base.get(code)
            node = by_code.get(code)
            if node is None:
                if record is not None:
                    what = f"the district {record.get('name', new.get('name'))} ({code})"
                    new_base[code] = self._deleted(what, "districts", record, new)
                else:
                    self._insert("districts", district_map(district), district_sort_key)
                    new_base[code] = new
                continue
            record = record or {}
            kept = {k: self.field(node, k, v, record.get(k, ABSENT), DISTRICT_KEYS, set_like=k == "alt_names")
                    for k, v in values}
            new_base[code] = {**record, **{k: v for k, v in kept.items() if v is not ABSENT}}
        return new_base


def _moved(record: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """Whether a base record is the same event as one the data now date differently."""
    return _same_dates(_record_key(record), record.get("published"), new)


def _same_event(node: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """Whether an event in a file with no base record is the imported one (for the first run)."""
    return _same_dates(_node_key(node), norm(node.get("published")), new)


def _same_dates(key: tuple, published: Any, new: Mapping[str, Any]) -> bool:
    """The same framework and kind, and a start within a month or (2023) the same publication date."""
    framework, kind, start = key
    if (framework, kind) != (new["framework"], new["kind"]):
        return False
    return _near(start, new["start"]) or (framework == "2023" and new.get("published") is not None
                                           and published == new.get("published"))


def _tidy(base: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in base.items() if not (k in ("events", "districts") and not v)}


def imported_base(fields: list[tuple[str, Any]], events: list[Event]) -> dict[str, Any]:
    """The base record of a file the importer creates: everything it wrote."""
    base: dict[str, Any] = {}
    for key, value in fields:
        if key == "districts":
            base[key] = {d["gss_code"]: norm(d) for d in value}
        else:
            base[key] = norm(yaml_value(key, value))
    base["events"] = {}
    for event in events:
        record = {k: norm(yaml_value(k, v)) for k, v in event.items()}
        base["events"][event_id(*_record_key(record))] = record
    return _tidy(base)


def merge_area(doc: CommentedMap, fields: list[tuple[str, Any]], events: list[Event],
               base: Mapping[str, Any] | None, keep_conflicts: bool) -> tuple[dict[str, Any], AreaMerge]:
    """Merge the imported facts into a document in place; return the new base and the merge."""
    merge = AreaMerge(doc, keep_conflicts)
    base = dict(base or {})
    new_base: dict[str, Any] = {}
    for key, value in fields:
        if key == "districts":
            new_base[key] = merge.districts(value, base.get(key) or {})
            continue
        kept = merge.field(doc, key, yaml_value(key, value), base.get(key, ABSENT), AREA_KEYS,
                           set_like=key in SET_LIKE)
        if kept is not ABSENT:
            new_base[key] = kept
    for key, value in base.items():
        new_base.setdefault(key, value)  # what the data no longer give
    new_base["events"] = merge.events(events, base.get("events") or {})
    return _tidy(new_base), merge


def _owner_path(doc: CommentedMap, owner: Any) -> tuple[Any, ...] | None:
    if owner is doc:
        return ()
    for key in ("events", "districts"):
        items = doc.get(key)
        if isinstance(items, list):
            for i, node in enumerate(items):
                if node is owner:
                    return (key, i)
    return None


def _line(final: Any, path: tuple[Any, ...], key: str) -> int:
    node = final
    for step in path:
        node = node[step]
    if isinstance(node, CommentedMap) and key in node:
        return node.lc.key(key)[0] + 1
    return node.lc.line + 1


def merge_text(text: str, path: str, fields: list[tuple[str, Any]], events: list[Event],
               base: Mapping[str, Any] | None, keep_conflicts: bool) -> tuple[str, dict[str, Any], list[Conflict]]:
    """Return (the file's new text, its new base record, the conflicts) for an existing area file.

    The text is returned unchanged when no fact changed. Raises ValueError (or a ruamel error)
    for a file that is not a YAML mapping.
    """
    doc = make_yaml().load(text)
    if not isinstance(doc, CommentedMap):
        raise ValueError("the file does not hold a YAML mapping")
    before = dump(doc)
    new_base, merge = merge_area(doc, fields, events, base, keep_conflicts)
    after = dump(doc)
    final_text = text if after == before else after
    conflicts: list[Conflict] = []
    if merge.pending:
        final = make_yaml().load(final_text)
        for pending in merge.pending:
            steps = _owner_path(doc, pending.owner) or ()
            if pending.label:
                label = pending.label
            elif steps:
                label = f"{steps[0]}[{steps[1]}].{pending.key}"
            else:
                label = pending.key
            conflicts.append(Conflict(path, _line(final, steps, pending.key), label, pending.mine, pending.theirs))
    return final_text, new_base, conflicts
