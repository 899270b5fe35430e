"""The dependency locks and the workflows: installs are pinned, hashed and cannot drift from pyproject.toml."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def read_lock(name: str) -> dict[str, list[tuple[str, list[str]]]]:
    """{package: [(version, [hashes]), ...]} from a requirements file written with --generate-hashes."""
    pins: dict[str, list[tuple[str, list[str]]]] = {}
    current: list[str] | None = None
    for line in (ROOT / "requirements" / name).read_text("utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("--hash="):
            assert current is not None, f"{name}: a hash before any pin: {line!r}"
            current.append(stripped.removeprefix("--hash=").rstrip(" \\"))
            continue
        match = PIN.match(stripped)
        assert match, f"{name}: every requirement is pinned with ==: {line!r}"
        current = []
        pins.setdefault(canonicalize_name(match["name"]), []).append((match["version"], current))
    return pins


BUILD = read_lock("build.txt")
TEST = read_lock("test.txt")
RUNTIME = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
BUILD_SYSTEM = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
TEST_TOOLS = [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]]


def assert_locked(requirements: list[Requirement], lock: dict, lock_name: str) -> None:
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{requirement} is in pyproject.toml but not in requirements/{lock_name}: run scripts/lock"
        for version, _ in lock[name]:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"requirements/{lock_name} pins {name}=={version}, outside pyproject.toml's {requirement}: run scripts/lock")


def test_build_lock_covers_the_runtime_dependencies_and_the_build_backend():
    assert_locked(RUNTIME + BUILD_SYSTEM, BUILD, "build.txt")
    assert "pagefind-bin" in BUILD  # pagefind[bin]: the extra's package is locked too


def test_test_lock_covers_everything_in_pyproject():
    assert_locked(RUNTIME + BUILD_SYSTEM + TEST_TOOLS, TEST, "test.txt")


def test_the_pages_build_installs_no_test_tools():
    for requirement in TEST_TOOLS:
        assert canonicalize_name(requirement.name) not in BUILD, requirement.name


def test_both_locks_pin_the_same_versions():
    for name, pins in BUILD.items():
        assert [v for v, _ in TEST.get(name, [])] == [v for v, _ in pins], name


def test_every_pin_carries_hashes():
    for lock in (BUILD, TEST):
        for name, pins in lock.items():
            for version, hashes in pins:
                assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), f"{name}=={version}"


def test_setup_installs_from_the_locks_with_hashes():
    setup = (ROOT / "scripts/setup").read_text("utf-8")
    assert "--require-hashes -r \"$lock\"" in setup
    assert "lock=requirements/test.txt" in setup and "--build) lock=requirements/build.txt" in setup
    assert "--no-deps --no-build-isolation -e ." in setup
    assert (ROOT / "scripts/lock").stat().st_mode & 0o111



def test_setup_installs_again_only_when_the_locks_or_pyproject_change(tmp_path):
    """scripts/serve and scripts/test run scripts/setup on every start: it must not reinstall each time (issue 18).
    A stand-in .venv/bin/python records each pip call and runs everything else with this Python."""
    (tmp_path / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts/setup", tmp_path / "scripts/setup")
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements/test.txt").write_text("pinned==1.0\n")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    log = tmp_path / "pip.log"
    python = tmp_path / ".venv/bin/python"
    python.parent.mkdir(parents=True)
    python.write_text(f"""#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then echo "$@" >> {log}; exit 0; fi
exec {sys.executable} "$@"
""")
    python.chmod(0o755)
    tools = tmp_path / "bin"  # only what scripts/setup needs, and no npm: the browser tools step is skipped
    tools.mkdir()
    for tool in ("bash", "cat", "rm", "dirname"):
        (tools / tool).symlink_to(shutil.which(tool))
    env = {"PATH": str(tools)}

    def setup() -> int:
        subprocess.run([tmp_path / "scripts/setup"], cwd=tmp_path, env=env, check=True, timeout=60)
        return len(log.read_text().splitlines()) if log.exists() else 0

    assert setup() == 2  # the locked packages, then the project itself
    assert setup() == 2  # nothing changed: nothing installed
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\nversion = '2'\n")
    assert setup() == 4
    (tmp_path / "requirements/test.txt").write_text("pinned==1.1\n")
    assert setup() == 6
    assert setup() == 6

def workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text("utf-8"))


def test_workflow_actions_are_pinned_to_commits_and_checkouts_keep_no_credentials():
    for name in ("check.yml", "pages.yml", "update.yml"):
        text = (ROOT / ".github/workflows" / name).read_text("utf-8")
        uses = re.findall(r"^\s*(?:- )?uses: (\S+)(.*)$", text, re.M)
        assert uses, name
        for action, comment in uses:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), (name, action)
            assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), (name, action, comment)
        for job in workflow(name)["jobs"].values():
            assert isinstance(job.get("timeout-minutes"), int), name
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, name


def test_only_the_deploy_job_may_publish():
    for name in ("check.yml", "pages.yml", "update.yml"):
        assert workflow(name)["permissions"] == {}, name
    # The weekly update may push its pull request's branch, open the pull request and start the checks on it,
    # nothing else (issue 16).
    assert workflow("update.yml")["jobs"]["update"]["permissions"] == {
        "contents": "write", "pull-requests": "write", "actions": "write"}
    jobs = workflow("pages.yml")["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert workflow("check.yml")["jobs"]["check"]["permissions"] == {"contents": "read"}
    build_steps = [step.get("run", "") for step in jobs["build"]["steps"]]
    assert "scripts/setup --build" in build_steps
