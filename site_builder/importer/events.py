"""Turn the official inspection files and the d2i scrape into inspection events.

Pure functions: CSV rows in, ``(gss_code, Event)`` pairs out; problems are appended to
``warnings`` as plain sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Iterable, Mapping

from site_builder.importer.areas import AreaIndex
from site_builder.importer.read_csv import count, iso_date, uk_date  # parse_uk_date is re-exported
from site_builder.importer.outcomes import GRADE_OUTCOMES, describes_monitoring, match_outcome
from site_builder.domain.vocabulary import Outcome, outcomes_of

RELEASE_2022 = (
    "https://www.gov.uk/government/statistics/"
    "area-send-inspections-and-outcomes-in-england-as-at-31-august-2022"
)
MI_2023 = (
    "https://www.gov.uk/government/statistical-data-sets/"
    "area-send-inspections-and-outcomes-in-england-management-information-summer-term-2022-to-2023"
)
REPORTS = "https://reports.ofsted.gov.uk/provider/44/"
SCRAPE_NOTE = "This record was extracted automatically from the published report."
NO_OUTCOME_NOTE = "The outcome could not be read from the report automatically, so it is not shown here."

WSOA = {o.terms.statistics_answer: o.value for o in outcomes_of("2016", "inspection")}
"""The 2016 to 2022 file's answer to "written statement of action required?" -> outcome."""
REVISIT = {o.terms.statistics_answer: o.value for o in outcomes_of("2016", "revisit")}
"""The 2016 to 2022 file's answer to "sufficient progress in addressing all significant weaknesses?" -> outcome."""
MI_OUTCOMES = {o.label: o.value for o in outcomes_of("2023", "inspection")}
"""The management information's outcome -> outcome: our labels for 2023 outcomes are the ones it uses."""
KIND_ORDER = {"inspection": 0, "revisit": 1, "monitoring": 2}


@dataclass(frozen=True)
class Event:
    """One inspection event; field order is the key order in the YAML file."""

    framework: str
    kind: str
    start: date | str  # a date, or "YYYY-MM" when only the month is known
    end: date | None = None
    published: date | None = None
    outcome: str | None = None
    outcome_text: str | None = None
    significant_weaknesses: int | None = None
    progress: tuple[int, int] | None = None  # (sufficient, insufficient)
    priority_actions: int | None = None
    report_url: str | None = None
    source: str | None = None
    provenance: str | None = None  # official-statistics, report or secondary (outcomes.PROVENANCE)
    note: str | None = None

    def items(self) -> list[tuple[str, Any]]:
        """Return the fields that have a value, in file order."""
        return [(f.name, getattr(self, f.name)) for f in fields(self) if getattr(self, f.name) is not None]

    def sort_key(self) -> tuple[str, int]:
        """Chronological order: by start, then inspection before revisit."""
        return (str(self.start), KIND_ORDER.get(self.kind, 9))


AreaEvent = tuple[str, Event]


def events_2016(rows: Iterable[Mapping[str, str]], index: AreaIndex, warnings: list[str]) -> list[AreaEvent]:
    """Read the 2016-2022 official file: one inspection per row, plus its revisit if any."""
    result: list[AreaEvent] = []
    for row in rows:
        code, name = row["Local authority code"].strip(), row["Area name"].strip()
        gss = index.resolve_gss(code)
        if gss is None:
            warnings.append(f"2016-2022 file: no area has the code {code} ({name}); row left out.")
            continue
        wsoa = WSOA.get(row["Inspection outcome: written statement of action required?"].strip())
        if wsoa is None:
            warnings.append(f"2016-2022 file: {name} has no recognised outcome; row left out.")
            continue
        report_url = row["Web link to Ofsted local authority webpage"].strip() or None
        urn = index.areas[gss].ofsted_urn if gss in index.areas else None
        if report_url and urn and report_url.startswith(REPORTS) and report_url != f"{REPORTS}{urn}":
            # 22 of the file's links carry the Department for Education's number, not the area's Ofsted number.
            report_url = f"{REPORTS}{urn}"
        result.append((gss, Event(
            framework="2016",
            kind="inspection",
            start=iso_date(row, "Inspection start date", required=True),
            published=iso_date(row, "Inspection publication date"),
            outcome=wsoa,
            significant_weaknesses=(
                count(row, "Number significant weaknesses identified in written statement of action")
                if wsoa == Outcome.WSOA_REQUIRED.value else None
            ),
            report_url=report_url,
            source=RELEASE_2022,
            provenance="official-statistics",
        )))
        revisit = row["Revisit start date"].strip()
        if not revisit or revisit == "Not revisited yet":
            continue
        answer = row["Revisit outcome: sufficient progress in addressing all significant weaknesses?"].strip()
        made = count(row, "Number significant weaknesses where sufficient progress has been made")
        not_made = count(row, "Number significant weaknesses where sufficient progress has not been made")
        result.append((gss, Event(
            framework="2016",
            kind="revisit",
            start=iso_date(row, "Revisit start date", required=True),
            published=iso_date(row, "Revisit publication date"),
            outcome=REVISIT.get(answer),
            progress=(made, not_made) if made is not None and not_made is not None else None,
            report_url=report_url,
            source=RELEASE_2022,
            provenance="official-statistics",
        )))
        if answer not in REVISIT:
            warnings.append(f"2016-2022 file: {name}'s revisit has no recognised outcome ({answer!r}).")
    return result


