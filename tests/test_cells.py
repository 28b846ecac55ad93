"""Tables read back into rows, in the three ways extractors write them (see cells.py), from a real list:
the Ministry of Education's list of Sichuan's higher-education institutions (seeds/reference), set in
narrow columns so that long names wrap. The table corpus (test_tables_corpus.py) measures real PDFs."""
import csv
import random

import pytest

from conftest import SEEDS
from sichuan_edu.cells import read_columns, read_rows
from sichuan_edu.lines import Piece, width
from sichuan_edu.pages import split_lines
from sichuan_edu.lines import line_pieces

CLOSING = "，。、；：？！”）》"
HEADS = ["序号", "学校名称", "学校标识码", "主管部门", "所在地", "办学层次"]


def _institutions():
    with (SEEDS / "reference" / "moe_hei_sichuan_2025.tsv").open(encoding="utf-8") as f:
        return [[r["name"], r["code"], r["authority"], r["city"], r["level"]] for r in csv.DictReader(f, delimiter="\t")]


def _wrap(text: str, measure: float) -> list[str]:
    """Lines of at most `measure` cells; a closing mark never starts a line (避头尾)."""
    out, line = [], ""
    for ch in text:
        if width(line + ch) > measure and line and ch not in CLOSING:
            out.append(line)
            line = ""
        line += ch
    return out + [line]


def _table(rng, columns: list[int], rows: int, numbered: bool):
    data = rng.sample(_institutions(), rows)
    heads = ([HEADS[0]] if numbered else []) + [HEADS[c + 1] for c in columns]
    table = [([str(i + 1)] if numbered else []) + [rec[c] for c in columns] for i, rec in enumerate(data)]
    measures = [4] * numbered + [rng.choice([6, 7, 8, 10]) if c == 0 else 12 for c in columns]
    return heads, table, measures


def write_columns(heads, table, measures) -> str:
    out = []
    for c, head in enumerate(heads):
        out.append(head)
        for row in table:
            out += _wrap(row[c], measures[c])
    return "\n".join(out)


def write_cells(heads, table, measures) -> str:
    """A cell per block, blocks apart by a blank line, a wrapped cell's lines together (as poppler's
    pdftotext writes ruled and plain tables)."""
    blocks = list(heads)
    for row in table:
        blocks += ["\n".join(_wrap(cell, m)) for cell, m in zip(row, measures)]
    return "\n\n".join(blocks)


def write_rows(heads, table, measures) -> str:
    """A row per line, cells separated by a space; a wrapped cell's lines each end the line (as PDFium
    writes a table drawn row by row)."""
    out = [" ".join(heads)]
    for row in table:
        line: list[str] = []
        for cell, m in zip(row, measures):
            lines = _wrap(cell, m)
            line.append(lines[0])
            if len(lines) > 1:
                out.append(" ".join(line))
                out += lines[1:]
                line = []
        if line:
            out.append(" ".join(line))
    return "\n".join(out)


def _pieces(text: str) -> list[Piece]:
    return line_pieces(split_lines(text))


def _read(shape, text, heads, know):
    pieces = _pieces(text)
    if shape == "columns":
        columns, at = [], 0
        for p in pieces:
            if p.compact in heads:
                columns.append([])
            else:
                columns[-1].append(p)
        return read_columns(heads, columns, know, None)
    start = 1 if shape == "rows" else len(heads)
    return read_rows(heads, pieces[start:], know)


WRITERS = {"columns": write_columns, "cells": write_cells, "rows": write_rows}


@pytest.mark.parametrize("shape", list(WRITERS))
@pytest.mark.parametrize("numbered", [True, False])
def test_tables_of_every_shape_read_back_into_their_rows(know, shape, numbered):
    rng = random.Random(f"{shape}{numbered}")
    exact = total = 0
    for _ in range(12):
        columns = rng.sample(range(5), rng.randint(1, 4))
        columns.sort()
        if not numbered and columns == [0]:
            # A bare list of names with nothing to count rows by: where a name exactly fills its line and
            # the next line is a whole name too (西南交通大学 | 希望学院), only knowing the names tells.
            columns = [0, 3]
        heads, table, measures = _table(rng, columns, rng.randint(3, 25), numbered)
        read = _read(shape, WRITERS[shape](heads, table, measures), heads, know)
        got = [[c.text for c in row] for row in read.rows]
        exact += sum(1 for a, b in zip(got, table) if a == b)
        total += len(table)
    assert exact >= 0.95 * total, (shape, numbered, exact, total)


def test_rows_carry_the_margin_of_their_reading(know):
    rng = random.Random(5)
    heads, table, measures = _table(rng, [0, 3], 20, True)
    read = _read("rows", write_rows(heads, table, measures), heads, know)
    assert len(read.margins) == len(read.rows)
    wrapped = [i for i, row in enumerate(table) if len(_wrap(row[1], measures[1])) > 1]
    # A row with no wrapped cell had no rival reading; one with a wrapped cell has a computed margin.
    assert all(read.margins[i] is None for i in range(len(table)) if i not in wrapped)
    assert any(read.margins[i] is not None for i in wrapped)


def test_a_headless_list_with_names_wrapped_in_a_narrow_column(know):
    """Names wrapped over two lines (示范理工大 / 学), then the column of their places: one row per name."""
    names = ["示范大学", "示范理工大", "学", "示范师范学", "院", "示范学院"]
    places = ["成都市", "绵阳市", "德阳市", "泸州市"]
    table = read_rows([], _pieces("\n".join(names + places)), know)
    assert [[c.text for c in row] for row in table.rows] == [
        ["示范大学", "成都市"], ["示范理工大学", "绵阳市"], ["示范师范学院", "德阳市"], ["示范学院", "泸州市"]]


