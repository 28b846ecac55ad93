"""Score the table reader on the table corpus (tests/corpus/tables): per extractor, per table shape.

    .venv/bin/python tests/corpus/table_scores.py            # the tables (markdown)
    .venv/bin/python tests/corpus/table_scores.py --misses   # and every gold row not recovered exactly
    .venv/bin/python tests/corpus/table_scores.py --extractor pdf   # built from the PDFs themselves
    .venv/bin/python tests/corpus/table_scores.py --data /tmp/x/tables   # another seed's pages (make_tables.py --seed N, run on a copy)

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


def score_extractor(extractor: str, know=None, data: Path = TABLES) -> list[tuple[dict, dict, object]]:
    """[(gold, table score, parsed page)] for every page of the table corpus (or of the folder `data`, laid out
    the same way) one extractor wrote."""
    know = know or load_knowledge()
    if extractor == "pdf":
        return score_pdf(know, TABLES_PDF_DIR if data == TABLES else data / "pdf", data)
    out = []
    for file, raw, row, gold in corpus_pages(extractor, data):
        page = parse_page(file, raw, know, paper=row.get("paper") or None)
        out.append((gold, score_tables(gold.get("tables", []), predicted_tables(page)), page))
    return out


def score_pdf(know, pdf_dir: Path = TABLES_PDF_DIR, data: Path = TABLES) -> list[tuple[dict, dict, object]]:
    """[(gold, table score, parsed page)] for every table page, built from its PDF."""
    from sichuan_edu.pdf_layout import parse_pdf_page

    out = []
    for path, row, gold in pdf_pages(data, pdf_dir, "t[0-9]*.pdf"):
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
    parser.add_argument("--data", type=Path, default=TABLES,
                        help="a table-corpus folder (pages/, gold/, pdf/) other than the committed one")
    args = parser.parse_args()
    data = args.data.resolve()
    if not (data / "gold").is_dir():
        parser.error(f"{data}: no gold/ folder (not a table corpus)")
    know = load_knowledge()
    names = args.extractor or EXTRACTORS + ("pdf",)
    pdf_dir = TABLES_PDF_DIR if data == TABLES else data / "pdf"
    results = {ex: score_extractor(ex, know, data) for ex in names
               if (data / "pages" / ex).exists() or (ex == "pdf" and any(pdf_dir.glob("t*.pdf")))}
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
