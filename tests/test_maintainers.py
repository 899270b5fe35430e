"""Maintainer tools: freshness warnings, --strict, and the `new` skeletons."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

from site_builder.cli import main
from site_builder.content.load import load_content
from site_builder.content.freshness import freshness_warnings

FIXTURES = Path(__file__).parent / "fixtures"


def copy_fixture(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal" / "content", content)
    return content


def warnings_for(content: Path, today: date):
    loaded, problems = load_content(content)
    assert problems == []
    return [(w.path.name, w.line, w.field, w.message) for w in freshness_warnings(loaded.areas, today)]


def test_freshness_warnings(tmp_path):
    content = copy_fixture(tmp_path)
    found = warnings_for(content, date(2026, 11, 23))
    assert [w for w in found if w[3].startswith("add id: ")] == [
        ("exampleton.yaml", 5, "events[0]", "add id: inspection-2017-05-08 to this event, so that links to it keep working if a date is corrected"),
        ("exampleton.yaml", 13, "events[1]", "add id: inspection-2025-02-03 to this event, so that links to it keep working if a date is corrected"),
        ("testshire.yaml", 14, "events[0]", "add id: inspection-2018-01-15 to this event, so that links to it keep working if a date is corrected"),
        ("testshire.yaml", 24, "events[1]", "add id: revisit-2019-10-07 to this event, so that links to it keep working if a date is corrected"),
        ("testshire.yaml", 33, "events[2]", "add id: inspection-2024-06-03 to this event, so that links to it keep working if a date is corrected"),
    ]
    assert [w for w in found if " no newer report " in w[3]] == [
        ("testshire.yaml", 13, "events", "an inspection was expected by about January 2026 and no newer report is "
         "recorded: look for one on https://reports.ofsted.gov.uk/provider/44/99901 and add it (the page says none has "
         "been found yet)")]  # the monitoring inspection due about 18 months after July 2024's systemic failings
    assert warnings_for(content, date(2025, 12, 31)) == [w for w in warnings_for(content, date(2025, 12, 31))
                                                         if " no newer report " not in w[3]]  # not due yet
    offer = ("no Local Offer is linked; add local_offer_url: with the address of the council's SEND Local Offer "
             "(every council must publish one)")
    assert [w for w in found if w[2] == "local_offer_url"] == [
        ("exampleton.yaml", 1, "local_offer_url", offer), ("north-oldshire.yaml", 1, "local_offer_url", offer),
        ("south-oldshire.yaml", 1, "local_offer_url", offer), ("testshire.yaml", 7, "local_offer_url", offer)]
    assert ("oldshire.yaml", 1, "local_offer_url", offer) not in found  # a former area has no council to ask
    assert [w for w in found if not w[3].startswith("add id: ") and " no newer report " not in w[3]
            and w[2] != "local_offer_url"] == [
        ("exampleton.yaml", 13, "plans", "the area has a 2023-framework outcome but no strategic plan is linked; add it under plans: with kind: strategic-plan"),
        ("testshire.yaml", 14, "events[0]", "a written statement of action was due by 2018-06-18 but none is linked; add it under plans: with kind: wsoa"),
        ("testshire.yaml", 56, "notices", "the notice 'Survey about short breaks' ended on 2026-01-10, more than 30 days ago; remove it when it is no longer useful"),
    ]
    later = warnings_for(content, date(2027, 12, 1))
    fields = sorted((name, field) for name, _, field, _ in later)
    assert ("testshire.yaml", "last_reviewed") in fields  # more than 12 months
    assert ("testshire.yaml", "notices") in fields  # the webinar ended more than 30 days before
    assert ("exampleton.yaml", "plans") in fields  # 2023 outcome, no strategic plan
    assert ("oldshire.yaml", "events[0]") not in fields  # former areas owe nothing


def test_check_shows_warnings_but_passes_unless_strict(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy_fixture(tmp_path)
    assert main(["check", "--today", "2026-11-23"]) == 0
    err = capsys.readouterr().err
    assert "content/areas/testshire.yaml:14: warning: events[0]: a written statement of action was due by 2018-06-18" in err
    assert err.strip().endswith("13 warnings in 4 files.")
    assert main(["check", "--today", "2026-11-23", "--strict"]) == 1
    assert main(["build", "--today", "2026-11-23", "--strict", "--no-search"]) == 1
    assert not (tmp_path / "output").exists()




def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, timeout=30,
                   env={**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"})


def warning_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": warning: " in line]


def test_check_shows_the_problems_of_the_files_a_maintainer_changed_and_counts_the_rest(tmp_path, capsys, monkeypatch):
    """On a branch, `check` lists the warnings of the files changed against main; the backlog is one line (issue 18)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITE_BUILDER_BASE", raising=False)
    content = copy_fixture(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "content")
    git(tmp_path, "commit", "-q", "-m", "the project's content, with its backlog of 3 warnings")
    git(tmp_path, "switch", "-q", "-c", "my-correction")
    exampleton = content / "areas/exampleton.yaml"
    exampleton.write_text(exampleton.read_text("utf-8") + "# checked again\n", "utf-8")

    assert main(["check", "--today", "2026-11-23"]) == 0
    out, err = capsys.readouterr()
    assert [line for line in warning_lines(err) if "add id:" not in line and "local_offer_url" not in line] == [
        "content/areas/exampleton.yaml:13: warning: plans: the area has a 2023-framework outcome but no strategic plan "
        "is linked; add it under plans: with kind: strategic-plan"]
    assert all(line.startswith("content/areas/exampleton.yaml:") for line in warning_lines(err))
    assert out == "Also 9 warnings in 3 files you did not change: `site-builder check --all` lists them.\n"

    assert main(["check", "--today", "2026-11-23", "content/areas/testshire.yaml"]) == 0
    out, err = capsys.readouterr()
    assert [line.split(": warning:")[0] for line in warning_lines(err) if "add id:" not in line] == [
        "content/areas/testshire.yaml:7", "content/areas/testshire.yaml:13", "content/areas/testshire.yaml:14",
        "content/areas/testshire.yaml:56"]
    assert out == "Also 6 warnings in 3 files you did not name: `site-builder check --all` lists them.\n"

    assert main(["check", "--today", "2026-11-23", "--all"]) == 0
    out, err = capsys.readouterr()
    assert len(warning_lines(err)) == 13 and out == ""

    # An error stops the build, so it is always shown, in whichever file it is.
    git(tmp_path, "commit", "-q", "-am", "my correction")
    git(tmp_path, "switch", "-q", "main")
    testshire = content / "areas/testshire.yaml"
    testshire.write_text(testshire.read_text("utf-8").replace("region: ", "region: Atlantis #", 1), "utf-8")
    git(tmp_path, "commit", "-q", "-am", "a mistake on main")
    git(tmp_path, "switch", "-q", "my-correction")
    git(tmp_path, "merge", "-q", "main")
    assert main(["check", "--today", "2026-11-23"]) == 1
    assert "content/areas/testshire.yaml:4: region: expected one of" in capsys.readouterr().err

