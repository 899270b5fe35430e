"""Place district councils, other names and statistical neighbours on the areas to import.

Pure functions: CSV rows and the :class:`AreaIndex` in, plain values out.

* Districts: every English non-metropolitan district (mySociety `local-authority-type`
  NMD). A current district belongs to the area of its county (`county-la`); a former one
  is followed through `replaced-by` to the council that covers it now (a current district's
  county, or a unitary council such as North Yorkshire). Parents look for the district
  they live in, so each area file lists the districts it covers.
* Other names: mySociety's `alt-names` and the d2i lookup's `also_known_as`, kept only
  when they add a word to the area's own name ("Medway Towns", "BCP"), so that search
  finds the area by them without repeating "Council" and "Borough" variants.
* Statistical neighbours: the Department for Education's ten most similar areas, from
  the d2i lookup's `stat_neighbours_la_code` (GSS codes) with `stat_neighbours` (DfE
  numbers) as a fallback for a code that is not an area's code now. A code of a former
  area that was split (Cumbria, Northamptonshire) cannot name one successor, so that
  neighbour is left out with a warning.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Iterable, Mapping

from site_builder.importer.areas import AreaIndex, AreaRecord, DistrictRecord, display_name
from site_builder.importer.read_csv import iso_date

DISTRICT_TYPE = "NMD"

# Words that make a name variant different without making it a different name.
GENERIC_WORDS = frozenset({
    "and", "borough", "boro", "ca", "city", "council", "county", "district", "london", "mdc", "metropolitan",
    "of", "royal", "the", "ua", "corporation",
})
_SMALL_WORDS = frozenset({"and", "of", "the", "upon", "on", "in", "with", "under"})
_TRAILING_TYPE = re.compile(r"\s+((district|borough|city|county)\s+)?(council|UA|CA)$", re.I)


def name_words(name: str) -> set[str]:
    """The words of a name, lower case, with "&" read as "and" and punctuation dropped."""
    text = name.lower().replace("&", " and ").replace("’", "'").replace("-", " ")
    return set(re.sub(r"[.,'()\[\]]", " ", text).split())


def tidy_name(name: str) -> str:
    """A name variant fit to show: no trailing "Council" or "UA", and capitals when the source had none."""
    name = _TRAILING_TYPE.sub("", " ".join(name.split()))
    if name != name.lower():
        return name
    words = name.split(" ")
    return " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def other_names(name: str, candidates: Iterable[str]) -> tuple[str, ...]:
    """The candidates that add a word to `name` (ignoring "Council", "Borough" and the like), once each."""
    own = name_words(name)
    seen: set[frozenset[str]] = set()
    found: list[str] = []
    for candidate in candidates:
        candidate = candidate.strip().strip("[]").strip()
        words = frozenset(name_words(candidate) - GENERIC_WORDS)
        if not candidate or not (words - own) or words in seen:
            continue
        seen.add(words)
        found.append(tidy_name(candidate))
    return tuple(found)


def _split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _end_date(row: Mapping[str, str], by_code: Mapping[str, Mapping[str, str]]) -> date | None:
    """The last day a former council existed (mySociety sometimes gives its successor's first day)."""
    end = iso_date(row, "end-date")
    if end is None:
        return None
    starts = {by_code[c]["start-date"].strip() for c in _split(row["replaced-by"]) if c in by_code}
    return end - timedelta(days=1) if end.isoformat() in starts else end


def covering_council(row: Mapping[str, str], by_code: Mapping[str, Mapping[str, str]]) -> Mapping[str, str] | None:
    """The current council that covers a district now: its own row, or its successor's, followed to the end."""
    seen = {row["local-authority-code"]}
    while row["current-authority"] != "True":
        successors = _split(row["replaced-by"])
        if len(successors) != 1 or successors[0] not in by_code or successors[0] in seen:
            return None
        seen.add(successors[0])
        row = by_code[successors[0]]
    return row


def district_area(row: Mapping[str, str], by_code: Mapping[str, Mapping[str, str]], index: AreaIndex) -> str | None:
    """The GSS code of the current area a district (current or former) belongs to, if exactly one."""
    council = covering_council(row, by_code)
    if council is None:
        return None
    if council["local-authority-type"] == DISTRICT_TYPE:
        council = by_code.get(council["county-la"].strip())
        if council is None:
            return None
    gss = index.resolve_gss(council["gss-code"])
    if gss is None or index.areas[gss].is_former:
        return None
    return gss


def districts_by_area(
    mysociety_rows: Iterable[Mapping[str, str]], index: AreaIndex, warnings: list[str]
) -> dict[str, tuple[DistrictRecord, ...]]:
    """Every English district council, current or former, grouped by the GSS code of its area."""
    rows = list(mysociety_rows)
    by_code = {r["local-authority-code"]: r for r in rows}
    found: dict[str, list[DistrictRecord]] = {}
    for row in rows:
        if row["nation"] != "England" or row["local-authority-type"] != DISTRICT_TYPE:
            continue
        name = display_name(row["nice-name"])
        gss = district_area(row, by_code, index)
        if gss is None:
            warnings.append(f"District council {name} ({row['gss-code']}) belongs to no single current area; left out.")
            continue
        current = row["current-authority"] == "True"
        found.setdefault(gss, []).append(DistrictRecord(
            name=name,
            gss_code=row["gss-code"].strip(),
            ended=None if current else _end_date(row, by_code),
            alt_names=other_names(name, _split(row["alt-names"])),
        ))
    return {g: tuple(sorted(ds, key=lambda d: (d.ended is not None, d.name.lower()))) for g, ds in found.items()}


def alt_names_by_area(
    mysociety_rows: Iterable[Mapping[str, str]], lookup_rows: Iterable[Mapping[str, str]], index: AreaIndex
) -> dict[str, tuple[str, ...]]:
    """Other names of each current area, from mySociety (and same-boundary former councils) and the lookup."""
    candidates: dict[str, list[str]] = {}
    for row in mysociety_rows:
        if row["nation"] != "England" or row["local-authority-type"] == DISTRICT_TYPE:
            continue
        gss = index.resolve_gss(row["gss-code"])
        if gss is not None and not index.areas[gss].is_former:
            candidates.setdefault(gss, []).extend(_split(row["alt-names"]))
    for row in lookup_rows:
        gss = index.resolve_gss(row["la_code_new"]) if row["la_code_new"].strip() else None
        if gss is not None:
            candidates.setdefault(gss, []).extend(_split(row["also_known_as"].strip("[]")))
    result = {g: other_names(index.areas[g].name, names) for g, names in candidates.items()}
    return {g: names for g, names in result.items() if names}


def _neighbour(code: str, number: str, index: AreaIndex) -> str | None:
    """The current area a neighbour's GSS code names, else the one its DfE number names."""
    gss = index.resolve_gss(code) if code else None
    if gss is not None and not index.areas[gss].is_former:
        return gss
    gss = index.by_la_number.get(int(number)) if number.isdigit() else None
    if gss is not None and not index.areas[gss].is_former:
        return gss
    return None


def neighbours_by_area(
    lookup_rows: Iterable[Mapping[str, str]], index: AreaIndex, warnings: list[str]
) -> dict[str, tuple[str, ...]]:
    """Each current area's statistical neighbours (GSS codes of current areas), in the DfE's order."""
    result: dict[str, tuple[str, ...]] = {}
    for row in lookup_rows:
        own = index.resolve_gss(row["la_code_new"]) if row["la_code_new"].strip() else None
        if own is None or index.areas[own].is_former:
            continue  # former areas need no neighbours
        name = index.areas[own].name
        codes, numbers = _split(row["stat_neighbours_la_code"]), _split(row["stat_neighbours"])
        if not codes and not numbers:
            warnings.append(f"{name} has no statistical neighbours in the d2i lookup.")
            continue
        found: list[str] = []
        for i in range(max(len(codes), len(numbers))):
            code = codes[i] if i < len(codes) else ""
            number = numbers[i] if i < len(numbers) else ""
            gss = _neighbour(code, number, index)
            if gss is None:
                old = index.resolve_gss(code) if code else None
                why = (f"is the former area {index.areas[old].name}, which has more than one successor"
                       if old is not None else "is not the code or DfE number of a current area")
                warnings.append(f"{name}: statistical neighbour {code or number} {why}; left out.")
            elif gss != own and gss not in found:
                found.append(gss)
        result[own] = tuple(found)
    return result


def add_places(
    areas: Mapping[str, AreaRecord],
    mysociety_rows: Iterable[Mapping[str, str]],
    lookup_rows: Iterable[Mapping[str, str]],
    index: AreaIndex,
    warnings: list[str],
) -> dict[str, AreaRecord]:
    """The areas with their districts, other names and statistical neighbours filled in."""
    mysociety_rows, lookup_rows = list(mysociety_rows), list(lookup_rows)
    districts = districts_by_area(mysociety_rows, index, warnings)
    names = alt_names_by_area(mysociety_rows, lookup_rows, index)
    neighbours = neighbours_by_area(lookup_rows, index, warnings)
    return {
        gss: replace(area, districts=districts.get(gss, ()), alt_names=names.get(gss, ()),
                     neighbours=tuple(n for n in neighbours.get(gss, ()) if n in areas))
        for gss, area in areas.items()
    }
