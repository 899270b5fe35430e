"""Load and validate content/: areas, guides and the glossary, collecting every problem."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import MISSING, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from pathlib import Path
from types import UnionType
from typing import Any, Callable, TypeVar, Union, get_args, get_origin, get_type_hints

from site_builder.errors import ContentError
from site_builder.content.markdown import find_markdown_problems
from site_builder.domain.models import Content, OfficialTotal, Event, GlossaryTerm, Guide, LocalArea, Notice
from site_builder.domain.dates import parse_day
from site_builder.content.schema import validate_document
from site_builder.content.files import listed_files, read_text
from site_builder.content.yaml_source import FieldPath, YamlDocument, format_field, parse_yaml

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


TOTALS_FILE = "ofsted-totals.yaml"
"""Ofsted's published yearly totals, which `check --strict` compares with the content."""

AreaResult = tuple[LocalArea | None, list[ContentError]]
AreaLoader = Callable[[list[Path]], list[AreaResult]]
GuideLoader = Callable[[list[Path]], list[tuple["Guide | None", list[ContentError]]]]
"""Loads many guides at once, in order: a pool of processes can stand in for `load_guide`."""
"""Loads many area files at once, in order: a cache or a pool of processes can stand in for `load_area`."""


def load_content(content_dir: Path, load_files: AreaLoader | None = None,
                 load_guide_files: GuideLoader | None = None) -> tuple[Content, list[ContentError]]:
    """Areas, guides and glossary from `content_dir`, and every problem found in them."""
    linked = [folder for folder in (content_dir / "areas", content_dir / "guides") if folder.is_symlink()]
    if linked:  # its files would pass as lying inside it
        return Content(areas=(), guides=(), glossary=()), [
            ContentError(folder, None, "", "is a link to another folder; content folders must be real folders in the "
                         "project (a link could publish files from outside it). Replace it with the folder itself")
            for folder in linked]
    areas, problems = load_areas(content_dir / "areas", load_files)
    guides, guide_problems = load_guides(content_dir / "guides", load_guide_files)
    glossary, glossary_checked, glossary_problems = load_glossary(content_dir / "glossary.yaml")
    totals, totals_problems = load_totals(content_dir / TOTALS_FILE)
    return (Content(areas=areas, guides=guides, glossary=glossary, glossary_checked=glossary_checked, totals=totals,
                    totals_path=content_dir / TOTALS_FILE if totals else None),
            problems + guide_problems + glossary_problems + totals_problems)


def load_areas(areas_dir: Path, load_files: AreaLoader | None = None) -> tuple[tuple[LocalArea, ...], list[ContentError]]:
    """Every content/areas/<slug>.yaml, checked one by one and then against each other."""
    problems: list[ContentError] = []
    areas: list[LocalArea] = []
    if not areas_dir.is_dir():
        return (), [ContentError(areas_dir, None, "", "the folder of areas is missing: create content/areas/ with one <slug>.yaml per area")]
    yaml_paths = listed_files(areas_dir, (".yaml", ".yml"))
    results = load_files(yaml_paths) if load_files else [load_area(path) for path in yaml_paths]
    for area, area_problems in results:
        problems += area_problems
        if area is not None:
            areas.append(area)
    for md_path in listed_files(areas_dir, (".md",)):
        if not os.path.lexists(md_path.with_suffix(".yaml")):
            problems.append(ContentError(md_path, None, "", f"there is no {md_path.stem}.yaml for these notes; name the file after an area"))
    problems += check_areas_together(areas, {p.stem for p in yaml_paths})
    areas.sort(key=lambda a: a.name.lower())
    return tuple(areas), problems


def load_area(path: Path) -> tuple[LocalArea | None, list[ContentError]]:
    """One area file (and its optional .md notes) as a LocalArea, or None with its problems."""
    problems: list[ContentError] = []
    if path.suffix == ".yml":
        return None, [ContentError(path, None, "", f"area files end in .yaml: rename it to {path.stem}.yaml")]
    if not SLUG.match(path.stem):
        problems.append(ContentError(path, None, "", f"the file name {path.name!r} must be lowercase letters, digits and hyphens, like barking-and-dagenham.yaml"))
    text, read_problems = read_text(path, path.parent.parent)
    if text is None:
        return None, problems + read_problems
    doc, parse_problems = parse_yaml(text, path)
    problems += parse_problems
    if doc is None:
        return None, problems
    problems += validate_document(doc, "area", path)
    notes_path = path.with_suffix(".md")
    notes = None
    if os.path.lexists(notes_path):
        notes, read_problems = read_text(notes_path, path.parent.parent)
        problems += read_problems
    if notes is not None:
        problems += [ContentError(notes_path, p.line, "", p.message) for p in find_markdown_problems(notes)]
    if problems:
        return None, problems
    problems += _check_area_rules(doc, path)
    if problems:
        return None, problems
    return _build_area(doc, path, notes, notes_path if notes is not None else None), []


