"""Odd tables never crash a page, lose text or stall: a digit that is no number (①), heads of tables set
side by side, a number column among the cells, lists numbered one after another, long columns."""
import time

import pytest

from sichuan_edu.parse import parse_page
from test_robustness import conservation_holds

ODD = {
    "circled digit under a list": "学校名称\n四川大学\n成都大学\n①\n",
    "circled digit in a case list": "报送单位\n四川大学\n成都大学\n案例名称\n案例一\n案例二\n①\n",
    "heads of two tables, no rows": "学校名称\n所在地\n序号\n",
    "heads of two tables side by side": "学校名称 所在地 序号 学校名称\n四川大学 成都市 1 成都大学\n西华大学 南充市 2 西南大学\n",
    "lone head": "序号\n",
}


@pytest.mark.parametrize("name", list(ODD))
def test_odd_tables_parse_without_losing_text(know, name):
    text = ODD[name]
    page = parse_page("p.txt", text.encode(), know)
    assert conservation_holds(page, text)


def test_a_number_column_among_the_cells_is_cells_not_row_numbers(know):
    text = "序号 学校名称 批次\n1 四川大学 1\n2 成都大学 1\n3 西华大学 2\n4 西南大学 2\n"
    page = parse_page("p.txt", text.encode(), know)
    assert page.tables[0].rows == [["1", "四川大学", "1"], ["2", "成都大学", "1"], ["3", "西华大学", "2"], ["4", "西南大学", "2"]]


def test_lists_numbered_one_after_another_keep_their_order(know):
    text = ("序号 学校名称 所在地\n1 四川大学 成都市\n2 成都大学 成都市\n3 西华大学 南充市\n"
            "1 西南大学 重庆市\n2 重庆大学 重庆市\n3 南开大学 天津市\n")
    page = parse_page("p.txt", text.encode(), know)
    names = [row[1] for t in page.tables for row in t.rows]
    assert names == ["四川大学", "成都大学", "西华大学", "西南大学", "重庆大学", "南开大学"]


def test_digits_in_a_column_are_cells_not_the_tables_total(know):
    text = "学校名称\n四川大学\n成都大学\n西华大学\n批次\n1\n2\n2\n"
    page = parse_page("p.txt", text.encode(), know)
    assert page.tables[0].declared_rows is None
    assert page.tables[0].rows == [["四川大学", "1"], ["成都大学", "2"], ["西华大学", "2"]]


def test_cost_grows_linearly_with_a_long_last_column(know):
    """A column of codes far longer than the rest (trimmed at its end) takes time in proportion to it."""
    def page(n):
        return ("序号\n1\n2\n3\n学校名称\n四川大学\n成都大学\n西华大学\n学校标识码\n"
                + "".join(f"41510{i:05d}\n" for i in range(n))).encode()
    parse_page("w.txt", page(10), know)
    timings = []
    for n in (500, 2000):
        start = time.perf_counter()
        parse_page("p.txt", page(n), know)
        timings.append(time.perf_counter() - start)
    # Four times the lines: well under sixteen times the time (it was quadratic).
    assert timings[1] < 8 * timings[0] + 0.5


def test_many_halves_with_a_total_do_not_blow_up(know):
    halves = "".join("报送单位\n" + "".join(f"成都第{h}{i}中学\n" for i in range(24)) + "案例名称\n"
                     + "".join(f"案例{h}之{i}培养模式\n" for i in range(24)) for h in range(7))
    page = parse_page("p.txt", (halves + "168\n").encode(), know)
    assert page.tables


def test_heads_known_in_part_are_heads(know):
    """序号 学校名称 人数: a head outside the list of known heads, beside known ones, is still a head."""
    text = "序号 学校名称 人数\n1 四川大学 120\n2 成都大学 85\n3 西华大学 64\n"
    page = parse_page("p.txt", text.encode(), know)
    assert page.tables[0].column_heads == ["序号", "学校名称", "人数"]
    assert page.tables[0].rows == [["1", "四川大学", "120"], ["2", "成都大学", "85"], ["3", "西华大学", "64"]]


def test_a_total_and_title_after_the_last_cell_end_the_table(know):
    """…last case name / 3 / 四川省典型案例: the total and the title close the table; a last cell that reads
    like a short heading does not."""
    text = ("报送单位\n四川大学\n成都大学\n西华大学\n案例名称\n产教融合育人模式\n校企共建实训基地\n"
            "中华人民共和国教育法\n3\n四川省典型案例\n")
    page = parse_page("p.txt", text.encode(), know)
    table = page.tables[0]
    assert (table.declared_rows, table.title, len(page.cases)) == (3, "四川省典型案例", 3)
    assert page.cases[2].title == "中华人民共和国教育法"


