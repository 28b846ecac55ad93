"""Building from the PDF pages themselves (issue 15): scores on committed corpus PDFs, the build, bad PDFs.

tests/corpus/pdf-sample/ holds five of the corpus's rendered pages (photo, commentary, news, mixed, and a
loosely set news page); their gold is tests/corpus/gold/. All 46 score with
`PDF_DIR=tests/corpus/pdf .venv/bin/python tests/corpus/layout_scores.py --extractor pdf` after `make fixtures`.
"""
import csv
import io
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from conftest import assert_held_once, run_build

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))

from layout_scores import PDF_SAMPLE, pdf_pages, score_pdf  # noqa: E402
from score import aggregate  # noqa: E402

from sichuan_edu.errors import BuildError  # noqa: E402
from sichuan_edu.pdf_pages import read_pdf_page  # noqa: E402

# Measured on the sample when set; they can only go up. On all 46 corpus PDFs: see the README (Accuracy).
FLOORS = {"articles_found": 1.0, "titles_exact": 1.0, "kickers_exact": 1.0, "subtitles_exact": 1.0,
          "source_lines_exact": 1.0, "bodies_exact": 1.0, "body_f1": 1.0}


@pytest.fixture(scope="module")
def results(know):
    return score_pdf(know, pdf_dir=PDF_SAMPLE)


def test_sample_is_committed_and_small():
    files = sorted(PDF_SAMPLE.glob("p*.pdf"))
    assert len(files) == 5 and sum(f.stat().st_size for f in files) < 2_000_000
    assert len(list(pdf_pages(pdf_dir=PDF_SAMPLE))) == 5  # each with its gold and manifest row


@pytest.mark.parametrize("rate", sorted(FLOORS))
def test_pdf_route_scores_stay_above_their_floor(results, rate):
    scores = aggregate([s for _, s, _ in results])
    assert scores[rate] >= FLOORS[rate], f"pdf {rate} {scores[rate]:.3f}"
    assert scores["residue_rate"] <= 0.001


def test_every_character_of_a_pdf_page_is_in_exactly_one_segment(results):
    for _, _, page in results:
        assert_held_once(page)


def test_type_sizes_tell_title_kicker_and_subtitle():
    """p005's headlines: the largest type is the title; the smaller lines above and below it are not."""
    page = read_pdf_page(PDF_SAMPLE / "p005.pdf", 1)
    display = [ln for ln in page.lines if ln.role == "display"]
    assert display and all(ln.size > page.body_size for ln in display)
    assert all(ln.role == "furniture" for ln in page.lines if ln.top < 0.05 * page.height)
    # every line of the text is a line of type, with its box on the page
    assert [ln.line_no for ln in page.lines] == sorted(ln.line_no for ln in page.lines)
    assert all(0 <= ln.x0 < ln.x1 <= page.width and 0 <= ln.top < ln.bottom <= page.height for ln in page.lines)


