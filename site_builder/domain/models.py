"""The content as plain, frozen data: what the YAML and Markdown files say, validated.

Each field's docstring names the YAML key it comes from. Nothing here knows about
HTML or files on disk; derived facts (latest outcome, due dates) live in facts.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

from site_builder.domain.dates import Month
from site_builder.domain.status import Status, build_status
from site_builder.domain.vocabulary import KIND_NAMES, Outcome


@dataclass(frozen=True)
class Progress:
    """`progress:` on a 2016 revisit."""

    sufficient: int
    """`progress.sufficient`: weaknesses where progress was sufficient."""
    insufficient: int
    """`progress.insufficient`: weaknesses where progress was not sufficient."""


@dataclass(frozen=True)
class Event:
    """One entry of `events:`: an inspection, revisit or monitoring inspection."""

    framework: str
    """`framework`: "2016" or "2023"."""
    kind: str
    """`kind`: inspection, revisit or monitoring."""
    start: date | None
    """`start`: first day of fieldwork (a Month when only the month is known; None when no source gives it)."""
    source: str
    """`source`: where these facts were taken from."""
    provenance: str = "secondary"
    """`provenance`: how the facts are known: official-statistics, report or secondary (outcomes.PROVENANCE)."""
    end: date | None = None
    """`end`: last day of fieldwork (a Month when only the month is known)."""
    published: date | None = None
    """`published`: when the report was published (a Month when only the month is known); None while it is not."""
    outcome: Outcome | None = None
    """`outcome`: the official outcome value."""
    outcome_text: str | None = None
    """`outcome_text`: the report's own outcome sentence, verbatim."""
    significant_weaknesses: int | None = None
    """`significant_weaknesses`: 2016 inspection with a WSOA: how many."""
    progress: Progress | None = None
    """`progress`: 2016 revisit: weaknesses by progress."""
    priority_actions: int | None = None
    """`priority_actions`: 2023 inspection: areas for priority action."""
    report_url: str | None = None
    """`report_url`: the letter or report."""
    note: str | None = None
    """`note`: a caveat shown with the event (Markdown)."""
    summary: str | None = None
    """`summary`: a plain-English summary (Markdown)."""
    id: str = ""
    """`id`: the event's permanent identifier, in its address (/areas/<slug>/#<id>), the data files and the feed.
    Written once and never changed, so that correcting a date breaks no link; left out, it is `derived_id`."""
    line: int = field(default=0, compare=False)
    """Line of the event in its file, for warnings (not part of `==`)."""

    id_written: bool = field(default=False, init=False, compare=False, repr=False)
    """Whether the file gives the `id` (check asks for it on a published event that has none)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "id_written", bool(self.id))
        if not self.id:
            object.__setattr__(self, "id", self.derived_id)

    @property
    def derived_id(self) -> str:
        """The identifier an event gets from its kind and dates: inspection-2018-01-15, or, when no source gives
        the start, inspection-published-2026-03-09. Every event published before ids were written has this one."""
        if self.start is None:
            return f"{self.kind}-published-{self.published.isoformat()}"
        return f"{self.kind}-{self.start.isoformat()}"

    @property
    def start_is_month(self) -> bool:
        """True when no source gives the day the fieldwork started, only its month."""
        return isinstance(self.start, Month)

    @property
    def when(self) -> date:
        """When it happened, for ordering and years: the start, or the publication when the start is not known."""
        return self.start if self.start is not None else self.published

    @property
    def title(self) -> str:
        """"Full inspection", "Revisit", ... in the framework's words."""
        return KIND_NAMES[(self.framework, self.kind)]

    @property
    def is_published(self) -> bool:
        """Whether the outcome is public (an outcome without a published date counts)."""
        return self.published is not None or self.outcome is not None or self.outcome_text is not None


@dataclass(frozen=True)
class HelpRoute:
    """One entry of `help:`: a local service for help or complaints."""

    kind: str
    """`kind`: sendiass, parent-carer-forum, council-complaints, nhs-complaints or other."""
    name: str
    """`name`: the service's name."""
    url: str
    """`url`: its web page."""
    phone: str | None = None
    """`phone`: phone number."""
    email: str | None = None
    """`email`: email address."""


