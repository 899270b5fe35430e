"""Similar areas: one plain sentence comparing an area's latest outcome with its statistical neighbours'.

Statistical neighbours are the Department for Education's most similar areas (by population
and need), not a ranking. The sentence only counts matching outcomes: the data cannot say
whether one area's support is better or worse than another's.
"""

from __future__ import annotations

from typing import Sequence

from site_builder.domain.status import Status

FRAMEWORK_WORDS = {"2016": "2016 to 2022 framework", "2023": "current framework"}


def comparison_sentence(area_name: str, status: Status, neighbours: Sequence[Status]) -> str:
    """How many neighbours share the area's latest outcome, in plain words (no "better" or "worse")."""
    total = len(neighbours)
    if total == 0:
        return ""
    these = "this area" if total == 1 else f"these {total} areas"
    if status.outcome is None or status.event is None:
        with_outcome = sum(s.outcome is not None for s in neighbours)
        return (f"{area_name} has no published outcome yet, so there is nothing to compare. "
                f"{with_outcome} of {these} {'has' if with_outcome == 1 else 'have'} one.")
    same = sum(s.category == status.category for s in neighbours)
    label = status.outcome.label.lower()
    if same == 0:
        sentence = f"None of {these} had the same latest outcome as {area_name} ({label})."
    else:
        sentence = f"{same} of {these} had the same latest outcome as {area_name}: {label}."
    framework = status.event.framework
    others = [s.event.framework for s in neighbours if s.event is not None and s.event.framework != framework]
    if others:
        who = "It was" if total == 1 else f"{len(others)} of them {'was' if len(others) == 1 else 'were'}"
        sentence += (f" {who} last given an outcome under the {FRAMEWORK_WORDS[others[0]]}, which used "
                     f"different outcomes from the {FRAMEWORK_WORDS[framework]}.")
    return sentence
