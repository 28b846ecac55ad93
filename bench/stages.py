"""Where a build's time goes, stage by stage, as shares of jieba alone on the same text.

`python bench/stages.py FOLDER [--runs N]`: builds FOLDER's pages in this process (1 worker) with each
stage's function wrapped in a CPU-time counter, then times jieba alone (a fresh Tokenizer, `lcut` of each
page's text, as bench.py's baseline) in the same process. CPU time (process_time), not wall time, so that
the other processes of a shared machine count less; the figures are still a guide, bench.py is the measure.
Stages are inclusive of what they call (jieba's segmentation inside an entity stage counts there).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    started = time.process_time()
    if "PYTHONPATH" not in os.environ:  # else the code it names (another version, to compare)
        sys.path.insert(0, str(ROOT / "build"))
    from sichuan_edu import parse, pipeline, places, roles

    imported = time.process_time() - started
    spent: dict[str, float] = {}

    def timed(name, fn):
        def wrapper(*a, **k):
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - t
        return wrapper

    for module, names in ((parse, ("decode", "split_lines", "assign_roles", "page_blocks", "assemble", "read_table",
                                   "table_rows", "text_people", "find_institutions", "merge_segments")),
                          (pipeline, ("_init_worker", "parse_page", "add_keywords", "page_rows", "write_rows",
                                      "merge_people", "ensure_db_shape", "index_fts", "check", "create_tables")),
                          (roles, ("reading_order",))):  # (inside assign_roles: order.py's part of the layout)
        for name in names:
            setattr(module, name, timed(name, getattr(module, name)))
    places.Gazetteer.places_in_text = timed("places_in_text", places.Gazetteer.places_in_text)
    totals = []
    for _ in range(args.runs):
        spent.clear()
        with tempfile.TemporaryDirectory() as tmp:
            t = time.process_time()
            pipeline.build(Path(args.folder), Path(tmp) / "stages.db", incremental=False)
            totals.append(time.process_time() - t)
        stages = dict(spent)
    import jieba

    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    tok.initialize()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.folder).glob("*.txt"))]
    baseline = []
    for _ in range(args.runs):
        t = time.process_time()
        for text in texts:
            tok.lcut(text)
        baseline.append(time.process_time() - t)
    jieba_s = statistics.median(baseline)
    build_s = statistics.median(totals)
    print(f"imports {imported:.2f}s; build {build_s:.2f}s CPU (+ imports: {(build_s + imported) / jieba_s:.2f}× jieba); "
          f"jieba alone {jieba_s:.2f}s")
    layout = ("decode", "split_lines", "assign_roles", "page_blocks")
    stages["(layout: lines, roles, blocks)"] = sum(stages.get(n, 0) for n in layout)
    inner = ("assemble", "read_table", "table_rows", "text_people", "find_institutions", "places_in_text",
             "merge_segments")
    stages["(parse_page other)"] = stages.get("parse_page", 0) - stages["(layout: lines, roles, blocks)"] - sum(
        stages.get(n, 0) for n in inner)
    for name, s in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"{name:34s} {s:7.2f}s  {s / build_s:6.1%} of build  {s / jieba_s:5.2f}× jieba")


if __name__ == "__main__":
    main()
