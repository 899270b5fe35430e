"""The words of both inspection frameworks, and how the site draws them: defined here once.

Every outcome, status category, tone, pattern, framework, kind, region, label, sentence and
timing the site shows is written in this module and nowhere else. Templates, figures, exports
and the importer read it from here.

Labels and sentences come from the published frameworks (see DOMAIN.md, 1A and 1B); they
are not ours to paraphrase. The short labels for 2023 outcomes are the ones Ofsted's
management information uses.

To add an outcome: a member of `Outcome`, the member of `Category` with the same name and
value, and its row in `OUTCOMES`; tests/test_vocabulary.py says what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum, StrEnum


class Tone(StrEnum):
    """The colour and symbol of a tag or a timeline mark; the words always say what it means as well."""

    GOOD = "good"
    MIXED = "mixed"
    SERIOUS = "serious"
    NEUTRAL = "neutral"


class Pattern(StrEnum):
    """The texture and colour of a category's hexagons and chart bars (the theme's partials/_svg_patterns.html)."""

    GOOD = "good"
    """Dots."""
    MIXED = "mixed"
    """Diagonal lines."""
    SERIOUS = "serious"
    """A grid."""
    EFFECTIVE = "effective"
    """Lines and dots: monitoring found effective action."""
    INEFFECTIVE = "ineffective"
    """A grid and lines: monitoring found ineffective action."""
    NONE = "none"
    """Plain: no outcome to show."""
    AWAITING = "awaiting"
    """A dash: inspected, the report not published yet."""


class Outcome(Enum):
    """Every outcome value an event may carry (the words and drawing of each are in OUTCOMES)."""

    POSITIVE = "positive"
    INCONSISTENT = "inconsistent"
    SYSTEMIC_FAILINGS = "systemic-failings"
    WSOA_REQUIRED = "wsoa-required"
    NO_WSOA = "no-wsoa"
    SUFFICIENT_PROGRESS = "sufficient-progress"
    SOME_PROGRESS = "some-progress"
    INSUFFICIENT_PROGRESS = "insufficient-progress"
    EFFECTIVE_ACTION = "effective-action"
    INEFFECTIVE_ACTION = "ineffective-action"

    @property
    def terms(self) -> OutcomeTerms:
        """Everything this module says about the outcome."""
        return OUTCOMES[self]

    @property
    def label(self) -> str:
        """Short label shown in tags, tables and the map legend."""
        return OUTCOMES[self].label

    @property
    def official_sentence(self) -> str | None:
        """The framework's own outcome sentence (2023 outcomes only), to show in full."""
        return OUTCOMES[self].sentence

    @property
    def tone(self) -> Tone:
        """The tag's colour and symbol, never alone for meaning."""
        return OUTCOMES[self].tone

    @property
    def pattern(self) -> Pattern:
        """The fill of the outcome's hexagons and chart bars."""
        return OUTCOMES[self].pattern

    @property
    def short(self) -> str:
        """Two to four words, for the timeline strip's labels."""
        return OUTCOMES[self].short

    @property
    def legend(self) -> str:
        """The words in a map's or chart's key."""
        return OUTCOMES[self].legend or OUTCOMES[self].label

    @property
    def framework(self) -> str:
        """The framework ("2016" or "2023") whose events may have this outcome."""
        return OUTCOMES[self].framework

    @property
    def kind(self) -> str:
        """The kind of event (inspection, revisit or monitoring) whose outcome this is."""
        return OUTCOMES[self].kind

    @property
    def found(self) -> str:
        """What inspectors found, to follow "inspectors found" in a sentence (revisits and monitoring)."""
        label = OUTCOMES[self].label
        return OUTCOMES[self].found or label[0].lower() + label[1:]

    @property
    def category(self) -> Category:
        """The outcome as a status, map or chart category."""
        return Category(self.value)


