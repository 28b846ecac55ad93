"""The scale benchmark: `make bench` (or `.venv/bin/python bench/bench.py`).

Every figure is a ratio against a baseline measured in the same run, on the same machine, on the
same text, because these machines are shared and noisy. Medians of several runs.

  build      full build of SMALL generated pages vs jieba segmenting the same page text (1 process);
             the same build with 2 worker processes; peak memory of each
  increment  SMALL pages + one issue of 8 pages appended, vs the full build of SMALL + 8
  scale      BIG generated pages (>= 100,000 articles) built with 2 workers; peak memory
  serve      on the BIG database: Datasette ?_search= vs the raw FTS5 MATCH (same terms, same
             connection kind), a faceted table page; index and database size vs text size
  pdf        the corpus PDFs (tests/corpus/pdf after `make fixtures`, else the five in pdf-sample/) built
             from the PDF against the same pages' texts (pdftotext, PDFium): seconds per page of the whole
             build, and of a page's own work (read, layout, render, rows) without the build's start-up

Environment: BENCH_SMALL (default 1000), BENCH_BIG (default 13400), BENCH_RUNS (default 3).
`--build`, `--tables` or `--pdf` measures only that part and merges it into the results.
Writes bench/results/bench.json and bench/results/bench.md.
"""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
SMALL = int(os.environ.get("BENCH_SMALL", 1000))
BIG = int(os.environ.get("BENCH_BIG", 13400))
RUNS = int(os.environ.get("BENCH_RUNS", 3))
TERMS = ["就业", "产教", "融合", "高校", "县中", "招生", "教育厅", "毕业生", "双选会", "职业教育", "产教融合", "典型案例"]


def run(*args: str) -> tuple[float, float]:
    """Run a command in a fresh process; (seconds, peak RSS in MB of it and its children)."""
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        f"r = subprocess.run({list(args)!r}); "
        "dt = time.perf_counter() - t; "
        "m = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024; "
        "print(dt, m); sys.exit(r.returncode)"
    )
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(f"failed: {' '.join(args)}\n{out.stderr[-2000:]}")
    seconds, rss = out.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(rss)


def corpus(n: int, extra: int = 0) -> Path:
    folder = WORK / f"corpus{n}"
    if not (folder / "manifest.csv").exists() or len(list(folder.glob("*.txt"))) != n + extra:
        shutil.rmtree(folder, ignore_errors=True)
        run(PY, str(ROOT / "bench" / "seedlike.py"), "--pages", str(n + extra), "--out", str(folder), "--seed", "7")
    return folder


def subset(src: Path, n: int, name: str) -> Path:
    """The first n pages of a corpus, with their manifest lines."""
    dst = WORK / name
    shutil.rmtree(dst, ignore_errors=True)
    dst.mkdir(parents=True)
    lines = (src / "manifest.csv").read_text(encoding="utf-8").splitlines()
    (dst / "manifest.csv").write_text("\n".join(lines[: n + 1]) + "\n", encoding="utf-8")
    for line in lines[1 : n + 1]:
        name_ = line.split(",")[0]
        os.link(src / name_, dst / name_)
    return dst


def jieba_baseline(folder: Path) -> tuple[float, float]:
    code = (
        "import glob, time, jieba, sys; jieba.setLogLevel(60); t = jieba.Tokenizer(); t.initialize(); "
        f"texts = [open(f, encoding='utf-8').read() for f in sorted(glob.glob('{folder}/*.txt'))]; "
        "s = time.perf_counter(); [t.lcut(x) for x in texts]; print(time.perf_counter() - s)"
    )
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip()), 0.0


def median_of(fn, runs=RUNS):
    values = [fn() for _ in range(runs)]
    return statistics.median(v[0] for v in values), max(v[1] for v in values)


def build(folder: Path, db: Path, workers: int = 1, full: bool = True):
    args = [PY, "-m", "sichuan_edu", "build", "--seeds", str(folder), "--db", str(db), "--workers", str(workers)]
    return run(*args, *(["--full"] if full else []))


