"""Import official SEND inspection data into content/areas/<slug>.yaml, one file per area.

Sources (in the data folder, see /work/shared/data/SOURCES.md): mySociety's council list
(which areas exist), the d2i lookup (DfE number, Ofsted URN, council website), Ofsted's
2016-2022 official statistics, Ofsted's 2023-framework management information (MI) and the
d2i scrape of 2023-framework reports. For the same 2023 inspection the MI wins.

Slug rule (slugs are permanent addresses, /areas/<slug>/):
  * name = mySociety `nice-name`, with a trailing " Council" dropped ("Dorset Council" ->
    "Dorset"), a leading "City of " dropped except for the City of London ("City of
    Bristol" -> "Bristol") and "St." written "St" ("St Helens");
  * slug = that name in lower case, "&" read as "and", apostrophes and full stops removed,
    every other run of characters that are not letters or digits turned into one hyphen
    ("Bournemouth, Christchurch and Poole" -> "bournemouth-christchurch-and-poole");
  * a former council keeps the name people knew it by, so the pre-2019 Dorset County
    Council area is "Dorset County" (`dorset-county`) and Dorset Council keeps `dorset`;
  * once a file exists it is found again by its gss_code (or former_gss_codes), never by
    re-deriving the slug, so renaming an area never moves its page.

Former areas: a council replaced by one successor on the same boundary (Buckinghamshire,
North Yorkshire, Somerset) is the same area under a new code, so its history goes into the
successor's file and its old code into `former_gss_codes`. Any other former council
(Cumbria, Northamptonshire, Dorset County) gets its own file, with `ended` and
`replaced_by`, if it has inspection history; successors list it under `predecessors`.

Places and similar areas (see ``import_districts``): `districts` (matched on gss_code),
`alt_names` and `neighbours` (the Department for Education's list, in its order).

What the importer writes: the area keys name, gss_code, former_gss_codes, region, la_number,
ofsted_urn, council_url, ended, replaced_by, predecessors, alt_names, districts and
neighbours, and the events' fields. It never removes an event, a district, a comment or
anything added by hand, and never touches `last_reviewed` in an existing file (a file it
creates gets the import date, marked "set by import, please review", because the schema
requires the key).

Maintainers' edits win: the import is a three-way merge (see ``import_merge``) against what
the importer last wrote, kept in content/import-base.json (`BASE_FILE`): a field changes only
where the file still holds what the importer last wrote; a field both a maintainer and the
data changed is a conflict, reported and left as the maintainer wrote it; an event, district
or area file the importer wrote and a maintainer deleted is never added back.

Nothing is written unless every data file, every area file and the base file can be read:
a problem with any of them raises :class:`DataFileError` naming the file (and line and
column), and the content is left as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml
from ruamel.yaml import YAMLError as RoundTripError

from site_builder.importer.areas import AreaRecord, build_areas, finalise_areas
from site_builder.importer.read_csv import DataFileError, read_csv
from site_builder.importer.districts import add_places
from site_builder.importer.events import MI_2023, AreaEvent, Event, events_2016, events_mi, events_scraped
from site_builder.importer.merge import Conflict, imported_base, merge_text
from site_builder.importer.notes import NOTES_EVENTS
from site_builder.importer.area_yaml import NEW_FILE_REVIEW, area_fields, render_new
from site_builder.importer.write import write_all

__all__ = ["BASE_FILE", "NEW_FILE_REVIEW", "DataFileError", "ImportReport", "ImportWriteError", "read_csv", "run_import"]

DATA_FILES = {
    "areas": "mysociety_uk_local_authorities_current.csv",
    "lookup": "d2i_ofsted_provider_la_lookup.csv",
    "2016": "ofsted_area_send_inspections_2016-05-01_to_2022-08-31.csv",
    "mi": "ofsted_mi_area_send_2023_framework_to_*.csv",
    "scrape": "d2i_area_send_2023_framework_scraped_*.csv",
}

# Every column the importer reads, by data file: a file without one of them is refused.
COLUMNS = {
    "areas": (
        "local-authority-code", "official-name", "nice-name", "gss-code", "start-date", "end-date",
        "replaced-by", "nation", "region", "local-authority-type", "county-la", "alt-names",
        "former-gss-codes", "current-authority",
    ),
    "lookup": (
        "urn", "la_code", "la_code_new", "stat_neighbours", "stat_neighbours_la_code",
        "local_authority_ons_name", "also_known_as", "domain", "rgn22cd", "rgn22nm",
    ),
    "2016": (
        "Web link to Ofsted local authority webpage", "Local authority code", "Area name",
        "Inspection start date", "Inspection publication date",
        "Inspection outcome: written statement of action required?",
        "Number significant weaknesses identified in written statement of action",
        "Revisit start date", "Revisit publication date",
        "Revisit outcome: sufficient progress in addressing all significant weaknesses?",
        "Number significant weaknesses where sufficient progress has been made",
        "Number significant weaknesses where sufficient progress has not been made",
    ),
    "mi": (
        "Local.area.partnership", "Inspection.start.date", "Inspection.publication.date",
        "Inspection.outcome", "Number.of.areas.for.priority.action",
    ),
    "scrape": (
        "URN", "La Code", "Local Authority", "Inspection Start Date", "Inspection End Date",
        "Outcome Grade", "Inspection Outcome Text", "Publication Date", "Inspection Link",
    ),
}

BASE_FILE = "import-base.json"  # in the content folder, next to areas/
BASE_ABOUT = (
    "Written by `site-builder import`; do not edit. For each area (by GSS code) it holds what the "
    "importer last wrote into the area's file, so that the next import changes only what no "
    "maintainer has edited since, and reports a conflict where both changed (see README.md)."
)
MAX_AREA_FILE_BYTES = 1024 * 1024  # area files are a few kilobytes


class ImportWriteError(DataFileError):
    """Writing the content failed part way (a full disk, say); the message says what was written."""


@dataclass(frozen=True)
class ImportReport:
    """What one import run did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    current_areas: int = 0
    former_areas: int = 0
    events_by_framework: Mapping[str, int] = field(default_factory=dict)
    districts: int = 0
    areas_with_neighbours: int = 0
    warnings: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    created_files: tuple[str, ...] = ()

    def summary(self) -> str:
        """Return a few plain lines describing the run."""
        events = ", ".join(f'framework "{k}": {v}' for k, v in sorted(self.events_by_framework.items()))
        return "\n".join([
            f"Areas: {self.current_areas} current and {self.former_areas} former.",
            f"Files: {self.created} created, {self.updated} updated, {self.unchanged} unchanged.",
            f"Events in the data: {events or 'none'}.",
            f"District councils placed: {self.districts}; areas with statistical neighbours: {self.areas_with_neighbours}.",
            f"Conflicts: {len(self.conflicts)}.",
            f"Warnings: {len(self.warnings)}.",
        ])