def _two_page_pdf(path: Path) -> None:
    """A PDF of two corpus pages, as an issue's file holds several pages."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for name in ("p005.pdf", "p017.pdf"):
        src = pdfium.PdfDocument(str(PDF_SAMPLE / name))
        doc.import_pages(src)
        src.close()
    doc.save(str(path))
    doc.close()


def test_build_from_pdfs_with_a_page_per_manifest_row(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(PDF_SAMPLE / "p001.pdf", seeds / "p001.pdf")
    _two_page_pdf(seeds / "issue.pdf")
    rows = [{"file": "p001.pdf", "paper": "四川教育导报", "published": "2026-04-02", "page_no": "3", "pdf_page": ""},
            {"file": "issue.pdf", "paper": "四川教育导报", "published": "2026-01-08", "page_no": "5", "pdf_page": "2"}]
    with (seeds / "manifest.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, ["file", "paper", "published", "page_no", "pdf_page"])
        w.writeheader()
        w.writerows(rows)
    db = tmp_path / "out.db"
    result = run_build(seeds, db)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(db)
    pages = conn.execute("select id, file, page_no, in_manifest, text from pages order by id").fetchall()
    assert [(p[0], p[1], p[2], p[3]) for p in pages] == [
        ("issue-1", "issue.pdf#page=1", None, 0), ("issue-2", "issue.pdf#page=2", 5, 1), ("p001", "p001.pdf", 3, 1)]
    for pid, _, _, _, text in pages:
        boxes = conn.execute("select line_no, x0, top, x1, bottom from line_boxes where page_id = ? order by line_no",
                             (pid,)).fetchall()
        # a box for every line of the stored text that has characters, and none for blank lines
        assert [b[0] for b in boxes] == [no for no, line in enumerate(text.split("\n"), 1) if line.strip()]
        assert all(x0 < x1 and top < bottom for _, x0, top, x1, bottom in boxes)
    titles = {t for (t,) in conn.execute("select title from articles where page_id = 'issue-2'")}
    assert titles and None not in titles


@pytest.fixture
def old_db(tmp_path, seeds):
    db = tmp_path / "out.db"
    assert run_build(seeds, db).returncode == 0
    return db


def _encrypted_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt="secret")
    c.drawString(72, 720, "Hello")
    c.showPage()
    c.save()
    return buf.getvalue()


def _image_only_pdf() -> bytes:
    """Two pages: text on the first, a scanned image only on the second."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Page one")
    c.showPage()
    c.drawImage(ImageReader(Image.new("L", (40, 40), 128)), 72, 500, 200, 200)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("name,make,message", [
    ("broken.pdf", lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF\n", "broken.pdf: not a readable PDF"),
    ("locked.pdf", _encrypted_pdf, "locked.pdf: the PDF is encrypted (a password is needed to open it)"),
    ("scan.pdf", _image_only_pdf, "scan.pdf: page 2: the page has only images (scanned?): run OCR first"),
])
def test_bad_pdf_stops_the_build_with_one_line_and_keeps_the_old_database(seeds, old_db, name, make, message):
    (seeds / name).write_bytes(make())
    result = run_build(seeds, old_db)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    conn = sqlite3.connect(old_db)
    assert conn.execute("select count(*) from articles").fetchone()[0] == 6
    assert not list(old_db.parent.glob(".*.tmp"))


def test_manifest_page_beyond_the_pdf_is_an_error(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(PDF_SAMPLE / "p001.pdf", seeds / "p001.pdf")
    (seeds / "manifest.csv").write_text("file,published,pdf_page\np001.pdf,unknown,3\n", encoding="utf-8")
    result = run_build(seeds, tmp_path / "out.db")
    assert result.returncode == 2 and "lists p001.pdf#page=3, but p001.pdf has 1 page(s)" in result.stderr


def test_read_error_names_the_page():
    with pytest.raises(BuildError, match=r"page 2: the PDF has 1 page\(s\)"):
        read_pdf_page(PDF_SAMPLE / "p001.pdf", 2)


# --- the page image (rendered once at build time) -------------------------------------------------------

def test_page_image_is_webp_about_1200_px_within_its_budget_and_the_same_each_time():
    from PIL import Image

    from sichuan_edu.pdf_pages import IMAGE, render_page

    for path in sorted(PDF_SAMPLE.glob("p*.pdf")):
        image = render_page(path, 1)
        page = read_pdf_page(path, 1)
        assert image.format == "webp" and image.width == IMAGE["width"]
        assert abs(image.height - IMAGE["width"] * page.height / page.width) <= 1
        assert len(image.data) <= IMAGE["budget"], (path.name, len(image.data))
        with Image.open(io.BytesIO(image.data)) as shown:
            assert (shown.format, shown.size) == ("WEBP", (image.width, image.height))
        assert render_page(path, 1).data == image.data, path.name  # a build is byte-identical


def test_page_image_over_its_budget_is_encoded_smaller_then_narrower_and_warned():
    from sichuan_edu.pdf_layout import image_warnings
    from sichuan_edu.pdf_pages import render_page

    full = render_page(PDF_SAMPLE / "p017.pdf", 1)
    budget = len(full.data) // 2
    smaller = render_page(PDF_SAMPLE / "p017.pdf", 1, {"budget": budget})
    assert len(smaller.data) <= budget and image_warnings(smaller) == [] or smaller.width < full.width
    impossible = render_page(PDF_SAMPLE / "p017.pdf", 1, {"budget": 1000})
    assert impossible.width == full.width // 2  # the last, narrowest try is kept: the page still has an image
    assert not image_warnings(full)


# --- a PDF page and the text extracted from it, both given -----------------------------------------------

def _pdf_and_text(tmp_path, text: str, manifest: str):
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    shutil.copy(PDF_SAMPLE / "p005.pdf", seeds / "p005.pdf")
    (seeds / "p005.txt").write_text(text, encoding="utf-8")
    (seeds / "manifest.csv").write_text(manifest, encoding="utf-8")
    return seeds


def _warnings(db):
    conn = sqlite3.connect(db)
    return [m for (m,) in conn.execute("select message from build_warnings where page_id = 'p005' order by id")]


def test_pdf_is_built_and_its_text_beside_it_compared(tmp_path):
    from sichuan_edu.pipeline import build

    page = read_pdf_page(PDF_SAMPLE / "p005.pdf", 1)
    # the text as the PDF route writes it: every article reads the same
    seeds = _pdf_and_text(tmp_path, page.text, "file,paper,published,page_no\np005.txt,四川教育导报,2026-06-03,4\n")
    db = tmp_path / "out.db"
    build(seeds, db)
    conn = sqlite3.connect(db)
    assert conn.execute("select id, file, paper, published, page_no, extracted_file from pages").fetchall() == [
        ("p005", "p005.pdf", "四川教育导报", "2026-06-03", 4, "p005.txt")]  # the text's manifest row serves the PDF
    assert conn.execute("select count(*) from line_boxes").fetchone()[0] > 0
    titles = [t for (t,) in conn.execute("select title from articles order by seq")]
    assert _warnings(db) == [f"p005.txt, the text extracted from this page, is not built (the PDF is): of the PDF's "
                             f"{len(titles)} articles it reads {len(titles)} the same, misses 0, and has 0 the PDF has not"]
    # the text edited: one headline reads otherwise, and an incremental build sees the change
    first_line = titles[1].split(" ")[0]  # a wrapped headline: its first line as the text holds it
    assert first_line in page.text
    edited = page.text.replace(first_line, first_line[:-1] + "某", 1)  # same width: the same layout
    (seeds / "p005.txt").write_text(edited, encoding="utf-8")
    build(seeds, db)
    warnings = _warnings(db)
    assert len(titles) >= 2 and len(warnings) == 2
    assert f"it reads {len(titles) - 1} the same, 1 otherwise (1 title)" in warnings[0]
    assert warnings[1].startswith(f"p005.txt (line ") and f"《{titles[1]}》 otherwise: title from character {len(first_line)}" in warnings[1]
    assert conn.execute("select count(*) from pages").fetchone()[0] == 1


def test_page_image_is_stored_with_its_page(tmp_path):
    from sichuan_edu.pdf_pages import render_page
    from sichuan_edu.pipeline import build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(PDF_SAMPLE / "p001.pdf", seeds / "p001.pdf")
    build(seeds, tmp_path / "out.db")
    conn = sqlite3.connect(tmp_path / "out.db")
    row = conn.execute("select page_id, format, width, height, byte_count, sha256, image from page_images").fetchone()
    image = render_page(PDF_SAMPLE / "p001.pdf", 1)
    import hashlib
    assert row == ("p001", "webp", image.width, image.height, len(image.data), hashlib.sha256(image.data).hexdigest(),
                   image.data)


# --- geometry alone: subheads, the leading, tables (lines made here, as PDFium would give them) ----------

from sichuan_edu.pdf_pages import SETTINGS, TextLine, _body_pitch, _subheads, _table_rows  # noqa: E402


def _line(text, x0, top, size=10.0, role="body", bold=False, block=1, x1=None):
    width = x1 if x1 is not None else x0 + size * len(text)
    return TextLine(text, x0, top, width, top + size, size, bold, role, block=block)


def _column(texts, x0, top, step, **kw):
    return [_line(t, x0, top + k * step, **kw) for k, t in enumerate(texts)]


def test_a_bold_body_size_line_in_the_flow_of_a_body_is_a_subhead_and_one_set_apart_is_not():
    body = _column(["甲乙丙丁戊己庚辛壬癸"] * 4, 40, 100, 14)
    flowing = _line("一、总体要求", 40, 100 + 4 * 14, role="display", bold=True)
    after = _column(["甲乙丙丁戊己庚辛壬癸"] * 3, 40, 100 + 5 * 14, 14)
    apart = _line("另一篇的标题", 40, 100 + 8 * 14 + 30, role="display", bold=True)
    lines = body + [flowing] + after + [apart]
    _subheads(lines, 10.0, SETTINGS)
    assert flowing.role == "subhead" and apart.role == "display"


def test_the_leading_is_the_step_to_the_nearest_line_below_not_to_the_next_of_one_indent():
    # Short paragraphs: indented first lines and flush lines alternate, each indent two rows apart.
    lines = [_line("甲乙丙丁戊己庚辛", 40 + (20 if k % 2 == 0 else 0), 100 + 12 * k) for k in range(12)]
    assert _body_pitch(lines, 10.0) == 12


def test_a_grid_of_cells_becomes_one_line_a_row_with_wrapped_cells_joined():
    size, wrap, row = 8.0, 10.0, 15.0
    cells = [  # (column x, top, text): the second row's name wraps onto a second line
        (40, 0, "序号"), (70, 0, "名称"), (150, 0, "地区"),
        (40, row, "1"), (70, row, "第一学院"), (150, row, "甲市"),
        (40, 2 * row, "2"), (70, 2 * row, "第二职业技"), (70, 2 * row + wrap, "术学院"), (150, 2 * row, "乙市"),
        (40, 3 * row + wrap, "3"), (70, 3 * row + wrap, "第三大学"), (150, 3 * row + wrap, "丙市"),
    ]
    lines = [_line(t, x, 100 + top, size=size, role="caption") for x, top, t in cells]
    out = _table_rows(lines, [], 10.0, SETTINGS)
    assert [ln.text for ln in out if ln.table] == ["序号 名称 地区", "1 第一学院 甲市", "2 第二职业技术学院 乙市",
                                                   "3 第三大学 丙市"]
    # Nothing lost: every character of the cells is in a row.
    assert sorted("".join(ln.text for ln in out).replace(" ", "")) == sorted("".join(t for *_, t in cells))


def test_a_grid_printed_in_halves_is_read_half_after_half_where_the_numbering_carries_on():
    lines = []
    for k in range(4):
        lines += [_line(str(k + 1), 40, 100 + 15 * k, size=8, role="caption"),
                  _line("某某学院", 60, 100 + 15 * k, size=8, role="caption"),
                  _line(str(k + 5), 140, 100 + 15 * k, size=8, role="caption"),
                  _line("某某大学", 160, 100 + 15 * k, size=8, role="caption")]
    rows = [ln for ln in _table_rows(lines, [], 10.0, SETTINGS) if ln.table]
    assert [ln.text for ln in rows] == ["1 某某学院", "2 某某学院", "3 某某学院", "4 某某学院",
                                        "5 某某大学", "6 某某大学", "7 某某大学", "8 某某大学"]
    assert {ln.table for ln in rows} == {1}  # one table


def _rule(x0, y, x1):
    """A thin horizontal rule as _rects gives it: (x0, top, x1, bottom, is_rule, is_filled)."""
    return (x0, y - 0.5, x1, y + 0.5, True, False)


def _ruled_grid(texts, x0, widths, top, step):
    """Rows of cells (one list of texts per row) set at x0 in columns of the given widths, each row boxed
    in rules from x0 to the grid's right edge."""
    lines, rects = [], []
    right = x0 + sum(widths)
    for k, row in enumerate(texts):
        y = top + k * step
        rects.append(_rule(x0 - 2, y - 3, right))
        at = x0
        for w, t in zip(widths, row):
            lines.append(_line(t, at, y, size=8, role="caption"))
            at += w
    rects.append(_rule(x0 - 2, top + len(texts) * step - 3, right))
    return lines, rects


def test_a_table_continued_in_the_next_column_is_not_one_grid_with_its_first_part():
    # Two ruled parts on the same baselines, a gutter between: each is drawn in its own rules.
    heads = ["名称", "地区"]
    first, r1 = _ruled_grid([heads] + [["第一学院", "甲市"]] * 4, 40, [60, 40], 100, 15)
    second, r2 = _ruled_grid([heads] + [["第二学院", "乙市"]] * 2, 150, [60, 40], 100, 15)
    rows = [ln for ln in _table_rows(first + second, r1 + r2, 10.0, SETTINGS) if ln.table]
    by_table = {}
    for ln in rows:
        by_table.setdefault(ln.table, []).append(ln.text)
    assert sorted(by_table.values()) == [["名称 地区"] + ["第一学院 甲市"] * 4, ["名称 地区"] + ["第二学院 乙市"] * 2]
    # The second part (no title, the same heads, right of the first and starting above its end) carries
    # it on: its rows are read right after the first part's.
    second_rows = [ln for ln in rows if "乙市" in ln.text or ln.x0 >= 150]
    assert {ln.carries_on for ln in second_rows} == {rows[0].table}


def test_a_row_of_cells_does_not_take_in_a_line_of_another_type_size_on_its_baseline():
    table, rects = _ruled_grid([["名称", "地区"]] + [["某某学院", "甲市"]] * 4, 200, [60, 40], 100, 15)
    body = _line("驱车驶过青浦区蜿蜒的乡", 20, 100 + 2 * 15, size=10.0)  # running text beside the table
    out = _table_rows(table + [body], rects, 10.0, SETTINGS)
    assert not body.table and body in out
    assert [ln.text for ln in out if ln.table][1:] == ["某某学院 甲市"] * 4


def test_repeated_heads_under_one_rule_across_are_one_wide_table_not_halves():
    texts = [["排名", "市州", "排名", "市州"]] + [[str(k), "甲市", str(k + 9), "乙市"] for k in range(1, 4)]
    lines, rects = _ruled_grid(texts, 40, [30, 40, 30, 40], 100, 15)
    rows = [ln.text for ln in _table_rows(lines, rects, 10.0, SETTINGS) if ln.table]
    assert rows == ["排名 市州 排名 市州", "1 甲市 10 乙市", "2 甲市 11 乙市", "3 甲市 12 乙市"]


def test_a_list_of_one_column_printed_in_halves_side_by_side_is_a_table():
    left = [_line(t, 40, 100 + 14 * k, size=8, role="caption") for k, t in enumerate(
        ["金坛市某某小学", "某某中心小学", "某市第二实验小学", "某某中学", "某市第二中学"])]
    right = [_line(t, 160, 100 + 14 * k, size=8, role="caption") for k, t in enumerate(
        ["某某区罗溪中心小学", "某某小学", "某某实验小学", "某某新村第二小学"])]
    rects = [_rule(38, 97, 150), _rule(158, 97, 270), _rule(38, 100 + 14 * 5, 150), _rule(158, 100 + 14 * 4, 270)]
    rows = [ln for ln in _table_rows(left + right, rects, 10.0, SETTINGS) if ln.table]
    assert [ln.text for ln in rows] == [ln.text for ln in left + right] and {ln.table for ln in rows} == {1}


def test_tables_side_by_side_with_the_same_heads_are_halves_only_where_the_first_is_no_shorter():
    heads = ["名称", "地区"]
    a, ra = _ruled_grid([heads] + [["甲学院", "甲市"]] * 3, 40, [60, 40], 100, 15)
    b, rb = _ruled_grid([heads] + [["乙学院", "乙市"]] * 5, 150, [60, 40], 100, 15)
    c, rc = _ruled_grid([heads] + [["丙学院", "丙市"]] * 4, 260, [60, 40], 100, 15)
    rows = [ln for ln in _table_rows(a + b + c, ra + rb + rc, 10.0, SETTINGS) if ln.table]
    table_of = {ln.text: ln.carries_on or ln.table for ln in rows if ln.text != "名称 地区"}
    # The first (3 rows) is a table of its own; the third (4 rows) carries on the second (5 rows).
    assert table_of["甲学院 甲市"] != table_of["乙学院 乙市"] == table_of["丙学院 丙市"]


def test_names_wrapped_over_several_lines_in_a_narrow_column_are_still_a_grid():
    lines = [_line("序号", 40, 100, size=8, role="caption"), _line("学校名称", 70, 100, size=8, role="caption")]
    top = 115
    for number, parts in [("2509", ["贵州中", "医药大", "学时珍", "学院"]), ("2510", ["贵州黔", "南经济", "学院"]),
                          ("2511", ["贵州黔", "南科技", "学院"])]:
        lines.append(_line(number, 40, top, size=8, role="caption", x1=58))
        lines += [_line(t, 70, top + 11 * n, size=8, role="caption") for n, t in enumerate(parts)]
        top += 11 * len(parts) + 4  # the next row a little further down than a wrapped line
    rows = [ln.text for ln in _table_rows(lines, [], 10.0, SETTINGS) if ln.table]
    assert rows == ["序号 学校名称", "2509 贵州中医药大学时珍学院", "2510 贵州黔南经济学院", "2511 贵州黔南科技学院"]


def test_a_heading_between_two_tables_titles_the_nearer_one_and_bold_heads_join_their_grid():
    upper, r1 = _ruled_grid([["名称", "地区"]] + [["甲学院", "甲市"]] * 4, 40, [60, 40], 100, 15)
    heading = _line("某某省（9所）", 60, 100 + 5 * 15 + 10, size=12, role="display", bold=True)
    # The lower table (unruled): bold heads centred over short cells, overlapping none of them.
    top = heading.bottom + 6
    heads = [_line("学校名称", 62, top, size=8, role="display", bold=True), _line("所在地", 112, top, size=8, role="display", bold=True)]
    lower = [ln for k in range(4) for ln in (_line("乙大学", 40, top + 15 * (k + 1), size=8, role="caption"),
                                               _line("乙市", 100, top + 15 * (k + 1), size=8, role="caption"))]
    rows = [ln for ln in _table_rows(upper + [heading] + heads + lower, r1, 10.0, SETTINGS) if ln.table]
    lower_table = next(ln.table for ln in rows if ln.text == "乙大学 乙市")
    assert [ln.text for ln in rows if ln.table == lower_table] == ["某某省（9所）", "学校名称 所在地"] + ["乙大学 乙市"] * 4


def test_a_line_of_running_text_half_a_point_larger_is_no_cell_of_a_row_on_its_baseline():
    table = [ln for k in range(5) for ln in (_line("某某学院", 40, 100 + 15 * k, size=8.5, role="caption"),
                                              _line("甲市", 100, 100 + 15 * k, size=8.5, role="caption"))]
    body = _line("本报讯（记者 某某）某某消息", 160, 100 + 30, size=9.0, x1=260)
    out = _table_rows(table + [body], [], 9.0, SETTINGS)
    assert not body.table and [ln.text for ln in out if ln.table] == ["某某学院 甲市"] * 5


def test_a_column_of_justified_lines_beside_another_is_no_list():
    left = _column(["甲乙丙丁戊己庚辛壬癸"] * 5, 40, 100, 14, size=8, role="caption")
    right = _column(["甲乙丙丁戊己庚辛壬癸"] * 5, 160, 100, 14, size=8, role="caption")
    for ln in left + right:
        ln.x1 = ln.x0 + 80  # each line fills the measure
    rects = [_rule(38, 97, 125), _rule(158, 97, 245)]
    assert not any(ln.table for ln in _table_rows(left + right, rects, 10.0, SETTINGS))


def test_a_rule_drawn_down_between_two_characters_parts_them_into_two_cells():
    from sichuan_edu.pdf_pages import Glyph, _lines

    def glyphs(text, x0, step=8.0):
        return [Glyph(c, x0 + k * step, x0 + (k + 1) * step, 108.0, 8.0, False) for k, c in enumerate(text)]

    # 2787 | 兰州工商学院: the number's cell and the name's set closer than a gutter, a column rule between.
    row = glyphs("2787", 40, step=4.5) + glyphs("兰州工商学院", 64)
    assert [ln.text for ln in _lines(row, 10.0, SETTINGS)] == ["2787 兰州工商学院"]
    assert [ln.text for ln in _lines(row, 10.0, SETTINGS, walls=[(60.0, 95.0, 130.0)])] == ["2787", "兰州工商学院"]
    # A rule that ends above the line parts nothing.
    assert [ln.text for ln in _lines(row, 10.0, SETTINGS, walls=[(60.0, 20.0, 90.0)])] == ["2787 兰州工商学院"]


def test_running_text_in_columns_side_by_side_is_no_table():
    left = _column(["甲乙丙，丁戊己庚辛。"] * 6, 40, 100, 14)
    right = _column(["甲乙丙，丁戊己庚辛。"] * 6, 160, 100, 14)
    out = _table_rows(left + right, [], 10.0, SETTINGS)
    assert not any(ln.table for ln in out) and len(out) == 12


TABLE_PDFS = CORPUS / "tables" / "pdf"


@pytest.mark.skipif(not any(TABLE_PDFS.glob("t*.pdf")), reason="table PDFs not rendered (make_tables.py)")
def test_pdf_route_table_rows_stay_above_their_floor(know):
    from table_score import aggregate_tables
    from table_scores import score_pdf as score_table_pdfs

    scores = aggregate_tables([s for _, s, _ in score_table_pdfs(know, TABLE_PDFS)])
    assert scores["rows_exact_rate"] >= 1.0 and scores["cells_exact_rate"] >= 1.0


# --- captions by distance to the photo --------------------------------------------------------------------

def _photo_page(tmp_path, with_image: bool) -> Path:
    """A column of 10 pt text, a photo (an image, as a real page's photo is) and under it two lines of 9.5 pt
    (too close to the body's size for the type alone to tell), then the text again."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / ("photo.pdf" if with_image else "no-photo.pdf")
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    top = 100.0

    def line(text, size):
        nonlocal top
        c.setFont("Helvetica", size)
        c.drawString(72, 842 - top - size, text)
        top += 1.45 * size

    for _ in range(12):
        line("running text of the column, set in the body's type size.", 10)
    top += 4
    if with_image:
        c.drawImage(ImageReader(Image.new("L", (40, 30), 100)), 72, 842 - top - 150, 200, 150)
    top += 154
    line("The photo's caption, in type a little smaller than", 9.5)
    line("the body's, on two lines.", 9.5)
    top += 6
    for _ in range(12):
        line("running text of the column, set in the body's type size.", 10)
    c.showPage()
    c.save()
    return path


def test_lines_right_under_a_photo_in_slightly_smaller_type_are_its_caption(tmp_path):
    page = read_pdf_page(_photo_page(tmp_path, True), 1)
    roles = {ln.text: ln.role for ln in page.lines}
    assert roles["The photo's caption, in type a little smaller than"] == "caption"
    assert roles["the body's, on two lines."] == "caption"
    assert {ln.role for ln in page.lines if ln.size == page.body_size} == {"body"}


def test_the_same_lines_without_a_photo_over_them_are_body_text(tmp_path):
    page = read_pdf_page(_photo_page(tmp_path, False), 1)
    assert {ln.role for ln in page.lines} == {"body"}


# --- reading order and the text written from it: modules under rules, headlines, section heads, credits -----

from sichuan_edu.pdf_layout import pdf_pieces  # noqa: E402
from sichuan_edu.pdf_pages import PdfPage, _reading_order, _write_text  # noqa: E402

BODY_LINE = "甲乙丙丁戊己庚辛壬"  # nine characters of 10 pt: a column 90 pt wide


def _body(x0, top, rows, block=0):
    return [_line(BODY_LINE, x0, top + 14 * k, block=block) for k in range(rows)]


def test_a_module_under_a_rule_across_a_gutter_is_read_whole():
    """Four columns A B C D, a headline over A-B and one over C-D at the top: a gutter between B and C runs
    down the whole page. Under a rule drawn over B and C stands a module whose headline is set over B and
    whose text runs on from B into C: read whole, not B with A and then C with D."""
    a, b, c, d = 40, 150, 260, 370
    lines = [_line("左上标题甲乙丙丁", a, 100, size=20, role="display", x1=b + 90)]
    lines += _body(a, 130, 5) + _body(b, 130, 5)
    lines += [_line("右上标题甲乙丙丁", c, 100, size=20, role="display", x1=d + 90)]
    lines += _body(c, 130, 5) + _body(d, 130, 14)
    module = [_line("模块标题", b, 215, size=16, role="display", x1=b + 90)] + _body(b, 245, 6) + _body(c, 215, 8)
    lines += module + _body(a, 215, 8)
    rules = [(b - 2, 205.0, c + 92, 206.0, True, False), (a - 2, 205.0, a + 92, 206.0, True, False)]
    order = _reading_order(lines, rules, 10.0, SETTINGS)
    at = sorted(order.index(ln) for ln in module)
    assert at == list(range(at[0], at[0] + len(module)))
    assert order[at[0]].role == "display"  # its headline first, then its text over B, then over C
    assert [ln.x0 for ln in order[at[0] + 1 : at[-1] + 1]] == [b] * 6 + [c] * 8


def test_a_headline_wrapped_at_its_own_leading_is_one_block_of_the_text():
    """A 30 pt headline's lines are 9 pt apart, more than the gap that parts a body's modules: the cut may put
    them in two leaves, but the text keeps them in one block (no blank line), as the next headline is not."""
    first = _line("第一行标题", 100, 100, size=30, role="display", block=1)
    second = _line("第二行", 120, 139, size=30, role="display", block=2)
    other = _line("另一标题", 100, 300, size=30, role="display", block=3)
    text = _write_text([first, second, other], 10.0, SETTINGS)
    assert text == "第一行标题\n第二行\n\n另一标题\n"


def test_a_centred_line_a_little_larger_than_the_body_after_text_is_a_section_head():
    before = _body(40, 100, 3)
    head = _line("第一章 总则", 40 + 20, 100 + 3 * 14, size=10.5, x1=40 + 70)  # 20 pt in from each side
    after = _body(40, 100 + 4 * 14 + 2, 3)
    # The centred end of a longer line of that type is no head of its own.
    wrapped = [_line("第二章 较长的章名", 40, 200, size=10.5, x1=130), _line("名", 80, 214, size=10.5, x1=90.5)]
    tail = _body(40, 228, 2)
    lines = before + [head] + after + wrapped + tail
    _subheads(lines, 10.0, SETTINGS)
    assert head.role == "subhead" and [ln.role for ln in wrapped] == ["body", "body"]


def test_a_credit_wrapped_in_a_narrow_column_is_read_by_its_paragraph(know):
    """本报记者 X 's names run onto a second line of the paragraph (the next indent closes it): all of it
    is the credit, and the paragraph after it is body."""
    lines = [_line("测试标题文字", 40, 80, size=16, role="display", block=1),
             _line("本报记者 王", 60, 110, block=2, x1=130), _line("小明、李华", 40, 124, block=2, x1=90),
             _line("甲乙丙丁戊己庚", 60, 138, block=2), _line(BODY_LINE, 40, 152, block=2)]
    page = PdfPage("t.pdf", 1, 300, 400, 10.0, lines)
    page.text = _write_text(lines, 10.0, SETTINGS)
    roles = {p.text: p.role for p in pdf_pieces(page, know)}
    assert roles["本报记者 王"] == roles["小明、李华"] == "author"
    assert roles["甲乙丙丁戊己庚"] == roles[BODY_LINE] == "body"


def test_columns_under_a_headline_centred_over_them_are_read_after_it_though_it_overlaps_only_the_middle():
    """A headline centred over three columns ends in the gutters beside the middle one: the columns to its
    left and right, level with the middle one and with nothing over them, are its module's (read after
    it), not columns read before it. (A fourth column runs down beside them and a photo spans it and the
    third beside the module under the first two, so no gutter or gap cuts the page: the modules are
    ordered as bricks.)"""
    a, b, c, d = 40, 150, 260, 370
    headline = _line("居中的标题", b - 12, 100, size=24, role="display", x1=c - 8)
    cols = _body(a, 140, 6) + _body(b, 140, 6) + _body(c, 140, 6)
    below = [_line("下一篇标题", a, 260, size=16, role="display", x1=b + 90)] + _body(a, 290, 16) + _body(b, 290, 16)
    beside = [_line("旁边的标题", d, 100, size=16, role="display", x1=d + 90)] + _body(d, 130, 20)
    photo = [(c, 420.0, d + 90, 480.0, False, False)]
    order = _reading_order([*cols, *beside, headline, *below], photo, 10.0, SETTINGS)
    at = order.index(headline)
    assert [ln.x0 for ln in order[at + 1 : at + 19]] == [a] * 6 + [b] * 6 + [c] * 6


def test_a_line_of_body_type_after_the_subtitle_heads_the_text_not_the_headline():
    """The stages may take a short line under the subtitle (第一章 总则, set in body type) into the headline;
    its type says it is text: the body's first paragraph, and a subhead."""
    from sichuan_edu.blocks import ArticleLayout, PageLayout
    from sichuan_edu.lines import Piece
    from sichuan_edu.pdf_layout import headlines_by_size

    sizes = {1: 20.0, 2: 11.0, 3: 10.5, 4: 10.0}
    roles = {1: "display", 2: "display", 3: "body", 4: "body"}
    lines = [TextLine(t, 40, 100 + 30 * n, 140, 100 + 30 * n + sizes[n], sizes[n], False, roles[n], line_no=n)
             for n, t in ((1, "标题甲乙丙丁"), (2, "——副题甲乙丙丁"), (3, "第一章 总则"), (4, "第一条 甲乙丙丁"))]
    page = PdfPage("t.pdf", 1, 300, 400, 10.0, lines)
    pieces = {n: Piece(n, 0, len(ln.text), ln.text) for n, ln in enumerate(lines, 1)}
    article = ArticleLayout(headline=[pieces[1]], subtitle=[pieces[2], pieces[3]], paragraphs=[[pieces[4]]])
    headlines_by_size(PageLayout([article], [], [], [], []), page)
    assert article.headline == [pieces[1]] and article.subtitle == [pieces[2]]
    assert article.paragraphs == [[pieces[3]], [pieces[4]]] and article.subheads == [pieces[3]]


def test_a_subtitle_given_to_another_article_goes_to_the_headline_it_is_set_under():
    """The stages may give a subtitle to the article whose body shares its words; the page sets it right
    under another article's headline, across it, far from its own: it is that headline's."""
    from sichuan_edu.blocks import ArticleLayout, PageLayout
    from sichuan_edu.lines import Piece
    from sichuan_edu.pdf_layout import headlines_by_size

    specs = {1: ("甲篇标题", 40, 100, 16.0), 2: ("乙篇标题", 400, 100, 16.0), 3: ("——乙篇副题", 400, 120, 11.0)}
    lines = [TextLine(t, x, top, x + 120, top + size, size, False, "display", line_no=n)
             for n, (t, x, top, size) in specs.items()]
    page = PdfPage("t.pdf", 1, 600, 400, 10.0, lines)
    pieces = {n: Piece(n, 0, len(t), t) for n, (t, *_) in specs.items()}
    first = ArticleLayout(headline=[pieces[1]], subtitle=[pieces[3]])
    second = ArticleLayout(headline=[pieces[2]])
    headlines_by_size(PageLayout([first, second], [], [], [], []), page)
    assert first.subtitle == [] and second.subtitle == [pieces[3]] and second.headline == [pieces[2]]


def test_a_line_of_display_type_holding_a_space_is_one_headline_on_the_pdf_route(know):
    """Joint issuers set on one line (最高人民法院 最高人民…) with the name broken at the line's end: the text
    route may read two headlines side by side there, but on a PDF headlines side by side stand apart, so
    the line is one headline's."""
    from sichuan_edu.blocks import page_blocks
    from sichuan_edu.pdf_layout import headlines_by_size

    lines = [_line("最高人民法院 最高人民", 40, 80, size=16, role="display", block=1),
             _line("检察院关于办理甲乙案件的解释", 40, 100, size=16, role="display", block=1),
             _line("本报讯（记者 王小明）甲乙丙", 60, 130, block=2), _line(BODY_LINE + "。", 40, 144, block=2)]
    page = PdfPage("t.pdf", 1, 300, 400, 10.0, lines)
    page.text = _write_text(lines, 10.0, SETTINGS)
    layout = page_blocks(pdf_pieces(page, know), know, beside=False)
    headlines_by_size(layout, page)
    [article] = layout.articles
    assert "".join(p.text for p in article.headline).replace(" ", "") == "最高人民法院最高人民检察院关于办理甲乙案件的解释"


def test_two_photo_stories_side_by_side_each_keep_their_text_under_their_caption():
    """Two photo stories side by side (headline, photo, caption, text), the left one's text starting a gap
    lower than the right one's ends: each text is read after its own caption, the left one's before the
    right story's headline. (A module below spans the gutter between them, so no gutter cuts the page.)"""
    left = [_line("左边的标题", 50, 100, size=28, role="display", x1=400),
            _line("图为左边的图片说明文字", 40, 331, size=8.5, role="caption", x1=409),
            _line("摄）", 40, 344, size=8.5, role="caption", x1=57)]
    left_text = [_line(BODY_LINE, x, top, x1=x + 112) for x in (40, 170, 300) for top in (364, 377)]
    right = [_line("右边的标题", 491, 99, size=20, role="display", x1=611),
             _line("图为右边的图片说明文字", 430, 284, size=8.5, role="caption", x1=672),
             _line("摄）", 430, 297, size=8.5, role="caption", x1=466)]
    right_text = [_line(BODY_LINE, x, top, x1=x + 112) for x in (430, 560) for top in (317, 330)]
    below = [_line("下面的标题", 300, 420, size=16, role="display", x1=542)] + _body(300, 450, 5) + _body(430, 450, 5)
    photos = [(40.0, 139.0, 412.0, 325.0, False, True), (430.0, 128.0, 672.0, 278.0, False, True)]
    order = _reading_order([*right_text, *left_text, *below, *right, *left], photos, 10.0, SETTINGS)
    at = order.index(left[0])
    assert order[at : at + 9] == left + left_text
    assert order[at + 9 : at + 16] == right + right_text


def test_a_source_line_wrapped_in_its_paragraph_over_three_lines_is_the_source_line(know):
    """A dateline's place breaks over the first line's end and its credit over the second's (a narrow
    column): the paragraph the indent opens starts with the whole source line, so those lines are it up
    to its closing bracket, and the rest of the third line opens the body. Set flush left, with no indent
    opening a paragraph there, the same lines stay body text (a break inside a place may end a headline)."""
    def page(indent):
        lines = [_line("测试标题文字", 40, 80, size=16, role="display", block=1),
                 _line("新华社甲乙丙丁戊", 40 + indent, 110, block=2, x1=130),
                 _line("己1月8日电（记者 王", 40, 124, block=2, x1=130),
                 _line("小明）甲乙丙丁戊己庚", 40, 138, block=2, x1=130), _line(BODY_LINE, 40, 152, block=2)]
        out = PdfPage("t.pdf", 1, 300, 400, 10.0, lines)
        out.text = _write_text(lines, 10.0, SETTINGS)
        return pdf_pieces(out, know)

    pieces = page(20)
    roles = {p.text: p.role for p in pieces}
    assert roles["新华社甲乙丙丁戊"] == roles["己1月8日电（记者 王"] == roles["小明）"] == "source"
    assert roles["甲乙丙丁戊己庚"] == roles[BODY_LINE] == "body"
    assert {p.match["place"] for p in pieces if p.role == "source"} == {"甲乙丙丁戊己"}
    assert all(p.role != "source" for p in page(0))


def test_a_headline_s_words_a_wide_space_of_its_own_type_apart_are_one_line_and_body_words_are_not():
    """A headline's two parts set apart by about half an em of its own 28-point type (wider than the gap
    that parts lines of body type, narrower than a gutter of it) are one line, so the columns under it
    do not cut it in two; body type the same distance apart stays two lines (columns beside each other)."""
    from sichuan_edu.pdf_pages import Glyph, _lines

    def glyphs(text, x0, size):
        return [Glyph(c, x0 + k * size, x0 + (k + 1) * size, 140.0, size, False) for k, c in enumerate(text)]

    headline = glyphs("甲乙丙", 76.0, 28.0) + glyphs("丁戊己庚", 76.0 + 3 * 28 + 16.6, 28.0)
    assert [ln.text.replace(" ", "") for ln in _lines(headline, 9.0, SETTINGS)] == ["甲乙丙丁戊己庚"]
    body = glyphs("甲乙丙", 40.0, 9.0) + glyphs("丁戊己庚", 40.0 + 3 * 9 + 16.6, 9.0)
    assert [ln.text for ln in _lines(body, 9.0, SETTINGS)] == ["甲乙丙", "丁戊己庚"]