async def serve_figures(db: Path) -> dict:
    from datasette.app import Datasette
    import yaml

    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    # Each search is asked five times: with the site's kept answers (plugins/http_cache.py) four would be
    # cache hits; these figures are the work of answering, so the cache is off.
    os.environ["SICHUAN_EDU_RESPONSE_CACHE_MB"] = "0"
    ds = Datasette(immutables=[str(db)], metadata=metadata, plugins_dir=str(ROOT / "plugins"),
                   settings={"sql_time_limit_ms": 5000, "suggest_facets": False})
    name = db.stem
    raw = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    raw.execute("pragma mmap_size = 4294967296")  # as the site's connections (plugins/read_only_speed.py)
    sys.path.insert(0, str(ROOT / "build"))
    from sichuan_edu.search import match_expression

    def raw_query(term):
        # The raw FTS5 MATCH a hand-written search runs: the first page of matching articles and the count.
        q = match_expression(term)
        raw.execute("select articles.* from articles_fts join articles on articles.rowid = articles_fts.rowid "
                    "where articles_fts match ? limit 101", [q]).fetchall()
        raw.execute("select count(*) from articles_fts where articles_fts match ?", [q]).fetchone()

    def same_sql(term):
        # The SQL Datasette's table search runs (rows in primary-key order, and the count), without Datasette.
        q = match_expression(term)
        raw.execute("select articles.* from articles where rowid in (select rowid from articles_fts where articles_fts match ?) order by id limit 101", [q]).fetchall()
        raw.execute("select count(*) from articles where rowid in (select rowid from articles_fts where articles_fts match ?)", [q]).fetchone()

    async def timed_get(path):
        t = time.perf_counter()
        r = await ds.client.get(path)
        assert r.status_code == 200, (path, r.status_code, r.text[:300])
        return time.perf_counter() - t

    import urllib.parse

    await timed_get(f"/{name}/articles.json?_search=%E5%B0%B1%E4%B8%9A")  # warm up
    per_term = {}
    for term in TERMS:
        ds_times, raw_times, same_times = [], [], []
        for _ in range(5):
            ds_times.append(await timed_get(f"/{name}/articles.json?_search={urllib.parse.quote(term)}"))
            t = time.perf_counter()
            raw_query(term)
            raw_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            same_sql(term)
            same_times.append(time.perf_counter() - t)
        per_term[term] = (statistics.median(ds_times), statistics.median(raw_times), statistics.median(same_times))
    buckets = await selectivity_figures(db, name, timed_get, raw_query)
    facet_times = [await timed_get(f"/{name}/institutions?_facet=type&_facet=city_id") for _ in range(5)]
    article_facets = [await timed_get(f"/{name}/articles?_facet=page_id") for _ in range(3)]
    short = [v for t, v in per_term.items() if 2 <= len(t) <= 4]
    return {
        "search_ms_median_2_to_4_chars": 1000 * statistics.median(v[0] for v in short),
        "raw_fts_ms_median_2_to_4_chars": 1000 * statistics.median(v[1] for v in short),
        "same_sql_ms_median_2_to_4_chars": 1000 * statistics.median(v[2] for v in short),
        "search_vs_raw_ratio_median": statistics.median(v[0] / v[1] for v in per_term.values()),
        "search_vs_raw_ratio_max": max(v[0] / v[1] for v in per_term.values()),
        "search_vs_same_sql_ratio_median": statistics.median(v[0] / v[2] for v in per_term.values()),
        "match_fraction": {t: round(sqlite3.connect(db).execute(
            "select count(*) from articles_fts where articles_fts match ?", [match_expression(t)]).fetchone()[0]
            / raw.execute("select count(*) from articles").fetchone()[0], 3) for t in TERMS},
        "per_term_ms": {t: [round(1000 * a, 1), round(1000 * b, 1), round(1000 * c, 1)] for t, (a, b, c) in per_term.items()},
        "selectivity_buckets": buckets,
        "faceted_institutions_page_ms": 1000 * statistics.median(facet_times),
        "articles_page_facet_page_id_ms": 1000 * statistics.median(article_facets),
    }


# Share of the articles a term matches, per bucket (issue 14): rare, uncommon, common, most.
BUCKETS = {"< 0.1%": 0.0005, "~1%": 0.01, "~10%": 0.1, "> 50%": 0.6}


def bucket_terms(db: Path, per_bucket: int = 3) -> dict[str, list[tuple[str, float]]]:
    """Two-character words of the corpus (one bigram of the index) whose share of articles is nearest
    each bucket's, taken from the index's own vocabulary: any corpus, real or generated, gets terms of
    every selectivity, not only the terms that match most articles."""
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    conn.execute("create virtual table temp.vocab using fts5vocab(main, articles_fts, 'row')")
    total = conn.execute("select count(*) from articles").fetchone()[0]
    words = conn.execute("select term, doc from temp.vocab where length(term) = 2 "
                         "and term glob '[一-龥][一-龥]'").fetchall()
    out = {}
    for bucket, share in BUCKETS.items():
        near = sorted(words, key=lambda w: (abs(w[1] / total - share), w[0]))[:per_bucket]
        out[bucket] = [(w, doc / total) for w, doc in near]
    return out


