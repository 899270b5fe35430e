"""Build the list of local area partnerships from mySociety's council list and the d2i lookup.

Pure functions: CSV rows in, :class:`AreaRecord` values out. See ``importer`` for the
slug rule and for what happens to former areas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Iterable, Mapping

from site_builder.importer.read_csv import iso_date

UPPER_TIER_TYPES = frozenset({"CTY", "UA", "MD", "LBO", "CC"})

REGIONS = (
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
_REGION_BY_LOWER = {r.lower(): r for r in REGIONS}

# mySociety gives Dorset County a single successor, but the borough of Christchurch
# left the county for Bournemouth, Christchurch and Poole on 1 April 2019.
EXTRA_SUCCESSORS: Mapping[str, tuple[str, ...]] = {"DOR": ("BPC",)}

# The lookup's `domain` column holds the children's services website, which for a
# few areas belongs to a children's trust or to a shared service, not the council.
NOT_COUNCIL_SITES = frozenset({"richmondandwandsworth.gov.uk"})


@dataclass(frozen=True)
class DistrictRecord:
    """A district council (lower tier) inside a county area, or a former one inside any area."""

    name: str
    gss_code: str
    ended: date | None = None
    alt_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class AreaRecord:
    """One local area partnership, current or former, as the data describe it."""

    gss_code: str
    name: str
    slug: str
    region: str
    la_number: int | None = None
    ofsted_urn: int | None = None
    council_url: str | None = None
    former_gss_codes: tuple[str, ...] = ()
    ended: date | None = None
    replaced_by: tuple[str, ...] = ()  # GSS codes of successors
    predecessors: tuple[str, ...] = ()  # GSS codes of former areas it replaced
    is_former: bool = False
    alt_names: tuple[str, ...] = ()  # other names people use for the area
    districts: tuple[DistrictRecord, ...] = ()  # district councils in the area, current and former
    neighbours: tuple[str, ...] = ()  # GSS codes of its DfE statistical neighbours, in the DfE's order


@dataclass
class AreaIndex:
    """Areas keyed by GSS code, with the ways other files refer to them."""

    areas: dict[str, AreaRecord] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # old GSS -> GSS of the same area
    by_la_number: dict[int, str] = field(default_factory=dict)
    by_urn: dict[int, str] = field(default_factory=dict)
    by_name: dict[str, set[str]] = field(default_factory=dict)  # current areas only

    def resolve_gss(self, code: str) -> str | None:
        """Return the GSS code of the area a (possibly old) GSS code refers to."""
        code = code.strip()
        if code in self.areas:
            return code
        return self.aliases.get(code)

    def match_name(self, name: str) -> str | None:
        """Return the GSS code of the one current area with this name, if exactly one."""
        found = self.by_name.get(normalise_name(name), set())
        return next(iter(found)) if len(found) == 1 else None


def slugify(name: str) -> str:
    """Turn a display name into a slug: lowercase ASCII letters, digits and hyphens."""
    text = name.lower().replace("&", " and ").replace("’", "").replace("'", "").replace(".", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def display_name(nice_name: str) -> str:
    """Return the everyday name of an area from mySociety's `nice-name`."""
    name = nice_name.strip()
    if name.endswith(" Council"):
        name = name[: -len(" Council")]
    if name.startswith("City of ") and name != "City of London":
        name = name[len("City of ") :]
    return re.sub(r"^St\. ", "St ", name)


def normalise_name(name: str) -> str:
    """Reduce a name to a key for matching names across files."""
    text = name.lower().replace("&", " and ").replace("’", "'").replace("-", " ")
    text = re.sub(r"[.,'()\[\]]", " ", text)
    text = re.sub(r"\bcity of\b", " ", text)
    return " ".join(text.split())


def canonical_region(name: str) -> str | None:
    """Return the region in mySociety's spelling, or None if it is not an English region."""
    return _REGION_BY_LOWER.get(" ".join(name.split()).lower())


def council_url(domain: str) -> str | None:
    """Return https://<domain>/ when the lookup's domain is a council's own website."""
    domain = domain.strip().lower().rstrip("/")
    if not domain.endswith(".gov.uk") or domain in NOT_COUNCIL_SITES or "/" in domain:
        return None
    return f"https://{domain}/"


def _int_or_none(text: str) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def _is_upper_tier_england(row: Mapping[str, str]) -> bool:
    return row["nation"] == "England" and row["local-authority-type"] in UPPER_TIER_TYPES


