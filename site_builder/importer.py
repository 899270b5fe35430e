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

What the importer owns: it keeps gss_code, region, la_number, ofsted_urn, ended and the
events' data fields in line with the data; it adds name, council_url and event notes only
when missing; it only ever adds to former_gss_codes, replaced_by and predecessors; it
matches events on (framework, kind, start) and adds those missing. It never removes a key,
an event or a comment. `last_reviewed` becomes `today` only when it changed a fact.

Bad data stop the import before anything is written: ``import_csv`` reads each file
strictly and names the file, line and column at fault.

Places and similar areas (see ``import_districts``): `districts` are matched on gss_code;
missing ones are added in order, a district's `name` is set once, its `alt_names` only
grow and its `ended` follows the data; districts added by hand stay. Area `alt_names` only
grow. `neighbours` is the Department for Education's list, so it follows the data.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Mapping

import yaml
from ruamel.yaml import YAMLError as RoundTripError

from .import_areas import AreaRecord, build_areas, finalise_areas
from .import_csv import DataFileError, read_csv
from .import_districts import add_places
from .import_events import AreaEvent, Event, events_2016, events_mi, events_scraped
from .import_notes import NOTES_EVENTS
from .import_yaml import area_fields, merge_existing, render_new

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

    def summary(self) -> str:
        """Return a few plain lines describing the run."""
        events = ", ".join(f'framework "{k}": {v}' for k, v in sorted(self.events_by_framework.items()))
        return "\n".join([
            f"Areas: {self.current_areas} current and {self.former_areas} former.",
            f"Files: {self.created} created, {self.updated} updated, {self.unchanged} unchanged.",
            f"Events in the data: {events or 'none'}.",
            f"District councils placed: {self.districts}; areas with statistical neighbours: {self.areas_with_neighbours}.",
            f"Warnings: {len(self.warnings)}.",
        ])


def find_data_file(data_dir: Path, pattern: str) -> Path:
    """Return the data file matching a name pattern (the latest by name if several)."""
    matches = sorted(data_dir.glob(pattern))
    if not matches:
        raise DataFileError(f"No file named like {pattern} in {data_dir}.")
    return matches[-1]


def collect_events(
    data_dir: Path, extra_events: Iterable[AreaEvent], warnings: list[str]
) -> tuple[dict[str, AreaRecord], dict[str, list[Event]]]:
    """Read every data file and return the areas to write and their events."""
    rows = {key: read_csv(find_data_file(data_dir, name), COLUMNS[key]) for key, name in DATA_FILES.items()}
    index = build_areas(rows["areas"], rows["lookup"], warnings)
    found = events_2016(rows["2016"], index, warnings)
    official = events_mi(rows["mi"], index, warnings)
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


def existing_files(content_dir: Path, warnings: list[str]) -> dict[str, Path]:
    """Map each GSS code (current or former) to the area file that holds it."""
    found: dict[str, Path] = {}
    for path in sorted(content_dir.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            warnings.append(f"{path.name} could not be read as YAML, so the importer left it alone.")
            continue
        if not isinstance(data, dict):
            continue
        codes = [data.get("gss_code")] + list(data.get("former_gss_codes") or [])
        for code in (str(c) for c in codes if c):
            if code in found and found[code] != path:
                warnings.append(f"{found[code].name} and {path.name} both claim {code}; used {found[code].name}.")
                continue
            found[code] = path
    return found


def write_atomic(path: Path, text: str) -> None:
    """Replace a file's content in one step, so readers never see half a file."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def run_import(
    data_dir: Path, content_dir: Path, today: date, *, extra_events: Iterable[AreaEvent] = NOTES_EVENTS
) -> ImportReport:
    """Create or update one YAML file per area in content_dir from the files in data_dir."""
    data_dir, content_dir = Path(data_dir), Path(content_dir)
    warnings: list[str] = []
    areas, events = collect_events(data_dir, extra_events, warnings)
    for gss, area_events in events.items():
        for event in area_events:
            late = [d for d in (event.start, event.end, event.published) if isinstance(d, date) and d > today]
            if late:
                warnings.append(f"{areas[gss].name}: an event has a date after {today} ({late[0]}); please check it.")
    content_dir.mkdir(parents=True, exist_ok=True)
    paths = existing_files(content_dir, warnings)
    slugs = {g: paths[g].stem if g in paths else a.slug for g, a in areas.items()}
    taken = {p.stem: g for g, p in paths.items()}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for gss, area in sorted(areas.items(), key=lambda item: slugs[item[0]]):
        fields = area_fields(area, slugs)
        area_events = events.get(gss, [])
        path = paths.get(gss)
        if path is None:
            owner = taken.setdefault(slugs[gss], gss)
            if owner != gss:
                warnings.append(f"{area.name} ({gss}) would take the slug {slugs[gss]!r}, already used; not written.")
                continue
            write_atomic(content_dir / f"{slugs[gss]}.yaml", render_new(fields, area_events, today))
            counts["created"] += 1
            continue
        try:
            text, changed = merge_existing(path.read_text(encoding="utf-8"), fields, area_events, today)
        except (ValueError, RoundTripError) as exc:
            warnings.append(f"{path.name} could not be updated ({exc}); left unchanged.")
            continue
        if changed:
            write_atomic(path, text)
        counts["updated" if changed else "unchanged"] += 1
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
    )