def test_random_table_like_pages_never_crash_nor_lose_text(know):
    """Pages made of list heads, numbers, names, headings and stray marks in random lines: each parses,
    and every character lands in a segment."""
    import random
    rng = random.Random(7)
    heads = list(know.table_headers)
    words = heads * 2 + ["1", "2", "3", "12", "100", "青海省（13所）", "四川省高校名单", "一览表", "学院", "有限公司",
                         "四川大学", "成都大学", "成都市", "民办", "本科", "——", "（", "）", "Chengdu", "4151010610",
                         "。", "，", "本报讯（记者 张三）", "案例", "名单", "山海中学", "西华大学"]
    for _ in range(300):
        lines = [rng.choice([" ", "  ", ""]).join(rng.choice(words) for _ in range(rng.choice([1, 1, 2, 3, 4])))
                 for _ in range(rng.randint(1, 30))]
        text = "\n".join(lines) + "\n"
        if not text.strip():
            continue
        page = parse_page("p.txt", text.encode(), know)
        assert conservation_holds(page, text), text


def test_a_line_of_heads_with_a_name_among_them_is_no_crash(know):
    """团队名称  宁华中学  牵头单位 among heads each alone on their lines (a table written column by column):
    the name among the heads makes a column of its own kind, not a crash."""
    text = ("所在地区单位名称 5\n作品名称\n依托单位\n备注  举办者  办学层次\n\n\u3000\n光远光兴华中职业技术学院\n5\n"
            "2026年5月27日\n类别  专科\n山长渝学院\n工作单位课程名称\n成果完成人\n成果完成人作品名称职务\n"
            "团队名称  宁华中学  牵头单位\n\u3000  四川大学\n建设单位\n光河山宁大学 地区 山华西宁天长学院\n四川大学\n名称\n"
            "所在地区项目名称\n河中远职业技术学院\n单位名称 标识码\n性别\n一览表\n12")
    page = parse_page("p.txt", text.encode(), know)
    assert conservation_holds(page, text)


def _case_list(rows: int) -> str:
    """A case list flattened column by column (units, then case names, then the printed total)."""
    units = "".join(f"成都第{i}中学\n" for i in range(rows))
    items = "".join(f"案例{i}之{'产教融合' if i % 2 else '校企合作'}培养模式\n" for i in range(rows))
    return f"报送单位\n{units}案例名称\n{items}{rows}\n"


def test_a_long_case_list_costs_time_in_proportion_to_its_rows(know):
    parse_page("w.txt", _case_list(20).encode(), know)
    timings = []
    for n in (200, 800):
        start = time.perf_counter()
        page = parse_page("p.txt", _case_list(n).encode(), know)
        timings.append(time.perf_counter() - start)
        assert len(page.cases) == n
    # Four times the rows: well under sixteen times the time.
    assert timings[1] < 8 * timings[0] + 0.5


def test_a_case_list_past_the_alignment_limit_goes_to_residue_with_a_warning(know):
    from sichuan_edu.tables import MAX_TABLE_LINES
    rows = MAX_TABLE_LINES // 2 + 1
    text = _case_list(rows)
    page = parse_page("p.txt", text.encode(), know)
    assert page.cases == []
    assert len(page.residue) == 2 * rows
    assert any("past the alignment limit" in w for _, w in page.warnings)
    assert conservation_holds(page, text)


def test_running_text_after_a_table_is_no_cell(know):
    """Cells a block each, then a paragraph whose first lines end no sentence: the table stops where
    lines of running text set together begin, and the paragraph stays the article's."""
    text = ("本报讯 省教育厅日前公布名单。\n\n学校名称\n\n所在地\n\n四川大学\n\n成都市\n\n西华大学\n\n南充市\n\n"
            "西南石油大学\n\n成都市\n\n这份名单里的学校将在今年秋季\n开始招生，名单以外的学校不得以\n任何名义组织招生，考生要注意\n"
            "甄别。\n")
    page = parse_page("p.txt", text.encode(), know)
    assert page.tables[0].rows == [["四川大学", "成都市"], ["西华大学", "南充市"], ["西南石油大学", "成都市"]]
    assert "甄别" in page.articles[0].body and "这份名单" in page.articles[0].body


