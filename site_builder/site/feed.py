"""/feed.xml: an Atom feed of dated changes, newest first.

Entries: every inspection, revisit and monitoring inspection (dated by its report's
publication, or by its start while the report is awaited), every plan with a publication
date, and every notice (dated by the area's last_reviewed, the day a volunteer last
checked the file, because notices carry no date of their own for when they were added).
Entry ids are URNs built from the area's slug and the item's own identity, so they never
change when the site moves to another address.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date

from jinja2 import Environment

from site_builder.site import addresses as urls
from site_builder.config import SiteConfig
from site_builder.site.open_data import page_address
from site_builder.domain.models import Event, LocalArea, Notice, Plan

FEED_SIZE = 100


@dataclass(frozen=True)
class FeedEntry:
    """One dated change."""

    id: str
    title: str
    url: str
    updated: date
    summary: str


def feed_entries(areas: tuple[LocalArea, ...], config: SiteConfig) -> list[FeedEntry]:
    """The newest FEED_SIZE changes across all areas, newest first (by date, then id)."""
    # Every change is dated and named first; only the newest few are written out in full.
    candidates = []
    for area in areas:
        for event in area.events:
            candidates.append((event.published or event.start, f"urn:send-area-portal:area:{area.slug}:{event.id}", area, event))
        for plan in area.plans:
            if plan.published:
                candidates.append((plan.published, f"urn:send-area-portal:area:{area.slug}:plan:"
                                   f"{plan.published.isoformat()}-{urls.slugify(plan.title)}", area, plan))
        for notice in area.notices:
            candidates.append((area.last_reviewed, f"urn:send-area-portal:area:{area.slug}:notice:"
                               f"{notice.starts.date().isoformat()}-{urls.slugify(notice.title)}", area, notice))
    newest = heapq.nlargest(FEED_SIZE, candidates, key=lambda c: (c[0], c[1]))
    return [_entry(updated, entry_id, area, item, config) for updated, entry_id, area, item in newest]


def _entry(updated: date, entry_id: str, area: LocalArea, item: Event | Plan | Notice, config: SiteConfig) -> FeedEntry:
    page = urls.area_url(area.slug)
    if isinstance(item, Plan):
        return FeedEntry(entry_id, f"{area.name}: plan published: {item.title}", page_address(f"{page}#plans-heading", config),
                         updated, f"{area.name} published {item.title}.")
    if isinstance(item, Notice):
        return FeedEntry(entry_id, f"{area.name}: {item.kind}: {item.title}", page_address(f"{page}#say-heading", config),
                         updated, f"{item.title}, {item.starts.date().isoformat()}.")
    if item.published or item.outcome:
        what = f"{item.title} report published" if item.published else f"{item.title} recorded"
        outcome = f" Outcome: {item.outcome.label}." if item.outcome else ""
    else:
        what, outcome = f"{item.title} under way", " The report is not published yet."
    return FeedEntry(entry_id, f"{area.name}: {what.lower().capitalize()}", page_address(f"{page}#{item.id}", config),
                     updated, f"{item.title} of {area.name}, {_started(item)}.{outcome}")


def atom_feed(areas: tuple[LocalArea, ...], config: SiteConfig, env: Environment) -> str:
    """The feed as Atom XML, from the theme's feed.xml."""
    entries = feed_entries(areas, config)
    return env.get_template("feed.xml").render(
        title=config.title, entries=entries, updated=entries[0].updated if entries else config.today,
        self_url=page_address("/feed.xml", config), home_url=page_address("/", config))


def _started(event: Event) -> str:
    return f"starting {event.start.isoformat()}" if event.start is not None else "dates of the visit not known"


def atom_time(day: date) -> str:
    """An Atom date-time for a day (a date known only to its month counts from its first day)."""
    return f"{day:%Y-%m-%d}T00:00:00Z"
