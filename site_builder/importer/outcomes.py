"""Recognise the official outcome sentences of the 2023 area SEND framework in report text."""

from __future__ import annotations

import re

from site_builder.domain.vocabulary import Outcome

# The outcomes as the framework words them, and as published reports have worded them
# (vocabulary.OUTCOMES, DOMAIN.md 1B). Reports spell "SEND" out in full the first time and
# use curly apostrophes; the matcher allows for both.
OUTCOME_SENTENCES: dict[str, tuple[str, ...]] = {
    o.value: (o.terms.sentence, *o.terms.also_worded) for o in Outcome if o.terms.sentence
}

# Scraped "Outcome Grade" values and the outcome each stands for.
GRADE_OUTCOMES = {o.terms.grade: o.value for o in Outcome if o.terms.grade}

_SEND = r"(?:SEND|special\s+educational\s+needs\s+and/or\s+disabilit(?:y|ies)\s+\(SEND\))"


def _pattern(sentence: str) -> re.Pattern[str]:
    parts = []
    for token in re.split(r"(SEND|'|\s+)", sentence):
        if token == "SEND":
            parts.append(_SEND)
        elif token == "'":
            parts.append("['’]")
        elif token.isspace():
            parts.append(r"\s+")
        elif token:
            parts.append(re.escape(token))
    return re.compile("".join(parts))


_PATTERNS = [(o, _pattern(s)) for o, sentences in OUTCOME_SENTENCES.items() for s in sentences]


def match_outcome(text: str) -> tuple[str, str] | None:
    """Return (outcome, the report's own outcome sentences) if the text opens with one."""
    text = text.strip()
    for outcome, pattern in _PATTERNS:
        found = pattern.match(text)
        if found:
            return outcome, found.group(0)
    return None


def describes_monitoring(text: str) -> bool:
    """Tell whether quoted report text comes from a monitoring inspection report."""
    mentions = re.findall(r"monitoring inspection[^.]*", text, flags=re.IGNORECASE)
    # Full-inspection reports announce "A monitoring inspection will be carried out".
    return any(" will be " not in m.lower() for m in mentions)
