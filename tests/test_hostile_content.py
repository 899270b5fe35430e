"""A hostile corpus: content as an attacker or a careless copy-paste would write it.

Each case changes a small fictional project (fixture content beside a fake `.git/` holding
a secret), then runs the real command line, `check` and `build`, in a child process with
its memory capped. Every case must end within 5 s and 500 MB, exit 1 with
`file:line: message` lines and no traceback, and leave every file, the last good site
included, exactly as it was. (Markdown cases are in test_hostile_markdown.py, the
importer's in test_importer.py.)
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from conftest import FIXTURES

SECRET = "AUTHORIZATION: basic c2VjcmV0LXRva2VuLWZvci10ZXN0cw=="
SECONDS, MEGABYTES = 5, 500
LOCATED = re.compile(r"^\S[^:\n]*(:\d+)?: .+$")


@pytest.fixture
def project(tmp_path) -> Path:
    """A checkout: content, an untracked file, a .git/config with a token, and a good build in output/."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal" / "content", root / "content")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(f'[http "https://github.com/"]\n\textraheader = {SECRET}\n')
    (root / "notes-not-committed.txt").write_text("a maintainer's work in progress\n")
    done = run(root, "build")
    assert done.returncode == 0, done.stderr
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    """site-builder with the fixture's date, no search, in `root`, memory capped at twice the budget."""
    def cap() -> None:
        limit = 2 * MEGABYTES * 1024 * 1024 + 1024 * 1024 * 1024  # headroom for the interpreter's own mappings
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    command = [sys.executable, "-m", "site_builder", *args]
    if args[0] in ("build", "check"):
        command += ["--today", "2026-11-23"]
    if args[0] == "build":
        command += ["--no-search"]
    env = {**os.environ, "GITHUB_ACTIONS": "", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=60, preexec_fn=cap, env=env)