def find_data_file(data_dir: Path, pattern: str) -> Path:
    """Return the data file matching a name pattern (the latest by name if several)."""
    matches = sorted(data_dir.glob(pattern))
    if not matches:
        raise DataFileError(f"No file named like {pattern} in {data_dir}.")
    return matches[-1]


def collect_events(
    data_dir: Path, extra_events: Iterable[AreaEvent], warnings: list[str], cite: Mapping[str, str] | None = None,
) -> tuple[dict[str, AreaRecord], dict[str, list[Event]]]:
    """Read every data file and return the areas to write and their events (`cite`: a source's page to cite
    instead of the one its events name by default, by data file: "mi")."""
    rows = {key: read_csv(find_data_file(data_dir, name), COLUMNS[key]) for key, name in DATA_FILES.items()}
    index = build_areas(rows["areas"], rows["lookup"], warnings)
    found = events_2016(rows["2016"], index, warnings)
    official = events_mi(rows["mi"], index, warnings, source=(cite or {}).get("mi", MI_2023))
    found += official + events_scraped(rows["scrape"], index, official, warnings)
    for gss, event in extra_events:
        if gss not in index.areas:
            warnings.append(f"No area has the code {gss}, so its {event.kind} of {event.start} was not placed.")
        elif not any(g == gss and (e.framework, e.kind, e.start) == (event.framework, event.kind, event.start)
                     for g, e in found):
            found.append((gss, event))
    by_area: dict[str, list[Event]] = {}
    for gss, event in found:
        by_area.setdefault(gss, []).append(event)
    areas = finalise_areas(index, {g for g in by_area if index.areas[g].is_former})
    areas = add_places(areas, rows["areas"], rows["lookup"], index, warnings)
    return areas, by_area