def test_case_names_holding_clauses_set_together_stay_cells(know):
    """A case list written column by column, no blank lines: case names with clause marks one after
    another (工学一体，双元育人) are cells, not running text."""
    items = ["工学结合，校企共育，培养新时代工匠", "产教融合，协同育人，服务地方产业", "专业对接，课岗融通，打造实训基地",
             "校地合作，资源共享，建设产业学院"]
    text = ("报送单位\n四川大学\n成都大学\n西华大学\n西南石油大学\n案例名称\n" + "\n".join(items) + "\n4\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [c.title for c in page.cases] == items


def test_three_tables_side_by_side_written_a_cell_per_block_are_told_apart(know):
    """One head, then a cell per block: numbered rows (1 示范大学 示范省 成都市 本科), each followed by an
    entry of a list of names and a row of a two-column list set beside it. The numbered rows end at the
    next school's name; the rest are read as the tables beside, and no character is lost."""
    numbered = [["1", "示范大学", "示范省", "成都市", "本科"], ["2", "示范理工学院", "示范省", "绵阳市", "本科"],
                ["3", "示范职业学院", "示范省", "德阳市", "专科"], ["4", "示范师范学院", "示范省", "泸州市", "本科"]]
    names = [["甲示范学院"], ["乙示范学院"], ["丙示范学院"], ["丁示范学院"]]
    pairs = [["戊示范大学", "宜宾市"], ["己示范大学", "南充市"], ["庚示范大学", "乐山市"], ["辛示范大学", "眉山市"]]
    cells = [c for a, b, c2 in zip(numbered, names, pairs) for c in a + b + c2]
    text = "学校名称\n\n" + "\n\n".join(cells) + "\n"
    page = parse_page("p.txt", text.encode(), know)
    assert [t.rows for t in page.tables] == [numbered, pairs, names]
    assert conservation_holds(page, text)


def test_names_alone_under_rows_of_several_cells_are_a_list_of_their_own(know):
    text = ("学校名称 所在地\n四川大学 成都市\n成都大学 成都市\n西华大学 南充市\n西南大学 重庆市\n\n"
            "重庆大学\n南开大学\n天津大学\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [t.rows for t in page.tables] == [
        [["四川大学", "成都市"], ["成都大学", "成都市"], ["西华大学", "南充市"], ["西南大学", "重庆市"]],
        [["重庆大学"], ["南开大学"], ["天津大学"]]]


def test_two_numberings_mixed_that_are_no_halves_are_two_tables(know):
    """1-4 and 2540-2541 mixed row by row: the second does not carry on the first, so it is another table."""
    text = ("序号 学校名称 所在地\n1 四川大学 成都市\n2540 重庆大学 重庆市\n2 成都大学 成都市\n"
            "2541 南开大学 天津市\n3 西华大学 南充市\n4 西南大学 重庆市\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [[row[0] for row in t.rows] for t in page.tables] == [["1", "2", "3", "4"], ["2540", "2541"]]


def test_running_text_after_the_last_row_is_no_cell(know):
    text = ("序号\n\n学校名称\n\n所在地\n\n1\n\n四川大学\n\n成都市\n\n2\n\n成都大学\n\n成都市\n\n3\n\n西华大学\n\n"
            "南充市\n\n关于做好全省高校毕业生就业创业工作的通知\n\n")
    page = parse_page("p.txt", text.encode(), know)
    assert page.tables[0].rows[-1] == ["3", "西华大学", "南充市"]
    assert [line for line, _, _ in page.residue] == [25]
    assert conservation_holds(page, text)


def _table(seq, first, last, rows, headers=(), title=None):
    from types import SimpleNamespace
    return SimpleNamespace(seq=seq, first_line=first, last_line=last, rows=rows, headers=list(headers),
                           column_heads=list(headers), title=title)


def test_a_headless_part_after_a_table_as_wide_carries_it_on():
    from sichuan_edu.tables import continued_tables
    rows2 = [["四川大学", "成都市"], ["成都大学", "成都市"]]
    rows3 = [["1", "四川大学", "成都市"], ["2", "成都大学", "成都市"]]
    tables = [_table(1, 1, 20, rows2, ["学校名称", "所在地"]), _table(2, 22, 40, rows3, ["序号", "学校名称", "所在地"]),
              _table(3, 50, 60, rows2)]
    assert continued_tables(tables) == {3: 1}


def test_tables_whose_lines_run_among_each_other_or_titled_are_not_continued():
    from sichuan_edu.tables import continued_tables
    rows = [["四川大学", "成都市"], ["成都大学", "成都市"]]
    beside = [_table(1, 1, 40, rows, ["学校名称", "所在地"]), _table(2, 10, 38, rows)]
    titled = [_table(1, 1, 20, rows, ["学校名称", "所在地"]), _table(2, 30, 40, rows, title="四川省（2所）")]
    assert continued_tables(beside) == {} and continued_tables(titled) == {}


def test_a_part_carries_on_the_table_whose_numbering_it_continues():
    from sichuan_edu.tables import continued_tables
    first = _table(1, 1, 20, [["29", "四川大学", "成都市"], ["30", "成都大学", "成都市"]], ["序号", "学校名称", "所在地"])
    other = _table(2, 22, 40, [["2550", "西南大学", "重庆市"], ["2551", "重庆大学", "重庆市"]], ["序号", "学校名称", "所在地"])
    part = _table(3, 50, 60, [["31", "西华大学", "南充市"], ["32", "南开大学", "天津市"]])
    assert continued_tables([first, other, part]) == {3: 1}


def test_a_few_rows_one_cell_longer_print_a_sparse_last_column(know):
    """A row per line, no heads: most rows two cells, a few three (民办 in 备注): three columns, the third
    empty where nothing is printed, not a third cell spilled into the next row."""
    text = ("四川大学 成都市\n成都东软学院 成都市 民办\n西华大学 南充市\n西南大学 重庆市\n吉利学院 成都市 民办\n"
            "成都大学 成都市\n")
    page = parse_page("p.txt", text.encode(), know)
    assert page.tables[0].rows == [["四川大学", "成都市", ""], ["成都东软学院", "成都市", "民办"],
                                   ["西华大学", "南充市", ""], ["西南大学", "重庆市", ""],
                                   ["吉利学院", "成都市", "民办"], ["成都大学", "成都市", ""]]


def test_heads_over_rows_mostly_a_cell_short_keep_the_sparse_column_where_it_is_printed(know):
    text = ("学校名称 所在地 备注\n四川大学 成都市\n成都东软学院 成都市 民办\n西华大学 南充市\n"
            "吉利学院 成都市 民办\n成都大学 成都市\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [row for row in page.tables[0].rows] == [["四川大学", "成都市", ""], ["成都东软学院", "成都市", "民办"],
                                                    ["西华大学", "南充市", ""], ["吉利学院", "成都市", "民办"],
                                                    ["成都大学", "成都市", ""]]


def test_tables_read_from_two_pdf_grids_are_not_joined_and_parts_of_one_grid_are():
    from sichuan_edu.tables import continued_tables
    rows = [["四川大学", "成都市"], ["成都大学", "成都市"]]
    tables = [_table(1, 1, 20, rows, ["学校名称", "所在地"]), _table(2, 30, 40, rows)]
    assert continued_tables(tables, grids={1: 1, 2: 2}) == {}
    assert continued_tables(tables, grids={1: 1, 2: 1}) == {2: 1} == continued_tables(tables)


def test_a_place_written_before_its_row_name_is_put_after_it(know):
    """A cell per line: poppler may write a row's place a line above its wrapped name (乌鲁木齐市 / 新疆天山
    职业技 / 术大学); in a table whose rows open with names, the name goes first."""
    text = ("学校名称\n\n所在地\n\n四川大学\n\n成都市\n\n西华大学\n\n南充市\n\n乌鲁木齐市\n\n新疆天山职业技\n术大学\n\n"
            "成都大学\n\n成都市\n\n西南大学\n\n重庆市\n\n重庆大学\n\n重庆市\n\n")
    page = parse_page("p.txt", text.encode(), know)
    assert ["新疆天山职业技术大学", "乌鲁木齐市"] in page.tables[0].rows
    assert all(row[0].endswith("大学") for row in page.tables[0].rows)


def test_a_list_written_column_by_column_after_a_numbered_table_is_read_as_its_own(know):
    """PDFium: a table's rows a line each (2541 …), then another list drawn column by column (its numbers
    one under the other, then its names, then its places): two tables, the second read by columns."""
    text = ("序号 学校名称 所在地\n1 四川大学 成都市\n2 成都大学 成都市\n3 西华大学 南充市\n"
            "2797\n2798\n2799\n2800\n定西师范高等专科学校\n甘肃建筑职业技术学院\n兰州外语职业学院\n兰州职业技术学院\n"
            "定西市\n兰州市\n兰州市\n兰州市\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [t.rows for t in page.tables] == [
        [["1", "四川大学", "成都市"], ["2", "成都大学", "成都市"], ["3", "西华大学", "南充市"]],
        [["2797", "定西师范高等专科学校", "定西市"], ["2798", "甘肃建筑职业技术学院", "兰州市"],
         ["2799", "兰州外语职业学院", "兰州市"], ["2800", "兰州职业技术学院", "兰州市"]]]


def test_heads_written_column_by_column_that_stop_repeating_begin_another_table(know):
    """学校名称 over its names, 学校名称 again over the list's second half, then 序号 and 学校名称: a second
    table written column by column, not more halves of the first."""
    text = ("学校名称\n宁夏大学\n宁夏医科大学\n宁夏师范大学\n学校名称\n北方民族大学\n宁夏理工学院\n银川能源学院\n"
            "序号\n2867\n2868\n2869\n学校名称\n新疆农业大学科学技术学院\n新疆第二医学院\n新疆科技学院\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [t.rows for t in page.tables] == [
        [["宁夏大学"], ["宁夏医科大学"], ["宁夏师范大学"], ["北方民族大学"], ["宁夏理工学院"], ["银川能源学院"]],
        [["2867", "新疆农业大学科学技术学院"], ["2868", "新疆第二医学院"], ["2869", "新疆科技学院"]]]


def test_a_heads_word_ending_a_wrapped_name_is_a_cell_not_a_head(know):
    """A name wrapped so that its last line is a head's word (…高等专科 / 学校) is one cell: the word opens
    no table of its own, and every row keeps its name."""
    text = ("序号\n11\n12\n13\n14\n学校名称\n甲乙职业技术学院\n丙丁高等专科\n学校\n戊己职业学院\n庚辛师范学院\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [t.rows for t in page.tables] == [[["11", "甲乙职业技术学院"], ["12", "丙丁高等专科学校"],
                                              ["13", "戊己职业学院"], ["14", "庚辛师范学院"]]]
    assert conservation_holds(page, text)


def test_a_name_wrapped_in_a_numbered_row_opens_no_table_beside(know):
    """Rows written a row per line whose names wrap onto a line of their own (21 甲乙资源环境职 / 业技术大学):
    the second line ends the row's name, it is no school of a table set beside."""
    text = ("序号 学校名称\n21 甲乙工商学院\n22 甲乙资源环境职\n业技术大学\n23 丙丁博文科技学\n院\n"
            "24 戊己师范学院\n25 庚辛林业职业技\n术大学\n26 壬癸警察学院\n27 子丑工业职业技\n术大学\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [t.rows for t in page.tables] == [[["21", "甲乙工商学院"], ["22", "甲乙资源环境职业技术大学"],
                                              ["23", "丙丁博文科技学院"], ["24", "戊己师范学院"],
                                              ["25", "庚辛林业职业技术大学"], ["26", "壬癸警察学院"],
                                              ["27", "子丑工业职业技术大学"]]]