class Category(StrEnum):
    """What an area, a hexagon or a bar is counted under: an outcome, or a state that has none.

    A StrEnum, so a category is also the plain string the exports, filters and data files use.
    Each Outcome has the member of the same name and value; its words are the outcome's.
    """

    POSITIVE = Outcome.POSITIVE.value
    INCONSISTENT = Outcome.INCONSISTENT.value
    SYSTEMIC_FAILINGS = Outcome.SYSTEMIC_FAILINGS.value
    WSOA_REQUIRED = Outcome.WSOA_REQUIRED.value
    NO_WSOA = Outcome.NO_WSOA.value
    SUFFICIENT_PROGRESS = Outcome.SUFFICIENT_PROGRESS.value
    SOME_PROGRESS = Outcome.SOME_PROGRESS.value
    INSUFFICIENT_PROGRESS = Outcome.INSUFFICIENT_PROGRESS.value
    EFFECTIVE_ACTION = Outcome.EFFECTIVE_ACTION.value
    INEFFECTIVE_ACTION = Outcome.INEFFECTIVE_ACTION.value
    AWAITING_REPORT = "awaiting-report"
    """Inspected, and the report is not published yet (a status, the current map and the chart by year)."""
    NOT_INSPECTED = "not-inspected"
    """No inspection recorded at all (a status)."""
    NOT_INSPECTED_2023 = "not-inspected-2023"
    """No outcome under the current framework yet (the current map and the chart by region)."""
    NOT_INSPECTED_2016 = "not-inspected-2016"
    """No inspection under the 2016 framework (the map of those inspections)."""
    NOT_REVISITED = "not-revisited"
    """A written statement of action required and no revisit (the chart of the 2016 inspections)."""

    @property
    def outcome(self) -> Outcome | None:
        """The outcome this category is, if it is one."""
        return _OUTCOME_BY_VALUE.get(self.value)

    @property
    def terms(self) -> Terms:
        """Everything this module says about the category."""
        outcome = self.outcome
        return OUTCOMES[outcome] if outcome is not None else STATES[self]

    @property
    def label(self) -> str:
        """The words in tags, lists, tables and the search filter."""
        return self.terms.label

    @property
    def tone(self) -> Tone:
        """The tag's colour and symbol."""
        return self.terms.tone

    @property
    def pattern(self) -> Pattern:
        """The fill of hexagons and chart bars."""
        return self.terms.pattern

    @property
    def legend(self) -> str:
        """The words in a map's or chart's key."""
        return self.terms.legend or self.terms.label

    @property
    def short(self) -> str | None:
        """Two to four words, for the timeline strip (outcomes, and a report not published yet)."""
        return self.terms.short


@dataclass(frozen=True, kw_only=True)
class Terms:
    """How one category is said and drawn."""

    label: str
    """In tags, lists, tables and the search filter."""
    pattern: Pattern
    tone: Tone = Tone.NEUTRAL
    legend: str | None = None
    """In maps' and charts' keys, where that differs from `label`."""
    short: str | None = None
    """Two to four words for the timeline strip."""


@dataclass(frozen=True, kw_only=True)
class OutcomeTerms(Terms):
    """How one outcome is said and drawn, which event it belongs to, and how Ofsted words it."""

    framework: str
    kind: str
    tone: Tone
    short: str
    sentence: str | None = None
    """The framework's own outcome sentence, shown in full."""
    also_worded: tuple[str, ...] = ()
    """Other wordings of `sentence` that published reports use, for the importer to recognise."""
    found: str | None = None
    """What inspectors found, after "inspectors found", where the label does not read so."""
    statistics_answer: str | None = None
    """The answer in Ofsted's 2016 to 2022 statistics that means this outcome (in the column for its kind)."""
    grade: str | None = None
    """The "Outcome Grade" that scraped 2023 reports give this outcome."""
    next_inspection_years: int | None = None
    """2023 full inspections: the next full inspection is usually within about this many years."""


