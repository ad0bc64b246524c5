"""A store built with another fold or other curated data is stale (and rebuilt)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from geoevents.gazetteer.schema import SCHEMA_VERSION, data_version
from geoevents.gazetteer.store import store_state


def _store(path: Path, meta: dict[str, str]) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    conn.commit()
    conn.close()
    return path


def test_store_of_the_current_fold_and_curated_data_is_ok(tmp_path):
    meta = {"schema_version": SCHEMA_VERSION, "data_version": data_version()}
    assert store_state(_store(tmp_path / "g.sqlite", meta)) == "ok"


def test_store_of_another_fold_or_curated_data_is_stale(tmp_path):
    old = {"schema_version": SCHEMA_VERSION, "data_version": "fold0-curated000000000000"}
    assert store_state(_store(tmp_path / "a.sqlite", old)) == "stale"
    older = {"schema_version": SCHEMA_VERSION}  # built before data versions existed
    assert store_state(_store(tmp_path / "b.sqlite", older)) == "stale"


def test_data_version_names_the_fold_version():
    assert data_version().startswith("fold")
