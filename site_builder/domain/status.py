"""Where an area stands now: its latest outcome in one plain sentence, for the top of its page and for lists.

It reads an area's events only, so the models can offer `area.status` without importing the rest of facts.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from site_builder.domain.dates import in_words
from site_builder.domain.vocabulary import WITHOUT_OUTCOME, Category, Outcome

if TYPE_CHECKING:
    from site_builder.domain.models import Event, LocalArea


@dataclass(frozen=True)
class Status:
    """Where an area stands now, for the top of its page and for lists."""

    headline: str
    """One plain sentence."""
    outcome: Outcome | None
    """The latest outcome, if any."""
    event: Event | None
    """The event the headline is about."""
    in_progress: Event | None
    """An inspection that has started but whose report is not published."""
    category: Category
    """A filter value: the outcome's category, or one of WITHOUT_OUTCOME (vocabulary.STATUS_CATEGORIES)."""

    WITHOUT_OUTCOME: ClassVar[tuple[Category, ...]] = WITHOUT_OUTCOME
    """The categories of an area with no published outcome: awaiting its report, or not inspected."""


def published_events(area: LocalArea) -> list[Event]:
    """Events with a public outcome, oldest first."""
    return [e for e in area.events if e.is_published]


def latest_event(area: LocalArea) -> Event | None:
    """The most recent event with a public outcome."""
    events = published_events(area)
    return events[-1] if events else None


def latest_inspection(area: LocalArea, framework: str | None = None) -> Event | None:
    """The most recent published full inspection (optionally of one framework)."""
    found = [e for e in published_events(area) if e.kind == "inspection" and (framework is None or e.framework == framework)]
    return found[-1] if found else None


def latest_outcome(area: LocalArea) -> Outcome | None:
    """The outcome that best describes the area now: the latest published outcome."""
    for event in reversed(published_events(area)):
        if event.outcome is not None:
            return event.outcome
    return None


def build_status(area: LocalArea) -> Status:
    """Where the area stands: latest outcome, or an inspection awaiting its report, or none yet."""
    in_progress = next((e for e in reversed(area.events) if not e.is_published), None)
    event = next((e for e in reversed(published_events(area)) if e.outcome is not None), None)
    if event is None:
        if in_progress:
            return Status("An inspection has taken place and its report is not published yet.", None, None, in_progress,
                          Category.AWAITING_REPORT)
        return Status("No inspection is recorded for this area yet.", None, None, None, Category.NOT_INSPECTED)
    outcome = event.outcome
    when = _when_words(event)
    if event.kind == "monitoring":
        headline = f"At its monitoring inspection{when}, inspectors found {outcome.found}."
        full = full_inspection_before(area, event)
        if full is not None and full.outcome is Outcome.SYSTEMIC_FAILINGS:
            at = f" in {full.start:%B %Y}" if full.start is not None else ""
            headline += f" Those areas came from its full inspection{at}, which found {full.outcome.label.lower()}."
    elif event.framework == "2023":
        headline = f"At its last full inspection{when}, the area's outcome was: {outcome.label.lower()}."
    elif event.kind == "revisit":
        headline = f"At its revisit{when}, inspectors found {outcome.found}."
    elif outcome is Outcome.WSOA_REQUIRED:
        headline = f"Its inspection{when} found significant weaknesses, so a written statement of action was required."
    else:
        headline = f"Its inspection{when} did not require a written statement of action."
    return Status(headline, outcome, event, in_progress, outcome.category)


def _when_words(event: Event) -> str:
    """" in November 2024 (report published 4 February 2025)": when the inspectors visited, then the report."""
    visited = f" in {event.start:%B %Y}" if event.start is not None else " (dates not known)"
    if event.published is None:
        return visited
    day = in_words(event.published)
    report = "letter" if event.framework == "2016" else "report"
    if event.start is None:
        return f" (dates not known; {report} published {day})"
    return f"{visited} ({report} published {day})"


def full_inspection_before(area: LocalArea, monitoring: Event) -> Event | None:
    """The published full inspection whose areas for priority action a monitoring inspection checked."""
    return next((e for e in reversed(published_events(area)) if e.framework == "2023" and e.kind == "inspection"
                 and e.when <= monitoring.when), None)
