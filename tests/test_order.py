"""Reading order: columns interleaved row by row (as pdftotext writes loosely spaced pages) are read
column by column again; pages already in order are left alone."""
from pathlib import Path

from conftest import SEED_PAGE
from sichuan_edu.order import reading_order
from sichuan_edu.pages import split_lines
from sichuan_edu.parse import parse_page
from sichuan_edu.lines import line_pieces

CORPUS = Path(__file__).resolve().parent / "corpus" / "pages" / "pdfium"


def _columns(know, count=3, lines=14):
    """Body lines of `count` articles of a corpus page, `lines` each: the columns to interleave."""
    page = parse_page("p.txt", (CORPUS / "p001.txt").read_bytes(), know)
    text = (CORPUS / "p001.txt").read_text(encoding="utf-8").splitlines()
    columns = []
    for a in page.articles:
        if a.body_lines and a.body_lines[1] - a.body_lines[0] + 1 >= lines:
            columns.append(text[a.body_lines[0] - 1 : a.body_lines[0] - 1 + lines])  # line numbers count from 1
        if len(columns) == count:
            break
    assert len(columns) == count
    return columns


def test_interleaved_columns_are_read_column_by_column(know):
    columns = _columns(know)
    rows = [column[i] for i in range(len(columns[0])) for column in columns]
    pieces = line_pieces(split_lines("\n\n".join(rows)))
    ordered = [p.text for p in reading_order(pieces, know)]
    assert sorted(ordered) == sorted(p.text for p in pieces)  # nothing lost or doubled
    # Lines followed by the line that follows them in their column: none as extracted, most once read.
    follows = {line.strip(): nxt.strip() for column in columns for line, nxt in zip(column, column[1:])}
    right = sum(1 for a, b in zip(ordered, ordered[1:]) if follows.get(a) == b)
    assert right >= 0.7 * len(follows)


def test_pages_in_order_are_left_alone(know):
    pieces = line_pieces(split_lines(SEED_PAGE.read_text(encoding="utf-8")))
    assert reading_order(pieces, know) == pieces
    for path in sorted(CORPUS.glob("p00*.txt")):
        pieces = line_pieces(split_lines(path.read_text(encoding="utf-8")))
        assert reading_order(pieces, know) == pieces, path.name