def test_a_list_of_names_and_places_under_a_one_column_table_is_a_table_of_its_own(know):
    """One head over a column of names that runs on into a list without heads written column by column
    (its names, then as many places): the list is a table of its own, its rows names and places."""
    names = ["甲乙职业学院", "丙丁职业学院", "戊己职业学院", "庚辛职业学院"]
    listed = ["子丑大学", "寅卯学院", "辰巳大学"]
    text = "学校名称\n" + "\n".join(names + listed) + "\n东市\n东市\n西市\n"
    page = parse_page("p.txt", text.encode(), know)
    assert [t.rows for t in page.tables] == [[[n] for n in names],
                                             [["子丑大学", "东市"], ["寅卯学院", "东市"], ["辰巳大学", "西市"]]]
    # Running text after the column (punctuated, not repeating itself) is no such list.
    prose = "学校名称\n" + "\n".join(names + listed) + "\n根据有关规定，\n现将名单公布，\n请各单位知悉\n"
    page = parse_page("p.txt", prose.encode(), know)
    assert [n for t in page.tables for row in t.rows for n in row][: len(names) + len(listed)] == names + listed


def test_narrow_columns_take_their_row_count_from_a_column_of_places(know):
    """Names wrapped over up to four lines in a narrow column, written column by column: the column of
    places (each cell a division's whole name, some wrapped) counts the rows, and the names are cut to it."""
    text = ("学校名称\n甲乙医科\n大学医学\n与科技学\n院\n丙丁学院\n戊己理工\n学院\n庚辛职业\n大学\n"
            "所在地\n东市\n南布依族\n苗族自治\n州\n西市\n北市\n")
    page = parse_page("p.txt", text.encode(), know)
    assert page.tables[0].rows == [["甲乙医科大学医学与科技学院", "东市"], ["丙丁学院", "南布依族苗族自治州"],
                                   ["戊己理工学院", "西市"], ["庚辛职业大学", "北市"]]


