"""Replacing a file in one step (serve's quick rebuilds, the importer, site-builder new): all or nothing."""

from __future__ import annotations

import os
import stat

import pytest

from site_builder.replace_file import replace_file


def test_a_file_is_replaced_whole_and_keeps_its_mode(tmp_path):
    target = tmp_path / "area.yaml"
    target.write_text("name: Testshire\n", "utf-8")
    target.chmod(0o640)
    replace_file(target, "name: Testshire\nregion: London\n")
    assert target.read_text("utf-8") == "name: Testshire\nregion: London\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["area.yaml"]


def test_a_new_file_gets_the_usual_mode(tmp_path):
    mask = os.umask(0o022)
    try:
        replace_file(tmp_path / "new.json", b"{}\n")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644
    assert (tmp_path / "new.json").read_bytes() == b"{}\n"


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary_one(tmp_path):
    target = tmp_path / "index.html"
    target.write_text("<p>before</p>\n", "utf-8")
    with pytest.raises(UnicodeEncodeError):
        replace_file(target, "<p>\ud800</p>\n")  # a lone surrogate cannot be written as UTF-8
    assert target.read_text("utf-8") == "<p>before</p>\n"
    assert os.listdir(tmp_path) == ["index.html"]
