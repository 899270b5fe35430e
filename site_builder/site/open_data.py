"""Open data: /data/areas.csv, /data/areas.json, /data/events.csv and /areas/<slug>.json.

Each column is declared once, with its meaning, in AREA_COLUMNS and EVENT_COLUMNS: the
files are written from these lists and the /data/ page documents them from the same lists.
The columns an event's own keys fill come from the content schema (area.schema.json, `x-columns`).
CSV files are UTF-8 with a byte-order mark so spreadsheet software reads accents and
apostrophes correctly; dates are ISO 8601 (2018-03-06).

Content comes from volunteers' pull requests, so a text cell could hold a spreadsheet formula
(`=HYPERLINK(...)`). Following OWASP's CSV-injection guidance, a text cell that begins with
`=`, `+`, `-`, `@`, a tab or a carriage return is written with a single quote (') in front in the
CSV files only; numbers, booleans and dates are never text that begins so, and the JSON files keep
every value exactly.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Callable

from site_builder.content.schema import load_schema
from site_builder.site import addresses as urls
from site_builder.config import SiteConfig
from site_builder.domain.status import Status
from site_builder.domain.models import Event, LocalArea


@dataclass(frozen=True)
class Column:
    """One column of a data file: its name, meaning and how to compute it."""

    name: str
    description: str
    value: Callable[..., Any]


def _iso(value) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class AreaRow:
    """What an area column reads: the area, its status (computed once per row) and the build settings."""

    area: LocalArea
    status: Status
    config: SiteConfig

    @property
    def latest(self) -> Event | None:
        """The event of the latest published outcome, if any."""
        return self.status.event


AREA_COLUMNS = (
    Column("slug", "The area's permanent identifier; its page is /areas/<slug>/.", lambda r: r.area.slug),
    Column("name", "The name people know the area by.", lambda r: r.area.name),
    Column("gss_code", "The council's ONS (GSS) code.", lambda r: r.area.gss_code),
    Column("former_gss_codes", "Older ONS codes for the same area, separated by spaces.", lambda r: " ".join(r.area.former_gss_codes) or None),
    Column("region", "English region.", lambda r: r.area.region),
    Column("la_number", "Department for Education local authority number.", lambda r: r.area.la_number),
    Column("ofsted_urn", "Ofsted's number for the area (reports.ofsted.gov.uk/provider/44/<urn>).", lambda r: r.area.ofsted_urn),
    Column("current", "true for an area that exists now, false for a former area.", lambda r: not r.area.is_former),
    Column("ended", "For a former area: the last day it existed.", lambda r: _iso(r.area.ended)),
    Column("replaced_by", "For a former area: the slugs of the areas that replaced it, separated by spaces.", lambda r: " ".join(r.area.replaced_by) or None),
    Column("predecessors", "Slugs of former areas this area replaced, separated by spaces.", lambda r: " ".join(r.area.predecessors) or None),
    Column("status", "Where the area stands: an outcome value (see the events columns), "
                     f"{' or '.join(Status.WITHOUT_OUTCOME)}.",
           lambda r: r.status.category),
    Column("latest_outcome", "The latest published outcome value, empty if none.", lambda r: r.latest.outcome.value if r.latest else None),
    Column("latest_outcome_label", "The latest outcome in words.", lambda r: r.latest.outcome.label if r.latest else None),
    Column("latest_framework", "\"2016\" or \"2023\": the framework of the latest outcome.", lambda r: r.latest.framework if r.latest else None),
    Column("latest_kind", "inspection, revisit or monitoring: the event of the latest outcome.", lambda r: r.latest.kind if r.latest else None),
    Column("latest_start", "First day of that event (YYYY-MM-DD, or YYYY-MM when only the month is known).",
           lambda r: _start(r.latest) if r.latest else None),
    Column("latest_published", "When that event's report was published.", lambda r: _iso(r.latest.published) if r.latest else None),
    Column("latest_report_url", "That event's report.", lambda r: r.latest.report_url if r.latest else None),
    Column("latest_source", "Where that event's facts come from.", lambda r: r.latest.source if r.latest else None),
    Column("events", "How many events the area's history has.", lambda r: len(r.area.events)),
    Column("council_url", "The council's website.", lambda r: r.area.council_url),
    Column("local_offer_url", "The council's SEND Local Offer: its guide to local services and how to complain.",
           lambda r: r.area.local_offer_url),
    Column("page_url", "The area's page on this site.", lambda r: page_address(urls.area_url(r.area.slug), r.config)),
    Column("data_url", "The area's own JSON file.", lambda r: page_address(f"/areas/{r.area.slug}.json", r.config)),
    Column("last_reviewed", "When a volunteer last checked the area's facts against their sources.", lambda r: _iso(r.area.last_reviewed)),
)


def _start(event: Event) -> str | None:
    return _iso(event.start)


def event_key_columns() -> tuple[Column, ...]:
    """The columns an event's own keys fill, in the content schema's key order, named and described by each key's
    `x-columns` there: `<key>` holds the key's value, `<key>_<part>` a part of it (outcome_label, progress_sufficient).
    A new event key with `x-columns` appears in the data files, and on the /data/ page, with no change here."""
    keys = load_schema("area")["$defs"]["event"]["properties"]
    return tuple(Column(name, description, _event_value(key, name))
                 for key, spec in keys.items() for name, description in spec.get("x-columns", {}).items())


def _event_value(key: str, name: str) -> Callable[..., Any]:
    if name == key:
        return lambda a, e, c: _cell(getattr(e, key))
    if name.startswith(key + "_"):
        part = name[len(key) + 1:]
        return lambda a, e, c: None if getattr(e, key) is None else _cell(getattr(getattr(e, key), part))
    raise ValueError(f"the event key {key!r} cannot fill a column named {name!r}: name it {key} or {key}_<part>")


def _cell(value: Any) -> Any:
    """A model value as the data files write it: a date as 2018-03-06 (a Month as 2017-01), an outcome by its value."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


