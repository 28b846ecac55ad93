"""Score the parser on the page corpus: per extractor, per page kind, per field.

    .venv/bin/python tests/corpus/layout_scores.py            # the tables (markdown)
    .venv/bin/python tests/corpus/layout_scores.py --misses   # and every article that is not exact
    .venv/bin/python tests/corpus/layout_scores.py --extractor pdf   # built from the PDFs themselves
    .venv/bin/python tests/corpus/layout_scores.py --independent --extractor pdf   # the held-out PDFs

Reads committed files (pages/<extractor>/*.txt with their manifest, gold/*.json); the "pdf" row reads the
rendered PDFs (pdf/pNNN.pdf, or the folder PDF_DIR names; `make fixtures` writes them) with the manifest of
pages/pdfium/, and is left out when there are none. With --independent it reads the independent corpus's
PDFs (independent/pdf/qNNN.pdf) with the manifest of its pages/pdftotext/.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

import os

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# Another copy of the corpus (a frozen snapshot while the generator is being changed).
DATA = Path(os.environ.get("CORPUS_DIR", HERE))

from score import aggregate, format_table, score_page  # noqa: E402

from sichuan_edu.knowledge import load_knowledge  # noqa: E402
from sichuan_edu.parse import parse_page  # noqa: E402

EXTRACTORS = ("pdftotext", "pdfium", "handset")
# The PDF route: pages built from the rendered PDFs themselves. They are not committed (too big) but for a
# sample (pdf-sample/); the hand-set pages' gold is not that of their PDFs (hNNN.pdf), so only pNNN.pdf count.
PDF_DIR = Path(os.environ.get("PDF_DIR", HERE / "pdf"))
PDF_SAMPLE = HERE / "pdf-sample"
# The independent corpus: another generator (written without reading make_corpus.py) and three extractors.
INDEPENDENT = HERE / "independent"
INDEPENDENT_EXTRACTORS = ("pdftotext", "pdftotext-raw", "pdfminer")
# Where each corpus's PDFs are, which of them have gold, and which manifest describes them.
PDF_SOURCES = {
    DATA: (PDF_DIR, "p[0-9]*.pdf", "pdfium"),
    INDEPENDENT: (INDEPENDENT / "pdf", "q[0-9]*.pdf", "pdftotext"),
}


def predicted(page) -> dict:
    """A parsed page in the scorer's terms."""
    return {
        "articles": [{"kicker": a.kicker, "title": a.title, "subtitle": a.subtitle, "source_line": a.byline,
                      "body": a.body, "captions": []} for a in page.articles],
        "residue_chars": sum(len("".join(text.split())) for _, text, _ in page.residue),
        "page_chars": len("".join(page.text.split())),
    }


def corpus_pages(extractor: str, data: Path = DATA):
    """(file, bytes, manifest row, gold) for every page an extractor wrote."""
    folder = data / "pages" / extractor
    with (folder / "manifest.csv").open(encoding="utf-8") as f:
        rows = {r["file"]: r for r in csv.DictReader(f)}
    for file in sorted(rows):
        gold_file = data / "gold" / f"{Path(file).stem}.json"
        if not (folder / file).exists() or not gold_file.exists():
            continue  # a page the generator is still writing
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        yield file, (folder / file).read_bytes(), rows[file], gold


def pdf_pages(data: Path = DATA, pdf_dir: Path | None = None, pattern: str | None = None):
    """(path, manifest row, gold) for every rendered PDF page with a gold file."""
    default_dir, default_pattern, manifest = _pdf_source(data)
    pattern = pattern or default_pattern
    with (data / "pages" / manifest / "manifest.csv").open(encoding="utf-8") as f:
        rows = {Path(r["file"]).stem: r for r in csv.DictReader(f)}
    for path in sorted((pdf_dir or default_dir).glob(pattern)):
        gold_file = data / "gold" / f"{path.stem}.json"
        if path.stem in rows and gold_file.exists():
            yield path, rows[path.stem], json.loads(gold_file.read_text(encoding="utf-8"))


def _pdf_source(data: Path) -> tuple[Path, str, str]:
    """(PDF folder, file pattern, extractor whose manifest names them) of a corpus; another folder (--data) is
    laid out as the independent corpus."""
    return PDF_SOURCES.get(data, (data / "pdf", "*.pdf", "pdftotext"))


def has_pdfs(data: Path = DATA) -> bool:
    pdf_dir, pattern, _ = _pdf_source(data)
    return any(pdf_dir.glob(pattern))


def score_pdf(know=None, data: Path = DATA, pdf_dir: Path | None = None) -> list[tuple[dict, dict, object]]:
    """[(gold, score, parsed page)] for every PDF page, built from the PDF itself."""
    from sichuan_edu.pdf_layout import parse_pdf_page

    know = know or load_knowledge()
    out = []
    for path, row, gold in pdf_pages(data, pdf_dir):
        page, _ = parse_pdf_page(path, 1, know, paper=row.get("paper") or None)
        out.append((gold, score_page(gold, predicted(page)), page))
    return out


def score_extractor(extractor: str, know=None, data: Path = DATA) -> list[tuple[dict, dict, object]]:
    """[(gold, score, parsed page)] for every page of one extractor."""
    know = know or load_knowledge()
    if extractor == "pdf":
        return score_pdf(know, data)
    out = []
    for file, raw, row, gold in corpus_pages(extractor, data):
        page = parse_page(file, raw, know, paper=row.get("paper") or None)
        out.append((gold, score_page(gold, predicted(page)), page))
    return out


def tables(results: dict[str, list]) -> str:
    by_extractor = {ex: aggregate([s for _, s, _ in res]) for ex, res in results.items()}
    by_kind: dict[str, list] = defaultdict(list)
    for ex, res in results.items():
        for gold, s, _ in res:
            by_kind[f"{ex} · {gold['kind']}"].append(s)
    return ("Per extractor\n\n" + format_table(by_extractor) + "\n\nPer extractor and page kind\n\n"
            + format_table({k: aggregate(v) for k, v in sorted(by_kind.items())}))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--extractor", action="append")
    parser.add_argument("--independent", action="store_true", help="score the independent corpus instead")
    parser.add_argument("--pages", action="store_true", help="and a row for every page")
    parser.add_argument("--data", type=Path, help="score another folder laid out as the independent corpus (gold/, "
                        "pages/<extractor>/): fresh pages from `independent/gen.py --seed N --out DIR`, never tuned on")
    args = parser.parse_args()
    know = load_knowledge()
    data = args.data or (INDEPENDENT if args.independent else DATA)
    names = args.extractor or (INDEPENDENT_EXTRACTORS if args.independent or args.data else EXTRACTORS + ("pdf",))
    results = {ex: score_extractor(ex, know, data) for ex in names
               if (data / "pages" / ex).exists() or (ex == "pdf" and has_pdfs(data))}
    print(tables(results))
    if args.pages:
        print("\n\nPer page\n\n" + format_table({f"{ex} · {gold['page']}": aggregate([s]) for ex, res in results.items()
                                                 for gold, s, _ in res}))
    if args.misses:
        for ex, res in results.items():
            for gold, s, page in res:
                for m in s["mismatches"]:
                    print(f"{ex} {gold['page']} [{m.get('gold_index')}→{m.get('predicted_index')}] {m['field']}: "
                          f"{m.get('gold')!r} | {m.get('predicted')!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