OUTCOMES: dict[Outcome, OutcomeTerms] = {
    Outcome.POSITIVE: OutcomeTerms(
        framework="2023", kind="inspection", label="Typically positive experiences and outcomes",
        short="Typically positive", tone=Tone.GOOD, pattern=Pattern.GOOD, grade="1.0", next_inspection_years=5,
        sentence=(
            "The local area partnership's SEND arrangements typically lead to positive experiences "
            "and outcomes for children and young people with SEND. The local area partnership is "
            "taking action where improvements are needed."
        ),
        # The wording of the reports published in 2023 (Brighton and Hove, Hartlepool, Rutland, Telford and
        # Wrekin); Ofsted's management information records them as positive.
        also_worded=(
            "The local area partnership's arrangements typically lead to positive experiences and "
            "outcomes for children and young people with SEND. The local area partnership is taking "
            "action where improvements are needed.",
        ),
    ),
    Outcome.INCONSISTENT: OutcomeTerms(
        framework="2023", kind="inspection", label="Inconsistent experiences and outcomes",
        short="Inconsistent", tone=Tone.MIXED, pattern=Pattern.MIXED, grade="2.0", next_inspection_years=3,
        sentence=(
            "The local area partnership's arrangements lead to inconsistent experiences and outcomes "
            "for children and young people with SEND. The local area partnership must work jointly "
            "to make improvements."
        ),
    ),
    Outcome.SYSTEMIC_FAILINGS: OutcomeTerms(
        framework="2023", kind="inspection", label="Widespread and/or systemic failings",
        short="Systemic failings", tone=Tone.SERIOUS, pattern=Pattern.SERIOUS, grade="3.0", next_inspection_years=3,
        sentence=(
            "There are widespread and/or systemic failings leading to significant concerns about the "
            "experiences and outcomes of children and young people with SEND, which the local area "
            "partnership must address urgently."
        ),
    ),
    Outcome.WSOA_REQUIRED: OutcomeTerms(
        framework="2016", kind="inspection", label="Written statement of action required",
        short="Statement of action required", tone=Tone.SERIOUS, pattern=Pattern.SERIOUS, statistics_answer="Yes",
    ),
    Outcome.NO_WSOA: OutcomeTerms(
        framework="2016", kind="inspection", label="No written statement of action required",
        short="No statement of action", tone=Tone.GOOD, pattern=Pattern.GOOD, statistics_answer="No",
    ),
    Outcome.SUFFICIENT_PROGRESS: OutcomeTerms(
        framework="2016", kind="revisit", label="Sufficient progress on all significant weaknesses",
        legend="Revisit: sufficient progress on all weaknesses", short="Sufficient progress: all",
        tone=Tone.GOOD, pattern=Pattern.GOOD, statistics_answer="Yes",
    ),
    Outcome.SOME_PROGRESS: OutcomeTerms(
        framework="2016", kind="revisit", label="Sufficient progress on some significant weaknesses",
        legend="Revisit: sufficient progress on some weaknesses", short="Sufficient progress: some",
        tone=Tone.MIXED, pattern=Pattern.MIXED, statistics_answer="Some",
    ),
    Outcome.INSUFFICIENT_PROGRESS: OutcomeTerms(
        framework="2016", kind="revisit", label="Sufficient progress on none of the significant weaknesses",
        legend="Revisit: sufficient progress on none", short="Sufficient progress: none",
        tone=Tone.SERIOUS, pattern=Pattern.SERIOUS, statistics_answer="No",
    ),
    # Monitoring findings: the letters published so far say the partnership "has taken effective action"; a parent
    # carer forum reports the other finding as "ineffective action" (DOMAIN.md 1B; research of 30 November 2026).
    # An area whose monitoring found effective action still has the failings its full inspection found: "mixed".
    Outcome.EFFECTIVE_ACTION: OutcomeTerms(
        framework="2023", kind="monitoring",
        label="Monitoring found effective action on the areas for priority action",
        found="effective action on the areas for priority action",
        short="Effective action", tone=Tone.MIXED, pattern=Pattern.EFFECTIVE,
    ),
    Outcome.INEFFECTIVE_ACTION: OutcomeTerms(
        framework="2023", kind="monitoring",
        label="Monitoring found ineffective action on the areas for priority action",
        found="ineffective action on the areas for priority action",
        short="Ineffective action", tone=Tone.SERIOUS, pattern=Pattern.INEFFECTIVE,
    ),
}
"""Every outcome's words and drawing, in the order of `Outcome`."""