@dataclass(frozen=True)
class Plan:
    """One entry of `plans:`: a plan or statement the area published."""

    kind: str
    """`kind`: wsoa, accelerated-progress-plan, priority-action-plan, strategic-plan or other."""
    title: str
    """`title`: the plan's title."""
    url: str
    """`url`: where it is published."""
    published: date | None = None
    """`published`: when it was published."""


@dataclass(frozen=True)
class Notice:
    """One entry of `notices:`: a chance for families to have a say."""

    kind: str
    """`kind`: webinar, survey, meeting or other."""
    title: str
    """`title`: what it is."""
    starts: datetime
    """`starts`: date or date-time, UK local time (midnight when only a date is given)."""
    starts_has_time: bool
    """True when `starts` gave a time of day."""
    ends: datetime | None = None
    """`ends`: date or date-time, UK local time."""
    ends_has_time: bool = False
    """True when `ends` gave a time of day."""
    url: str | None = None
    """`url`: where to sign up or take part."""
    details: str | None = None
    """`details`: more about it (Markdown)."""
    line: int = field(default=0, compare=False)
    """Line of the notice in its file, for warnings (not part of `==`)."""

    @property
    def last_day(self) -> date:
        """The last day the notice applies to."""
        return (self.ends or self.starts).date()


@dataclass(frozen=True)
class District:
    """One entry of `districts:`: a district council inside the area."""

    name: str
    """`name`: the district council's everyday name."""
    gss_code: str
    """`gss_code`: its ONS code (E07...)."""
    ended: date | None = None
    """`ended`: for a former district council, the last day it existed."""
    alt_names: tuple[str, ...] = ()
    """`alt_names`: other names of the district."""
    line: int = field(default=0, compare=False)
    """Line of the district in its file, for errors (not part of `==`)."""

    @property
    def is_former(self) -> bool:
        """True for a district council that no longer exists."""
        return self.ended is not None


@dataclass(frozen=True)
class LocalArea:
    """A local area partnership: one content/areas/<slug>.yaml (and optional .md)."""

    slug: str
    """The file name without .yaml: the page's permanent address /areas/<slug>/."""
    name: str
    """`name`: the name people know it by."""
    gss_code: str
    """`gss_code`: ONS code, unique across areas."""
    region: str
    """`region`: one of the nine English regions."""
    last_reviewed: date
    """`last_reviewed`: when a maintainer last checked the file."""
    source_path: Path
    """The YAML file this came from."""
    former_gss_codes: tuple[str, ...] = ()
    """`former_gss_codes`: older ONS codes for the same area."""
    la_number: int | None = None
    """`la_number`: DfE local authority number."""
    ofsted_urn: int | None = None
    """`ofsted_urn`: Ofsted's number for the area."""
    council_url: str | None = None
    """`council_url`: the council's website."""
    local_offer_url: str | None = None
    """`local_offer_url`: the council's Local Offer website."""
    ended: date | None = None
    """`ended`: for a former area, the last day it existed."""
    replaced_by: tuple[str, ...] = ()
    """`replaced_by`: slugs of successor areas."""
    predecessors: tuple[str, ...] = ()
    """`predecessors`: slugs of former areas this one replaced."""
    redirect_from: tuple[str, ...] = ()
    """`redirect_from`: old slugs of this area whose addresses must keep working."""
    alt_names: tuple[str, ...] = ()
    """`alt_names`: other names people use for the area."""
    districts: tuple[District, ...] = ()
    """`districts`: district councils inside the area, current and former."""
    neighbours: tuple[str, ...] = ()
    """`neighbours`: slugs of its statistical neighbours, in the Department for Education's order."""
    help: tuple[HelpRoute, ...] = ()
    """`help`: local help and complaint routes."""
    events: tuple[Event, ...] = ()
    """`events`: the inspection history, oldest first."""
    plans: tuple[Plan, ...] = ()
    """`plans`: the area's own plans."""
    notices: tuple[Notice, ...] = ()
    """`notices`: chances to have a say."""
    notes: str | None = None
    """Markdown from content/areas/<slug>.md, if there is one."""
    notes_path: Path | None = None
    """The Markdown notes file, if there is one."""
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """The line of each top-level key in the YAML file, kept when the file is read so later checks need not read it
    again. Left out of `==`: two areas that say the same things are equal wherever their keys sit."""

    @property
    def is_former(self) -> bool:
        """True for an area that no longer exists."""
        return self.ended is not None

    def line_of(self, key: str) -> int | None:
        """The line of a top-level key in the area's file, or None when the file does not have it."""
        return self.lines.get(key)

    @cached_property
    def status(self) -> Status:
        """Where the area stands (facts.build_status), worked out once: pages, maps and data files all ask."""
        return build_status(self)

    @property
    def current_districts(self) -> tuple[District, ...]:
        """The district councils that exist now."""
        return tuple(d for d in self.districts if not d.is_former)

    @property
    def former_districts(self) -> tuple[District, ...]:
        """The district councils that no longer exist."""
        return tuple(d for d in self.districts if d.is_former)

    @property
    def ofsted_url(self) -> str | None:
        """The area's page on Ofsted's reports website."""
        return f"https://reports.ofsted.gov.uk/provider/44/{self.ofsted_urn}" if self.ofsted_urn else None


