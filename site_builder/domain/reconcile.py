"""The content checked against Ofsted's published yearly totals (content/ofsted-totals.yaml).

Ofsted counts full inspections under the current framework by the year they were carried
out. This module counts the content the same way, says where the two differ, and warns
(an error with `check --strict`) about a difference that no `difference:` explains.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from site_builder.errors import ContentError
from site_builder.domain.models import Content, LocalArea, OfficialTotal
from site_builder.domain.vocabulary import Category, Outcome

COUNTED = (Outcome.POSITIVE, Outcome.INCONSISTENT, Outcome.SYSTEMIC_FAILINGS)
"""The outcomes Ofsted's yearly totals count."""


@dataclass(frozen=True)
class YearCheck:
    """One year of Ofsted's totals beside this site's count."""

    official: OfficialTotal
    ours: dict[str, int]
    """This site's count: "inspections" and each outcome value."""

    @property
    def theirs(self) -> dict[str, int]:
        """Ofsted's count, keyed like `ours`."""
        t = self.official
        return {"inspections": t.inspections, Outcome.POSITIVE.value: t.positive,
                Outcome.INCONSISTENT.value: t.inconsistent, Outcome.SYSTEMIC_FAILINGS.value: t.systemic_failings}

    @property
    def ours_counted(self) -> tuple[int, ...]:
        """This site's count of each of COUNTED, in that order."""
        return tuple(self.ours[o.value] for o in COUNTED)

    @property
    def theirs_counted(self) -> tuple[int, ...]:
        """Ofsted's count of each of COUNTED, in that order."""
        return tuple(self.theirs[o.value] for o in COUNTED)

    @property
    def matches(self) -> bool:
        """Whether this site counts exactly what Ofsted counts."""
        return self.ours == self.theirs


def count_by_year(areas: Iterable[LocalArea]) -> dict[int, Counter]:
    """Full inspections under the current framework by the year they started, by category (dates unknown: left out)."""
    years: dict[int, Counter] = {}
    for area in areas:
        for event in area.events:
            if event.framework == "2023" and event.kind == "inspection" and event.start is not None:
                category = event.outcome.category if event.outcome else Category.AWAITING_REPORT
                years.setdefault(event.start.year, Counter())[category] += 1
    return dict(sorted(years.items()))


def check_years(content: Content) -> list[YearCheck]:
    """Every year of Ofsted's totals with this site's count beside it."""
    return check_years_of(content.areas, content.totals)


def check_years_of(areas: Iterable[LocalArea], totals: Iterable[OfficialTotal]) -> list[YearCheck]:
    """check_years for any areas and totals."""
    counted = count_by_year(areas)
    checks = []
    for official in totals:
        year = counted.get(official.year, Counter())
        ours = {"inspections": sum(year.values()), **{o.value: year[o.value] for o in COUNTED}}
        checks.append(YearCheck(official, ours))
    return checks


def totals_warnings(content: Content) -> list[ContentError]:
    """A warning for each year whose count differs from Ofsted's with no `difference` to say why."""
    warnings = []
    for index, check in enumerate(check_years(content)):
        if check.matches or check.official.difference:
            continue
        parts = ", ".join(f"{key.replace('-', ' ')} {check.ours[key]} (Ofsted: {value})"
                          for key, value in check.theirs.items() if check.ours[key] != value)
        warnings.append(ContentError(content.totals_path, check.official.line, f"years[{index}]",
                                     f"this site's count differs from Ofsted's: {parts}. Find the missing or extra "
                                     "inspection, or say why under difference:", severity="warning"))
    return warnings
