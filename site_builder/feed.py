"""/feed.xml: an Atom feed of dated changes, newest first.

Entries: every inspection, revisit and monitoring inspection (dated by its report's
publication, or by its start while the report is awaited), every plan with a publication
date, and every notice (dated by the area's last_reviewed, the day a volunteer last
checked the file, because notices carry no date of their own for when they were added).
Entry ids are URNs built from the area's slug and the item's own identity, so they never
change when the site moves to another address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from . import urls
from .config import SiteConfig
from .exports import page_address
from .models import LocalArea

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
    """The newest FEED_SIZE changes across all areas, newest first."""
    entries = []
    for area in areas:
        page = urls.area_url(area.slug)
        for event in area.events:
            when = event.published or event.start
            if event.published or event.outcome:
                what = f"{event.title} report published" if event.published else f"{event.title} recorded"
                outcome = f" Outcome: {event.outcome.label}." if event.outcome else ""
            else:
                what, outcome = f"{event.title} under way", " The report is not published yet."
            entries.append(FeedEntry(
                f"urn:send-area-portal:area:{area.slug}:{event.id}", f"{area.name}: {what.lower().capitalize()}",
                page_address(f"{page}#{event.id}", config), when,
                f"{event.title} of {area.name}, starting {event.start.isoformat()}.{outcome}"))
        for plan in area.plans:
            if plan.published:
                entries.append(FeedEntry(
                    f"urn:send-area-portal:area:{area.slug}:plan:{plan.published.isoformat()}-{urls.slugify(plan.title)}",
                    f"{area.name}: plan published: {plan.title}", page_address(f"{page}#plans-heading", config),
                    plan.published, f"{area.name} published {plan.title}."))
        for notice in area.notices:
            entries.append(FeedEntry(
                f"urn:send-area-portal:area:{area.slug}:notice:{notice.starts.date().isoformat()}-{urls.slugify(notice.title)}",
                f"{area.name}: {notice.kind}: {notice.title}", page_address(f"{page}#say-heading", config),
                area.last_reviewed, f"{notice.title}, {notice.starts.date().isoformat()}."))
    entries.sort(key=lambda e: (e.updated, e.id), reverse=True)
    return entries[:FEED_SIZE]


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


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
