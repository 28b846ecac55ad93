"""Bad input stops the build with one line naming the file (and line), and leaves the old database."""
import sqlite3

import pytest

from conftest import SEED_PAGE, run_build


@pytest.fixture
def old_db(tmp_path, seeds):
    db = tmp_path / "out.db"
    assert run_build(seeds, db).returncode == 0
    return db


def assert_old_db_intact(db):
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("select count(*) from articles").fetchone()[0] == 6


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "empty.txt: page file is empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary.txt:3: not a text file (NUL byte)"),
    ("latin.txt", "本报讯（甲）好\n".encode("utf-8") + b"\xff\xfe\xfa\xfb\n", "latin.txt:2: not UTF-8 or GB18030 text"),
    ("utf16.txt", "本报讯（甲）好\n".encode("utf-16"), "utf16.txt:1: UTF-16 text is not supported: save the page as UTF-8 or GB18030"),
])
def test_bad_page_file(seeds, old_db, name, data, message):
    (seeds / name).write_bytes(data)
    result = run_build(seeds, old_db)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith(message), result.stderr
    assert_old_db_intact(old_db)
    assert not list(old_db.parent.glob(".*.tmp"))


def test_missing_listed_file(seeds, old_db):
    (seeds / SEED_PAGE.name).rename(seeds / "renamed.txt")
    result = run_build(seeds, old_db)
    assert result.returncode == 2
    assert f"manifest.csv: lists {SEED_PAGE.name}, which is not in" in result.stderr
    assert_old_db_intact(old_db)


def test_malformed_manifest_date_names_line_and_field(seeds, old_db):
    text = (seeds / "manifest.csv").read_text(encoding="utf-8").replace(",unknown,", ",2022-13-45,")
    (seeds / "manifest.csv").write_text(text, encoding="utf-8")
    result = run_build(seeds, old_db)
    assert result.returncode == 2
    assert "manifest.csv:2: field 'published' is not a date" in result.stderr
    assert_old_db_intact(old_db)


def test_gb18030_page_builds_the_same(seeds, tmp_path):
    (seeds / SEED_PAGE.name).write_bytes(SEED_PAGE.read_text(encoding="utf-8").encode("gb18030"))
    db = tmp_path / "gb.db"
    assert run_build(seeds, db).returncode == 0
    conn = sqlite3.connect(db)
    assert conn.execute("select encoding from pages").fetchone()[0] == "gb18030"
    assert conn.execute("select count(*) from cases").fetchone()[0] == 20


def test_unlisted_page_is_built_with_a_warning(seeds, tmp_path):
    (seeds / "manifest.csv").write_text("file,paper,published,page_no,source,content_year,note\n", encoding="utf-8")
    db = tmp_path / "unlisted.db"
    assert run_build(seeds, db).returncode == 0
    conn = sqlite3.connect(db)
    assert conn.execute("select paper, published, in_manifest from pages").fetchone() == (None, None, 0)
    (msg,) = conn.execute("select message from build_warnings").fetchone()
    assert msg == "not listed in manifest.csv: paper and date unknown"
