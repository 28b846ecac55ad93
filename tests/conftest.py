"""Shared fixtures: the seed page parsed, and the database built once from seeds/."""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from sichuan_edu.knowledge import load_knowledge
from sichuan_edu.parse import parse_page
from sichuan_edu.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_PAGE = SEEDS / "000_c7edaf26723f02d6.txt"
PAGE_ID = "000_c7edaf26723f02d6"


@pytest.fixture(scope="session")
def know():
    return load_knowledge()


@pytest.fixture(scope="session")
def parsed(know):
    return parse_page(SEED_PAGE.name, SEED_PAGE.read_bytes(), know, None, 2022)


@pytest.fixture(scope="session")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "sichuan_edu.db"
    build(SEEDS, path)
    return path


@pytest.fixture(scope="session")
def db(db_path):
    return sqlite_utils.Database(db_path)
