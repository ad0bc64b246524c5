"""Writing outputs: atomic, clear errors, ordinary permissions."""

from __future__ import annotations

import os
import stat

import pytest

from geoevents.errors import OutputError
from geoevents.outputs import write_text_atomic


def test_written_whole_with_a_new_files_permissions(tmp_path):
    target = tmp_path / "sub" / "out.geojson"
    write_text_atomic(target, "one\n")
    write_text_atomic(target, "two\n")
    assert target.read_text() == "two\n"
    mask = os.umask(0o22)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["out.geojson"]


@pytest.mark.parametrize("where", ["file/out.txt", "folder", "/proc/geoevents-no/out.txt"])
def test_unwritable_targets_are_output_errors(tmp_path, where):
    (tmp_path / "file").write_text("x")
    (tmp_path / "folder").mkdir()
    target = tmp_path / where if not where.startswith("/") else where
    with pytest.raises(OutputError, match="cannot write") as info:
        write_text_atomic(target, "text")
    assert "\n" not in str(info.value)
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_an_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_unencodable_text_is_an_output_error_not_a_traceback(tmp_path):
    with pytest.raises(OutputError, match="not valid Unicode"):
        write_text_atomic(tmp_path / "out.txt", "a \ud800 b")
    assert not list(tmp_path.iterdir())
