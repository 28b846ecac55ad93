"""Score the table reader on the table corpus (tests/corpus/tables): per extractor, per table shape.

    .venv/bin/python tests/corpus/table_scores.py            # the tables (markdown)
    .venv/bin/python tests/corpus/table_scores.py --misses   # and every gold row not recovered exactly

Reads only committed files (tables/pages/<extractor>/*.txt with their manifest, tables/gold/*.json).
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from layout_scores import corpus_pages  # noqa: E402
from table_score import aggregate_tables, format_tables, score_tables  # noqa: E402

from sichuan_edu.knowledge import load_knowledge  # noqa: E402
from sichuan_edu.parse import parse_page  # noqa: E402

TABLES = HERE / "tables"
EXTRACTORS = ("pdftotext", "pdfium")


def predicted_tables(page) -> list[dict]:
    return [{"title": t.title, "rows": t.rows} for t in page.tables]


def score_extractor(extractor: str, know=None) -> list[tuple[dict, dict, object]]:
    """[(gold, table score, parsed page)] for every page of the table corpus one extractor wrote."""
    know = know or load_knowledge()
    out = []
    for file, raw, row, gold in corpus_pages(extractor, TABLES):
        page = parse_page(file, raw, know, paper=row.get("paper") or None)
        out.append((gold, score_tables(gold.get("tables", []), predicted_tables(page)), page))
    return out


def shape_of(table: dict) -> str:
    layout = table.get("layout", {})
    return f"{'ruled' if layout.get('ruled') else 'plain'} · {layout.get('split', 'none')} · " \
           f"{'numbered' if table.get('numbered') else 'unnumbered'}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    know = load_knowledge()
    results = {ex: score_extractor(ex, know) for ex in EXTRACTORS if (TABLES / "pages" / ex).exists()}
    print("Per extractor\n\n" + format_tables({ex: aggregate_tables([s for _, s, _ in res]) for ex, res in results.items()}))
    by_shape: dict[str, list] = defaultdict(list)
    for ex, res in results.items():
        for gold, _, page in res:
            for t in gold.get("tables", []):
                by_shape[f"{ex} · {shape_of(t)}"].append(score_tables([t], predicted_tables(page)))
    print("\n\nPer extractor and table shape (each table scored against all of its page's tables)\n\n"
          + format_tables({k: aggregate_tables(v) for k, v in sorted(by_shape.items())}))
    if args.misses:
        for ex, res in results.items():
            for gold, s, _ in res:
                for m in s["mismatches"]:
                    print(f"{ex} {gold['page']} table {m['table']} row {m['row']}: {m['gold']} | {m['predicted']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