def _check_area_rules(doc: YamlDocument, path: Path) -> list[ContentError]:
    """Rules the schema cannot say: date order, outcomes once published, Markdown safety."""
    data = doc.data
    problems = []

    def problem(field_path: tuple, message: str) -> None:
        problems.append(ContentError(path, doc.line_of(field_path), format_field(field_path), message))

    seen_ids: dict[str, int] = {}
    for i, event in enumerate(data.get("events", [])):
        start = event.get("start")
        for key in ("end", "published"):
            if start is not None and key in event and event[key] < start[:len(event[key])]:
                problem(("events", i, key), f"is before the start date {start}; check both dates")
        if "published" in event and "outcome" not in event and "note" not in event:
            # The importer cannot read every report's outcome: it says so in `note`, and the page shows the note.
            problem(("events", i), "the report is published, so add its outcome (or, if no source gives it, "
                                   "say so in note:)")
        if event["kind"] == "monitoring" and "published" in event and "outcome_text" not in event:
            problem(("events", i, "outcome_text"), "missing; a published monitoring inspection needs the report's own words in outcome_text")
        if "significant_weaknesses" in event and event.get("outcome") != "wsoa-required":
            problem(("events", i, "significant_weaknesses"), "only goes with outcome: wsoa-required")
        if "progress" in event and event["kind"] != "revisit":
            problem(("events", i, "progress"), "only goes with a revisit")
        if "priority_actions" in event and str(event["framework"]) != "2023":
            problem(("events", i, "priority_actions"), "only goes with a 2023-framework event")
        event_id = event.get("id") or (f"{event['kind']}-{start}" if start else f"{event['kind']}-published-{event['published']}")
        if event_id in seen_ids and "id" in event:
            problem(("events", i, "id"), f"events[{seen_ids[event_id]}] already has the id {event_id}; each event needs its own")
        elif event_id in seen_ids:
            when = f"starting {start}" if start else f"published {event['published']}"
            problem(("events", i, "start"), f"there is already {'an' if event['kind'][0] in 'aeiou' else 'a'} {event['kind']} {when} (events[{seen_ids[event_id]}]); is this a copy?")
        seen_ids.setdefault(event_id, i)
        for key in ("note", "summary"):
            _markdown_field(event.get(key), ("events", i, key), doc, path, problems)
    for i, notice in enumerate(data.get("notices", [])):
        if "ends" in notice and notice["ends"] < notice["starts"]:
            problem(("notices", i, "ends"), f"is before starts ({notice['starts']})")
        _markdown_field(notice.get("details"), ("notices", i, "details"), doc, path, problems)
    if "ended" not in data and "replaced_by" in data:
        problem(("replaced_by",), "goes with `ended`: add the date the area ended")
    return problems


def _markdown_field(text: str | None, field_path: tuple, doc: YamlDocument, path: Path, problems: list) -> None:
    if text:
        for p in find_markdown_problems(text):
            problems.append(ContentError(path, doc.line_of(field_path), format_field(field_path), p.message))


def check_areas_together(areas: list[LocalArea], file_slugs: set[str] | None = None) -> list[ContentError]:
    """Rules across files: unique codes, successors and predecessors that exist.

    `file_slugs` names every area file, including ones with problems of their own, so a
    mistake in one file is not reported again as a missing area in another.
    """
    problems = []
    by_slug = {a.slug: a for a in areas}
    known = set(by_slug) | (file_slugs or set())
    codes: dict[str, list[LocalArea]] = defaultdict(list)
    for area in areas:
        for code in (area.gss_code, *area.former_gss_codes):
            codes[code].append(area)
    for code, owners in codes.items():
        if len(owners) > 1:
            names = ", ".join(sorted(a.source_path.name for a in owners))
            for area in owners:
                problems.append(ContentError(area.source_path, area.line_of("gss_code"), "gss_code",
                                             f"the code {code} is used by more than one area ({names}); each area needs its own"))
    for area in areas:
        for old in area.redirect_from:
            if old in known:
                problems.append(ContentError(area.source_path, area.line_of("redirect_from"), "redirect_from",
                                             f"{old!r} is still an area's file name; an old address can only lead here once that file is gone"))
        for key in ("replaced_by", "predecessors", "neighbours"):
            for slug in getattr(area, key):
                if slug not in known:
                    problems.append(ContentError(area.source_path, area.line_of(key), key,
                                                 f"there is no area {slug!r} (expected a file content/areas/{slug}.yaml)"))
        for slug in area.neighbours:
            if slug == area.slug or (slug in by_slug and by_slug[slug].is_former):
                why = "is this area itself" if slug == area.slug else "is a former area; use the area that replaced it"
                problems.append(ContentError(area.source_path, area.line_of("neighbours"), "neighbours",
                                             f"{slug!r} {why}"))
    problems += check_districts(areas)
    return problems


