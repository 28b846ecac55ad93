"""The table reader on the table corpus (tests/corpus/tables: real lists typeset into PDF pages, text from
pdftotext and PDFium): rows recovered exactly, per extractor, stay above their floors; every recovered
cell is traceable to the lines it was printed on; no table line is lost without a warning."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))

from table_score import aggregate_tables  # noqa: E402
from table_scores import EXTRACTORS, score_extractor  # noqa: E402

# Measured (tests/corpus/table_scores.py); the issue's goal is 0.97 rows exact. Raise as the reader improves.
FLOORS = {
    "pdftotext": {"rows_exact_rate": 0.953, "cells_exact_rate": 0.748, "tables_found_rate": 1.0, "titles_exact_rate": 0.843},
    "pdfium": {"rows_exact_rate": 0.985, "cells_exact_rate": 0.994, "tables_found_rate": 1.0, "titles_exact_rate": 1.0},
}
# The same tables read from the rendered PDFs (tables/pdf, not committed: the test is skipped without them).
PDF_FLOORS = {"rows_exact_rate": 1.0, "cells_exact_rate": 1.0, "tables_found_rate": 1.0, "titles_exact_rate": 1.0}


@pytest.fixture(scope="module")
def results(know):
    return {ex: score_extractor(ex, know) for ex in EXTRACTORS}


@pytest.mark.parametrize("extractor,rate", [(ex, r) for ex, floors in FLOORS.items() for r in floors])
def test_table_scores_stay_above_their_floor(results, extractor, rate):
    got = aggregate_tables([s for _, s, _ in results[extractor]])[rate]
    assert got >= FLOORS[extractor][rate], f"{extractor} {rate} {got:.3f} < {FLOORS[extractor][rate]}"


@pytest.fixture(scope="module")
def pdf_results(know):
    from table_scores import TABLES_PDF_DIR
    if not any(TABLES_PDF_DIR.glob("t*.pdf")):
        pytest.skip("the table PDFs are not rendered here (tests/corpus/tables/make_tables.py writes them)")
    return score_extractor("pdf", know)


@pytest.mark.parametrize("rate", PDF_FLOORS)
def test_table_scores_from_the_pdfs_stay_above_their_floor(pdf_results, rate):
    got = aggregate_tables([s for _, s, _ in pdf_results])[rate]
    assert got >= PDF_FLOORS[rate], f"pdf {rate} {got:.3f} < {PDF_FLOORS[rate]}"


def test_the_corpus_holds_the_tables_the_issue_asks_for(results):
    tables = [t for gold, _, _ in results["pdfium"] for t in gold["tables"]]
    assert len(tables) >= 30
    assert sum(len(t["rows"]) for t in tables) >= 600
    assert max(len(t["rows"]) for t in tables) >= 60


def test_every_cell_read_from_the_pdfs_is_traceable_to_its_lines(pdf_results):
    _cells_traceable(pdf_results)


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_every_cell_is_traceable_to_its_lines(results, extractor):
    _cells_traceable(results[extractor])


def _cells_traceable(results):
    for _, _, page in results:
        lines = page.text.replace("\r\n", "\n").split("\n")
        marked = {(n, s.ref, s.ref_seq) for s in page.segments for n in range(s.line_no, max(s.line_no, s.last_line) + 1)}
        for t in page.tables:
            for row, row_lines in zip(t.rows, t.cell_lines):
                for value, cell_lines in zip(row, row_lines):
                    if not value:
                        continue
                    assert cell_lines, (page.file, t.seq, value)
                    # The cell's text is printed on its lines, in order, and those lines are marked as the table's.
                    printed = "".join("".join(lines[n - 1].split()) for n in cell_lines)
                    assert "".join(value.split()) in printed or "、" in value, (page.file, value, printed)
                    assert all((n, "table", t.seq) in marked or any(m[0] == n and m[1] == "case" for m in marked)
                               for n in cell_lines), (page.file, t.seq, value)


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_every_residue_line_has_a_warning(results, extractor):
    for _, _, page in results[extractor]:
        warned = {line for line, _ in page.warnings}
        assert all(line in warned for line, _, _ in page.residue), page.file


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_no_character_of_a_table_page_is_lost(results, extractor):
    _conserved(results[extractor])


def test_no_character_of_a_table_page_read_from_its_pdf_is_lost(pdf_results):
    _conserved(pdf_results)


def _conserved(results):
    from test_robustness import conservation_holds
    for _, _, page in results:
        assert conservation_holds(page, page.text), page.file
