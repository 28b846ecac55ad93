"""The build: every page in a seeds folder -> one SQLite database, written atomically.

Pages are independent, so they are parsed in worker processes (`workers`), each page's rows are
cached by the page's content and the build's version (`cache`), and when the only change since the
last build is pages appended at the end (a new day's issue), the old database is copied and only the
new pages are added. Either way the new database replaces the old one only after SQLite's checks pass.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import shutil
import sqlite3
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlite_utils

from .errors import BuildError
from .institutions import Resolver
from .knowledge import knowledge_dir, load_knowledge
from .load import city_rows, merge_people, page_rows, write_rows
from .manifest import Entry, pdf_entry, read_manifest, unlisted
from .parse import page_id, parse_page
from .pdf_layout import image_warnings, line_box_rows, page_image_row, parse_pdf_page, text_differences
from .pdf_pages import page_count, render_page
from .places import load_gazetteer
from .schema import FTS_CONFIG, create_tables, ensure_db_shape, fts_table, index_fts
from .words import Words

MANIFEST = "manifest.csv"
PACKAGE = Path(__file__).resolve().parent


@dataclass
class Summary:
    pages: int = 0
    counts: dict = field(default_factory=dict)
    warnings: int = 0
    seconds: float = 0.0
    mode: str = "full"
    parsed: int = 0  # pages parsed (the others came from the cache or the previous database)
    phases: dict = field(default_factory=dict)  # seconds: pages (parse and write), finish (indexes, FTS), check

    def __str__(self) -> str:
        parts = ", ".join(f"{n} {t}" for t, n in self.counts.items())
        phases = ", ".join(f"{k} {v:.1f}s" for k, v in self.phases.items())
        return (f"built {self.pages} page(s) ({self.mode}, {self.parsed} parsed): {parts}; "
                f"{self.warnings} warning(s) in {self.seconds:.1f}s ({phases})")


def page_files(seeds: Path) -> list[Path]:
    return sorted(p for p in seeds.iterdir() if p.is_file() and p.suffix.lower() in (".txt", ".pdf"))


def page_sha256(path: Path, entry: Entry) -> str:
    """A page's identity: its file's bytes, and for a page of a PDF of several pages, which page."""
    data = path.read_bytes()
    return hashlib.sha256(data + (f"#page={entry.pdf_page}".encode() if "#page=" in entry.file else b"")).hexdigest()


def extracted_text(path: Path, entry: Entry) -> Path | None:
    """The text extracted from a PDF page, when it is given beside the PDF: the text file whose page id is the
    PDF page's (x.txt beside x.pdf, x-2.txt for x.pdf#page=2). The PDF is built; the text is compared."""
    if path.suffix.lower() != ".pdf":
        return None
    text = path.with_name(page_id(entry.file) + ".txt")
    return text if text.is_file() else None


def extracted_sha256(path: Path, entry: Entry) -> str | None:
    text = extracted_text(path, entry)
    return hashlib.sha256(text.read_bytes()).hexdigest() if text else None


