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
from xml.sax.saxutils import escape, quoteattr

from . import urls
from .config import SiteConfig
from .exports import page_address
from .models import Event, LocalArea, Notice, Plan

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


def atom_feed(areas: tuple[LocalArea, ...], config: SiteConfig) -> str:
    """The feed as Atom XML."""
    entries = feed_entries(areas, config)
    updated = entries[0].updated if entries else config.today
    self_url = page_address("/feed.xml", config)
    home = page_address("/", config)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(config.title)}: updates</title>",
        "<subtitle>New inspections, published reports, plans and chances to have your say, for every local area in England.</subtitle>",
        "<id>urn:send-area-portal:feed</id>",
        f"<link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(self_url)}/>",
        f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(home)}/>",
        f"<updated>{_stamp(updated)}</updated>",
        f"<author><name>{escape(config.title)} volunteers</name></author>",
    ]
    for entry in entries:
        lines += [
            "<entry>",
            f"<id>{escape(entry.id)}</id>",
            f"<title>{escape(entry.title)}</title>",
            f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(entry.url)}/>",
            f"<updated>{_stamp(entry.updated)}</updated>",
            f"<summary>{escape(entry.summary)}</summary>",
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _started(event: Event) -> str:
    return f"starting {event.start.isoformat()}" if event.start is not None else "dates of the visit not known"


def _stamp(day: date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00Z"  # a date known only to its month counts from its first day