def test_a_headless_list_whose_names_and_places_both_wrap(know):
    """Column by column, names and places both wrapped (…自 / 治州), a qualifier on its own line: each
    column cut into as many cells as there are names; the names after the places are another list."""
    names = ["示范大学", "示范理工大", "学", "示范矿业大学", "（成都）", "示范学院"]
    places = ["成都市", "凉山彝族自", "治州", "德阳市", "泸州市"]
    after = ["另一示范学院", "又一示范学院", "再一示范学院"]
    table = read_rows([], _pieces("\n".join(names + places + after)), know)
    assert [[c.text for c in row] for row in table.rows] == [
        ["示范大学", "成都市"], ["示范理工大学", "凉山彝族自治州"], ["示范矿业大学（成都）", "德阳市"],
        ["示范学院", "泸州市"]]
    assert [[c.text for c in row] for row in table.aside.rows] == [[n] for n in after]


def test_a_headless_list_written_a_cell_per_block_opens_a_row_at_each_school(know):
    """A cell per block (pdftotext): each school's name, wrapped or not, opens a row; a body's name after
    it (示范省教育厅, its 主管部门) is a cell of that row."""
    blocks = ["示范大学", "示范省教育厅", "成都市", "示范理工大\n学", "示范省教育厅", "绵阳市",
              "示范职业技术学院", "示范市人民政府", "德阳市"]
    table = read_rows([], _pieces("\n\n".join(blocks)), know)
    assert [[c.text for c in row] for row in table.rows] == [
        ["示范大学", "示范省教育厅", "成都市"], ["示范理工大学", "示范省教育厅", "绵阳市"],
        ["示范职业技术学院", "示范市人民政府", "德阳市"]]


def test_a_name_and_its_seat_in_one_block_open_a_row(know):
    """A cell per block whose name block ends with its seat (示范矿业大学 / （成都）): the block is a school's
    name and opens a row like any other; a heading set among the rows is no cell."""
    blocks = ["示范大学", "成都市", "示范矿业大学\n（成都）", "成都市", "示范之窗", "示范石油大学\n（绵阳）", "绵阳市",
              "示范学院", "德阳市"]
    table = read_rows([], _pieces("\n\n".join(blocks)), know)
    assert [[c.text for c in row] for row in table.rows] == [
        ["示范大学", "成都市"], ["示范矿业大学（成都）", "成都市"], ["示范石油大学（绵阳）", "绵阳市"], ["示范学院", "德阳市"]]
    assert [p.compact for p in table.leftover] == ["示范之窗"]


def test_rows_before_the_first_number_are_a_table_set_beside(know):
    """A cell per block: rows of a list set beside a numbered one, written before its first number, are
    that list's rows (`aside`), not leftovers."""
    blocks = ["示范大学", "成都市", "民办", "示范学院", "绵阳市", "民办", "示范职业学院", "德阳市", "民办",
              "1", "甲示范学院", "成都市", "2", "乙示范学院", "绵阳市", "3", "丙示范学院", "德阳市"]
    table = read_rows(["学校名称", "所在地", "备注"], _pieces("\n\n".join(blocks)), know)
    assert [[c.text for c in row] for row in table.rows] == [
        ["1", "甲示范学院", "成都市"], ["2", "乙示范学院", "绵阳市"], ["3", "丙示范学院", "德阳市"]]
    assert [[c.text for c in row] for row in table.aside.rows] == [
        ["示范大学", "成都市", "民办"], ["示范学院", "绵阳市", "民办"], ["示范职业学院", "德阳市", "民办"]]
    assert table.leftover == []


def test_tables_side_by_side_with_their_rows_mixed_are_told_apart_by_width(know):
    """Heads of two tables among each other, a cell per block, rows of one and the other alternating:
    each school's name opens a row, and the rows two cells narrower are the table beside."""
    wide = [["示范大学", "4151010001", "成都市", "本科"], ["示范理工学院", "4151010002", "绵阳市", "本科"],
            ["示范职业学院", "4151010003", "德阳市", "专科"], ["示范师范学院", "4151010004", "泸州市", "本科"]]
    narrow = [["甲示范学院", "宜宾市"], ["乙示范学院", "南充市"], ["丙示范学院", "乐山市"], ["丁示范学院", "眉山市"]]
    blocks = [c for a, b in zip(wide, narrow) for c in a + b]
    heads = ["学校名称", "学校标识码", "所在地", "办学层次", "学校名称", "所在地"]
    table = read_rows(heads, _pieces("\n\n".join(blocks)), know)
    assert [[c.text for c in row] for row in table.rows] == wide
    assert [[c.text for c in row] for row in table.aside.rows] == narrow


def test_numbered_rows_holding_more_blocks_than_heads_keep_them_as_cells(know):
    """A cell per block, numbered rows of four blocks under two heads (the other heads went with a table
    beside): each row holds four cells, not two with the rest joined on."""
    rows = [["1", "示范大学", "示范省", "成都市"], ["2", "示范理工学院", "示范省教育厅", "绵阳市"],
            ["3", "示范职业学院", "示范省", "德阳市"], ["4", "示范师范学院", "示范省", "泸州市"]]
    table = read_rows(["主管部门", "所在地"], _pieces("\n\n".join(c for r in rows for c in r)), know)
    assert [[c.text for c in row] for row in table.rows] == rows