def build_version(knowledge: Path) -> str:
    """Hash of the code and knowledge a build used: a cached page or an old database built with
    anything else is not reused."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.glob("*.py")) + sorted(knowledge.glob("*")) + sorted((knowledge.parent / "reference").glob("*.[tc]sv")):
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


# --- one page, in whichever process ---------------------------------------------------------

_WORKER: dict = {}


def _init_worker(knowledge: str) -> None:
    """Everything a page's parse needs, loaded fresh for each build. With several workers the build loads
    it once in the parent and forks the workers from it (`_forked_worker`), so each child starts with it
    instead of loading it again (jieba's dictionaries are most of it: about a second of CPU)."""
    import jieba

    jieba.dt.initialize()  # the shared dictionary mentions.py segments with, loaded now rather than on a page
    know = load_knowledge(Path(knowledge))
    gaz = load_gazetteer()
    resolver = Resolver(know, gaz, know.directory.parent / "reference" / "moe_hei_sichuan_2025.tsv")
    words = Words(know.directory)
    words.add(know.canonical, "nt")
    _warm(know, know.people, gaz, words)
    _WORKER.clear()
    _WORKER.update(know=know, gaz=gaz, resolver=resolver, words=words, listed=frozenset(resolver.moe))


def _warm(*state) -> None:
    """Compute now what the first page would (the gazetteer's forms, the knowledge's patterns, jieba's word
    tags and IDF table, pypinyin's dictionaries): with several workers the parent computes it once before
    forking, instead of each worker on its first page (about a second of CPU each)."""
    from functools import cached_property

    from .text import pinyin
    from .words import _word_tags, jieba_idf

    for obj in state:
        for name, attr in vars(type(obj)).items():
            if isinstance(attr, cached_property):
                getattr(obj, name)
    _word_tags()
    jieba_idf()
    pinyin("四川")


def _forked_worker(knowledge: str, token: str) -> None:
    """A worker forked from the build: it has the parent's freshly loaded state (marked with token)."""
    if _WORKER.get("token") != token:
        _init_worker(knowledge)


def page_names(parsed) -> set[str]:
    """Names confirmed on a page: people, institutions as printed, case units."""
    return ({c.name for a in parsed.articles for c in a.credits}
            | {m.printed for m in parsed.institution_mentions}
            | {name for case in parsed.cases for name, _ in case.units})


def add_keywords(parsed, words: Words) -> None:
    """Give each article its keywords, with jieba taught the page's confirmed names."""
    with words.names(page_names(parsed)):
        for a in parsed.articles:
            a.keywords = words.keywords((a.title or "") + "\n" + a.body)


def process_page(task: tuple[Path, Entry]) -> dict[str, list[dict]]:
    """Page file -> rows, in a worker (or in the main process when there is one worker)."""
    path, entry = task
    w = _WORKER
    boxes, images, text = [], [], None
    if path.suffix.lower() == ".pdf":
        parsed, pdf_page = parse_pdf_page(path, entry.pdf_page or 1, w["know"], entry.published, entry.content_year,
                                          w["gaz"], w["listed"], paper=entry.paper)
        boxes = line_box_rows(pdf_page)
        image = render_page(path, pdf_page.number)
        images = [page_image_row(page_id(entry.file), image)]
        parsed.warnings.extend(image_warnings(image))
        text = extracted_text(path, entry)
        if text:
            other = parse_page(text.name, text.read_bytes(), w["know"], entry.published, entry.content_year,
                               w["gaz"], w["listed"], paper=entry.paper)
            parsed.warnings.extend(text_differences(parsed, other, text.name))
    else:
        parsed = parse_page(path.name, path.read_bytes(), w["know"], entry.published, entry.content_year, w["gaz"],
                            w["listed"], paper=entry.paper)
    add_keywords(parsed, w["words"])
    if not entry.listed:
        parsed.warnings.insert(0, (None, f"not listed in {MANIFEST}: paper and date unknown"))
    rows = page_rows(parsed, entry, w["resolver"], w["gaz"])
    rows["line_boxes"] = boxes
    rows["page_images"] = images
    if text:
        rows["pages"][0].update(extracted_file=text.name, extracted_sha256=hashlib.sha256(text.read_bytes()).hexdigest())
    return rows


class PageCache:
    """Rows of each page, keyed by its bytes, its manifest entry and the build version."""

    def __init__(self, folder: Path | None, version: str):
        self.folder, self.version = folder, version
        if folder:
            folder.mkdir(parents=True, exist_ok=True)

    def key(self, data: bytes, entry: Entry, extracted: str | None = None) -> str:
        return hashlib.sha256(self.version.encode() + repr(entry).encode() + data + (extracted or "").encode()).hexdigest()

    def has(self, key: str) -> bool:
        return bool(self.folder) and (self.folder / f"{key}.pickle").exists()

    def get(self, key: str):
        if not self.folder:
            return None
        path = self.folder / f"{key}.pickle"
        try:
            return pickle.loads(path.read_bytes()) if path.exists() else None
        except Exception:  # a damaged cache entry is just a miss
            return None

    def put(self, key: str, rows) -> None:
        if self.folder:
            tmp = self.folder / f".{key}.{os.getpid()}.tmp"
            tmp.write_bytes(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self.folder / f"{key}.pickle")


# --- the whole build ---------------------------------------------------------------------------

def _pages(seeds: Path):
    """The page files and their manifest entries, checked."""
    manifest_path = seeds / MANIFEST
    manifest = read_manifest(manifest_path)
    files = page_files(seeds)
    names = {p.name for p in files}
    for name in manifest:
        if name.partition("#page=")[0] not in names:
            raise BuildError(manifest_path, None, f"lists {name}, which is not in {seeds}")
    if not files:
        raise BuildError(seeds, None, "no page files (*.txt, *.pdf)")
    pages = []
    for path in files:
        if path.suffix.lower() == ".pdf":
            count = page_count(path)
            for name, entry in manifest.items():
                if entry.pdf_page and name.partition("#page=")[0] == path.name and entry.pdf_page > count:
                    raise BuildError(manifest_path, None, f"lists {name}, but {path.name} has {count} page(s)")
            pages += [(path, pdf_entry(manifest, path.name, n, count)) for n in range(1, count + 1)]
        else:
            pages.append((path, manifest.get(path.name) or unlisted(path.name)))
    return with_extracted_texts(pages)


def with_extracted_texts(pages: list[tuple[Path, Entry]]) -> list[tuple[Path, Entry]]:
    """A text page with a PDF page's id is that page's extracted text: not built (the PDF is, and the text is
    compared with it); its manifest row serves the PDF page if the PDF's own has none."""
    pdf_ids = {page_id(e.file) for p, e in pages if p.suffix.lower() == ".pdf"}
    texts = {page_id(e.file): e for p, e in pages if p.suffix.lower() != ".pdf" and page_id(e.file) in pdf_ids}
    out = []
    for path, entry in pages:
        pid = page_id(entry.file)
        if pid in texts and path.suffix.lower() != ".pdf":
            continue
        if pid in texts and not entry.listed and texts[pid].listed:
            entry = replace(texts[pid], file=entry.file, pdf_page=entry.pdf_page)
        out.append((path, entry))
    return out


def page_fingerprint(sha256: str, entry: Entry, extracted: str | None = None) -> tuple:
    """What a page's rows depend on besides the code: its bytes, its manifest entry, and for a PDF page the
    text extracted from it, when given (the build's warnings compare the two)."""
    return (sha256, entry.paper, entry.published.isoformat() if entry.published else None, entry.page_no,
            entry.source, entry.content_year, int(entry.listed), entry.note, extracted)


def _previous(db_path: Path, version: str) -> dict[str, tuple] | None:
    """{page id: fingerprint} of the existing database, if it was built by this version; else None."""
    if not db_path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        info = dict(conn.execute("select key, value from build_info").fetchall())
        pages = {row[0]: tuple(row[1:]) for row in conn.execute(
            "select id, sha256, paper, published, page_no, source, content_year, in_manifest, manifest_note, "
            "extracted_sha256 from pages")}
        conn.close()
    except sqlite3.Error:
        return None
    return pages if info.get("build_version") == version else None


def build(seeds: Path, db_path: Path, progress=None, workers: int = 1, cache: Path | None = None,
          incremental: bool = True) -> Summary:
    """Build db_path from seeds; on any error the previous database is left as it was."""
    started = time.monotonic()
    seeds, db_path = Path(seeds), Path(db_path)
    if not seeds.is_dir():
        raise BuildError(seeds, None, "seeds folder not found")
    pages = _pages(seeds)
    knowledge = knowledge_dir(seeds)
    version = build_version(knowledge)
    page_cache = PageCache(cache, version)

    previous = _previous(db_path, version) if incremental else None
    mode = "full"
    if previous is not None:
        ids = [page_id(e.file) for _, e in pages]
        old = [i for i in ids if i in previous]
        # Append-only: every old page still there, unchanged, and every new page sorts after them,
        # so the database gets exactly the rows (and row order) a full build would give.
        # (an edited manifest entry counts as a change: the page's paper or date would be stale)
        unchanged = all(page_fingerprint(page_sha256(p, e), e, extracted_sha256(p, e)) == previous.get(page_id(e.file))
                        for p, e in pages if page_id(e.file) in previous)
        if len(old) == len(previous) and ids[: len(old)] == old and unchanged:
            mode = "append"
            pages = [(p, e) for p, e in pages if page_id(e.file) not in previous]

    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    summary = Summary(mode=mode)
    try:
        if mode == "append":
            shutil.copyfile(db_path, tmp)
        db = sqlite_utils.Database(tmp)
        db.execute("pragma journal_mode = off")
        db.execute("pragma synchronous = off")
        after = {t: db.execute(f"select coalesce(max(rowid), 0) from [{t}]").fetchone()[0] for t in FTS_CONFIG} if mode == "append" else {}
        if mode == "full":
            # 16 KB pages: an article (a few KB of body) fits whole in a page, so a search that fetches
            # many rows touches a third as many pages (about 25% faster, measured in bench/).
            db.execute("pragma page_size = 16384")
            create_tables(db)
            write_rows(db, city_rows(load_gazetteer()))
        seen = {} if mode == "full" else {fp[0]: pid for pid, fp in previous.items()}
        for path, entry, rows in _rows(pages, knowledge, page_cache, workers, summary):
            sha = rows["pages"][0]["sha256"]
            if sha in seen:
                raise BuildError(entry.file, None, f"identical to {seen[sha]} (same bytes): remove one of them")
            seen[sha] = entry.file
            with db.conn:
                write_rows(db, rows)
            if progress:
                progress(entry.file)
        summary.phases["pages"] = time.monotonic() - started
        with db.conn:
            merge_people(db, after.get("people", 0))
            ensure_db_shape(db)
            index_fts(db, after)
            db["build_info"].upsert_all([{"key": "build_version", "value": version}], pk="key")
        summary.phases["finish"] = time.monotonic() - started - summary.phases["pages"]
        check(db, tmp)
        summary.phases["check"] = time.monotonic() - started - summary.phases["pages"] - summary.phases["finish"]
        summary.pages = db["pages"].count
        summary.counts = {t: db[t].count for t in ("articles", "people", "institutions", "cases", "captions", "residue")}
        summary.warnings = db["build_warnings"].count
        db.conn.commit()
        db.close()
        os.replace(tmp, db_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    summary.seconds = time.monotonic() - started
    return summary


def _rows(pages, knowledge: Path, page_cache: PageCache, workers: int, summary: Summary):
    """(path, entry, rows) for each page in order: from the cache, or parsed (in parallel).
    Pages stream through: only a page's cache key is held, never all the texts at once."""
    keys = ([page_cache.key(path.read_bytes(), entry, extracted_sha256(path, entry)) for path, entry in pages]
            if page_cache.folder else [None] * len(pages))
    hits = [page_cache.folder is not None and page_cache.has(k) for k in keys]
    todo = [task for task, hit in zip(pages, hits) if not hit]
    summary.parsed = len(todo)
    if workers > 1 and len(todo) > 1:
        ctx = multiprocessing.get_context("fork")
        _init_worker(str(knowledge))  # once, here: the forked workers inherit it
        token = os.urandom(8).hex()
        _WORKER["token"] = token
        pool = ctx.Pool(workers, initializer=_forked_worker, initargs=(str(knowledge), token))
        fresh = pool.imap(process_page, todo, chunksize=4)
    else:
        pool = None
        if todo:
            _init_worker(str(knowledge))
        fresh = map(process_page, todo)
    try:
        for (path, entry), key, hit in zip(pages, keys, hits):
            rows = page_cache.get(key) if hit else None
            if rows is None:
                rows = next(fresh)
                page_cache.put(key, rows)
            yield path, entry, rows
    finally:
        if pool:
            pool.terminate()


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


def main_build(seeds: str, db: str, workers: int = 1, cache: str | None = None, incremental: bool = True) -> int:
    # A progress bar only for a person watching; errors stay one line for scripts and logs.
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit="page", desc="building", file=sys.stderr, leave=False)
    try:
        summary = build(Path(seeds), Path(db), progress=(lambda name: bar.update(1)) if bar else None,
                        workers=workers, cache=Path(cache) if cache else None, incremental=incremental)
    except BuildError as e:
        if bar:
            bar.close()
        print(f"error: {e}", file=sys.stderr)
        return 2
    if bar:
        bar.close()
    print(summary)
    return 0
