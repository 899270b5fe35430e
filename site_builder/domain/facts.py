"""Facts derived from an area's history: where it stands now and what happens next.

Everything relative to "today" takes `today` as an argument, so `--today` makes a
build reproducible. Timings are the ones DOMAIN.md gives; the ones that are only
approximate are labelled so in `NextStep.approximate`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, lru_cache

import holidays

from site_builder.domain.models import Event, LocalArea, Notice, Plan
from site_builder.domain.status import full_inspection_before
from site_builder.domain.vocabulary import CURRENT_CYCLE_ENDS, MONITORING_AFTER_MONTHS, WSOA_WORKING_DAYS, Outcome

_CYCLE_ENDS = f"Ofsted says the current cycle of inspections ends in {CURRENT_CYCLE_ENDS:%B %Y}."


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    # England and Wales share their bank holidays; the library keeps the list up to date.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    """Monday to Friday and not an England and Wales bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


@lru_cache(maxsize=4096)
def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the day after `start` is day one if it is a working day)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when that day does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class WsoaDeadline:
    """When a 2016-framework WSOA was due, and whether this site links one."""

    inspection: Event
    due: date
    plan: Plan | None
    """The WSOA linked in the area's `plans`, if any."""
    missing_after_due: bool
    """True when today is past `due` and no WSOA is linked."""


@dataclass(frozen=True)
class NextStep:
    """Something expected to happen after the latest event."""

    text: str
    """Plain-English sentence."""
    expected: date | None = None
    """Roughly when, if a timing is known."""
    approximate: bool = True
    """Whether `expected` is only an estimate (most are)."""
    inspection: bool = False
    """Whether this is a visit by inspectors, whose report the site would show once found."""
    overdue: bool = False
    """An inspection whose expected time has passed with no newer report recorded (the text says so)."""
    plan: Plan | None = None
    """The area's own published plan that this step asks for, when `plans:` links one."""


NOT_FOUND_YET = " That time has passed, and no newer report has been found yet."
"""Said after an expected inspection once its time is past: the page says when the facts were last checked."""


def overdue(steps: list[NextStep], today: date) -> list[NextStep]:
    """The steps, each expected inspection whose time is past marked as overdue and saying so."""
    return [replace(s, text=s.text + NOT_FOUND_YET, overdue=True)
            if s.inspection and s.expected is not None and s.expected < today else s for s in steps]


def linked_plan(area: LocalArea, kind: str) -> Plan | None:
    """The area's latest-listed plan of this kind, if `plans:` links one."""
    return next((p for p in reversed(area.plans) if p.kind == kind), None)


def unrevisited_wsoa(area: LocalArea) -> Event | None:
    """The 2016 inspection that required a written statement of action and has no revisit after it, if any."""
    inspection = next((e for e in reversed(area.events)
                       if e.framework == "2016" and e.kind == "inspection" and e.outcome is Outcome.WSOA_REQUIRED), None)
    if inspection is None or any(e.kind == "revisit" and e.when >= inspection.when for e in area.events):
        return None
    return inspection


def wsoa_deadline(area: LocalArea, today: date) -> WsoaDeadline | None:
    """For the latest 2016 inspection that required a WSOA: its due date and whether one is linked."""
    inspection = next((e for e in reversed(area.events)
                       if e.framework == "2016" and e.kind == "inspection" and e.outcome is Outcome.WSOA_REQUIRED), None)
    if inspection is None or inspection.published is None:
        return None
    due = add_working_days(inspection.published, WSOA_WORKING_DAYS)
    plan = linked_plan(area, "wsoa")
    return WsoaDeadline(inspection, due, plan, missing_after_due=plan is None and today > due)


def next_steps(area: LocalArea, today: date) -> list[NextStep]:
    """What is expected next, from the latest published event (DOMAIN.md 1A and 1B)."""
    if area.is_former:
        return []
    status = area.status
    if status.in_progress is not None:
        return [NextStep("Inspectors have visited. The report is usually published some weeks after the visit; "
                         "this page will show the outcome once it is published.", approximate=True)]
    event = status.event
    if event is None:
        return overdue([NextStep(f"Every area is due a full inspection under the current framework. {_CYCLE_ENDS}",
                                 CURRENT_CYCLE_ENDS, inspection=True)], today)
    if event.kind == "monitoring":
        return overdue(_after_monitoring(area, event), today)
    if event.framework == "2023":
        return overdue(_after_2023(area, event), today)
    return overdue(_after_2016(area, event, today), today)


