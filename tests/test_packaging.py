"""An installed wheel builds a site: `pip install .` then `site-builder build` works from any folder.

The wheel is built from a copy of the project's packaging files (pyproject.toml, README.md,
site_builder/), so a stale build/ folder in the checkout cannot leak into it and two test runs
cannot share one. It is installed with `pip install --target` into a temporary folder and run as
`python -S -m site_builder` from an unrelated folder: -S skips site-packages' .pth files, so the
editable install's finder, which maps site_builder to this checkout, is not loaded; the
dependencies still come from this interpreter's site-packages, put on PYTHONPATH after the wheel.
Everything is offline: no index, no build isolation (setuptools comes from the lock).
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
PACKAGING_FILES = ["pyproject.toml", "README.md", "LICENSE", "site_builder"]


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def child_env(*path: Path | str) -> dict[str, str]:
    """This environment with PYTHONPATH set to `path` alone, and no current folder on sys.path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in path)
    env["PYTHONSAFEPATH"] = "1"
    return env


def test_an_installed_wheel_builds_a_site_from_an_unrelated_folder(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in PACKAGING_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    made = run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "--no-index",
                "--disable-pip-version-check", "-q", "-w", str(wheels)], cwd=tmp_path)
    assert made.returncode == 0, f"pip wheel failed (is .venv set up from the locks? run scripts/setup):\n{made.stderr}"
    [wheel] = wheels.glob("send_area_portal-*.whl")

    installed = tmp_path / "site"
    done = run([sys.executable, "-m", "pip", "install", str(wheel), "--no-deps", "--no-index",
                "--disable-pip-version-check", "-q", "--target", str(installed)], cwd=tmp_path)
    assert done.returncode == 0, done.stderr

    # The package carries every file of the theme, the schemas and the data.
    package = installed / "site_builder"
    for folder in ("themes", "schemas", "data"):
        shipped = {p.relative_to(ROOT / "site_builder") for p in (ROOT / "site_builder" / folder).rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts}
        assert shipped, folder
        missing = sorted(str(p) for p in shipped if not (package / p).is_file())
        assert not missing, f"not in the wheel: {missing}"
    for name in ("templates/area.html", "templates/base.html", "static/site.css", "static/search.js"):
        assert (package / "themes" / "default" / name).is_file(), name
    [dist_info] = installed.glob("send_area_portal-*.dist-info")
    assert "License-Expression: MIT" in (dist_info / "METADATA").read_text("utf-8")
    assert "MIT License" in next(dist_info.rglob("LICENSE")).read_text("utf-8")
    assert "site-builder = site_builder.cli:main" in (dist_info / "entry_points.txt").read_text("utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    dependencies = [p for p in site.getsitepackages() if Path(p).is_dir()]
    python = [sys.executable, "-S"]

    # Without the wheel on the path, site_builder cannot be imported at all: the checkout is out of reach.
    alone = run([*python, "-c", "import site_builder"], cwd=elsewhere, env=child_env(*dependencies))
    assert alone.returncode != 0 and "No module named 'site_builder'" in alone.stderr, alone.stdout + alone.stderr
    # With it, site_builder is the installed copy.
    where = run([*python, "-c", "import site_builder; print(site_builder.__file__)"],
                cwd=elsewhere, env=child_env(installed, *dependencies))
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).resolve().is_relative_to(installed.resolve()), where.stdout

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal" / "content", content)
    output = tmp_path / "out"
    built = run([*python, "-m", "site_builder", "build", "--content", str(content), "--output", str(output),
                 "--no-search", "--today", "2026-11-23"], cwd=elsewhere, env=child_env(installed, *dependencies))
    assert built.returncode == 0, built.stdout + built.stderr
    page = output / "areas" / "testshire" / "index.html"
    assert page.is_file()
    h1 = BeautifulSoup(page.read_text("utf-8"), "html.parser").h1
    assert h1 is not None and h1.get_text(" ", strip=True) == "Testshire"
    assert (output / "static" / "site.css").is_file()
    assert not any(elsewhere.iterdir()), "the build wrote into the folder it was run from"