def test_numbers_then_one_column_of_wrapped_names_are_cut_to_the_numbers(know):
    """A numbered list without heads written column by column (the numbers, then the names), names
    wrapped (甲乙大学（东 / 校）), a headline after it: each number gets its whole name, the headline none."""
    text = ("31\n32\n33\n34\n35\n甲乙大学（东\n校）\n丙丁师范学院\n戊己石油大学（北\n校）\n庚辛科技学院\n"
            "壬癸工业大学科技\n学院\n今年的春季运动会\n")
    page = parse_page("p.txt", text.encode(), know)
    assert page.tables[0].rows == [["31", "甲乙大学（东校）"], ["32", "丙丁师范学院"], ["33", "戊己石油大学（北校）"],
                                   ["34", "庚辛科技学院"], ["35", "壬癸工业大学科技学院"]]
    assert conservation_holds(page, text)


def test_a_lone_head_under_rows_of_several_heads_begins_another_table(know):
    """Rows under a line of several heads, then one of those heads alone over a column of names, then rows
    of another table written a row per line: the names are a table of their own, and the rows after them
    are rows, not names of that list (as wide as the first table and headless, they may carry it on: the
    text cannot tell a table continued from another one)."""
    text = ("学校名称 主管部门\n甲乙学院 东省教育厅\n丙丁学院 东省\n戊己学院 西省\n学校名称\n子丑大学\n寅卯大学\n"
            "辰巳大学\n午未职业学院 南市\n申酉职业学院 北市\n戌亥职业学院 西市\n")
    page = parse_page("p.txt", text.encode(), know)
    rows = [t.rows for t in page.tables]
    assert rows[0][:3] == [["甲乙学院", "东省教育厅"], ["丙丁学院", "东省"], ["戊己学院", "西省"]]
    assert [["子丑大学"], ["寅卯大学"], ["辰巳大学"]] in rows
    assert sum((r for t in rows for r in t), []).count("南市") == 1
    assert [["午未职业学院", "南市"], ["申酉职业学院", "北市"], ["戌亥职业学院", "西市"]] == \
        [r for t in rows for r in t if r[0].endswith("职业学院")]
    assert conservation_holds(page, text)


