"""Synthetic content for the benchmark: N fictional areas, ~12 guides and a glossary, as YAML and Markdown.

Everything is fictional ("Synthshire 0042", example.org addresses) and deterministic: the
same size and seed give the same files, so figures from different runs are comparable.
The files use the real content format, so the builder loads, validates and renders them
exactly as it does content/.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

REGIONS = ("North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
           "East of England", "London", "South East", "South West")
STEMS = ("Abbotsmere", "Brackenford", "Cindervale", "Dunmarsh", "Eldercombe", "Foxbury", "Glimmerton", "Hollowfield",
         "Ivystone", "Juniper Vale", "Kestrelham", "Larkmoor", "Mossbridge", "Nettlecombe", "Oakhollow", "Pebbleford",
         "Quillington", "Rookwood", "Synthshire", "Thistlebury", "Umberleigh", "Vellmoor", "Wrenfield", "Yarrowby", "Zephyrton")
OUTCOME_TEXT = {
    "positive": "The local area partnership's special educational needs and/or disabilities (SEND) arrangements typically "
                "lead to positive experiences and outcomes for children and young people with SEND.",
    "inconsistent": "The local area partnership's arrangements lead to inconsistent experiences and outcomes for "
                    "children and young people with special educational needs and/or disabilities (SEND).",
    "systemic-failings": "There are widespread and/or systemic failings leading to significant concerns about the "
                         "experiences and outcomes of children and young people with special educational needs "
                         "and/or disabilities (SEND), which the local area partnership must address urgently.",
}
STATS = "https://www.example.org/statistics/area-send-inspections-and-outcomes"
TODAY = date(2026, 11, 23)
WORDS = ("parents", "carers", "children", "young people", "support", "plans", "school", "council", "health", "services",
         "inspectors", "waiting times", "assessment", "advice", "families", "reviews", "needs", "help", "meeting", "report")


def write_content(root: Path, areas: int, seed: int = 7) -> Path:
    """Write content/ for `areas` areas (about 1 in 50 of them former areas) under `root`; return the content folder."""
    rng = random.Random(seed)
    content = root / "content"
    (content / "areas").mkdir(parents=True, exist_ok=True)
    (content / "guides").mkdir(parents=True, exist_ok=True)
    names = [f"{STEMS[i % len(STEMS)]} {i:04d}" for i in range(areas)]
    slugs = [_slug(n) for n in names]
    former = {i for i in range(areas) if i % 50 == 49 and i + 1 < areas}
    for i in range(areas):
        successor = slugs[i + 1] if i in former else None
        predecessor = slugs[i - 1] if i - 1 in former else None
        text = area_yaml(rng, i, names[i], successor, predecessor)
        (content / "areas" / f"{slugs[i]}.yaml").write_text(text, encoding="utf-8")
        if i % 25 == 3:
            (content / "areas" / f"{slugs[i]}.md").write_text(_notes(rng, names[i]), encoding="utf-8")
    for g in range(12):
        (content / "guides" / f"synthetic-guide-{g + 1:02d}.md").write_text(guide_markdown(rng, g), encoding="utf-8")
    (content / "glossary.yaml").write_text(glossary_yaml(rng), encoding="utf-8")
    return content


def area_yaml(rng: random.Random, index: int, name: str, successor: str | None, predecessor: str | None) -> str:
    """One area file: a 2016 inspection, maybe a revisit, maybe a 2023 inspection, plans, notices and help."""
    slug = _slug(name)
    urn = 900000 + index
    report = f"https://reports.example.org/provider/44/{urn}"
    lines = ["# Synthetic benchmark area (fictional).", f"name: {name}", f"gss_code: E06{index:06d}",
             f"region: {REGIONS[index % len(REGIONS)]}", f"la_number: {100 + index % 900}", f"ofsted_urn: {urn}",
             f"council_url: https://www.{slug}.example.org/", f"local_offer_url: https://localoffer.{slug}.example.org/"]
    if successor:
        lines += ["ended: 2023-03-31", f"replaced_by: [{successor}]"]
    if predecessor:
        lines.append(f"predecessors: [{predecessor}]")
    events, plans = [], []
    first = date(2016, 6, 1) + timedelta(days=rng.randrange(0, 6 * 365))
    wsoa = rng.random() < 0.5
    event = {"framework": '"2016"', "kind": "inspection", "start": first, "end": first + timedelta(days=4),
             "published": first + timedelta(days=rng.randrange(40, 60)), "outcome": "wsoa-required" if wsoa else "no-wsoa",
             "report_url": report, "source": STATS, "provenance": "official-statistics"}
    if wsoa:
        weaknesses = rng.randrange(2, 9)
        event["significant_weaknesses"] = weaknesses
        plans.append(("wsoa", f"{name} written statement of action", event["published"] + timedelta(days=100)))
        if rng.random() < 0.8:
            visit = event["published"] + timedelta(days=rng.randrange(500, 900))
            good = rng.randrange(0, weaknesses + 1)
            outcome = "sufficient-progress" if good == weaknesses else "insufficient-progress" if good == 0 else "some-progress"
            events.append(event)
            event = {"framework": '"2016"', "kind": "revisit", "start": visit, "published": visit + timedelta(days=45),
                     "outcome": outcome, "progress": f"{{sufficient: {good}, insufficient: {weaknesses - good}}}",
                     "report_url": report, "source": STATS, "provenance": "official-statistics"}
    events.append(event)
    if rng.random() < 0.65 and not successor:
        start = date(2023, 2, 1) + timedelta(days=rng.randrange(0, 3 * 365 + 250))
        outcome = rng.choice(("positive", "inconsistent", "inconsistent", "systemic-failings"))
        current = {"framework": '"2023"', "kind": "inspection", "start": start, "end": start + timedelta(days=4),
                   "report_url": report, "source": f"https://files.example.org/v1/file/{urn}{start:%y%m}", "provenance": "report"}
        if start + timedelta(days=60) < TODAY:
            current.update(published=start + timedelta(days=rng.randrange(45, 60)), outcome=outcome,
                           outcome_text=f'"{OUTCOME_TEXT[outcome]}"')
            if outcome == "systemic-failings":
                current["priority_actions"] = rng.randrange(1, 5)
            if rng.random() < 0.3:
                current["summary"] = f'"{_sentence(rng, 24)} See [what the outcomes mean](/guides/synthetic-guide-01/)."'
            current["note"] = '"This record was extracted automatically from the published report."'
        events.append(current)
    plans.append(("strategic-plan", f"{name} SEND strategy 2024 to 2027", date(2024, 1, 15) + timedelta(days=rng.randrange(0, 300))))
    lines.append("events:")
    for e in events:
        lines.append(f"  - framework: {e.pop('framework')}")
        lines += [f"    {key}: {value}" for key, value in e.items()]
    lines.append("plans:")
    for kind, title, published in plans:
        lines += [f"  - kind: {kind}", f"    title: {title}", f"    url: https://www.{slug}.example.org/send/{kind}", f"    published: {published}"]
    if not successor:
        lines.append("notices:")
        past = TODAY - timedelta(days=rng.randrange(30, 400))
        lines += ["  - kind: survey", f"    title: {name} SEND survey for families", f"    starts: {past}",
                  f"    ends: {past + timedelta(days=14)}", f"    url: https://www.{slug}.example.org/survey"]
        if rng.random() < 0.4:
            soon = TODAY + timedelta(days=rng.randrange(3, 60))
            lines += ["  - kind: webinar", "    title: Parent carer forum webinar about the inspection",
                      f"    starts: {soon}T18:30", f"    ends: {soon}T19:30", f"    url: https://forum.{slug}.example.org/events",
                      f'    details: "{_sentence(rng, 18)}"']
        lines += ["help:",
                  "  - kind: sendiass", f"    name: {name} SENDIASS", f"    url: https://sendiass.{slug}.example.org/",
                  f'    phone: "01{index % 1000:03d} 000{index % 1000:03d}"', f"    email: sendiass@{slug}.example.org",
                  "  - kind: parent-carer-forum", f"    name: {name} Parent Carer Forum", f"    url: https://forum.{slug}.example.org/",
                  "  - kind: council-complaints", f"    name: {name} council complaints",
                  f"    url: https://www.{slug}.example.org/complaints"]
    lines.append("last_reviewed: 2026-11-01")
    return "\n".join(lines) + "\n"


def guide_markdown(rng: random.Random, number: int) -> str:
    """A guide of about 1,200 words: front matter, headings, paragraphs, a list and links."""
    parts = ["---", f"title: Synthetic guide {number + 1} about {_sentence(rng, 5).rstrip('.').lower()}",
             f"summary: {_sentence(rng, 16)}", "updated: 2026-11-01", f"order: {number + 1}", "---", ""]
    for section in range(6):
        parts += [f"## Section {section + 1}: {_sentence(rng, 4).rstrip('.')}", ""]
        for _ in range(3):
            parts += [" ".join(_sentence(rng, rng.randrange(10, 22)) for _ in range(3)), ""]
        parts += [f"- {_sentence(rng, 8)}" for _ in range(4)] + [""]
        parts += [f"Read more in the [glossary](/glossary/#term-{section:02d}) or on [the official site](https://www.example.org/send).", ""]
    return "\n".join(parts)


def glossary_yaml(rng: random.Random) -> str:
    """Forty terms with one-sentence definitions."""
    lines = ["terms:"]
    for i in range(40):
        lines += [f"  - id: term-{i:02d}", f"    term: Term {i:02d}", f'    definition: "{_sentence(rng, 20)}"']
    return "\n".join(lines) + "\n"


def _notes(rng: random.Random, name: str) -> str:
    return f"## About {name}\n\n{_sentence(rng, 30)} {_sentence(rng, 20)}\n\n- {_sentence(rng, 8)}\n- {_sentence(rng, 8)}\n"


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")
