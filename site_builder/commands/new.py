"""`site-builder new area` and `new event`: commented skeletons a maintainer fills in.

Anything the maintainer did not give is written as a placeholder that `check` rejects
with a plain message, so a skeleton can never be published with invented facts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from site_builder.site.addresses import slugify

PLACEHOLDER_DATE = "YYYY-MM-DD"


def area_skeleton(name: str, today: date, gss_code: str | None = None, region: str | None = None) -> str:
    """The text of a new content/areas/<slug>.yaml."""
    return f"""# yaml-language-server: $schema=../../site_builder/schemas/area.schema.json
# A new local area. Fill in each value, then run: site-builder check
# See CONTRIBUTING.md for every key and what it means.
name: {_quote(name)}
gss_code: {gss_code or 'E06000000'}   # the council's ONS code, from https://www.ons.gov.uk/ (must be unique)
region: {_quote(region) if region else 'CHOOSE ONE'}   # North East, North West, Yorkshire and The Humber, East Midlands, West Midlands, East of England, London, South East or South West
# la_number: 822                  # Department for Education number (optional)
# ofsted_urn: 80428               # from the area's address on reports.ofsted.gov.uk/provider/44/<urn> (optional)
# council_url: https://www.example.gov.uk/
# local_offer_url: https://...
# help:                           # local help and complaint routes
#   - kind: sendiass              # sendiass, parent-carer-forum, council-complaints, nhs-complaints or other
#     name: ... SENDIASS
#     url: https://...
events: []                        # add inspections with: site-builder new event <slug>
last_reviewed: {today.isoformat()}
"""


def event_skeleton(framework: str | None, kind: str | None, start: str | None, source: str | None,
                   provenance: str | None = None) -> str:
    """The lines of one new event, indented to sit under `events:`; led by its permanent id when the start is given."""
    identity = (f"  - id: {kind or 'inspection'}-{start}   # its permanent address: never change it, even to correct a date\n    "
                if start else "  - ")
    return identity + f"""framework: "{framework or 'CHOOSE 2016 OR 2023'}"
    kind: {kind or 'inspection'}          # inspection; revisit (2016 only); monitoring (2023 only)
    start: {start or PLACEHOLDER_DATE}    # first day of the inspection
    # end: {PLACEHOLDER_DATE}
    # published: {PLACEHOLDER_DATE}     # add when the report is published, with the outcome
    # outcome: ...                        # 2023: positive, inconsistent or systemic-failings; 2016: wsoa-required or no-wsoa
    # report_url: https://reports.ofsted.gov.uk/provider/44/<urn>
    source: {source or '"PASTE THE WEB ADDRESS WHERE YOU FOUND THIS"'}   # required: https://...
    provenance: {provenance or '"CHOOSE official-statistics, report OR secondary"'}   # required: how the source knows
"""


def add_event_text(area_text: str, event_text: str) -> str:
    """Insert an event at the top of the file's `events:` list (order in the file does not matter)."""
    lines = area_text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("events:"):
            if line.split("#")[0].strip() == "events: []":
                lines[index] = "events:\n"
            return "".join(lines[:index + 1]) + event_text + "".join(lines[index + 1:])
    position = next((i for i, line in enumerate(lines) if line.startswith("last_reviewed:")), len(lines))
    if position == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join(lines[:position]) + "events:\n" + event_text + "".join(lines[position:])


def new_area_path(areas_dir: Path, name: str) -> Path:
    """Where a new area named `name` goes."""
    return areas_dir / f"{slugify(name)}.yaml"


def _quote(text: str) -> str:
    return f'"{text}"' if any(ch in text for ch in ":#'\"") else text