def check_districts(areas: list[LocalArea]) -> list[ContentError]:
    """Each district council belongs to exactly one area, and never to a former one."""
    problems = []
    owners: dict[str, LocalArea] = {}
    for area in areas:
        for i, district in enumerate(area.districts):
            where = format_field(("districts", i, "gss_code"))
            if area.is_former:
                problems.append(ContentError(area.source_path, district.line, where,
                                             f"{district.name} is listed on a former area; list it on the area that covers it now"))
            elif district.gss_code in owners:
                other = owners[district.gss_code].source_path.name
                place = "earlier in this file" if owners[district.gss_code] is area else f"in {other}"
                problems.append(ContentError(area.source_path, district.line, where,
                                             f"the district {district.gss_code} ({district.name}) is also listed {place}; "
                                             "a district belongs to one area only"))
            owners.setdefault(district.gss_code, area)
    return problems


def _build_area(doc: YamlDocument, path: Path, notes: str | None, notes_path: Path | None) -> LocalArea:
    data = doc.data
    events = sorted(_records(Event, data, doc, "events"), key=lambda e: (e.when, e.kind))
    notices = sorted((build_record(Notice, n, doc, ("notices", i), starts_has_time="T" in n["starts"],
                                   ends_has_time="T" in n.get("ends", "")) for i, n in enumerate(data.get("notices", ()))),
                     key=lambda n: n.starts)
    return build_record(LocalArea, data, doc, (), slug=path.stem, source_path=path, notes=notes, notes_path=notes_path,
                        events=tuple(events), notices=tuple(notices), lines={key: doc.line_of((key,)) for key in data})


T = TypeVar("T")
Convert = Callable[[Any, YamlDocument, FieldPath], Any]


def build_record(cls: type[T], data: dict, doc: YamlDocument, path: FieldPath = (), **given: Any) -> T:
    """A model record (models.py) from validated YAML: each key converted by the type of the field it fills.

    A key fills the model field of the same name: text and numbers as they are, a date from its text (a Month for
    2017-01), an enum such as Outcome from its value, a nested record or a list of records record by record. A
    field named `line` gets the line `path` starts on; fields that do not come from the file are passed in `given`.
    No key is listed here, so a new key needs only its schema entry and its model field.
    """
    values = dict(given)
    for name, convert, left_out in _conversions(cls):
        if name in values:
            continue
        if name in data:
            values[name] = convert(data[name], doc, path + (name,))
        elif name == "line":
            values[name] = doc.line_of(path)
        elif left_out is not MISSING:
            values[name] = left_out
    return cls(**values)


def _records(cls: type[T], data: dict, doc: YamlDocument, key: str) -> list[T]:
    """Every entry of a top-level list (`events:`, ...) as a record."""
    return [build_record(cls, item, doc, (key, i)) for i, item in enumerate(data.get(key, ()))]


@cache
def _conversions(cls: type) -> tuple[tuple[str, Convert, Any], ...]:
    """How to fill each of a model's fields from YAML, worked out once from its type hints: the field's name, its
    conversion, and None for a key left out where the field has no default but may be None (an event's `start`)."""
    hints = get_type_hints(cls)
    return tuple((f.name, _conversion(hints[f.name], f"{cls.__name__}.{f.name}"),
                  None if _may_be_none(hints[f.name]) and f.default is MISSING and f.default_factory is MISSING
                  else MISSING)
                 for f in fields(cls) if f.init)


def _may_be_none(hint: Any) -> bool:
    return get_origin(hint) in (Union, UnionType) and type(None) in get_args(hint)


