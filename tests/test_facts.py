"""Derived facts: working days, WSOA deadlines, status and what happens next."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from site_builder.domain.facts import add_months, add_working_days, next_steps, split_notices, wsoa_deadline
from site_builder.domain.status import build_status
from site_builder.domain.models import Event, LocalArea, Notice, Plan
from site_builder.domain.vocabulary import Outcome


def event(kind="inspection", framework="2016", start=date(2018, 1, 15), published=date(2018, 3, 6), outcome=Outcome.WSOA_REQUIRED):
    return Event(framework=framework, kind=kind, start=start, source="https://x.example/",
                 published=published, outcome=outcome)


def area(*events, plans=(), ended=None):
    return LocalArea(slug="testshire", name="Testshire", gss_code="E10000901", region="London", last_reviewed=date(2026, 1, 1),
                     source_path=Path("testshire.yaml"), events=tuple(events), plans=tuple(plans), ended=ended)


def test_working_days_skip_weekends_and_bank_holidays():
    # 6 March 2018 + 70 working days, skipping Good Friday, Easter Monday and two May bank holidays.
    assert add_working_days(date(2018, 3, 6), 70) == date(2018, 6, 18)
    assert add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)  # Christmas and Boxing Day
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Friday -> Monday


def test_add_months_clamps_to_month_end():
    assert add_months(date(2024, 8, 31), 18) == date(2026, 2, 28)
    assert add_months(date(2024, 6, 3), 36) == date(2027, 6, 3)


def test_wsoa_missing_only_after_due_date():
    history = area(event())
    assert wsoa_deadline(history, date(2018, 6, 18)).missing_after_due is False
    assert wsoa_deadline(history, date(2018, 6, 19)).missing_after_due is True
    linked = area(event(), plans=[Plan(kind="wsoa", title="WSOA", url="https://x.example/wsoa")])
    assert wsoa_deadline(linked, date(2026, 1, 1)).missing_after_due is False


def test_no_wsoa_deadline_without_wsoa():
    assert wsoa_deadline(area(event(outcome=Outcome.NO_WSOA)), date(2026, 1, 1)) is None


def test_latest_published_outcome_wins():
    history = area(event(), event(kind="revisit", start=date(2019, 10, 7), published=date(2019, 11, 20), outcome=Outcome.SOME_PROGRESS))
    status = build_status(history)
    assert status.outcome is Outcome.SOME_PROGRESS and status.category == "some-progress"
    assert status.headline == ("At its revisit in October 2019 (letter published 20 November 2019), inspectors found "
                               "sufficient progress on some significant weaknesses.")


def test_unpublished_inspection_is_in_progress_not_an_outcome():
    unpublished = Event(framework="2023", kind="inspection", start=date(2026, 11, 2), source="https://x.example/")
    status = build_status(area(event(), unpublished))
    assert status.outcome is Outcome.WSOA_REQUIRED and status.in_progress == unpublished
    assert build_status(area(unpublished)).category == "awaiting-report"
    assert build_status(area()).category == "not-inspected"


def test_next_steps_after_each_2023_outcome():
    def steps(outcome):
        latest = event(framework="2023", start=date(2024, 6, 3), published=date(2024, 7, 19), outcome=outcome)
        return next_steps(area(latest), date(2026, 11, 23))

    positive = steps(Outcome.POSITIVE)
    assert [s.expected for s in positive if s.expected] == [date(2029, 6, 3)]
    assert all("priority action plan" not in s.text for s in positive)
    failings = steps(Outcome.SYSTEMIC_FAILINGS)
    assert [s.expected for s in failings if s.expected] == [date(2026, 1, 19), date(2027, 6, 3)]
    assert any("priority action plan" in s.text for s in failings)
    assert all(s.approximate for s in failings if s.expected)



def test_each_step_that_asks_for_a_plan_carries_the_area_plan_of_that_kind():
    plans = [Plan(kind=k, title=k, url=f"https://x.example/{k}") for k in
             ("wsoa", "accelerated-progress-plan", "priority-action-plan", "strategic-plan")]
    today = date(2026, 11, 23)

    def linked(*events):
        return sorted(s.plan.kind for s in next_steps(area(*events, plans=plans), today) if s.plan)

    assert linked(event()) == ["wsoa"]
    revisit = event(kind="revisit", start=date(2019, 10, 7), published=date(2019, 11, 20), outcome=Outcome.INSUFFICIENT_PROGRESS)
    assert linked(event(), revisit) == ["accelerated-progress-plan"]
    failings = event(framework="2023", start=date(2024, 6, 3), published=date(2024, 7, 19), outcome=Outcome.SYSTEMIC_FAILINGS)
    assert linked(failings) == ["priority-action-plan", "strategic-plan"]
    positive = event(framework="2023", start=date(2024, 6, 3), published=date(2024, 7, 19), outcome=Outcome.POSITIVE)
    assert linked(positive) == ["strategic-plan"]
    assert not any(s.plan for s in next_steps(area(failings), today))  # nothing linked, nothing claimed


def test_an_expected_inspection_whose_time_has_passed_says_no_newer_report_has_been_found():
    latest = event(framework="2023", start=date(2024, 6, 3), published=date(2024, 7, 19), outcome=Outcome.SYSTEMIC_FAILINGS)
    before = next_steps(area(latest), date(2026, 1, 18))
    after = next_steps(area(latest), date(2026, 1, 20))
    monitoring = [s for s in after if s.expected == date(2026, 1, 19)]
    assert [s.overdue for s in monitoring] == [True] and monitoring[0].text.endswith(
        "That time has passed, and no newer report has been found yet.")
    assert not any(s.overdue for s in before) and not any("no newer report" in s.text for s in before)
    assert [s.overdue for s in after if s.expected == date(2027, 6, 3)] == [False]  # the full reinspection is not due

    assert next_steps(area(event(), ended=date(2023, 3, 31)), date(2026, 1, 1)) == []


def test_notices_split_on_today():
    def notice(day):
        return Notice(kind="webinar", title=str(day), starts=datetime(2026, 11, day, 18, 30), starts_has_time=True)

    upcoming, past = split_notices((notice(1), notice(23), notice(30), notice(10)), date(2026, 11, 23))
    assert [n.title for n in upcoming] == ["1", "23", "30", "10"][1:3]
    assert [n.title for n in past] == ["10", "1"]
