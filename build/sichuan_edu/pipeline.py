"""The build: every page in a seeds folder -> one SQLite database, written atomically."""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from .errors import BuildError
from .institutions import Resolver
from .knowledge import knowledge_dir, load_knowledge
from .load import add_page, add_places, add_warnings
from .manifest import read_manifest, unlisted
from .parse import page_id, parse_page
from .places import load_gazetteer
from .words import Words
from .schema import FTS_CONFIG, create_tables, ensure_db_shape, fts_table, rebuild_fts

MANIFEST = "manifest.csv"


@dataclass
class Summary:
    pages: int = 0
    counts: dict = field(default_factory=dict)
    warnings: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        parts = ", ".join(f"{n} {t}" for t, n in self.counts.items())
        return f"built {self.pages} page(s): {parts}; {self.warnings} warning(s) in {self.seconds:.1f}s"


def page_files(seeds: Path) -> list[Path]:
    return sorted(p for p in seeds.iterdir() if p.is_file() and p.suffix.lower() == ".txt")


def build(seeds: Path, db_path: Path, progress=None) -> Summary:
    """Build db_path from seeds; on any error the previous database is left as it was."""
    started = time.monotonic()
    seeds, db_path = Path(seeds), Path(db_path)
    if not seeds.is_dir():
        raise BuildError(seeds, None, "seeds folder not found")
    manifest_path = seeds / MANIFEST
    manifest = read_manifest(manifest_path)
    files = page_files(seeds)
    names = {p.name for p in files}
    for name in manifest:
        if name not in names:
            raise BuildError(manifest_path, None, f"lists {name}, which is not in {seeds}")
    if not files:
        raise BuildError(seeds, None, "no page files (*.txt)")
    know = load_knowledge(knowledge_dir(seeds))
    gaz = load_gazetteer()
    resolver = Resolver(know, gaz, know.directory.parent / "reference" / "moe_hei_sichuan_2025.tsv")
    listed = frozenset(resolver.moe)
    words = Words(know.directory)
    words.add(know.canonical, "nt")

    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        db = sqlite_utils.Database(tmp)
        db.execute("pragma journal_mode = off")
        db.execute("pragma synchronous = off")
        create_tables(db)
        add_places(db, gaz)
        seen: dict[str, str] = {}
        for path in files:
            data = path.read_bytes()
            entry = manifest.get(path.name) or unlisted(path.name)
            parsed = parse_page(path.name, data, know, entry.published, entry.content_year, gaz, listed)
            if parsed.sha256 in seen:
                raise BuildError(path, None, f"identical to {seen[parsed.sha256]} (same bytes): remove one of them")
            seen[parsed.sha256] = path.name
            add_keywords(parsed, words)
            with db.conn:
                add_page(db, parsed, entry, resolver, gaz)
                if not entry.listed:
                    add_warnings(db, page_id(path.name), path.name, [(None, f"not listed in {MANIFEST}: paper and date unknown")])
            if progress:
                progress(path.name)
        with db.conn:
            ensure_db_shape(db)
            rebuild_fts(db)
        check(db, tmp)
        summary = Summary(
            pages=len(files),
            counts={t: db[t].count for t in ("articles", "people", "institutions", "cases", "captions", "residue")},
            warnings=db["build_warnings"].count,
        )
        db.conn.commit()
        db.execute("vacuum")
        db.close()
        os.replace(tmp, db_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    summary.seconds = time.monotonic() - started
    return summary


def add_keywords(parsed, words: Words) -> None:
    """Teach jieba the page's confirmed names, then give each article its keywords."""
    words.add((c.name for a in parsed.articles for c in a.credits), "nr")
    words.add((m.printed for m in parsed.institution_mentions), "nt")
    words.add((name for case in parsed.cases for name, _ in case.units), "nt")
    for a in parsed.articles:
        a.keywords = words.keywords((a.title or "") + "\n" + a.body)


def check(db: sqlite_utils.Database, path: Path) -> None:
    """The finished database must pass SQLite's own checks before it replaces the old one."""
    result = db.execute("pragma integrity_check").fetchone()[0]
    if result != "ok":
        raise BuildError(path, None, f"integrity_check failed: {result}")
    bad = db.execute("pragma foreign_key_check").fetchall()
    if bad:
        raise BuildError(path, None, f"foreign_key_check failed: {bad[:3]}")
    for table in FTS_CONFIG:
        fts = fts_table(table)
        db.execute(f"insert into [{fts}]([{fts}]) values('integrity-check')")


def main_build(seeds: str, db: str) -> int:
    try:
        # Progress only for a person watching; errors stay one line for scripts and logs.
        show = sys.stderr.isatty()
        summary = build(Path(seeds), Path(db), progress=(lambda name: print(f"  parsed {name}", file=sys.stderr)) if show else None)
    except BuildError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(summary)
    return 0
