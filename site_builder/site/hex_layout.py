"""Derive the site's hex map layout (site_builder/data/hex_layout.json) from Open Innovations' HexJSON.

The starting point is Open Innovations' `uk-upper-tier-local-authorities.hexjson` (odileeds/hexmaps,
commit 04e413a8b26d9e46f80c59611413ad58b75a87ba of 30 October 2020, MIT licence), which predates
the 2021 to 2023 reorganisations. `derive_layout` applies the changes in `CHANGES`, in order:

- Buckinghamshire, North Yorkshire and Somerset keep their hexagon under their new codes
  (E06000060, E06000065, E06000066): same boundaries, new unitary councils.
- Cumbria (E10000006) is split: Westmorland and Furness (E06000064), which borders Lancashire,
  keeps Cumbria's hexagon; Cumberland (E06000063) takes the empty hexagon to its north-west.
- Northamptonshire (E10000021) is split: North Northamptonshire (E06000061) keeps its hexagon
  (beside Leicestershire); Herefordshire and Warwickshire each move one hexagon west into the
  empty edge of their row, and West Northamptonshire (E06000062) takes Warwickshire's old
  hexagon, between Warwickshire and North Northamptonshire and beside Oxfordshire.

Names come from the HexJSON's short `n` field ("Isles of Scilly"; its long `name` field misspells it);
the site shows each area's own name from content/, so these names only make the file readable.

Every change checks where the hexagon was and that its new place is empty, so a different input
fails loudly instead of producing overlapping hexagons. Re-run it after changing the rules:

    .venv/bin/python -m site_builder.hexlayout ../shared/data/odileeds_uk-upper-tier-local-authorities_2020.hexjson

It writes site_builder/data/hex_layout.json (or the path given second). The output is
deterministic: the same input gives a byte-identical file. Coordinates stay "odd-r" offset
coordinates with r growing northwards, as in the HexJSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from site_builder.replace_file import replace_file

LAYOUT_PATH = Path(__file__).resolve().parent.parent / "data" / "hex_layout.json"
"""Where the derived layout lives."""

SOURCE = {
    "name": "UK upper-tier local authorities hex map (uk-upper-tier-local-authorities.hexjson)",
    "publisher": "Open Innovations (formerly ODI Leeds)",
    "url": "https://github.com/odileeds/hexmaps",
    "commit": "04e413a8b26d9e46f80c59611413ad58b75a87ba",
    "licence": "MIT licence, (c) 2017- Open Innovations",
    "licence_url": "https://github.com/odileeds/hexmaps/blob/gh-pages/LICENSE",
}

# Each change: (what, old code, new code, new name, (q, r) before or None, (q, r) after).
# A change with a `before` of None adds a new hexagon; otherwise the hexagon at `before` is
# re-keyed and/or moved. Moves are applied in order, so a hexagon may take a place just vacated.
CHANGES: tuple[tuple[str, str, str, str, tuple[int, int] | None, tuple[int, int]], ...] = (
    ("Buckinghamshire became a unitary council in 2020 (same area, new code)",
     "E10000002", "E06000060", "Buckinghamshire", (8, 6), (8, 6)),
    ("North Yorkshire became a unitary council in 2023 (same area, new code)",
     "E10000023", "E06000065", "North Yorkshire", (10, 13), (10, 13)),
    ("Somerset became a unitary council in 2023 (same area, new code)",
     "E10000027", "E06000066", "Somerset", (3, 2), (3, 2)),
    ("Cumbria split in 2023: Westmorland and Furness keeps Cumbria's hexagon, beside Lancashire",
     "E10000006", "E06000064", "Westmorland and Furness", (6, 14), (6, 14)),
    ("Cumbria split in 2023: Cumberland takes the empty hexagon north-west of Westmorland and Furness",
     "", "E06000063", "Cumberland", None, (5, 15)),
    ("Northamptonshire split in 2021: Herefordshire moves one hexagon west to make room",
     "E06000019", "E06000019", "Herefordshire", (5, 6), (4, 6)),
    ("Northamptonshire split in 2021: Warwickshire moves one hexagon west to make room",
     "E10000031", "E10000031", "Warwickshire", (6, 6), (5, 6)),
    ("Northamptonshire split in 2021: North Northamptonshire keeps Northamptonshire's hexagon, beside Leicestershire",
     "E10000021", "E06000061", "North Northamptonshire", (7, 6), (7, 6)),
    ("Northamptonshire split in 2021: West Northamptonshire takes Warwickshire's old hexagon, beside Oxfordshire",
     "", "E06000062", "West Northamptonshire", None, (6, 6)),
)


def derive_layout(hexjson: dict[str, Any]) -> dict[str, Any]:
    """The site's layout: Open Innovations' hexagons with `CHANGES` applied, keyed by GSS code."""
    if hexjson.get("layout") != "odd-r":
        raise ValueError(f"expected an odd-r HexJSON layout, got {hexjson.get('layout')!r}")
    hexes = {code: {"name": h["n"], "q": int(h["q"]), "r": int(h["r"])} for code, h in hexjson["hexes"].items()}
    for what, old, new, name, before, after in CHANGES:
        if before is not None:
            found = hexes.get(old)
            if found is None or (found["q"], found["r"]) != before:
                raise ValueError(f"{what}: expected {old} at {before}, found {found}")
            del hexes[old]
        taken = [code for code, h in hexes.items() if (h["q"], h["r"]) == after]
        if taken:
            raise ValueError(f"{what}: {after} is already taken by {taken[0]}")
        if new in hexes:
            raise ValueError(f"{what}: {new} already has a hexagon")
        hexes[new] = {"name": name, "q": after[0], "r": after[1]}
    return {
        "about": ("Hex map of England's local areas (upper-tier local authorities), one hexagon each. "
                  "Derived from Open Innovations' hex map by site_builder/site/hex_layout.py; do not edit by hand, "
                  "change CHANGES there and re-run it."),
        "source": SOURCE,
        "layout": "odd-r",
        "rows": "r grows northwards; odd rows are shifted half a hexagon east",
        "changes": [what for what, *_ in CHANGES],
        "hexes": dict(sorted(hexes.items())),
    }


def layout_json(layout: dict[str, Any]) -> str:
    """The layout as JSON text: header fields indented, then one hexagon per line (for readable diffs)."""
    header = {k: v for k, v in layout.items() if k != "hexes"}
    head = json.dumps(header, indent=2, ensure_ascii=False)[:-2]
    rows = ",\n".join(f"    {json.dumps(code)}: {json.dumps(h, ensure_ascii=False)}" for code, h in layout["hexes"].items())
    return f'{head},\n  "hexes": {{\n{rows}\n  }}\n}}\n'


def main(argv: list[str] | None = None) -> int:
    """`python -m site_builder.hexlayout HEXJSON [OUTPUT]`: write the derived layout."""
    args = sys.argv[1:] if argv is None else argv
    if not 1 <= len(args) <= 2:
        print("usage: python -m site_builder.hexlayout HEXJSON [OUTPUT]", file=sys.stderr)
        return 2
    source = json.loads(Path(args[0]).read_text("utf-8"))
    target = Path(args[1]) if len(args) == 2 else LAYOUT_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    text = layout_json(derive_layout(source))
    replace_file(target, text)
    print(f"Wrote {len(json.loads(text)['hexes'])} hexagons to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