async def selectivity_figures(db: Path, name: str, timed_get, raw_query) -> dict:
    """Per bucket: `?_search=` through Datasette's JSON (as served: facets only when asked) against the
    raw FTS5 query (first page of rows and the count), medians of 5."""
    import urllib.parse

    out = {}
    for bucket, terms in bucket_terms(db).items():
        rows = []
        for term, share in terms:
            ds_t = [await timed_get(f"/{name}/articles.json?_search={urllib.parse.quote(term)}") for _ in range(5)]
            raw_t = []
            for _ in range(5):
                t = time.perf_counter()
                raw_query(term)
                raw_t.append(time.perf_counter() - t)
            rows.append((term, share, statistics.median(ds_t), statistics.median(raw_t)))
        out[bucket] = {"terms": {t: round(s, 4) for t, s, _, _ in rows},
                       "datasette_ms_median": 1000 * statistics.median(r[2] for r in rows),
                       "raw_ms_median": 1000 * statistics.median(r[3] for r in rows),
                       "ratio_median": statistics.median(r[2] / r[3] for r in rows)}
    return out


def sizes(db: Path, folder: Path) -> dict:
    conn = sqlite3.connect(db)
    text = sum(p.stat().st_size for p in folder.glob("*.txt"))
    fts = conn.execute("select sum(pgsize) from dbstat where name like '%\\_fts\\_%' escape '\\'").fetchone()[0]
    articles = conn.execute("select count(*) from articles").fetchone()[0]
    return {"text_mb": text / 1e6, "db_mb": db.stat().st_size / 1e6, "fts_mb": fts / 1e6,
            "db_vs_text": db.stat().st_size / text, "fts_vs_text": fts / text, "articles": articles}


def serve_only() -> None:
    """Re-measure the serving figures on the existing big database and update the results."""
    path = RESULTS / "bench.json"
    out = json.loads(path.read_text(encoding="utf-8"))
    out["serve"] = asyncio.run(serve_figures(WORK / "big.db"))
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    write_markdown(out)


def _table_page(rows: int, shape: str) -> str:
    """A page holding one article and a table of `rows` rows made from real names (the MoE list of
    Sichuan's institutions, cycled; case names from the page corpus's headlines)."""
    import csv
    with (ROOT / "seeds" / "reference" / "moe_hei_sichuan_2025.tsv").open(encoding="utf-8") as f:
        records = [r for r in csv.DictReader(f, delimiter="\t")]
    titles = [json.loads(line)["title"] for path in sorted((ROOT / "tests" / "corpus" / "texts").glob("*.jsonl"))
              for line in path.read_text(encoding="utf-8").splitlines()]
    intro = "本报讯（记者 王林）日前，省教育厅公布名单，现将有关情况通报如下。\n"
    if shape == "cases":  # unit column then case column, as the seed's extractor flattens it
        units = [records[i % len(records)]["name"] for i in range(rows)]
        items = [titles[i % len(titles)].replace(" ", "") for i in range(rows)]
        table = "报送单位\n" + "\n".join(units) + "\n案例名称\n" + "\n".join(items) + f"\n{rows}\n四川省典型案例\n"
    else:  # 序号, 学校名称, 所在地, 办学层次: a cell per block, as pdftotext writes it
        cells = ["序号", "学校名称", "所在地", "办学层次"]
        for i in range(rows):
            r = records[i % len(records)]
            cells += [str(i + 1), r["name"], r["city"], r["level"]]
        table = "\n\n".join(cells) + "\n"
    return intro + table