def test_a_headless_part_carries_on_a_table_after_it_only_if_it_opens_as_that_table_does():
    """A headless part before a table with heads carries it on (a column of its rows written first), but
    not where one opens its rows with a number and the other does not: two tables then."""
    from types import SimpleNamespace as T
    from sichuan_edu.tables import continued_tables
    part = T(seq=1, headers=[], column_heads=[], title=None, title_before=False, rows=[["子丑大学"], ["寅卯大学"]],
             first_line=1, last_line=2)
    numbered = T(seq=2, headers=["序号"], column_heads=[], title=None, title_before=False, rows=[["11"], ["12"]],
                 first_line=4, last_line=6)
    named = T(seq=2, headers=["学校名称"], column_heads=[], title=None, title_before=False,
              rows=[["辰巳大学"], ["午未大学"]], first_line=4, last_line=6)
    assert continued_tables([part, numbered]) == {}
    assert continued_tables([part, named]) == {1: 2}


def test_rows_a_line_whose_names_mostly_wrap_keep_the_width_their_whole_lines_show(know):
    """Heads of three columns, the last (备注) empty in every row; most names wrap onto lines of their own
    (子丑科技 / 大学 / 东市): the lines that print a whole row (a school's name and its place) say a row
    holds two cells, so the wrapped names and places are not read as three-cell rows."""
    text = ("学校名称 所在地 备注\n甲乙大学 东市\n丙丁大学 西市\n子丑科技\n大学\n东市\n寅卯工业\n大学\n南市\n"
            "辰巳农学\n院\n北市\n")
    page = parse_page("p.txt", text.encode(), know)
    assert page.tables[0].rows == [["甲乙大学", "东市"], ["丙丁大学", "西市"], ["子丑科技大学", "东市"],
                                   ["寅卯工业大学", "南市"], ["辰巳农学院", "北市"]]


def test_a_numbered_list_written_column_by_column_after_a_tables_last_column_is_its_own(know):
    """A table written column by column whose last column runs on into a list written column by column
    (its numbers counting up, its names, its places): the list is a table of its own, numbers and all."""
    text = ("学校名称\n甲乙大学\n丙丁学院\n戊己大学\n办学层次\n本科\n本科\n本科\n"
            "41\n42\n43\n子丑职业学院\n寅卯职业学院\n辰巳职业学院\n东市\n西市\n东市\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [t.rows for t in page.tables] == [
        [["甲乙大学", "本科"], ["丙丁学院", "本科"], ["戊己大学", "本科"]],
        [["41", "子丑职业学院", "东市"], ["42", "寅卯职业学院", "西市"], ["43", "辰巳职业学院", "东市"]]]


def test_a_table_written_column_by_column_after_a_numbered_one_stays_whole(know):
    """Rows under a line of heads, numbered, then another table written column by column (序号 alone over
    its numbers, then 学校名称 alone over its names): two tables, the second with its numbers and names."""
    text = ("序号 学校名称 所在地\n7 甲乙大学 东市\n8 丙丁大学 西市\n9 戊己大学 南市\n"
            "序号\n51\n52\n53\n学校名称\n子丑职业学院\n寅卯职业学院\n辰巳职业学院\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [t.rows for t in page.tables] == [
        [["7", "甲乙大学", "东市"], ["8", "丙丁大学", "西市"], ["9", "戊己大学", "南市"]],
        [["51", "子丑职业学院"], ["52", "寅卯职业学院"], ["53", "辰巳职业学院"]]]


def test_names_wrapped_in_a_very_narrow_column_are_cut_into_whole_names(know):
    """Names set three characters a line, written column by column, with a column of places after them and
    a 序号 run of another list after the last column: every name whole, each row its place and level."""
    text = ("学校名称\n甲乙市\n职业大\n学\n甲乙滨\n海职业\n学院\n甲乙国\n土资源\n和房屋\n职业学\n院\n"
            "主管部门\n东市\n东市\n西市\n办学层次\n专科\n专科\n专科\n61\n62\n63\n子丑大学\n寅卯大学\n辰巳大学\n")
    page = parse_page("p.txt", text.encode(), know)
    assert page.tables[0].rows == [["甲乙市职业大学", "东市", "专科"], ["甲乙滨海职业学院", "东市", "专科"],
                                   ["甲乙国土资源和房屋职业学院", "西市", "专科"]]
    assert conservation_holds(page, text)


def test_numbered_rows_with_more_cells_than_heads_keep_them_and_a_list_beside_is_its_own(know):
    """Cells a block each: one head over a list, then 序号 and 学校名称 over numbered rows that print two more
    cells (their heads printed elsewhere), with the list's names mixed in after each row: the rows keep
    their four cells, the names are the list beside."""
    text = ("学校名称\n\n序号\n\n学校名称\n\n71\n\n甲乙师范学院\n\n东市\n\n专科\n\n子丑大学\n\n72\n\n丙丁职业学院\n\n"
            "西市\n\n专科\n\n寅卯大学\n\n73\n\n戊己工程学院\n\n南市\n\n本科\n\n辰巳大学\n\n")
    page = parse_page("p.txt", text.encode(), know)
    rows = [t.rows for t in page.tables]
    assert [["71", "甲乙师范学院", "东市", "专科"], ["72", "丙丁职业学院", "西市", "专科"],
            ["73", "戊己工程学院", "南市", "本科"]] in rows
    assert [["子丑大学"], ["寅卯大学"], ["辰巳大学"]] in rows


