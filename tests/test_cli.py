"""The command line: exit codes and messages a maintainer reads, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys

from site_builder.cli import main

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def copy_fixture(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal" / "content", content)
    return content


def test_check_clean_content(tmp_path, capsys):
    content = copy_fixture(tmp_path)
    for name in ("testshire", "exampleton"):  # leave only areas that owe nothing
        (content / "areas" / f"{name}.yaml").unlink()
    for name in ("north-oldshire", "south-oldshire"):  # once their Local Offers are linked
        area = content / "areas" / f"{name}.yaml"
        area.write_text(area.read_text("utf-8").replace("region: North West\n", "region: North West\n"
                        f"local_offer_url: https://localoffer.{name}.example/\n", 1), "utf-8")
    assert main(["check", "--content", str(content), "--today", "2026-11-23"]) == 0
    assert "No problems found." in capsys.readouterr().out


def test_check_reports_file_line_and_count(tmp_path, capsys, monkeypatch):
    content = copy_fixture(tmp_path)
    area = content / "areas" / "exampleton.yaml"
    area.write_text(area.read_text().replace("South West", "South Wst").replace("2017-07-04", "4th July"))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--content", "content"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "content/areas/exampleton.yaml:3: region: expected one of 'North East', 'North West', 'Yorkshire and The Humber', "
        "'East Midlands', 'West Midlands', 'East of England', 'London', 'South East', 'South West', got 'South Wst'; "
        "did you mean 'South West'?",
        "content/areas/exampleton.yaml:8: events[0].published: expected a date like 2024-03-05 (or a month like 2023-01 when no source gives the day), got '4th July'",
        "2 problems in 1 file.",
    ]


def test_check_writes_github_annotations(tmp_path, capsys, monkeypatch):
    content = copy_fixture(tmp_path)
    area = content / "areas" / "exampleton.yaml"
    area.write_text(area.read_text().replace("2017-07-04", "4th July"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["check", "--content", "content"]) == 1
    out = capsys.readouterr().out
    assert "::error file=content/areas/exampleton.yaml,line=8::events[0].published: expected a date like 2024-03-05 (or a month like 2023-01 when no source gives the day), got '4th July'" in out


def test_broken_yaml_exits_1_without_traceback(tmp_path):
    content = copy_fixture(tmp_path)
    (content / "areas" / "exampleton.yaml").write_text("name: Exampleton\nregion: [South West\n")
    run = subprocess.run([sys.executable, "-m", "site_builder", "check", "--content", str(content)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "exampleton.yaml:3: this is not valid YAML" in run.stderr


def test_build_failure_keeps_output_and_says_so(tmp_path, capsys):
    content = copy_fixture(tmp_path)
    output = tmp_path / "out"
    assert main(["build", "--content", str(content), "--output", str(output), "--no-search", "--today", "2026-11-23"]) == 0
    assert "Built 26 pages" in capsys.readouterr().out
    (content / "areas" / "testshire.yaml").write_text("name: [\n")
    assert main(["build", "--content", str(content), "--output", str(output), "--no-search"]) == 1
    assert "the last good output is unchanged" in capsys.readouterr().err
    assert (output / "areas" / "testshire" / "index.html").exists()


def test_bad_today_is_a_usage_error(tmp_path, capsys):
    try:
        main(["build", "--today", "23/11/2026"])
    except SystemExit as exit:
        assert exit.code == 2
    assert "--today expects a date like 2026-11-23, got '23/11/2026'" in capsys.readouterr().err