def snapshot(root: Path) -> dict[str, str]:
    """Every path under root (links not followed) with a hash of what it holds."""
    seen = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            relative = str(path.relative_to(root))
            if path.is_symlink():
                seen[relative] = "link:" + os.readlink(path)
            elif path.is_file():
                seen[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif path.is_dir():
                seen[relative] = "dir"
            else:
                seen[relative] = "special"
    return seen


def write(root: Path, relative: str, data: str | bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text("utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def link(root: Path, relative: str, target: str) -> None:
    path = root / relative
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


AREA = "content/areas/testshire.yaml"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))

# (name, how to spoil the project, a fragment of the expected message, the file it must name)
CASES: list[tuple[str, Callable[[Path], None], str, str]] = [
    # 2. links could publish files from the build machine
    ("notes link to .git/config", lambda r: link(r, "content/areas/testshire.md", "../../.git/config"),
     "is a link to another file", "content/areas/testshire.md"),
    ("area link to /etc/passwd", lambda r: link(r, "content/areas/passwd.yaml", "/etc/passwd"),
     "is a link to another file", "content/areas/passwd.yaml"),
    ("area link to /dev/zero", lambda r: link(r, "content/areas/zero.yaml", "/dev/zero"),
     "is a link to another file", "content/areas/zero.yaml"),
    ("guide link", lambda r: link(r, "content/guides/config.md", "../../.git/config"),
     "is a link to another file", "content/guides/config.md"),
    ("areas folder link", lambda r: (shutil.rmtree(r / "content/guides"), link(r, "content/guides", "../.git")),
     "is a link to another folder", "content/guides"),
    ("site.yaml link", lambda r: link(r, "content/site.yaml", "../.git/config"),
     "is a link to another file", "content/site.yaml"),
    ("a named pipe", lambda r: os.mkfifo(r / "content/areas/pipe.yaml"), "is not a regular file", "content/areas/pipe.yaml"),
    # 3. a YAML alias bomb
    ("alias bomb", lambda r: write(r, "content/areas/bomb.yaml", BOMB), "anchors and aliases", "content/areas/bomb.yaml:1"),
    ("alias in an area", lambda r: edit(r, AREA, "region: East of England", "region: &r East of England\nalt_names: [*r]"),
     "anchors and aliases", AREA),
    # 7. what used to give a traceback
    ("non-UTF-8 area", lambda r: edit_bytes(r, AREA, b"name: Testshire", b"name: Test\xffshire"),
     "is not UTF-8 text: the byte 0xff", AREA + ":"),
    ("non-UTF-8 notes", lambda r: write(r, "content/areas/south-oldshire.md", b"Notes\n\xfe\xff bad\n"),
     "is not UTF-8 text", "content/areas/south-oldshire.md:2"),
    ("non-UTF-8 guide", lambda r: edit_bytes(r, "content/guides/what-is-an-inspection.md", b"---", b"---\n# \x80", ),
     "is not UTF-8 text", "content/guides/what-is-an-inspection.md"),
    ("non-UTF-8 site.yaml", lambda r: write(r, "content/site.yaml", b"title: \xc3\x28\n"),
     "is not UTF-8 text", "content/site.yaml:1"),
    ("number as a key", lambda r: edit(r, AREA, "region:", "1: x\nregion:"), "is read as a number", AREA),
    ("yes as a key", lambda r: edit(r, AREA, "region:", "yes: x\nregion:"), "is read as true or false", AREA),
    ("~ as a key", lambda r: edit(r, AREA, "region:", "~: x\nregion:"), "is read as empty", AREA),
    ("nested 5,000 deep", lambda r: edit(r, AREA, "region:", "deep: " + "[" * 5000 + "]" * 5000 + "\nregion:"),
     "nested more than 20 levels", AREA),
    ("a folder named x.yaml", lambda r: (r / "content/areas/folder.yaml").mkdir(), "is a folder", "content/areas/folder.yaml"),
    ("a folder named x.md", lambda r: (r / "content/guides/folder.md").mkdir(), "is a folder", "content/guides/folder.md"),
    ("a lone surrogate", lambda r: edit(r, AREA, "name: Testshire", 'name: "Test\\uD800shire"'),
     "invisible character U+D800", AREA),
    ("a 300-character redirect", lambda r: edit(r, AREA, "redirect_from: [old-testshire]", f"redirect_from: [{'a' * 300}]"),
     "redirect_from[0]", AREA),
    ("a 2 MB file", lambda r: write(r, "content/areas/huge.yaml", "name: x\n" + "# padding\n" * 200_000),
     "is larger than 1 MB", "content/areas/huge.yaml"),
    ("a 950 KB file with a mistake at its end",
     lambda r: write(r, "content/areas/long.yaml", "items:\n" + "".join(
         f"  - name: item number {i} with some words\n    value: {i}\n" for i in range(16000)) + "bad: [\n"),
     "this is not valid YAML", "content/areas/long.yaml:32003"),
    ("a second document", lambda r: edit(r, AREA, "region:", "---\nregion:"), "a second document starts here", AREA),
    ("a tag", lambda r: edit(r, AREA, "name: Testshire", "name: !!python/name:os.system x"), "tags such as", AREA),
    # 8. control characters that make feed.xml malformed
    ("escaped \\x01", lambda r: edit(r, AREA, "name: Testshire", 'name: "Test\\x01shire"'), "invisible character U+0001", AREA),
    ("escaped NUL", lambda r: edit(r, AREA, "name: Testshire", 'name: "Test\\0shire"'), "invisible character U+0000", AREA),
    ("escaped form feed", lambda r: edit(r, AREA, "name: Testshire", 'name: "Test\\fshire"'), "invisible character U+000C", AREA),
    ("escaped U+FFFE", lambda r: edit(r, AREA, "name: Testshire", 'name: "Test\\uFFFEshire"'), "invisible character U+FFFE", AREA),
    ("raw form feed in notes", lambda r: write(r, "content/areas/south-oldshire.md", "Notes\n\x0c page\n"),
     "invisible character U+000C", "content/areas/south-oldshire.md:2"),
    ("raw U+FFFE in a guide", lambda r: edit(r, "content/guides/what-is-an-inspection.md", "\n\n", "\n\n\ufffe"),
     "invisible character U+FFFE", "content/guides/what-is-an-inspection.md"),
    ("escaped U+10FFFF after an emoji", lambda r: edit(r, AREA, "name: Testshire", 'name: "Test\U0001F600\U0010FFFFshire"'),
     "invisible character U+10FFFF", AREA),
    ("raw U+1FFFE in notes, before a control", lambda r: write(r, "content/areas/south-oldshire.md", "Notes\n\U0001fffe\n\x01\n"),
     "invisible character U+1FFFE", "content/areas/south-oldshire.md:2"),
    # 12. patterns that accepted a trailing newline; mail addresses that carry headers
    ("gss_code with a newline", lambda r: edit(r, AREA, "gss_code: E10000901", 'gss_code: "E10000901\\n"'),
     "gss_code", AREA),
    ("redirect with a newline", lambda r: edit(r, AREA, "redirect_from: [old-testshire]", 'redirect_from: ["old-testshire\\n"]'),
     "redirect_from[0]", AREA),
    ("file name with a newline", lambda r: write(r, "content/areas/bad\n.yaml", "name: x\n"),
     "must be lowercase letters", "content/areas/bad\\n.yaml: the file name"),
    ("mailto with headers", lambda r: edit(r, AREA, '    phone: "01234 000000"\n',
                                           '    phone: "01234 000000"\n    email: a@example.org?bcc=b@example.org\n'),
     "help[0].email", AREA),
]


def edit_bytes(root: Path, relative: str, old: bytes, new: bytes) -> None:
    path = root / relative
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


@pytest.mark.parametrize("name,spoil,message,where", CASES, ids=[c[0] for c in CASES])
def test_hostile_content_is_refused_with_its_place_and_changes_nothing(project, name, spoil, message, where):
    spoil(project)
    before = snapshot(project)
    for command in ("check", "build"):
        start = time.monotonic()
        usage_before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        done = run(project, command)
        seconds = time.monotonic() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        assert done.returncode == 1, (command, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr and "Error:" not in done.stderr.replace("ContentError", ""), done.stderr
        located = [line for line in done.stderr.splitlines() if LOCATED.match(line) and not line.startswith("The site")]
        assert any(line.startswith(where) and message in line for line in located), done.stderr
        assert seconds < SECONDS, (command, seconds)
        if peak_mb > usage_before / 1024:  # ru_maxrss of children is the largest so far: only a new peak says anything
            assert peak_mb < MEGABYTES, (command, peak_mb)
        assert snapshot(project) == before, command
    assert SECRET not in "".join(p.read_text("utf-8", "replace") for p in (project / "output").rglob("*") if p.is_file())


@pytest.mark.parametrize("output", [".", "content", "..", "content/areas", "notes-not-committed.txt", "/"])
def test_build_refuses_an_output_folder_that_would_delete_the_project(project, output):
    before = snapshot(project.parent)
    done = run(project, "build", "--output", output)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "--output:" in done.stderr and ("is or contains" in done.stderr or "is inside" in done.stderr
                                           or "is a file" in done.stderr or "top of the file system" in done.stderr)
    assert snapshot(project.parent) == before


def test_build_replaces_only_a_folder_it_made(project):
    mine = project / "mine"
    mine.mkdir()
    (mine / "essay.txt").write_text("keep me")
    done = run(project, "build", "--output", "mine")
    assert done.returncode == 1
    assert "mine: --output: already holds files that site-builder did not write" in done.stderr
    assert (mine / "essay.txt").read_text() == "keep me"
    empty = project / "empty"
    empty.mkdir()
    assert run(project, "build", "--output", "empty").returncode == 0
    assert (empty / "index.html").is_file() and (empty / ".site-builder-output").is_file()
    assert run(project, "build", "--output", "empty").returncode == 0  # its own site: replaced


def test_a_link_in_the_theme_is_refused(tmp_path):
    from site_builder.commands.build import build_site
    from site_builder.config import load_config
    from site_builder.errors import BuildFailed

    theme = tmp_path / "theme"
    (theme / "static").mkdir(parents=True)
    (theme / "static" / "secret.txt").symlink_to("/etc/passwd")
    config, problems = load_config(FIXTURES / "minimal" / "content", tmp_path / "output", date_today(), search=False,
                                   theme_dir=theme)
    with pytest.raises(BuildFailed) as failed:
        build_site(config, problems)
    assert [p.format().split(": ", 1)[1] for p in failed.value.problems] == [
        "is a link; files copied into the site must be real files (a link could publish a file from outside the project). "
        "Replace it with the file itself"]
    assert not (tmp_path / "output").exists()


def test_a_killed_build_is_mended_by_the_next(project):
    from site_builder.output import write

    good = snapshot(project / "output")
    dead = 2 ** 22 + 12345  # above the usual pid_max: no such process
    # Killed between moving the old site aside and moving the new one in: no output/ at all.
    aside = project / f".output-old-{dead}-x1"
    aside.mkdir()
    (project / "output").rename(aside / "site")
    (project / f".output-staging-{dead}-x2").mkdir()
    write.clear_stale(project / "output")
    assert snapshot(project / "output") == good
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".output")) == []