EVENT_COLUMNS = (
    Column("area_slug", "The area's slug.", lambda a, e, c: a.slug),
    Column("area_name", "The area's name.", lambda a, e, c: a.name),
    Column("gss_code", "The area's ONS (GSS) code.", lambda a, e, c: a.gss_code),
    Column("event_id", "The event's identifier, stable over time: kind and start date (kind, published and the publication date when the start is not known).", lambda a, e, c: e.id),
    *event_key_columns(),
    Column("page_url", "The event on this site.", lambda a, e, c: page_address(urls.area_url(a.slug) + "#" + e.id, c)),
)


def page_address(url: str, config: SiteConfig) -> str:
    """A full address when the site's address is known, otherwise the site-relative one."""
    return urls.absolute_url(url, config.base_url) if config.absolute_base else urls.url_for(url, config.base_path)


def area_record(area: LocalArea, config: SiteConfig) -> dict[str, Any]:
    """One row of areas.csv / one object of areas.json."""
    row = AreaRow(area, area.status, config)
    return {col.name: col.value(row) for col in AREA_COLUMNS}


def event_record(area: LocalArea, event: Event, config: SiteConfig) -> dict[str, Any]:
    """One row of events.csv."""
    return {col.name: col.value(area, event, config) for col in EVENT_COLUMNS}


def area_document(area: LocalArea, config: SiteConfig) -> dict[str, Any]:
    """/areas/<slug>.json: the area's row plus its whole history, local help, plans and notices."""
    record = area_record(area, config)
    record["history"] = [{k: v for k, v in event_record(area, e, config).items() if not k.startswith(("area_", "gss"))}
                         for e in reversed(area.events)]
    record["help"] = [{"kind": h.kind, "name": h.name, "url": h.url, "phone": h.phone, "email": h.email} for h in area.help]
    record["plans"] = [{"kind": p.kind, "title": p.title, "url": p.url, "published": _iso(p.published)} for p in area.plans]
    record["notices"] = [{"kind": n.kind, "title": n.title, "starts": n.starts.isoformat() if n.starts_has_time else _iso(n.starts.date()),
                          "ends": (n.ends.isoformat() if n.ends_has_time else _iso(n.ends.date())) if n.ends else None,
                          "url": n.url} for n in area.notices]
    return record


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may take as the start of a formula (OWASP, CSV injection)."""


def csv_cell(value: Any) -> Any:
    """One CSV cell: empty for none, true/false for booleans, numbers as they are, and text that a
    spreadsheet could run as a formula made inert with a leading single quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]], columns: tuple[Column, ...]) -> str:
    """CSV text with a byte-order mark, one header row, booleans as true/false, empty for none and
    formula-like text neutralised (see csv_cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([csv_cell(row[c.name]) for c in columns])
    return "\ufeff" + buffer.getvalue()


def to_json(value: Any) -> str:
    """Stable, readable JSON."""
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def data_files(areas: tuple[LocalArea, ...], config: SiteConfig) -> dict[str, str]:
    """Every open-data file, by output path."""
    files = summary_files(areas, config)
    files.update(area_files(areas, config))
    return files


def summary_files(areas: tuple[LocalArea, ...], config: SiteConfig) -> dict[str, str]:
    """The files about every area at once: /data/areas.csv, /data/areas.json and /data/events.csv."""
    records = [area_record(a, config) for a in areas]
    return {
        "data/areas.csv": to_csv(records, AREA_COLUMNS),
        "data/areas.json": to_json({"generated": config.today.isoformat(), "areas": records}),
        "data/events.csv": to_csv([event_record(a, e, config) for a in areas for e in a.events], EVENT_COLUMNS),
        "data/area.schema.json": json.dumps(load_schema("data-area"), ensure_ascii=False, indent=1) + "\n",
    }


def area_files(areas: tuple[LocalArea, ...], config: SiteConfig) -> dict[str, str]:
    """Each area's own /areas/<slug>.json (it depends on that area only), and the same file at each old slug in its
    `redirect_from`, so that every address a renamed area published, its JSON included, keeps working."""
    files = {}
    for area in areas:
        text = to_json(area_document(area, config))
        for slug in (area.slug, *area.redirect_from):
            files[f"areas/{slug}.json"] = text
    return files

