"""Warnings that keep content fresh: shown by `check`, errors only with --strict."""

from __future__ import annotations

from datetime import date, timedelta

from site_builder.errors import ContentError
from site_builder.domain.facts import wsoa_deadline
from site_builder.domain.status import latest_inspection
from site_builder.domain.models import LocalArea

REVIEW_AFTER = timedelta(days=365)
NOTICE_GRACE = timedelta(days=30)


def freshness_warnings(areas: tuple[LocalArea, ...], today: date) -> list[ContentError]:
    """Every staleness warning for every area, relative to `today`."""
    warnings: list[ContentError] = []
    for area in areas:
        warnings += _area_warnings(area, today)
    return warnings


def _warn(area: LocalArea, line: int | None, field: str, message: str) -> ContentError:
    return ContentError(area.source_path, line, field, message, severity="warning")


def _area_warnings(area: LocalArea, today: date) -> list[ContentError]:
    out = []
    if today - area.last_reviewed > REVIEW_AFTER:
        out.append(_warn(area, area.line_of("last_reviewed"), "last_reviewed",
                         f"last reviewed on {area.last_reviewed.isoformat()}, more than 12 months ago; check the file against its sources and update the date"))
    if area.is_former:
        return out
    deadline = wsoa_deadline(area, today)
    if deadline and deadline.missing_after_due:
        index = area.events.index(deadline.inspection)
        out.append(_warn(area, deadline.inspection.line, f"events[{index}]",
                         f"a written statement of action was due by {deadline.due.isoformat()} but none is linked; add it under plans: with kind: wsoa"))
    for notice in area.notices:
        if today - notice.last_day > NOTICE_GRACE:
            out.append(_warn(area, notice.line, "notices",
                             f"the notice {notice.title!r} ended on {notice.last_day.isoformat()}, more than 30 days ago; remove it when it is no longer useful"))
    current = latest_inspection(area, "2023")
    if current and current.outcome and not any(p.kind == "strategic-plan" for p in area.plans):
        out.append(_warn(area, area.line_of("plans") or current.line, "plans",
                         "the area has a 2023-framework outcome but no strategic plan is linked; add it under plans: with kind: strategic-plan"))
    return out

