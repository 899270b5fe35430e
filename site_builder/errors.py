"""Content problems that carry a location, printed like compiler errors."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one content file, with the line and field it is on."""

    path: Path
    """The file, as given to the loader (usually relative to the project root)."""
    line: int | None
    """1-based line number, or None when the problem is about the whole file."""
    field: str
    """Dotted field path such as `events[2].published`, or "" for the whole file."""
    message: str
    """What was expected and what was found, in plain words."""
    severity: str = "error"
    """"error" stops the build; "warning" is shown but does not (unless --strict)."""

    def format(self) -> str:
        """Render as `path:line: field: message`, the form editors and CI make clickable."""
        where = display_path(self.path)
        if self.line is not None:
            where = f"{where}:{self.line}"
        label = f"{self.field}: " if self.field else ""
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{label}{self.message}"


def display_path(path: Path, one_line: bool = True) -> str:
    """Show a path relative to the working directory when it is inside it, on one line whatever its name.

    `one_line=False` keeps the name as it is, for callers that escape it by rules of their own.
    """
    try:
        shown = os.path.relpath(path) if Path(path).is_absolute() else str(path)
    except ValueError:  # another drive on Windows
        shown = str(path)
    # A name may hold a newline or a control character: print it escaped, so every problem stays one line.
    if not one_line or shown.isprintable():
        return shown
    return shown.encode("unicode_escape", "backslashreplace").decode("ascii")


class BuildFailed(Exception):
    """Raised once, after all content problems have been collected."""

    def __init__(self, problems: list[ContentError]):
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = problems

    def __reduce__(self) -> tuple:
        return (BuildFailed, (self.problems,))  # so it crosses from a worker process intact


def errors_only(problems: list[ContentError]) -> list[ContentError]:
    """The problems that stop a build."""
    return [p for p in problems if p.severity == "error"]


def format_report(problems: list[ContentError]) -> str:
    """All problems, sorted by file and line, then a one-line summary."""
    lines = [p.format() for p in sorted(problems, key=_sort_key)]
    lines.append(summarise(problems))
    return "\n".join(lines)


def summarise(problems: list[ContentError]) -> str:
    """"3 problems in 2 files" (errors and warnings counted separately)."""
    errors = errors_only(problems)
    warnings = [p for p in problems if p.severity == "warning"]
    if not problems:
        return "No problems found."
    parts = []
    if errors:
        files = len({p.path for p in errors})
        parts.append(f"{_plural(len(errors), 'problem')} in {_plural(files, 'file')}")
    if warnings:
        files = len({p.path for p in warnings})
        parts.append(f"{_plural(len(warnings), 'warning')} in {_plural(files, 'file')}")
    return "; ".join(parts) + "."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _sort_key(p: ContentError) -> tuple:
    return (str(p.path), p.line or 0, p.field, p.message)