def test_without_an_atomic_exchange_the_swap_still_leaves_a_whole_site(project, monkeypatch):
    from site_builder.output import write

    monkeypatch.setattr(write, "exchange", lambda a, b: False)
    staging = write.new_staging(project / "output")
    (staging / "index.html").write_text("new")
    write.publish(staging, project / "output")
    assert (project / "output" / "index.html").read_text() == "new"
    assert [p.name for p in project.iterdir() if p.name.startswith(".output")] == []


def test_the_exchange_is_atomic_where_the_system_has_one(tmp_path):
    from site_builder.output import write

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x").write_text("a"), (b / "x").write_text("b")
    if not write.exchange(a, b):
        pytest.skip("this system has no atomic exchange of folders")
    assert ((a / "x").read_text(), (b / "x").read_text()) == ("b", "a")


def date_today():
    from conftest import TODAY

    return TODAY


def test_markdown_the_renderer_refuses_at_build_time_names_its_file(make_site, monkeypatch):
    """check refuses such Markdown first; should any reach the renderer, the build names the file, never a traceback."""
    import pickle

    from site_builder.site.pages import areas as area_pages
    from site_builder.errors import BuildFailed
    from site_builder.content.markdown import MarkdownRenderError

    site = make_site()
    site.build()
    before = snapshot(site.output_dir)

    original = area_pages.render_inline

    def refuse(text, base_path=""):  # only Testshire's note
        if "published report" in text:
            raise MarkdownRenderError(1, "lists are nested more than 20 levels deep")
        return original(text, base_path)

    monkeypatch.setattr(area_pages, "render_inline", refuse)
    with pytest.raises(BuildFailed) as failed:
        site.build()
    [problem] = failed.value.problems
    assert problem.path == site.content_dir / "areas/testshire.yaml"
    assert problem.message == "this Markdown could not be turned into a page: lists are nested more than 20 levels deep"
    assert snapshot(site.output_dir) == before
    assert pickle.loads(pickle.dumps(failed.value)).problems == [problem]  # it crosses from a worker intact


