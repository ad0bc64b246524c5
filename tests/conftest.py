"""Shared fixtures: the real spaCy model, the real gazetteer, and ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
SEED = SHARED / "corpus" / "000_d721feaf921e10eb.txt"

needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason="../shared (real articles and eval sets) is absent"
)


@pytest.fixture(scope="session")
def geoparser():
    """One Geoparser for the session: the real model and the real SQLite gazetteer."""
    from geoevents.pipeline import default_geoparser

    return default_geoparser()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The real scraped acceptance page in ../shared (skips when absent)."""
    if not SEED.exists():
        pytest.skip("../shared/corpus is absent")
    return SEED