STATES: dict[Category, Terms] = {
    Category.AWAITING_REPORT: Terms(label="Inspected, report not yet published", short="Report not published yet",
                                    pattern=Pattern.AWAITING),
    Category.NOT_INSPECTED: Terms(label="No inspection recorded yet", pattern=Pattern.NONE),
    Category.NOT_INSPECTED_2023: Terms(label="Not inspected under the current framework yet", pattern=Pattern.NONE),
    Category.NOT_INSPECTED_2016: Terms(label="Not inspected under the 2016 framework", pattern=Pattern.NONE),
    Category.NOT_REVISITED: Terms(label="Not revisited", pattern=Pattern.NONE),
}
"""The categories that are not outcomes: their words and drawing (all neutral tags)."""

_OUTCOME_BY_VALUE = {o.value: o for o in Outcome}

WITHOUT_OUTCOME = (Category.AWAITING_REPORT, Category.NOT_INSPECTED)
"""What an area's status is when it has no published outcome."""
STATUS_CATEGORIES = (*(o.category for o in Outcome), *WITHOUT_OUTCOME)
"""What an area's status can be (LocalArea.status.category), in the order lists and counts give them."""


def outcomes_of(framework: str, kind: str | None = None) -> tuple[Outcome, ...]:
    """The outcomes an event of this framework (and kind) may have, in the order of `Outcome`."""
    return tuple(o for o in Outcome if o.framework == framework and (kind is None or o.kind == kind))


# Views of OUTCOMES by one attribute, for code that wants a plain mapping.
LABELS = {o: t.label for o, t in OUTCOMES.items()}
OFFICIAL_SENTENCES = {o: t.sentence for o, t in OUTCOMES.items() if t.sentence}
TONES = {o: t.tone for o, t in OUTCOMES.items()}

FRAMEWORK_NAMES = {
    "2016": "Local area SEND inspection (2016 to 2022 framework)",
    "2023": "Area SEND inspection (current framework, from 2023)",
}

FRAMEWORK_SHORT_NAMES = {
    "2016": "2016 framework",
    "2023": "current framework",
}
"""Beside an outcome in a list of areas, to say which framework it is from."""

KIND_NAMES = {
    ("2016", "inspection"): "Inspection",
    ("2016", "revisit"): "Revisit",
    ("2023", "inspection"): "Full inspection",
    ("2023", "monitoring"): "Monitoring inspection",
}

PROVENANCE = {
    "official-statistics": "Ofsted's official statistics or management information",
    "report": "the inspection report or letter itself",
    "secondary": "a secondary source, such as a council, a parent carer forum, Parliament or the news, reporting the report",
}
"""How an event is known (`provenance`), strongest first, in the words the area page uses."""

REGIONS = (
    "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West",
)

# --- Timings (DOMAIN.md 1A and 1B) -------------------------------------------------------------------

WSOA_WORKING_DAYS = 70
"""Days to write a WSOA (a secondary source; DOMAIN.md 1A marks the official source missing)."""

MONITORING_AFTER_MONTHS = 18
"""A monitoring inspection usually follows a report of widespread and/or systemic failings by about this many months."""

CURRENT_CYCLE_ENDS = date(2027, 12, 31)
"""Ofsted says the current cycle of full inspections ends in December 2027."""
