"""Shared fixtures: the seed page parsed, and the database built once from seeds/."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from sichuan_edu.knowledge import load_knowledge
from sichuan_edu.parse import parse_page
from sichuan_edu.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# The page generators live outside the installed package.
sys.path.insert(0, str(ROOT / "bench"))
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


def run_build(seeds, db, *extra):
    """The build command as a user runs it, in its own process."""
    return subprocess.run([sys.executable, "-m", "sichuan_edu", "build", "--seeds", str(seeds), "--db", str(db), *extra],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.fixture
def seeds(tmp_path):
    """A seeds folder of our own: the seed page and the manifest."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(SEED_PAGE, folder / SEED_PAGE.name)
    shutil.copy(ROOT / "seeds" / "manifest.csv", folder / "manifest.csv")
    return folder


def segment_owners(page, text: str):
    """(line, column) -> how many of a parsed page's segments hold that character, and the set of every
    non-blank character's (line, column): a page loses nothing when each is held exactly once."""
    from collections import Counter

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    count: Counter = Counter()
    for s in page.segments:
        for no in range(s.line_no, s.last_line + 1):
            a = s.col_start if no == s.line_no else 0
            b = s.col_end if no == s.last_line else len(lines[no - 1])
            count.update((no, c) for c in range(a, b) if not lines[no - 1][c].isspace())
    wanted = {(no, c) for no, line in enumerate(lines, 1) for c, ch in enumerate(line) if not ch.isspace()}
    return count, wanted


def assert_held_once(page, *label) -> None:
    """Every non-blank character of a parsed page is in exactly one segment: nothing lost, nothing twice."""
    count, wanted = segment_owners(page, page.text)
    assert set(count) == wanted, (*label, page.file, "lost", sorted(wanted - set(count))[:3])
    assert all(n == 1 for n in count.values()), (*label, page.file, "twice", [k for k, n in count.items() if n > 1][:3])


@pytest.fixture(scope="module")
def site(db_path):
    """The site as `make serve` configures it (metadata, plugins, templates) over the seed database."""
    import yaml
    from datasette.app import Datasette

    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    return Datasette([str(db_path)], metadata=metadata, plugins_dir=str(ROOT / "plugins"),
                     template_dir=str(ROOT / "templates"), settings={"sql_time_limit_ms": 5000})


async def html_of(ds, path):
    """A page's HTML, which must be served (200)."""
    response = await ds.client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.text
