"""The checks that need today's date or the whole area: a publication date in the future is an error (it would
appear on the page and in the feed); stale or incomplete content gets warnings, shown by `check`, errors only with
--strict."""

from __future__ import annotations

from datetime import date, timedelta

from site_builder.errors import ContentError
from site_builder.domain.facts import next_steps, wsoa_deadline
from site_builder.domain.status import latest_inspection
from site_builder.domain.models import LocalArea
from site_builder.domain.vocabulary import Outcome

REVIEW_AFTER = timedelta(days=365)
NOTICE_GRACE = timedelta(days=30)


def freshness_warnings(areas: tuple[LocalArea, ...], today: date) -> list[ContentError]:
    """Every staleness warning for every area, relative to `today`."""
    warnings: list[ContentError] = []
    for area in areas:
        warnings += _area_warnings(area, today)
    return warnings


def future_dates(areas: tuple[LocalArea, ...], today: date) -> list[ContentError]:
    """An error for each event published after `today`: a report is only on the page once it is out."""
    return [ContentError(area.source_path, event.line, f"events[{i}].published",
                         f"{event.published.isoformat()} is after today ({today.isoformat()}); write the date the "
                         "report was published, once it is out")
            for area in areas for i, event in enumerate(area.events)
            if event.published is not None and event.published > today]


def _warn(area: LocalArea, line: int | None, field: str, message: str) -> ContentError:
    return ContentError(area.source_path, line, field, message, severity="warning")


def _area_warnings(area: LocalArea, today: date) -> list[ContentError]:
    out = []
    if today - area.last_reviewed > REVIEW_AFTER:
        out.append(_warn(area, area.line_of("last_reviewed"), "last_reviewed",
                         f"last reviewed on {area.last_reviewed.isoformat()}, more than 12 months ago; check the file against its sources and update the date"))
    for i, event in enumerate(area.events):
        if not event.id_written and event.published is not None:
            out.append(_warn(area, event.line, f"events[{i}]",
                             f"add id: {event.id} to this event, so that links to it keep working if a date is corrected"))
        if event.outcome is Outcome.SYSTEMIC_FAILINGS and event.priority_actions is None:
            out.append(_warn(area, event.line, f"events[{i}]",
                             "add priority_actions: the number of areas for priority action the report lists"))
    if area.is_former:
        return out
    if not area.local_offer_url:
        out.append(_warn(area, area.line_of("council_url") or area.line_of("name"), "local_offer_url",
                         "no Local Offer is linked; add local_offer_url: with the address of the council's SEND "
                         "Local Offer (every council must publish one)"))
    deadline = wsoa_deadline(area, today)
    if deadline and deadline.missing_after_due:
        index = area.events.index(deadline.inspection)
        out.append(_warn(area, deadline.inspection.line, f"events[{index}]",
                         f"a written statement of action was due by {deadline.due.isoformat()} but none is linked; add it under plans: with kind: wsoa"))
    for notice in area.notices:
        if today - notice.last_day > NOTICE_GRACE:
            out.append(_warn(area, notice.line, "notices",
                             f"the notice {notice.title!r} ended on {notice.last_day.isoformat()}, more than 30 days ago; remove it when it is no longer useful"))
    for step in next_steps(area, today):
        if step.overdue:
            where = f" on {area.ofsted_url}" if area.ofsted_url else " on Ofsted's reports website"
            out.append(_warn(area, area.line_of("events") or None, "events",
                             f"an inspection was expected by about {step.expected:%B %Y} and no newer report is "
                             f"recorded: look for one{where} and add it (the page says none has been found yet)"))
    current = latest_inspection(area, "2023")
    if current and current.outcome and not any(p.kind == "strategic-plan" for p in area.plans):
        out.append(_warn(area, area.line_of("plans") or current.line, "plans",
                         "the area has a 2023-framework outcome but no strategic plan is linked; add it under plans: with kind: strategic-plan"))
    return out

