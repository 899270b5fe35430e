"""Validate parsed YAML against the project's JSON Schemas and explain each problem.

The schemas in site_builder/schemas/ are the single source of the content rules:
editors read them, `check` validates with them, and CONTRIBUTING.md's field table
is tested against them.
"""

from __future__ import annotations

import difflib
import json
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from site_builder.domain.vocabulary import WITHOUT_OUTCOME, Outcome
from site_builder.errors import ContentError
from site_builder.content.yaml_source import YamlDocument, format_field

_MONTH = re.compile(r"\d{4}-\d{2}\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\Z")

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

if TYPE_CHECKING:
    import jsonschema


def is_date(value: object) -> bool:
    """A real calendar date written as YYYY-MM-DD."""
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_date_or_month(value: object) -> bool:
    """A real date, or a month written YYYY-MM when no source gives the day."""
    if isinstance(value, str) and _MONTH.match(value):
        return 1 <= int(value[5:]) <= 12
    return is_date(value)


def is_local_date_time(value: object) -> bool:
    """A date, or a date and time YYYY-MM-DDTHH:MM (UK local time)."""
    if isinstance(value, str) and _DATE_TIME.match(value):
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return False
        return True
    return is_date(value)


@cache
def load_schema(name: str) -> dict:
    """One of the shipped schemas: "area", "guide", "glossary", "site" or "data-area".

    The open data's schema lists no outcome of its own: its outcome and status values are the vocabulary's,
    filled in here, so a new outcome is defined once (domain/vocabulary.py).
    """
    schema = json.loads(schema_path(name).read_text("utf-8"))
    if name == "data-area":
        schema["$defs"]["outcome"]["enum"] = [o.value for o in Outcome]
        schema["$defs"]["noOutcome"]["enum"] = [c.value for c in WITHOUT_OUTCOME]
    return schema


FORMATS = {"date": is_date, "date-or-month": is_date_or_month, "local-date-time": is_local_date_time}
"""The schemas' own formats and their checks (no other format is checked)."""


@cache
def _validator(name: str) -> Any:
    # jsonschema takes a tenth of a second to import: only a document with a problem needs it (see _surely_valid).
    from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

    def pattern(validator: Any, pattern: str, instance: Any, schema: dict) -> Any:
        # The schemas' patterns are ECMA-262 regular expressions, as editors read them: there `$`
        # matches only at the very end, while Python's also matches before a final newline.
        if validator.is_type(instance, "string") and not re.search(ecma_end(pattern), instance):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")

    format_checker = FormatChecker(formats=())
    for name_of_format, check in FORMATS.items():
        format_checker.checks(name_of_format)(check)
    strict = validators.extend(Draft202012Validator, {"pattern": pattern})
    return strict(load_schema(name), format_checker=format_checker)


@cache
def ecma_end(pattern: str) -> str:
    """`pattern` with a final `$` made to match only at the end of the text, as in ECMA-262."""
    return pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith(r"\$") else pattern


def schema_path(name: str) -> Path:
    """Where a schema file lives on disk (for editors and documentation)."""
    return SCHEMA_DIR / f"{name}.schema.json"