def read_area_file(path: Path) -> str:
    """The text of an area file, refusing links, huge files and text that is not UTF-8."""
    if path.is_symlink() or not path.is_file():
        raise DataFileError(f"{path}: not a regular file (a link or a folder); the importer reads and writes only files")
    try:
        if path.stat().st_size > MAX_AREA_FILE_BYTES:
            raise DataFileError(f"{path}: larger than 1 MB; area files are a few kilobytes, so the importer left it alone")
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataFileError(f"{path}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8") from None


def existing_files(content_dir: Path, warnings: list[str]) -> dict[str, Path]:
    """Map each GSS code (current or former) to the area file that holds it.

    A file that cannot be read stops the import, so that nothing is written over it.
    """
    found: dict[str, Path] = {}
    for path in sorted([*content_dir.glob("*.yaml"), *content_dir.glob("*.yml")]):
        text = read_area_file(path)
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or "not valid YAML"
            raise DataFileError(
                f"{path}{where}: cannot be read as YAML ({problem}); fix it first "
                "(`site-builder check` shows the problem), then import again"
            ) from None
        except RecursionError:
            raise DataFileError(f"{path}: nested too deeply to read; fix it first, then import again") from None
        if not isinstance(data, dict):
            raise DataFileError(f"{path}:1: the file does not hold a YAML mapping (name: ..., gss_code: ...)")
        former = data.get("former_gss_codes")
        codes = [data.get("gss_code"), *(former if isinstance(former, list) else [])]
        for code in (c for c in codes if isinstance(c, str) and c):
            if code in found and found[code] != path:
                warnings.append(f"{found[code].name} and {path.name} both claim {code}; used {found[code].name}.")
                continue
            found[code] = path
    return found


def load_base(path: Path) -> dict[str, dict[str, Any]]:
    """What the importer last wrote, by GSS code ({} when there is no base file yet)."""
    if not path.exists() and not path.is_symlink():
        return {}
    fix = (f"restore it from git (git checkout -- {path}), or delete it to compare every field afresh "
           "(then each difference from the data is reported as a conflict)")
    if path.is_symlink() or not path.is_file():
        raise DataFileError(f"{path}: not a regular file; {fix}")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError:
        raise DataFileError(f"{path}: not UTF-8 text; {fix}") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path}:{exc.lineno}: not the JSON the importer writes ({exc.msg}); {fix}") from None
    except RecursionError:
        raise DataFileError(f"{path}: nested too deeply; {fix}") from None
    areas = data.get("areas") if isinstance(data, dict) else None
    if not isinstance(areas, dict) or not all(_is_record(v) for v in areas.values()):
        raise DataFileError(f"{path}: not laid out as the importer writes it; {fix}")
    return areas


def _is_record(record: Any) -> bool:
    return isinstance(record, dict) and all(
        isinstance(record.get(key, {}), dict) and all(isinstance(v, dict) for v in record.get(key, {}).values())
        for key in ("events", "districts")
    )