def _after_2023(area: LocalArea, event: Event) -> list[NextStep]:
    years = event.outcome.terms.next_inspection_years
    steps = [
        NextStep("The partnership must update and publish its SEND strategic plan, taking account of the report.",
                 plan=linked_plan(area, "strategic-plan")),
        NextStep(f"The next full inspection is usually within about {years} years of this one.", add_months(event.when, 12 * years),
                 inspection=True),
        NextStep("Inspectors also hold regular engagement meetings with the partnership's leaders between inspections. "
                 "These are not inspections."),
    ]
    if event.outcome is Outcome.SYSTEMIC_FAILINGS:
        when = add_months(event.published or event.start, MONITORING_AFTER_MONTHS)
        steps.insert(1, NextStep("The partnership must send a priority action plan showing how it will fix each area for "
                                 "priority action.", plan=linked_plan(area, "priority-action-plan")))
        steps.insert(2, NextStep(f"A monitoring inspection usually follows about {MONITORING_AFTER_MONTHS} months "
                                 "after the report, to check progress on the areas for priority action. Ofsted "
                                 "paused monitoring inspections in 2024 and restarted them in 2025.", when,
                                 inspection=True))
    return steps


def _after_monitoring(area: LocalArea, event: Event) -> list[NextStep]:
    full = full_inspection_before(area, event)
    steps = [NextStep("A full reinspection follows. The full inspection's report said it would usually be within about "
                      "three years of that inspection; the monitoring report may say more about its timing.",
                      add_months(full.start, 36) if full and full.start else None, inspection=True)]
    if event.outcome is Outcome.INEFFECTIVE_ACTION:
        steps.insert(0, NextStep("The monitoring report says what happens next. We have not found a public description "
                                 "of the steps that follow a finding of ineffective action.", None))
    steps.append(NextStep("Inspectors also hold regular engagement meetings with the partnership's leaders between "
                          "inspections. These are not inspections."))
    return steps


def _after_2016(area: LocalArea, event: Event, today: date) -> list[NextStep]:
    steps = []
    if event.kind == "inspection" and event.outcome is Outcome.WSOA_REQUIRED:
        deadline = wsoa_deadline(area, today)
        if deadline:
            steps.append(NextStep(f"The area had to write a written statement of action, reported as due within "
                                  f"{WSOA_WORKING_DAYS} working days of the report.", deadline.due, approximate=False,
                                  plan=deadline.plan))
        if unrevisited_wsoa(area) is not None:
            steps.append(NextStep("No revisit of this inspection has been found, in Ofsted's official statistics or in "
                                  "the other sources we checked. Revisits under this framework ended in December 2022. The "
                                  "Department for Education and NHS England also monitored progress on statements of action."))
        else:
            steps.append(NextStep("Ofsted and the CQC revisited areas with a written statement of action, usually within "
                                  "18 months of the statement being accepted, to check progress."))
    elif event.kind == "revisit" and event.outcome in (Outcome.SOME_PROGRESS, Outcome.INSUFFICIENT_PROGRESS):
        steps.append(NextStep("Where progress was not sufficient, the Department for Education and NHS England decided "
                              "the next steps, usually an accelerated progress plan that the area had to publish.",
                              plan=linked_plan(area, "accelerated-progress-plan")))
    steps.append(NextStep(f"The area is due a full inspection under the current framework. {_CYCLE_ENDS}",
                          CURRENT_CYCLE_ENDS, inspection=True))
    return steps


def split_notices(notices: tuple[Notice, ...], today: date) -> tuple[list[Notice], list[Notice]]:
    """(upcoming or running, past) relative to `today`; past ones newest first."""
    upcoming = [n for n in notices if n.last_day >= today]
    past = sorted((n for n in notices if n.last_day < today), key=lambda n: n.starts, reverse=True)
    return upcoming, past
