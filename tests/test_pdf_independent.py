"""The PDF route on held-out PDFs: tests/corpus/independent/pdf/, made by another generator (its own fonts,
sizes, column labels, boxed headlines, modules set like bricks) that the layout code was not written against.

Scores with `.venv/bin/python tests/corpus/layout_scores.py --independent --extractor pdf`.
"""
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import assert_held_once

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))

from layout_scores import INDEPENDENT, PDF_SOURCES, pdf_pages, score_pdf  # noqa: E402
from score import aggregate  # noqa: E402

from sichuan_edu.pdf_pages import read_pdf_page  # noqa: E402

PDF_DIR, PATTERN, _ = PDF_SOURCES[INDEPENDENT]
PDFS = sorted(PDF_DIR.glob(PATTERN))
pytestmark = pytest.mark.skipif(not PDFS, reason="the independent corpus's PDFs are not here")

# Measured on all 14 pages when set (every field 1.000); they can only go up.
FLOORS = {"articles_found": 1.0, "titles_exact": 1.0, "kickers_exact": 1.0, "subtitles_exact": 1.0,
          "source_lines_exact": 1.0, "bodies_exact": 1.0, "body_f1": 1.0}


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def results(know):
    return score_pdf(know, data=INDEPENDENT)


def gold_of(path: Path) -> dict:
    return json.loads((INDEPENDENT / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))


def test_every_pdf_is_scored_with_its_gold_and_manifest_row():
    assert len(PDFS) == 14
    assert len(list(pdf_pages(INDEPENDENT))) == len(PDFS)


@pytest.mark.parametrize("rate", sorted(FLOORS))
def test_independent_pdf_scores_stay_above_their_floor(results, rate):
    scores = aggregate([s for _, s, _ in results])
    assert scores[rate] >= FLOORS[rate], f"independent pdf {rate} {scores[rate]:.3f}"
    assert scores["residue_rate"] <= 0.001


def test_every_character_of_an_independent_pdf_page_is_in_exactly_one_segment(results):
    for _, _, page in results:
        assert_held_once(page)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_furniture_is_the_margins_and_the_column_labels(path):
    """The header, the footer and each column's label in its shaded box (简讯) are furniture, and nothing
    else is; a label is read where it stands, among the lines it heads."""
    page = read_pdf_page(path, 1)
    assert sorted(ln.text for ln in page.lines if ln.role == "furniture") == sorted(gold_of(path)["furniture"])
    for i, ln in enumerate(page.lines):
        if ln.label:  # the next line read is the first under it
            after = page.lines[i + 1]
            assert after.top > ln.bottom and after.x0 < ln.x1 and ln.x0 < after.x1, ln.text


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_captions_are_the_lines_under_the_photos(path):
    """Every caption character, and no other, is in a caption line: by type smaller than the body, or right
    under a photo where the type is only a little smaller."""
    gold = gold_of(path)
    captions = [c for a in gold["articles"] for c in a.get("captions", [])] + gold.get("photo_captions", [])
    page = read_pdf_page(path, 1)
    found = Counter(flat("".join(ln.text for ln in page.lines if ln.role == "caption")))
    assert found == Counter(flat("".join(captions)))