@dataclass(frozen=True)
class Guide:
    """A guide for parents: content/guides/<slug>.md."""

    slug: str
    """The file name without .md: the page's address /guides/<slug>/."""
    title: str
    """`title`: the guide's heading."""
    summary: str
    """`summary`: a short description (at most 160 characters)."""
    updated: date
    """`updated`: when it was last checked."""
    body: str
    """The Markdown after the front matter."""
    source_path: Path
    """The Markdown file this came from."""
    body_line: int = 1
    """The line the body starts on, for error messages."""
    order: int = 1000
    """`order`: position in the list (lower first)."""
    sources: tuple[str, ...] = ()
    """`sources`: where the facts come from."""


@dataclass(frozen=True)
class GlossaryTerm:
    """One entry of content/glossary.yaml `terms:`."""

    id: str
    """`id`: the permanent anchor on /glossary/."""
    term: str
    """`term`: the term in words."""
    definition: str
    """`definition`: plain-English Markdown."""
    abbr: str | None = None
    """`abbr`: its abbreviation, if any."""
    sources: tuple[str, ...] = ()
    """`sources`: where the definition comes from."""
    line: int | None = field(default=None, compare=False)
    """The line of its `id` in content/glossary.yaml."""


@dataclass(frozen=True)
class OfficialTotal:
    """One year of content/ofsted-totals.yaml: Ofsted's own count of full inspections under the current framework."""

    year: int
    """`year`: the calendar year the inspections were carried out in."""
    inspections: int
    """`inspections`: how many full inspections."""
    positive: int
    """`positive`: how many with the positive outcome."""
    inconsistent: int
    """`inconsistent`: how many with the inconsistent outcome."""
    systemic_failings: int
    """`systemic_failings`: how many found widespread and/or systemic failings."""
    published: date
    """`published`: when Ofsted published the statistics."""
    source: str
    """`source`: the statistics release."""
    difference: str | None = None
    """`difference`: why this site's count differs, if it does."""
    line: int = field(default=0, compare=False)
    """Line of the year in its file, for warnings (not part of `==`)."""


@dataclass(frozen=True)
class Content:
    """Everything loaded from content/, validated."""

    areas: tuple[LocalArea, ...]
    guides: tuple[Guide, ...]
    glossary: tuple[GlossaryTerm, ...] = field(default_factory=tuple)
    glossary_checked: date | None = None
    """content/glossary.yaml `checked`: when the definitions were last checked against their sources."""
    totals: tuple[OfficialTotal, ...] = ()
    """content/ofsted-totals.yaml: Ofsted's published yearly totals, oldest first."""
    totals_path: Path | None = None
    """The file the totals came from, for warnings."""
