"""Score the table reader on the table corpus (tests/corpus/tables): per extractor, per table shape.

    .venv/bin/python tests/corpus/table_scores.py            # the tables (markdown)
    .venv/bin/python tests/corpus/table_scores.py --misses   # and every gold row not recovered exactly
    .venv/bin/python tests/corpus/table_scores.py --extractor pdf   # built from the PDFs themselves

Reads committed files (tables/pages/<extractor>/*.txt with their manifest, tables/gold/*.json); the "pdf" row
reads the rendered PDFs (tables/pdf/tNNN.pdf, or the folder TABLES_PDF_DIR names; make_tables.py writes them)
with the manifest of pages/pdfium/, and is left out when there are none.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from layout_scores import corpus_pages, pdf_pages  # noqa: E402
from table_score import aggregate_tables, format_tables, score_tables  # noqa: E402

from sichuan_edu.knowledge import load_knowledge  # noqa: E402
from sichuan_edu.parse import parse_page  # noqa: E402

TABLES = HERE / "tables"
EXTRACTORS = ("pdftotext", "pdfium")
# The PDF route: the table pages built from their PDFs (not committed: too big).
TABLES_PDF_DIR = Path(os.environ.get("TABLES_PDF_DIR", TABLES / "pdf"))


def predicted_tables(page) -> list[dict]:
    return [{"title": t.title, "rows": t.rows} for t in page.tables]


def score_extractor(extractor: str, know=None) -> list[tuple[dict, dict, object]]:
    """[(gold, table score, parsed page)] for every page of the table corpus one extractor wrote."""
    know = know or load_knowledge()
    if extractor == "pdf":
        return score_pdf(know)
    out = []
    for file, raw, row, gold in corpus_pages(extractor, TABLES):
        page = parse_page(file, raw, know, paper=row.get("paper") or None)
        out.append((gold, score_tables(gold.get("tables", []), predicted_tables(page)), page))
    return out


def score_pdf(know, pdf_dir: Path = TABLES_PDF_DIR) -> list[tuple[dict, dict, object]]:
    """[(gold, table score, parsed page)] for every table page, built from its PDF."""
    from sichuan_edu.pdf_layout import parse_pdf_page

    out = []
    for path, row, gold in pdf_pages(TABLES, pdf_dir, "t[0-9]*.pdf"):
        page, _ = parse_pdf_page(path, 1, know, paper=row.get("paper") or None)
        out.append((gold, score_tables(gold.get("tables", []), predicted_tables(page)), page))
    return out


def shape_of(table: dict) -> str:
    layout = table.get("layout", {})
    return f"{'ruled' if layout.get('ruled') else 'plain'} · {layout.get('split', 'none')} · " \
           f"{'numbered' if table.get('numbered') else 'unnumbered'}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--extractor", action="append")
    args = parser.parse_args()
    know = load_knowledge()
    names = args.extractor or EXTRACTORS + ("pdf",)
    results = {ex: score_extractor(ex, know) for ex in names
               if (TABLES / "pages" / ex).exists() or (ex == "pdf" and any(TABLES_PDF_DIR.glob("t*.pdf")))}
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
