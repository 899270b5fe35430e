"""Read content and theme files as untrusted input: real files inside their folder, small, plain text.

Content arrives in volunteers' pull requests and the builder runs beside a git checkout,
so a file that is a link (to `.git/config`, `/etc/passwd` or `/dev/zero`) could publish
secrets or hang the build. Every file the builder reads from content/ or a theme comes
through here, and anything that is not a regular file inside its folder is refused
before a byte of it is read.
"""

from __future__ import annotations

import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from site_builder.errors import ContentError

MAX_FILE_BYTES = 1_000_000
"""The largest content file read (the largest real one is about 12 KB)."""

_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
"""Characters that cannot appear in a web page or an XML feed: controls (but tab and line ends),
lone surrogates and Unicode non-characters such as U+FFFE."""
_NOT_TEXT_ABOVE_BMP = re.compile(
    "[" + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000)) + "]"
)
"""The non-characters beyond U+FFFF (U+1FFFE, U+1FFFF and so on), searched apart: in one class with the
others they make every search ten times slower (0.1 ms for a 2 KB file, 1 s of CPU at 10,000 areas)."""
_ABOVE_BMP = re.compile("[\U00010000-\U0010ffff]")


def first_not_text(text: str) -> re.Match | None:
    """The first character of `text` that cannot appear in a page or feed (see _NOT_TEXT), or None."""
    found = _NOT_TEXT.search(text)
    if not text.isascii() and _ABOVE_BMP.search(text):  # only then can there be one beyond U+FFFF
        beyond = _NOT_TEXT_ABOVE_BMP.search(text, 0, found.start() if found else len(text))
        return beyond or found
    return found


def refuse_link(path: Path, folder: Path) -> ContentError | None:
    """A problem if `path` is a link, is not a regular file, or lies outside `folder`; else None."""
    try:
        info = path.lstat()
    except OSError as exc:
        return ContentError(path, None, "", f"cannot be read ({exc.strerror})")
    if stat.S_ISLNK(info.st_mode):
        return ContentError(path, None, "", "is a link to another file; content files must be real files in this "
                            "folder (a link could publish a file from outside the project). Replace it with the file itself")
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        return ContentError(path, None, "", f"is {kind}; only files can be content here. Rename or remove it")
    # The file is no link, so its real path is its folder's real path and its name.
    real_folder = _real_folder(os.path.abspath(folder))  # absolute: the cache must not depend on the working folder
    inside = is_within(os.path.join(_real_folder(os.path.abspath(path.parent)), path.name), real_folder)
    if not inside:
        return ContentError(path, None, "", "lies outside its folder; move the file itself into the folder")
    return None


@lru_cache(maxsize=64)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def is_within(inner: str, outer: str) -> bool:
    """Whether the real path `inner` is `outer` or lies below it."""
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


def read_text(path: Path, folder: Path | None = None) -> tuple[str | None, list[ContentError]]:
    """The file's text (UTF-8, a byte-order mark dropped), or None and the problem that stops it being read."""
    problem = refuse_link(path, folder if folder is not None else path.parent)
    if problem is not None:
        return None, [problem]
    try:
        with open(path, "rb", opener=_no_follow) as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [ContentError(path, None, "", f"cannot be read ({exc.strerror})")]
    if len(data) > MAX_FILE_BYTES:
        return None, [ContentError(path, None, "", f"is larger than {MAX_FILE_BYTES // 1_000_000} MB; "
                                   "a content file should be a few kilobytes. Is this the right file?")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [ContentError(path, line, "", f"is not UTF-8 text: the byte 0x{data[exc.start]:02x} on this line "
                                   "cannot be read. Save the file as UTF-8 (in most editors: Save with encoding, UTF-8)")]
    bad = first_not_text(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        return None, [ContentError(path, line, "", f"contains the invisible character {describe_char(bad.group())}, "
                                   "which cannot appear on a web page; delete it (retyping the line removes it)")]
    return text, []


def bad_character(text: str) -> str | None:
    """The first character of `text` that cannot appear in a page or feed, described; None if there is none."""
    bad = first_not_text(text)
    return describe_char(bad.group()) if bad else None


def describe_char(char: str) -> str:
    """U+0001 and the like."""
    return f"U+{ord(char):04X}"


def listed_files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The entries of `folder` ending in one of `suffixes`, sorted; links and folders included (read_text refuses them)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(folder / name for name in names if name.endswith(suffixes))


def links_in(folder: Path) -> list[ContentError]:
    """Every link (or special file) anywhere under `folder`, as a problem: theme folders are copied into the site."""
    problems = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(root) / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                problems.append(ContentError(path, None, "", "is a link; files copied into the site must be real files "
                                             "(a link could publish a file from outside the project). Replace it with the file itself"))
            elif not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                problems.append(ContentError(path, None, "", "is not a regular file; remove it"))
    return problems


def _no_follow(path: str, flags: int) -> int:
    """Open without following a link swapped in after the check (where the system allows)."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