def test_rows_a_line_each_keep_their_wrapped_names_and_leave_a_table_written_between_them(know):
    """Numbered rows a line each (number and name), names wrapped onto the next line, and between the rows
    the cells of another table written a cell per line: each row keeps its whole name, the cells between
    are another table's."""
    text = ("序号 学校名称\n\n81 甲乙工商学院\n\n82 甲乙资源环境职\n业技术大学\n\n子丑职业技术学院\n\n东市\n\n"
            "83 甲乙博文科技学\n院\n\n寅卯职业技术学院\n\n西市\n\n84 甲乙信息科技学\n院\n\n辰巳职业技术学院\n\n南市\n\n"
            "85 甲乙林业职业技\n术大学\n\n午未职业技术学院\n\n北市\n\n86 甲乙警察学院\n\n")
    page = parse_page("p.txt", text.encode(), know)
    rows = [t.rows for t in page.tables]
    assert rows[0] == [["81", "甲乙工商学院"], ["82", "甲乙资源环境职业技术大学"], ["83", "甲乙博文科技学院"],
                       ["84", "甲乙信息科技学院"], ["85", "甲乙林业职业技术大学"], ["86", "甲乙警察学院"]]
    assert not any("子丑职业技术学院" in cell for row in rows[0] for cell in row)
    assert conservation_holds(page, text)


def test_one_head_repeated_over_numbered_cells_reads_rows(know):
    """A head printed twice (halves of a list) among cells of which rows are numbered, a cell per line,
    with the list's names written after each row: the numbered rows whole, the names a list of their own."""
    text = ("学校名称\n\n91\n\n甲乙大学\n\n东市\n\n学校名称\n\n本科\n\n子丑职业学院\n\n92\n\n丙丁大学\n\n西市\n\n本科\n\n"
            "寅卯职业学院\n\n93\n\n戊己大学\n\n南市\n\n本科\n\n辰巳职业学院\n\n94\n\n庚辛大学\n\n北市\n\n本科\n\n午未职业学院\n\n")
    page = parse_page("p.txt", text.encode(), know)
    rows = [t.rows for t in page.tables]
    assert [["91", "甲乙大学", "东市", "本科"], ["92", "丙丁大学", "西市", "本科"], ["93", "戊己大学", "南市", "本科"],
            ["94", "庚辛大学", "北市", "本科"]] in rows
    assert [["子丑职业学院"], ["寅卯职业学院"], ["辰巳职业学院"], ["午未职业学院"]] in rows


def test_heads_printed_twice_over_two_runs_mixed_are_halves_of_one_table(know):
    """序号 学校名称 序号 学校名称, then a list's head, over two runs of numbers mixed row by row (the halves of
    one list set side by side) with the list's names after the second half's rows: one table of two
    columns, in its numbers' order, and the names a list of their own (before: no row at all)."""
    text = ("序号\n\n学校名称\n\n序号\n\n学校名称\n\n学校名称\n\n11\n\n甲乙大学\n\n15\n\n子丑学院\n\n午未职业学院\n\n"
            "12\n\n丙丁大学\n\n16\n\n寅卯学院\n\n申酉职业学院\n\n13\n\n戊己大学\n\n17\n\n辰巳学院\n\n戌亥职业学院\n\n"
            "14\n\n庚辛大学\n\n")
    page = parse_page("p.txt", text.encode(), know)
    assert page.tables[0].rows == [["11", "甲乙大学"], ["12", "丙丁大学"], ["13", "戊己大学"], ["14", "庚辛大学"],
                                   ["15", "子丑学院"], ["16", "寅卯学院"], ["17", "辰巳学院"]]
    assert page.tables[1].rows == [["午未职业学院"], ["申酉职业学院"], ["戌亥职业学院"]]
    assert conservation_holds(page, text)


def test_a_lone_number_between_rows_opens_a_row_of_its_own(know):
    """Rows numbered 21, 22, then 35 (a row of the other half, written between) and 23: 35 is a row, not
    cells of row 22."""
    text = ("序号\n\n学校名称\n\n所在地\n\n21\n\n甲乙职业学院\n\n东市\n\n22\n\n丙丁职业学院\n\n西市\n\n"
            "35\n\n戊己职业学院\n\n南市\n\n23\n\n庚辛职业学院\n\n北市\n\n")
    page = parse_page("p.txt", text.encode(), know)
    rows = [row for t in page.tables for row in t.rows]
    assert ["35", "戊己职业学院", "南市"] in rows and ["22", "丙丁职业学院", "西市"] in rows