def _conversion(hint: Any, where: str) -> Convert:
    """The conversion from YAML for one type hint; `X | None` converts as X (a key left out is never converted)."""
    if _may_be_none(hint):
        hint = next(arg for arg in get_args(hint) if arg is not type(None))
    if get_origin(hint) is tuple:
        item = _conversion(get_args(hint)[0], where)
        return lambda value, doc, path: tuple(item(v, doc, path + (i,)) for i, v in enumerate(value))
    if is_dataclass(hint):
        return lambda value, doc, path: build_record(hint, value, doc, path)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda value, doc, path: hint(value)
    if hint is str:
        return lambda value, doc, path: str(value)  # framework: 2016 means "2016"
    if hint is datetime:
        return lambda value, doc, path: datetime.fromisoformat(value)
    if hint is date:
        return lambda value, doc, path: parse_day(value)  # 2017-01 is a Month where the schema allows one
    if hint in (int, bool):
        return lambda value, doc, path: value

    def no_key(value: Any, doc: YamlDocument, path: FieldPath) -> Any:
        raise TypeError(f"{where} ({hint}) is not filled from YAML; pass it to build_record")
    return no_key


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def load_guides(guides_dir: Path, load_files: GuideLoader | None = None) -> tuple[tuple[Guide, ...], list[ContentError]]:
    """Every content/guides/<slug>.md with its front matter checked."""
    guides, problems = [], []
    if not guides_dir.is_dir():
        return (), []
    paths = listed_files(guides_dir, (".md",))
    for guide, guide_problems in (load_files(paths) if load_files else [load_guide(path) for path in paths]):
        problems += guide_problems
        if guide is not None:
            guides.append(guide)
    guides.sort(key=lambda g: (g.order, g.title.lower()))
    return tuple(guides), problems


def load_guide(path: Path) -> tuple[Guide | None, list[ContentError]]:
    """One guide: YAML front matter between --- lines, then Markdown."""
    text, problems = read_text(path, path.parent.parent)
    if text is None:
        return None, problems
    if not SLUG.match(path.stem):
        problems.append(ContentError(path, None, "", f"the file name {path.name!r} must be lowercase letters, digits and hyphens"))
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, problems + [ContentError(path, 1, "", "a guide starts with front matter: a line ---, then title:, summary: and updated:, then another line ---")]
    doc, parse_problems = parse_yaml(match.group(1) or "", path, line_offset=1)
    problems += parse_problems
    if doc is None:
        return None, problems
    problems += validate_document(doc, "guide", path)
    body = text[match.end():]
    body_line = text.count("\n", 0, match.end()) + 1
    problems += [ContentError(path, body_line + p.line - 1, "", p.message) for p in find_markdown_problems(body)]
    if problems:
        return None, problems
    data = doc.data
    return build_record(Guide, data, doc, slug=path.stem, body=body, source_path=path, body_line=body_line), []


def load_glossary(path: Path) -> tuple[tuple[GlossaryTerm, ...], date | None, list[ContentError]]:
    """content/glossary.yaml: `terms:`, each with id, term, definition and optional abbr and sources."""
    if not os.path.lexists(path):
        return (), None, []
    text, problems = read_text(path, path.parent)
    if text is None:
        return (), None, problems
    doc, problems = parse_yaml(text, path)
    if doc is None:
        return (), None, problems
    problems += validate_document(doc, "glossary", path)
    if problems:
        return (), None, problems
    terms, seen = [], {}
    for i, entry in enumerate(doc.data["terms"]):
        where = ("terms", i, "id")
        if entry["id"] in seen:
            problems.append(ContentError(path, doc.line_of(where), format_field(where),
                                         f"the id {entry['id']!r} is already used on line {seen[entry['id']]}"))
        seen.setdefault(entry["id"], doc.line_of(where))
        _markdown_field(entry["definition"], ("terms", i, "definition"), doc, path, problems)
        terms.append(build_record(GlossaryTerm, entry, doc, ("terms", i), line=doc.line_of(where)))
    if problems:
        return (), None, problems
    return tuple(sorted(terms, key=lambda t: t.term.lower())), _date(doc.data.get("checked")), []



def load_totals(path: Path) -> tuple[tuple[OfficialTotal, ...], list[ContentError]]:
    """content/ofsted-totals.yaml: Ofsted's yearly totals, each checked to add up."""
    if not os.path.lexists(path):
        return (), []
    text, problems = read_text(path, path.parent)
    if text is None:
        return (), problems
    doc, problems = parse_yaml(text, path)
    if doc is None:
        return (), problems
    problems += validate_document(doc, "ofsted-totals", path)
    if problems:
        return (), problems
    totals, seen = [], set()
    for i, entry in enumerate(doc.data["years"]):
        where = ("years", i)
        if entry["year"] in seen:
            problems.append(ContentError(path, doc.line_of(where + ("year",)), format_field(where + ("year",)),
                                         f"{entry['year']} is already listed; keep one entry per year"))
        seen.add(entry["year"])
        parts = entry["positive"] + entry["inconsistent"] + entry["systemic_failings"]
        if parts != entry["inspections"]:
            problems.append(ContentError(path, doc.line_of(where + ("inspections",)), format_field(where + ("inspections",)),
                                         f"is {entry['inspections']}, but the three outcomes add up to {parts}; check the figures"))
        totals.append(build_record(OfficialTotal, entry, doc, where))
    if problems:
        return (), problems
    return tuple(sorted(totals, key=lambda t: t.year)), []
