"""Inspections that the 2016-2022 official file mentions only in its notes.

The file's Notes sheet says Dorset (inspected January 2017, written statement of action
required; revisited February 2019, sufficient progress on some weaknesses) and
Northamptonshire (inspected May 2017, no written statement of action) were left out
because those councils no longer exist. Where a public page gives an exact date it is
used and named as the source; otherwise only the month is written and a note says so.
"""

from __future__ import annotations

from datetime import date

from site_builder.importer.events import RELEASE_2022, AreaEvent, Event

DORSET_COUNTY = "E10000009"
NORTHAMPTONSHIRE = "E10000021"

DORSET_REVISIT_PAGE = (
    "https://www.dorsetcouncil.gov.uk/children-families/sen-and-disability-local-offer/"
    "about-our-local-offer/feedback-from-the-ofsted-and-care-quality-commission-cqc-revisit-february-2019"
)
DORSET_PQ = "https://www.parallelparliament.co.uk/question/93057/special-educational-needs-dorset"

MONTH_ONLY = (
    "The official statistics give only the month of this inspection (in the notes to their "
    "data file), so the exact dates are not shown."
)

NOTES_EVENTS: tuple[AreaEvent, ...] = (
    (DORSET_COUNTY, Event(
        framework="2016",
        kind="inspection",
        start="2017-01",
        outcome="wsoa-required",
        significant_weaknesses=4,
        source=RELEASE_2022,
        note=MONTH_ONLY + (
            f" The number of significant weaknesses (4) is from a [written parliamentary answer of "
            f"21 December 2021]({DORSET_PQ})."
        ),
    )),
    (DORSET_COUNTY, Event(
        framework="2016",
        kind="revisit",
        start=date(2019, 2, 11),
        end=date(2019, 2, 13),
        outcome="some-progress",
        progress=(2, 2),
        source=DORSET_REVISIT_PAGE,
        note=(
            "Dates from Dorset Council's page about the revisit; the official statistics give "
            "only \"February 2019\" and no publication date. Progress on 2 of the 4 weaknesses is "
            f"from a [written parliamentary answer of 21 December 2021]({DORSET_PQ})."
        ),
    )),
    (NORTHAMPTONSHIRE, Event(
        framework="2016",
        kind="inspection",
        start="2017-05",
        outcome="no-wsoa",
        source=RELEASE_2022,
        note=MONTH_ONLY,
    )),
)