def table_figures() -> dict:
    """Tables: parse time of a page with a 500-row table minus the same page without it, and the share of
    parse time the table stages take on the table corpus (both extractors)."""
    sys.path.insert(0, str(ROOT / "build"))
    from sichuan_edu import cells, parse, tables
    from sichuan_edu.knowledge import load_knowledge
    import jieba
    know = load_knowledge()
    out = {}
    spent = {"tables": 0.0}
    originals = (tables.read_table, tables.table_rows)

    def timed(fn):
        def wrapper(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent["tables"] += time.perf_counter() - t
        return wrapper

    parse.read_table, parse.table_rows = timed(originals[0]), timed(originals[1])
    for shape in ("cases", "cells"):
        page = _table_page(500, shape).encode("utf-8")
        bare = _table_page(0, shape).split("\n")[0].encode("utf-8") + b"\n"
        parse.parse_page("warm.txt", bare, know)
        stage = []
        for _ in range(RUNS):
            spent["tables"] = 0.0
            parse.parse_page("t.txt", page, know)
            stage.append(spent["tables"])
        with_table = statistics.median(_timed(lambda: parse.parse_page("t.txt", page, know)) for _ in range(RUNS))
        without = statistics.median(_timed(lambda: parse.parse_page("t.txt", bare, know)) for _ in range(RUNS))
        tok = jieba.Tokenizer()
        tok.initialize()
        text = page.decode("utf-8")
        seg = statistics.median(_timed(lambda: tok.lcut(text)) for _ in range(RUNS))
        rows = len(parse.parse_page("t.txt", page, know).tables[0].rows) if shape != "cases" else \
            len(parse.parse_page("t.txt", page, know).cases)
        out[f"table_500_{shape}"] = {"seconds": with_table - without, "table_stage_seconds": statistics.median(stage),
                                     "rows_recovered": rows,
                                     "ratio_vs_jieba_same_text": (with_table - without) / seg}
    # Share of parse time spent reading tables, on the table corpus.
    spent["tables"] = 0.0
    total = 0.0
    for folder in sorted((ROOT / "tests" / "corpus" / "tables" / "pages").iterdir()):
        for path in sorted(folder.glob("*.txt")):
            data = path.read_bytes()
            total += _timed(lambda: parse.parse_page(path.name, data, know))
    parse.read_table, parse.table_rows = originals
    out["table_corpus_share"] = spent["tables"] / total
    return out


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


CORPUS = ROOT / "tests" / "corpus"
PDF_TEXTS = ("pdftotext", "pdfium")  # the extractors whose texts of the same pages the corpus holds


def pdf_corpus() -> list[Path]:
    """The corpus PDFs that have a text from every extractor: all 46 once generated, else the committed five."""
    for folder in (CORPUS / "pdf", CORPUS / "pdf-sample"):
        paths = [p for p in sorted(folder.glob("p[0-9]*.pdf"))
                 if all((CORPUS / "pages" / e / f"{p.stem}.txt").exists() for e in PDF_TEXTS)]
        if paths:
            return paths
    raise SystemExit("no corpus PDFs found")


def pdf_figures() -> dict:
    """Build time per PDF page against per text page of the same pages, in the same run: the whole build
    command (start-up included) and each page's own work in the build's per-page function (process_page:
    for a PDF the characters, lines, order, layout, page image and rows), and the page image's share."""
    sys.path.insert(0, str(ROOT / "build"))
    from sichuan_edu import pipeline
    from sichuan_edu.manifest import unlisted
    from sichuan_edu.pdf_pages import render_page

    pdfs = pdf_corpus()
    folders = {"pdf": [p for p in pdfs]}
    folders.update({e: [CORPUS / "pages" / e / f"{p.stem}.txt" for p in pdfs] for e in PDF_TEXTS})
    out: dict = {"pages": len(pdfs), "from": str(pdfs[0].parent.relative_to(ROOT))}
    whole = {}
    for kind, paths in folders.items():
        seeds = WORK / f"pdf_bench_{kind}"
        shutil.rmtree(seeds, ignore_errors=True)
        seeds.mkdir(parents=True)
        for path in paths:
            shutil.copy(path, seeds / path.name)
        seconds, _ = median_of(lambda: build(seeds, WORK / f"pdf_bench_{kind}.db", 1))
        whole[kind] = seconds / len(paths)
    pipeline._init_worker(str(ROOT / "seeds" / "knowledge"))
    own = {}
    for kind, paths in folders.items():
        tasks = [(path, unlisted(path.name)) for path in paths]
        pipeline.process_page(tasks[0])  # warm: the first page loads what every later one shares
        own[kind] = statistics.median(_timed(lambda: [pipeline.process_page(t) for t in tasks]) for _ in range(RUNS)) / len(paths)
    render = statistics.median(_timed(lambda: [render_page(p, 1) for p in pdfs]) for _ in range(RUNS)) / len(pdfs)
    out["build_seconds_per_page"] = whole
    out["page_seconds"] = own
    out["render_seconds_per_page"] = render
    for e in PDF_TEXTS:
        out[f"build_ratio_pdf_vs_{e}"] = whole["pdf"] / whole[e]
        out[f"page_ratio_pdf_vs_{e}"] = own["pdf"] / own[e]
    out["render_share_of_pdf_page"] = render / own["pdf"]
    return out


def _merge_part(name: str, figures) -> None:
    """Measure one part alone (figures: the function that measures it) and merge it into the results."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "bench.json"
    out = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    out[name] = figures()
    print(json.dumps(out[name], indent=2), flush=True)
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    if "build" in out:
        write_markdown(out)


def pdf_only() -> None:
    """Measure the PDF figures alone and merge them into the results."""
    _merge_part("pdf", pdf_figures)


def tables_only() -> None:
    """Measure the table figures alone and merge them into the results."""
    _merge_part("tables", table_figures)


def build_figures(small: Path) -> dict:
    """The build rows: jieba alone, the full build with 1 and with 2 workers, their ratios and peak memory."""
    jieba_s, _ = median_of(lambda: jieba_baseline(small))
    full1, rss1 = median_of(lambda: build(small, WORK / "small1.db", 1))
    full2, rss2 = median_of(lambda: build(small, WORK / "small2.db", 2))
    return {"jieba_seconds": jieba_s, "build_1_worker_seconds": full1, "build_2_workers_seconds": full2,
            "ratio_1_worker_vs_jieba": full1 / jieba_s, "ratio_2_workers_vs_jieba": full2 / jieba_s,
            "peak_rss_mb_1_worker": rss1, "peak_rss_mb_2_workers": rss2}


def build_only() -> None:
    """Measure the build rows alone and merge them into the results."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "bench.json"
    out = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    src = corpus(SMALL, extra=8)
    out["build"] = build_figures(subset(src, SMALL, f"small{SMALL}"))
    print(json.dumps(out["build"], indent=2), flush=True)
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    if "serve" in out:
        write_markdown(out)


def main() -> None:
    if "--build" in sys.argv:
        return build_only()
    if "--serve-only" in sys.argv:
        return serve_only()
    if "--tables" in sys.argv:
        return tables_only()
    if "--pdf" in sys.argv:
        return pdf_only()
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out: dict = {"small_pages": SMALL, "big_pages": BIG, "runs": RUNS, "cpus": os.cpu_count()}
    src = corpus(SMALL, extra=8)
    small = subset(src, SMALL, f"small{SMALL}")
    plus8 = subset(src, SMALL + 8, f"small{SMALL}plus8")

    out["build"] = build_figures(small)
    print(json.dumps(out["build"], indent=2), flush=True)

    def increment():
        shutil.copyfile(WORK / "small1.db", WORK / "inc.db")
        return build(plus8, WORK / "inc.db", 1, full=False)

    inc, _ = median_of(increment)
    full_plus8, _ = median_of(lambda: build(plus8, WORK / "full8.db", 1))
    out["increment"] = {"append_8_pages_seconds": inc, "full_build_seconds": full_plus8, "ratio": inc / full_plus8}
    print(json.dumps(out["increment"], indent=2), flush=True)

    big = corpus(BIG)
    big_db = WORK / "big.db"
    big_s, big_rss = build(big, big_db, 2)
    out["scale"] = {"pages": BIG, "build_2_workers_seconds": big_s, "peak_rss_mb": big_rss, **sizes(big_db, big)}
    print(json.dumps(out["scale"], indent=2), flush=True)
    out["serve"] = asyncio.run(serve_figures(big_db))
    print(json.dumps(out["serve"], indent=2), flush=True)
    out["tables"] = table_figures()
    print(json.dumps(out["tables"], indent=2), flush=True)
    out["pdf"] = pdf_figures()
    print(json.dumps(out["pdf"], indent=2), flush=True)

    (RESULTS / "bench.json").write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    write_markdown(out)


def write_markdown(out: dict) -> None:
    b, i, s, v = out["build"], out["increment"], out["scale"], out["serve"]
    SMALL, BIG = out["small_pages"], out["big_pages"]
    md = f"""| measure | value | target |
|---|---|---|
| full build, {SMALL} pages, 1 worker / jieba alone | {b['ratio_1_worker_vs_jieba']:.2f}× ({b['build_1_worker_seconds']:.1f}s / {b['jieba_seconds']:.1f}s) | ≤ 1.5× |
| full build, 2 workers / jieba alone | {b['ratio_2_workers_vs_jieba']:.2f}× ({b['build_2_workers_seconds']:.1f}s) | ≤ 0.9× |
| peak memory, {SMALL} pages (1 / 2 workers) | {b['peak_rss_mb_1_worker']:.0f} / {b['peak_rss_mb_2_workers']:.0f} MB | < 500 MB |
| append 8 pages / full build of {SMALL + 8} | {i['ratio'] * 100:.1f}% ({i['append_8_pages_seconds']:.2f}s / {i['full_build_seconds']:.1f}s) | < 5% |
| {BIG} pages ({s['articles']} articles), 2 workers | {s['build_2_workers_seconds'] / 60:.1f} min, peak {s['peak_rss_mb']:.0f} MB | < 10 min, < 500 MB |
| database / text size | {s['db_vs_text']:.2f}× ({s['db_mb']:.0f} MB / {s['text_mb']:.0f} MB); FTS {s['fts_vs_text']:.2f}× | — |
| `?_search=` through Datasette / raw FTS5 MATCH (median over terms; worst) | {v['search_vs_raw_ratio_median']:.2f}× ; {v['search_vs_raw_ratio_max']:.2f}× | ≤ 3× |
| `?_search=` / the same SQL without Datasette (median) | {v['search_vs_same_sql_ratio_median']:.2f}× | — |
| `?_search=` median, 2–4 character terms | {v['search_ms_median_2_to_4_chars']:.0f} ms (raw MATCH {v['raw_fts_ms_median_2_to_4_chars']:.0f} ms; same SQL {v['same_sql_ms_median_2_to_4_chars']:.0f} ms) | < 100 ms |
| faceted table page (institutions by type and city) | {v['faceted_institutions_page_ms']:.0f} ms | < 200 ms |
| articles page faceted by page | {v['articles_page_facet_page_id_ms']:.0f} ms | — |
"""
    if "tables" in out:
        t = out["tables"]
        md += f"""| 500-row table flattened column by column (units, then case names): table stage ; whole page parse time added (/ jieba on the same text) | {t['table_500_cases']['table_stage_seconds']:.2f} s ; {t['table_500_cases']['seconds']:.2f} s ({t['table_500_cases']['ratio_vs_jieba_same_text']:.1f}×), {t['table_500_cases']['rows_recovered']} rows | < 0.5 s |
| 500-row table a cell per block (序号, 学校名称, 所在地, 办学层次): the same | {t['table_500_cells']['table_stage_seconds']:.2f} s ; {t['table_500_cells']['seconds']:.2f} s ({t['table_500_cells']['ratio_vs_jieba_same_text']:.1f}×), {t['table_500_cells']['rows_recovered']} rows | < 0.5 s |
| share of parse time spent reading tables, table corpus | {t['table_corpus_share'] * 100:.0f}% | — |
"""
    if "pdf" in out:
        p = out["pdf"]
        w, o = p["build_seconds_per_page"], p["page_seconds"]
        md += f"""| build per PDF page / per text page of the same {p['pages']} pages (`build`, start-up included): pdftotext ; PDFium texts | {p['build_ratio_pdf_vs_pdftotext']:.2f}× ; {p['build_ratio_pdf_vs_pdfium']:.2f}× ({w['pdf']:.2f}s / {w['pdftotext']:.2f}s ; {w['pdfium']:.2f}s) | — |
| a page's own work (process_page), PDF / text: pdftotext ; PDFium texts | {p['page_ratio_pdf_vs_pdftotext']:.2f}× ; {p['page_ratio_pdf_vs_pdfium']:.2f}× ({o['pdf'] * 1000:.0f} ms / {o['pdftotext'] * 1000:.0f} ms ; {o['pdfium'] * 1000:.0f} ms); the page image {p['render_seconds_per_page'] * 1000:.0f} ms of it ({p['render_share_of_pdf_page'] * 100:.0f}%) | — |
"""
    if "selectivity_buckets" in v:
        md += "\n| `?_search=` JSON by share of articles matched | terms | Datasette (median) | raw FTS5 (median) | ratio | target |\n|---|---|---:|---:|---:|---|\n"
        for bucket, b in v["selectivity_buckets"].items():
            terms = ", ".join(f"{t} {s:.2%}" for t, s in b["terms"].items())
            md += (f"| {bucket} | {terms} | {b['datasette_ms_median']:.1f} ms | {b['raw_ms_median']:.1f} ms | "
                   f"{b['ratio_median']:.1f}× | ≤ 3×, < 50 ms |\n")
    md += "\nShare of the articles each search term matches: " + ", ".join(f"{t} {f:.0%}" for t, f in v["match_fraction"].items()) + "\n"
    (RESULTS / "bench.md").write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
