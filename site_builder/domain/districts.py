"""Which area covers which district council: the groups shown on /which-area/ and area pages.

Pure functions over validated content. In two-tier parts of England the county council,
not the district council, is the local area for SEND; unitary councils, metropolitan
boroughs and London boroughs are their own area and have no districts.
"""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.domain.models import District, LocalArea


@dataclass(frozen=True)
class DistrictGroup:
    """The district councils one current area covers (or replaced), for a list."""

    area: LocalArea
    """The current area that is the SEND local area for these districts."""
    districts: tuple[District, ...]
    """Sorted by name."""


def _by_name(districts: tuple[District, ...]) -> tuple[District, ...]:
    return tuple(sorted(districts, key=lambda d: d.name.lower()))


def county_groups(areas: tuple[LocalArea, ...]) -> tuple[DistrictGroup, ...]:
    """Every current area with district councils today, by area name, each with its districts."""
    return tuple(DistrictGroup(a, _by_name(a.current_districts))
                 for a in sorted(areas, key=lambda a: a.name.lower()) if not a.is_former and a.current_districts)


def former_groups(areas: tuple[LocalArea, ...]) -> tuple[DistrictGroup, ...]:
    """Every current area that took over former district councils, by area name, each with those districts."""
    return tuple(DistrictGroup(a, _by_name(a.former_districts))
                 for a in sorted(areas, key=lambda a: a.name.lower()) if not a.is_former and a.former_districts)


def district_index(areas: tuple[LocalArea, ...]) -> dict[str, LocalArea]:
    """Each district's GSS code mapped to the current area it belongs to."""
    return {d.gss_code: a for a in areas if not a.is_former for d in a.districts}
