"""Dates as the content writes them: a day (2024-03-05) or only a month (2017-01), shown in words."""

from __future__ import annotations

from datetime import date


class Month(date):
    """A date known only to its month (written 2017-01 in content): it sorts as the month's first day and
    shows as the month, so no day is ever invented."""

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"Month({self.year}, {self.month})"

    def __reduce__(self) -> tuple:
        return (Month, (self.year, self.month, 1))


def in_words(day: date) -> str:
    """GOV.UK style: 6 March 2018, or March 2018 for a Month."""
    return f"{day:%B %Y}" if isinstance(day, Month) else f"{day.day} {day:%B %Y}"


def parse_day(text: str) -> date:
    """2024-03-05 as a date, 2017-01 as a Month."""
    return Month(int(text[:4]), int(text[5:7]), 1) if len(text) == 7 else date.fromisoformat(text)