def build_areas(
    mysociety_rows: Iterable[Mapping[str, str]],
    lookup_rows: Iterable[Mapping[str, str]],
    warnings: list[str],
) -> AreaIndex:
    """Build the index of current areas and of former areas that may need their own file."""
    rows = [r for r in mysociety_rows if _is_upper_tier_england(r)]
    current = [r for r in rows if r["current-authority"] == "True"]
    former = [r for r in rows if r["current-authority"] != "True"]
    by_code = {r["local-authority-code"]: r for r in rows}
    lookup = list(lookup_rows)
    lookup_by_gss = {r["la_code_new"].strip(): r for r in lookup if r["la_code_new"].strip()}
    lookup_former = [r for r in lookup if not r["la_code_new"].strip()]

    successors: dict[str, tuple[str, ...]] = {}
    for r in former:
        codes = [c.strip() for c in r["replaced-by"].split(",") if c.strip()]
        codes += EXTRA_SUCCESSORS.get(r["local-authority-code"], ())
        successors[r["local-authority-code"]] = tuple(sorted(set(codes)))
    predecessor_count: dict[str, int] = {}
    for codes in successors.values():
        for c in codes:
            predecessor_count[c] = predecessor_count.get(c, 0) + 1

    index = AreaIndex()
    no_site: list[str] = []
    for r in current:
        gss = r["gss-code"].strip()
        name = display_name(r["nice-name"])
        look = lookup_by_gss.get(gss)
        region = canonical_region(r["region"])
        if look is not None:
            ons_region = canonical_region(look["rgn22nm"])
            if ons_region and region and ons_region != region:
                warnings.append(
                    f"mySociety puts {name} in {region}, but the ONS region in the d2i lookup "
                    f"({look['rgn22cd']}) is {ons_region}; the importer used {ons_region}."
                )
            region = ons_region or region
        else:
            warnings.append(f"{name} ({gss}) has no row in the d2i lookup, so it has no DfE number or URN.")
        url = council_url(look["domain"]) if look else None
        if look is not None and url is None:
            no_site.append(f"{name} ({look['domain']})")
        old_codes = [c.strip() for c in r["former-gss-codes"].split(",") if c.strip()]
        index.areas[gss] = AreaRecord(
            gss_code=gss,
            name=name,
            slug=slugify(name),
            region=region or "",
            la_number=_int_or_none(look["la_code"]) if look else None,
            ofsted_urn=_int_or_none(look["urn"]) if look else None,
            council_url=url,
            former_gss_codes=tuple(sorted(old_codes)),
        )
        for old in old_codes:
            index.aliases[old] = gss
        if look is not None:
            for number, table in ((look["la_code"], index.by_la_number), (look["urn"], index.by_urn)):
                if _int_or_none(number) is not None:
                    table[int(number)] = gss
        names = [r["nice-name"], r["official-name"], name]
        if look is not None:
            names.append(look["local_authority_ons_name"])
            names += look["also_known_as"].strip("[]").split(",")
        for n in names:
            if n.strip():
                index.by_name.setdefault(normalise_name(n), set()).add(gss)
    if no_site:
        warnings.append(
            "No council_url for these areas, because the lookup's domain is not the council's "
            "own website: " + "; ".join(sorted(no_site)) + "."
        )

    for r in former:
        _add_former(index, r, by_code, successors, predecessor_count, lookup_former, warnings)
    return index


def _add_former(
    index: AreaIndex,
    row: Mapping[str, str],
    by_code: Mapping[str, Mapping[str, str]],
    successors: Mapping[str, tuple[str, ...]],
    predecessor_count: Mapping[str, int],
    lookup_former: list[Mapping[str, str]],
    warnings: list[str],
) -> None:
    """Record a former council as an alias (same boundary) or as a former area of its own."""
    code = row["local-authority-code"]
    gss = row["gss-code"].strip()
    succ_gss = tuple(by_code[c]["gss-code"].strip() for c in successors[code] if c in by_code)
    if not succ_gss:
        warnings.append(f"Former council {row['nice-name']} ({gss}) has no known successor; left out.")
        return
    if len(succ_gss) == 1 and predecessor_count.get(successors[code][0]) == 1:
        # Same boundary, new council and code: its history belongs to the successor's file.
        target = succ_gss[0]
        index.aliases[gss] = target
        if target in index.areas:
            rec = index.areas[target]
            codes = tuple(sorted(set(rec.former_gss_codes) | {gss}))
            index.areas[target] = replace(rec, former_gss_codes=codes)
        return
    end = iso_date(row, "end-date")
    starts = {by_code[c]["start-date"].strip() for c in successors[code] if c in by_code}
    if end is not None and end.isoformat() in starts:
        # mySociety sometimes gives the successor's first day as the end date.
        end -= timedelta(days=1)
    region = canonical_region(row["region"])
    if region is None:
        regions = {index.areas[g].region for g in succ_gss if g in index.areas}
        region = regions.pop() if len(regions) == 1 else ""
    name = display_name(row["nice-name"])
    look = next(
        (l for l in lookup_former if normalise_name(l["local_authority_ons_name"]) == normalise_name(name)),
        None,
    )
    index.areas[gss] = AreaRecord(
        gss_code=gss,
        name=name,
        slug=slugify(name),
        region=region,
        # The lookup's URNs for former councils are not the ids Ofsted used for their
        # area SEND letters, so only the DfE number is taken.
        la_number=_int_or_none(look["la_code"]) if look else None,
        ended=end,
        replaced_by=succ_gss,
        is_former=True,
    )


def finalise_areas(index: AreaIndex, keep_former: set[str]) -> dict[str, AreaRecord]:
    """Drop former areas with no history and link the kept ones to their successors."""
    result = {g: a for g, a in index.areas.items() if not a.is_former or g in keep_former}
    for gss, area in list(result.items()):
        if not area.is_former:
            continue
        for succ in area.replaced_by:
            if succ in result:
                s = result[succ]
                result[succ] = replace(s, predecessors=tuple(sorted(set(s.predecessors) | {gss})))
    return result