def test_new_area_skeleton_fails_check_until_filled_in(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy_fixture(tmp_path)
    assert main(["new", "area", "Newtown and Dale"]) == 0
    path = tmp_path / "content/areas/newtown-and-dale.yaml"
    assert path.read_text().startswith("# yaml-language-server: $schema=../../site_builder/schemas/area.schema.json")
    capsys.readouterr()
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "content/areas/newtown-and-dale.yaml:6: region: expected one of" in err and "got 'CHOOSE ONE'" in err
    assert main(["new", "area", "Newtown and Dale"]) == 1
    path.unlink()
    assert main(["new", "area", "Newtown and Dale", "--gss-code", "E06000999", "--region", "South West"]) == 0
    assert main(["check"]) == 0


def test_new_event_is_added_and_checked(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy_fixture(tmp_path)
    assert main(["new", "event", "north-oldshire"]) == 0
    capsys.readouterr()
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "north-oldshire.yaml:8: events[0].start: expected a date like 2024-03-05" in err
    assert "events[0].source: expected a web address starting with https://" in err
    assert "events[0].provenance: expected 'official-statistics'" in err
    assert err.strip().endswith("4 problems in 1 file.")  # nothing reported again in oldshire.yaml
    (tmp_path / "content/areas/north-oldshire.yaml").unlink()
    shutil.copy(FIXTURES / "minimal/content/areas/north-oldshire.yaml", tmp_path / "content/areas/")
    assert main(["new", "event", "north-oldshire", "--framework", "2023", "--kind", "inspection",
                 "--start", "2026-11-16", "--source", "https://www.example.org/announced", "--provenance", "secondary"]) == 0
    assert main(["check"]) == 0
    loaded, _ = load_content(tmp_path / "content")
    area = next(a for a in loaded.areas if a.slug == "north-oldshire")
    assert [(e.id, e.id_written) for e in area.events] == [("inspection-2026-11-16", True)]  # written, so it stays


def test_edit_links_from_repo_url_option(tmp_path, capsys):
    content = copy_fixture(tmp_path)
    out = tmp_path / "out"
    assert main(["build", "--content", str(content), "--output", str(out), "--no-search", "--repo-url", "https://github.com/o/r/"]) == 0
    html = (out / "areas/exampleton/index.html").read_text()
    assert 'href="https://github.com/o/r/edit/main/content/areas/exampleton.yaml"' in html


# GitHub annotation injection (issue 13, item 9): file names and messages come from pull requests, so they are
# escaped by GitHub's rules for workflow commands before they reach `::error file=...::message`.

def test_github_annotations_escape_file_names_and_messages(tmp_path, capsys, monkeypatch):
    content = copy_fixture(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["check", "--content", "content", "--today", "2026-11-23"]) == 0
    warnings = capsys.readouterr().out.splitlines()
    assert warnings and all(line.startswith("::warning file=content/areas/") for line in warnings)
    assert ("::warning file=content/areas/testshire.yaml,line=14::events[0]: a written statement of action was due by "
            "2018-06-18 but none is linked; add it under plans: with kind: wsoa") in warnings
    (content / "areas" / "a,line=1,title=x:y\r\n::warning::100%.yaml").write_text("name: Hostile\n", encoding="utf-8")
    example = content / "areas" / "exampleton.yaml"
    example.write_text(example.read_text("utf-8").replace("region: South West", 'region: "50%, first"'), encoding="utf-8")
    assert main(["check", "--content", "content", "--today", "2026-11-23"]) == 1
    hostile = "::error file=content/areas/a%2Cline=1%2Ctitle=x%3Ay%0D%0A%3A%3Awarning%3A%3A100%25.yaml"
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (hostile + "::the file name 'a,line=1,title=x:y\\r\\n::warning::100%25.yaml' must be lowercase "
                      "letters, digits and hyphens, like barking-and-dagenham.yaml")  # a whole-file problem: no line
    assert hostile + ",line=1::region: missing; every file needs `region:`" in out
    assert out[-1] == ("::error file=content/areas/exampleton.yaml,line=3::region: expected one of 'North East', 'North West', "
                       "'Yorkshire and The Humber', 'East Midlands', 'West Midlands', 'East of England', 'London', "
                       "'South East', 'South West', got '50%25, first'")
    assert all(line.startswith("::error file=") for line in out)


def test_no_annotations_outside_github_actions(tmp_path, capsys, monkeypatch):
    content = copy_fixture(tmp_path)
    (content / "areas" / "x.yaml").write_text("name: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert main(["check", "--content", "content", "--today", "2026-11-23"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "content/areas/x.yaml:2: this is not valid YAML" in captured.err


def test_check_escapes_a_hostile_file_name_in_annotations(tmp_path, capsys, monkeypatch):
    content = copy_fixture(tmp_path)
    name = "x,line=1:\n::error::y.yaml"
    (content / "areas" / name).write_text("name: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["check", "--content", "content", "--today", "2026-11-23"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out and all(line.startswith(("::error ", "::warning ")) for line in out)
    mine = [line for line in out if "x%2Cline" in line]
    assert mine and all(line.startswith("::error file=content/areas/x%2Cline=1%3A%0A%3A%3Aerror%3A%3Ay.yaml") for line in mine)
