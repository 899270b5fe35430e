"""The official outcome vocabulary of both inspection frameworks.

Labels and sentences come from the published frameworks (see DOMAIN.md, 1A and 1B);
they are not ours to paraphrase. The short labels for 2023 outcomes are the ones
Ofsted's management information uses.
"""

from __future__ import annotations

from enum import Enum


class Outcome(Enum):
    """Every outcome value an event may carry, with its category for filters and colours."""

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
    def label(self) -> str:
        """Short label shown in tags, tables and the map legend."""
        return LABELS[self]

    @property
    def official_sentence(self) -> str | None:
        """The framework's own outcome sentence (2023 outcomes only), to show in full."""
        return OFFICIAL_SENTENCES.get(self)

    @property
    def tone(self) -> str:
        """"good", "mixed" or "serious": used for the tag's pattern, never alone for meaning."""
        return TONES[self]


LABELS = {
    Outcome.POSITIVE: "Typically positive experiences and outcomes",
    Outcome.INCONSISTENT: "Inconsistent experiences and outcomes",
    Outcome.SYSTEMIC_FAILINGS: "Widespread and/or systemic failings",
    Outcome.WSOA_REQUIRED: "Written statement of action required",
    Outcome.NO_WSOA: "No written statement of action required",
    Outcome.SUFFICIENT_PROGRESS: "Sufficient progress on all significant weaknesses",
    Outcome.SOME_PROGRESS: "Sufficient progress on some significant weaknesses",
    Outcome.INSUFFICIENT_PROGRESS: "Sufficient progress on none of the significant weaknesses",
    Outcome.EFFECTIVE_ACTION: "Monitoring found effective action on the areas for priority action",
    Outcome.INEFFECTIVE_ACTION: "Monitoring found ineffective action on the areas for priority action",
}
"""Monitoring findings: the letters published so far say the partnership "has taken effective action"; a parent
carer forum reports the other finding as "ineffective action" (DOMAIN.md 1B; research of 30 November 2026)."""

OFFICIAL_SENTENCES = {
    Outcome.POSITIVE: (
        "The local area partnership's SEND arrangements typically lead to positive experiences "
        "and outcomes for children and young people with SEND. The local area partnership is "
        "taking action where improvements are needed."
    ),
    Outcome.INCONSISTENT: (
        "The local area partnership's arrangements lead to inconsistent experiences and outcomes "
        "for children and young people with SEND. The local area partnership must work jointly "
        "to make improvements."
    ),
    Outcome.SYSTEMIC_FAILINGS: (
        "There are widespread and/or systemic failings leading to significant concerns about the "
        "experiences and outcomes of children and young people with SEND, which the local area "
        "partnership must address urgently."
    ),
}

TONES = {
    Outcome.POSITIVE: "good",
    Outcome.NO_WSOA: "good",
    Outcome.SUFFICIENT_PROGRESS: "good",
    Outcome.INCONSISTENT: "mixed",
    Outcome.SOME_PROGRESS: "mixed",
    Outcome.WSOA_REQUIRED: "serious",
    Outcome.SYSTEMIC_FAILINGS: "serious",
    Outcome.INSUFFICIENT_PROGRESS: "serious",
    Outcome.EFFECTIVE_ACTION: "mixed",
    Outcome.INEFFECTIVE_ACTION: "serious",
}
"""An area whose monitoring found effective action still has the failings its full inspection found: "mixed"."""

FRAMEWORK_NAMES = {
    "2016": "Local area SEND inspection (2016 to 2022 framework)",
    "2023": "Area SEND inspection (current framework, from 2023)",
}

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