def events_mi(rows: Iterable[Mapping[str, str]], index: AreaIndex, warnings: list[str],
              source: str = MI_2023) -> list[AreaEvent]:
    """Read Ofsted's 2023-framework management information (matched on area name); each event cites `source`, the
    release's page (the 2022-23 release unless the weekly update found a newer one)."""
    result: list[AreaEvent] = []
    for row in rows:
        name = row["Local.area.partnership"].strip()
        gss = index.match_name(name)
        start = uk_date(row, "Inspection.start.date")
        outcome = MI_OUTCOMES.get(row["Inspection.outcome"].strip())
        if gss is None or start is None:
            warnings.append(f"Management information: could not place the row for {name!r}; left out.")
            continue
        if outcome is None:
            warnings.append(f"Management information: {name} has an unknown outcome; outcome left out.")
        urn = index.areas[gss].ofsted_urn
        result.append((gss, Event(
            framework="2023",
            kind="inspection",
            start=start,
            published=uk_date(row, "Inspection.publication.date"),
            outcome=outcome,
            priority_actions=(
                count(row, "Number.of.areas.for.priority.action")
                if outcome == Outcome.SYSTEMIC_FAILINGS.value else None
            ),
            report_url=f"{REPORTS}{urn}" if urn else None,
            source=source,
            provenance="official-statistics",
        )))
    return result


def _scraped_area(row: Mapping[str, str], index: AreaIndex) -> str | None:
    by_urn = index.by_urn.get(int(row["URN"])) if row["URN"].strip().isdigit() else None
    by_la = index.by_la_number.get(int(row["La Code"])) if row["La Code"].strip().isdigit() else None
    if by_urn and by_la and by_urn != by_la:
        return None
    return by_urn or by_la


def events_scraped(
    rows: Iterable[Mapping[str, str]], index: AreaIndex, official: list[AreaEvent], warnings: list[str]
) -> list[AreaEvent]:
    """Read the d2i scrape of 2023-framework reports, skipping inspections the MI already gives."""
    result: list[AreaEvent] = []
    for row in rows:
        label = f"{row['Local Authority'].strip()} (URN {row['URN'].strip()})"
        gss = _scraped_area(row, index)
        if gss is None:
            warnings.append(f"Scraped row for {label}: URN and DfE number do not identify one area; left out.")
            continue
        start = uk_date(row, "Inspection Start Date")
        published = uk_date(row, "Publication Date")
        if start is None:
            when = f"published {published.isoformat()}" if published else "no publication date"
            warnings.append(f"Scraped row for {label} ({when}) has no usable start date, so no event was made.")
            continue
        matched = match_outcome(row["Inspection Outcome Text"])
        draft = Event("2023", "inspection", start, published=published, outcome=matched[0] if matched else None)
        twin = next((e for g, e in official if g == gss and same_inspection(e, draft)), None)
        if twin is not None:
            _compare_with_mi(index.areas[gss].name, twin, draft, warnings)
            continue
        result.append((gss, _scraped_event(row, label, draft, warnings)))
    return result


def _compare_with_mi(name: str, official: Event, scraped: Event, warnings: list[str]) -> None:
    if official.start != scraped.start:
        warnings.append(
            f"{name}: management information gives start {official.start}, the scrape "
            f"{scraped.start}; the management information was used."
        )
    if scraped.outcome and official.outcome and scraped.outcome != official.outcome:
        warnings.append(f"{name}: the scraped outcome differs from the management information; MI used.")


def _scraped_event(row: Mapping[str, str], label: str, draft: Event, warnings: list[str]) -> Event:
    text = " ".join(row["Inspection Outcome Text"].split())
    matched = match_outcome(row["Inspection Outcome Text"])
    kind, outcome, outcome_text = "inspection", None, None
    if matched:
        outcome, outcome_text = matched
        grade = GRADE_OUTCOMES.get(row["Outcome Grade"].strip())
        if grade and grade != outcome:
            warnings.append(f"Scraped row for {label}: the outcome sentence and grade disagree; outcome left out.")
            outcome = outcome_text = None
    elif describes_monitoring(text):
        kind, outcome_text = "monitoring", text
        warnings.append(f"Scraped row for {label} was read as a monitoring inspection; please check it.")
    else:
        warnings.append(
            f"Scraped row for {label}: the quoted text ({text[:60]!r}) matches no official outcome "
            "sentence, so the event has no outcome."
        )
    link = row["Inspection Link"].strip()
    report_url = f"{REPORTS}{row['URN'].strip()}"
    return Event(
        framework="2023",
        kind=kind,
        start=draft.start,
        end=uk_date(row, "Inspection End Date"),
        published=draft.published,
        outcome=outcome,
        outcome_text=outcome_text,
        report_url=report_url,
        source=link if link.startswith(("https://", "http://")) else report_url,
        provenance="report",  # the report's own sentence, matched against the official wording
        note=SCRAPE_NOTE if outcome or kind == "monitoring" else f"{SCRAPE_NOTE} {NO_OUTCOME_NOTE}",
    )


def same_inspection(a: Event, b: Event) -> bool:
    """Tell whether two 2023 inspection records describe the same inspection."""
    if (a.framework, a.kind) != (b.framework, b.kind):
        return False
    if a.start == b.start or (a.published is not None and a.published == b.published):
        return True
    if isinstance(a.start, date) and isinstance(b.start, date):
        return abs((a.start - b.start).days) <= 14
    return False