def test_numbered_rows_running_on_into_another_schools_name_leave_it_to_a_list_beside(know):
    """Heads 序号 所在地 办学层次 (学校名称 went with a list beside) over numbered rows a cell per line, each
    followed by a name of the list beside: the rows keep their four cells, the names are that list."""
    text = ("序号\n\n所在地\n\n办学层次\n\n丙丁大学\n\n21\n\n子丑学院\n\n东市\n\n本科\n\n戊己大学\n\n22\n\n寅卯学院\n\n西市\n\n"
            "本科\n\n庚辛大学\n\n23\n\n辰巳学院\n\n南市\n\n本科\n\n壬癸大学\n\n24\n\n午未学院\n\n北市\n\n本科\n\n甲丙大学\n\n")
    page = parse_page("p.txt", text.encode(), know)
    rows = [t.rows for t in page.tables]
    assert rows[0] == [["21", "子丑学院", "东市", "本科"], ["22", "寅卯学院", "西市", "本科"],
                       ["23", "辰巳学院", "南市", "本科"], ["24", "午未学院", "北市", "本科"]]
    assert [["丙丁大学"], ["戊己大学"], ["庚辛大学"], ["壬癸大学"], ["甲丙大学"]] in rows
    assert conservation_holds(page, text)


def test_a_headless_part_carries_on_a_table_before_it_only_if_it_opens_as_that_table_does():
    """A headless part after a table carries it on, but not where one opens its rows with a number and the
    other does not (a numbered list, then a list of names and places): two tables then."""
    from types import SimpleNamespace as T
    from sichuan_edu.tables import continued_tables
    numbered = T(seq=1, headers=["序号", "学校名称"], column_heads=[], title=None, title_before=False,
                 rows=[["11", "甲乙大学"], ["12", "丙丁大学"]], first_line=1, last_line=4)
    named = T(seq=2, headers=[], column_heads=[], title=None, title_before=False,
              rows=[["子丑大学", "东市"], ["寅卯大学", "西市"]], first_line=6, last_line=8)
    more = T(seq=2, headers=[], column_heads=[], title=None, title_before=False,
             rows=[["13", "戊己大学"], ["14", "庚辛大学"]], first_line=6, last_line=8)
    assert continued_tables([numbered, named]) == {}
    assert continued_tables([numbered, more]) == {2: 1}


def test_two_numbered_tables_mixed_row_by_row_keep_each_its_own_width(know):
    """Heads 序号 学校名称 (the rest printed elsewhere) over two numbered tables, cells a block each, whose rows
    poppler mixed (71, 31, 72, 32 …): each table as wide as its own rows, four cells and three."""
    text = ("序号\n\n学校名称\n\n71\n\n甲乙师范大学\n\n东市\n\n本科\n\n31\n\n子丑职业学院\n\n西市\n\n"
            "72\n\n丙丁师范大学\n\n南市\n\n本科\n\n32\n\n寅卯职业学院\n\n北市\n\n73\n\n戊己师范大学\n\n中市\n\n本科\n\n"
            "33\n\n辰巳职业学院\n\n东市\n\n74\n\n庚辛师范大学\n\n西市\n\n本科\n\n34\n\n午未职业学院\n\n南市\n\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [t.rows for t in page.tables] == [
        [["71", "甲乙师范大学", "东市", "本科"], ["72", "丙丁师范大学", "南市", "本科"],
         ["73", "戊己师范大学", "中市", "本科"], ["74", "庚辛师范大学", "西市", "本科"]],
        [["31", "子丑职业学院", "西市"], ["32", "寅卯职业学院", "北市"], ["33", "辰巳职业学院", "东市"],
         ["34", "午未职业学院", "南市"]]]
    assert conservation_holds(page, text)


def test_a_row_beside_opens_with_its_schools_name_not_the_body_after_it(know):
    """Numbered rows whose last column (备注) is empty, each followed by a row of a table beside (学校名称
    主管部门): the school's name opens the row beside; the body's name (…教育厅) is its second cell."""
    text = ("序号\n\n学校名称\n\n所在地\n\n备注\n\n学校名称\n\n主管部门\n\n51\n\n甲乙大学\n\n东市\n\n子丑职业学院\n\n甲省教育厅\n\n"
            "52\n\n丙丁大学\n\n西市\n\n寅卯职业学院\n\n甲省教育厅\n\n53\n\n戊己大学\n\n南市\n\n辰巳职业学院\n\n乙省教育厅\n\n"
            "54\n\n庚辛大学\n\n北市\n\n午未职业学院\n\n甲省教育厅\n\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [t.rows for t in page.tables] == [
        [["51", "甲乙大学", "东市", ""], ["52", "丙丁大学", "西市", ""], ["53", "戊己大学", "南市", ""],
         ["54", "庚辛大学", "北市", ""]],
        [["子丑职业学院", "甲省教育厅"], ["寅卯职业学院", "甲省教育厅"], ["辰巳职业学院", "乙省教育厅"],
         ["午未职业学院", "甲省教育厅"]]]