def dump_base(areas: Mapping[str, Any]) -> str:
    """The base file's text: sorted keys and one value a line, so its diffs can be reviewed."""
    return json.dumps({"about": BASE_ABOUT, "areas": areas, "version": 1},
                      ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def run_import(
    data_dir: Path,
    content_dir: Path,
    today: date,
    *,
    extra_events: Iterable[AreaEvent] = NOTES_EVENTS,
    keep_conflicts: bool = False,
    base_path: Path | None = None,
    cite: Mapping[str, str] | None = None,
) -> ImportReport:
    """Create or update one YAML file per area in content_dir (the areas folder) from the files in data_dir.

    Existing files are merged three ways against the base file (by default `BASE_FILE` next to
    content_dir). Conflicts are returned in the report; with `keep_conflicts` the base records
    the data's values for them, so they are not reported again. Raises DataFileError, having
    written nothing, if any data file, area file or the base file cannot be read.
    """
    data_dir, content_dir = Path(data_dir), Path(content_dir)
    base_path = Path(base_path) if base_path is not None else content_dir.parent / BASE_FILE
    warnings: list[str] = []
    areas, events = collect_events(data_dir, extra_events, warnings, cite)
    for gss, area_events in events.items():
        for event in area_events:
            late = [d for d in (event.start, event.end, event.published) if isinstance(d, date) and d > today]
            if late:
                warnings.append(f"{areas[gss].name}: an event has a date after {today} ({late[0]}); please check it.")
    base = load_base(base_path)
    paths = existing_files(content_dir, warnings) if content_dir.is_dir() else {}
    slugs = {g: paths[g].stem if g in paths else a.slug for g, a in areas.items()}
    taken = {p.stem: g for g, p in paths.items()}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    writes: list[tuple[Path, str]] = []
    created: list[str] = []
    conflicts: list[Conflict] = []
    new_base = dict(base)  # areas the data no longer give keep their records
    for gss, area in sorted(areas.items(), key=lambda item: slugs[item[0]]):
        fields = area_fields(area, slugs)
        area_events = events.get(gss, [])
        path = paths.get(gss)
        if path is None:
            target = content_dir / f"{slugs[gss]}.yaml"
            if gss in base:
                warnings.append(f"{area.name} ({gss}): the importer wrote its file before and it has been deleted, "
                                f"so it was not created again (remove {gss} from {base_path.name} to have it created).")
                continue
            if taken.setdefault(slugs[gss], gss) != gss or target.exists() or target.is_symlink():
                warnings.append(f"{area.name} ({gss}) would take the slug {slugs[gss]!r}, already used; not written.")
                continue
            writes.append((target, render_new(fields, area_events, today)))
            new_base[gss] = imported_base(fields, area_events)
            created.append(str(target))
            counts["created"] += 1
            continue
        text = read_area_file(path)
        try:
            new_text, record, found = merge_text(text, str(path), fields, area_events, base.get(gss), keep_conflicts)
        except (ValueError, RecursionError, RoundTripError) as exc:
            raise DataFileError(f"{path}: could not be merged ({exc}); fix it first, then import again") from None
        conflicts += found
        new_base[gss] = record
        if new_text != text:
            writes.append((path, new_text))
        counts["updated" if new_text != text else "unchanged"] += 1
    base_text = dump_base(new_base)
    if not base_path.is_file() or base_path.read_text(encoding="utf-8") != base_text:
        writes.append((base_path, base_text))  # last: a run stopped before it is put right by the next one
    write_all(writes, ImportWriteError, "import again")
    by_framework: dict[str, int] = {}
    for area_events in events.values():
        for event in area_events:
            by_framework[event.framework] = by_framework.get(event.framework, 0) + 1
    return ImportReport(
        **counts,
        current_areas=sum(not a.is_former for a in areas.values()),
        former_areas=sum(a.is_former for a in areas.values()),
        events_by_framework=by_framework,
        districts=sum(len(a.districts) for a in areas.values()),
        areas_with_neighbours=sum(bool(a.neighbours) for a in areas.values()),
        warnings=tuple(warnings),
        conflicts=tuple(conflicts),
        created_files=tuple(created),
    )

