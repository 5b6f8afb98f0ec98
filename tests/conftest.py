"""Shared fixtures: the seed article and gold (skipped where ../shared is absent), temp stores."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test where it is absent (a user's clone)."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not present")
    return p


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("seed", "article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(shared_path("gold", "seed.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_record(seed_text, seed_gold):
    import tocsin

    return tocsin.extract(seed_text, published=seed_gold["article"]["published"], id="seed",
                          source=seed_gold["article"]["source"])


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(scope="session")
def pg_url() -> str:
    url = os.environ.get("TOCSIN_TEST_PG_URL")
    if not url:
        pytest.skip("TOCSIN_TEST_PG_URL not set (no PostgreSQL server)")
    return url