@cache
def _fast_validator(name: str) -> Any:
    """jsonschema-rs for the same schema and formats (about 50 times faster), or None where it is not installed."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.validator_for(load_schema(name), formats=FORMATS, validate_formats=True)


def _surely_valid(data: dict, schema_name: str) -> bool:
    """True when the fast validator accepts `data`; anything else gets the full check and its explanations."""
    fast = _fast_validator(schema_name)
    try:
        return fast is not None and fast.is_valid(data)
    except Exception:  # data jsonschema-rs cannot take (e.g. a YAML set): let jsonschema decide
        return False


def validate_document(doc: YamlDocument, schema_name: str, path: Path) -> list[ContentError]:
    """Every schema problem in `doc`, each with its line and field."""
    if not isinstance(doc.data, dict):
        return [ContentError(path, doc.first_line, "", "expected a list of `key: value` lines at the top of the file")]
    if _surely_valid(doc.data, schema_name):
        return []
    problems = []
    for error in _validator(schema_name).iter_errors(doc.data):
        problems.extend(_explain(error, doc, path))
    return _unique(problems)


def _explain(error: jsonschema.ValidationError, doc: YamlDocument, path: Path) -> list[ContentError]:
    field_path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    expected = schema.get("x-expected")
    got = error.instance
    if error.validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extra = sorted(set(got) - set(allowed)) if isinstance(got, dict) else []
        out = []
        for key in extra:
            hint = _did_you_mean(key, allowed)
            message = f"unknown key {key!r}; {hint}" if hint else f"unknown key {key!r}; expected one of {_listing(allowed)}"
            out.append(ContentError(path, doc.line_of(field_path + (key,)), format_field(field_path + (key,)), message))
        return out
    if error.validator == "required":
        missing = re.match(r"'([^']+)' is a required property", error.message)
        key = missing.group(1) if missing else "?"
        where = format_field(field_path + (key,))
        return [ContentError(path, doc.line_of(field_path), where, f"missing; every {_describe(field_path)} needs `{key}:`")]
    if error.validator == "dependentRequired":
        return [ContentError(path, doc.line_of(field_path), format_field(field_path) or "ended",
                             "`replaced_by` goes with `ended`: add the date the area ended")]
    if error.validator == "not":
        return [ContentError(path, doc.line_of(field_path), format_field(field_path), f"expected {expected}, got {got!r}")]
    if error.validator in ("enum", "const"):
        choices = [c for c in schema.get("enum", [schema.get("const")]) if isinstance(c, str)]
        hint = _did_you_mean(str(got), choices)
        wanted = expected or f"one of {_listing(choices)}"
        message = f"expected {wanted}, got {got!r}" + (f"; {hint}" if hint else "")
        return [ContentError(path, doc.line_of(field_path), format_field(field_path), message)]
    if error.validator == "maxLength":
        message = f"expected {expected or 'shorter text'}, got {len(got)} characters"
        return [ContentError(path, doc.line_of(field_path), format_field(field_path), message)]
    if error.validator == "type":
        wanted = expected or _type_words(schema.get("type"))
        return [ContentError(path, doc.line_of(field_path), format_field(field_path), f"expected {wanted}, got {got!r}")]
    if error.validator in ("minimum", "maximum", "minLength", "minItems"):
        wanted = expected or {"minimum": f"at least {error.validator_value}", "maximum": f"at most {error.validator_value}",
                              "minLength": "some text", "minItems": "at least one item"}[error.validator]
        return [ContentError(path, doc.line_of(field_path), format_field(field_path), f"expected {wanted}, got {got!r}")]
    wanted = expected or error.message
    return [ContentError(path, doc.line_of(field_path), format_field(field_path), f"expected {wanted}, got {got!r}")]


def _describe(field_path: tuple) -> str:
    names = [p for p in field_path if isinstance(p, str)]
    return {"events": "event", "plans": "plan", "notices": "notice", "help": "help entry",
            "progress": "progress", "terms": "term"}.get(names[-1] if names else "", "file")


def _type_words(kind: Any) -> str:
    return {"string": "text", "integer": "a whole number", "object": "a group of `key: value` lines",
            "array": "a list (lines starting with -)", "number": "a number", "boolean": "true or false"}.get(kind, str(kind))


def _did_you_mean(value: str, choices: list[str]) -> str:
    match = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else ""


def _listing(choices: list[str]) -> str:
    return ", ".join(repr(c) for c in choices)


def _unique(problems: list[ContentError]) -> list[ContentError]:
    seen, out = set(), []
    for p in problems:
        if (p.line, p.field, p.message) not in seen:
            seen.add((p.line, p.field, p.message))
            out.append(p)
    return out