def test_a_full_disk_while_writing_the_site_is_one_plain_line(make_site, capsys, monkeypatch):
    import errno

    from site_builder.output import write
    from site_builder.cli import main as cli_main

    site = make_site()
    site.build()
    before = snapshot(site.root)
    real_open = write.os.open

    def full_disk(path, flags, *args, **kwargs):  # write_files creates each page with os.open
        if flags & write.os.O_CREAT and str(path).endswith(".html"):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(write.os, "open", full_disk)
    monkeypatch.chdir(site.root)
    assert cli_main(["build", "--content", "content", "--output", "output", "--no-search", "--today", "2026-11-23"]) == 1
    err = capsys.readouterr().err
    assert "output: the site could not be written (" in err and "No space left on device. The last good output is unchanged." in err
    assert "Traceback" not in err
    assert snapshot(site.root) == before


def test_a_theme_missing_a_template_is_one_plain_line(make_site, capsys, monkeypatch):
    import shutil as sh

    from site_builder import cli
    from site_builder.config import DEFAULT_THEME

    site = make_site()
    theme = site.root / "theme"
    sh.copytree(DEFAULT_THEME, theme)
    (theme / "templates" / "base.html").write_text('{% include "missing.html" %}', "utf-8")
    real = cli.load_config
    monkeypatch.setattr(cli, "load_config", lambda *a, **k: real(*a, **{**k, "theme_dir": theme}))
    monkeypatch.chdir(site.root)
    assert cli.main(["build", "--content", "content", "--no-search", "--today", "2026-11-23"]) == 1
    err = capsys.readouterr().err
    assert "theme: the theme has no template 'missing.html'" in err and "Traceback" not in err
    assert not (site.root / "output").exists()
