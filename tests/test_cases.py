"""The 20 cases of the flattened table, and the alignment on tables made with other wraps and joints."""
import pytest

from sichuan_edu.blocks import TableColumn, TableLayout
from sichuan_edu.lines import Piece
from sichuan_edu.tables import align_columns, table_rows

CASES = [
    ("产学研一体化装备制造业卓越工匠培养", ["四川工程职业技术学院"]),
    ("产教融合数字交通技术技能人才培养", ["四川交通职业技术学院"]),
    ("校企联动现代农机工匠培养", ["成都农业科技职业学院"]),
    ("校企双主体全过程定制化现代化工工匠培养", ["四川化工职业技术学院", "泸天化（集团）有限责任公司"]),
    ("民族地区“1134”基层卫生人才培养", ["四川护理职业学院"]),
    ("“三维联动、三步进阶”艺术类专业人才培养", ["四川国际标榜职业学院"]),
    ("“专业+公司”中职机电专业人才培养", ["四川省宜宾市南溪职业技术学校"]),
    ("工学一体，双元育人，培养新时代产业工匠", ["成都市技师学院"]),
    ("“四六”深度融合的“泸职模式”", ["泸州职业技术学院"]),
    ("产教、军民、校地、科教四融合发展模式", ["成都航空职业技术学院"]),
    ("高质量推进“校地、产教、开放”融合", ["宜宾市教育和体育局"]),
    ("做强育人链 对接产业链 服务创新链发展模式", ["成都纺织高等专科学校"]),
    ("专业与产业“同心共生”发展模式", ["四川省苍溪县职业高级中学"]),
    ("构建“三业融合”路径 促进高质量就业", ["四川理工技师学院"]),
    ("打造“三大”平台，构筑特色产教融合新模式", ["成都信息工程大学"]),
    ("校企协同共建智能制造示范性产业学院", ["成都工业学院"]),
    ("“两链驱动 四位一体”共建建筑业产业学院", ["四川建筑职业技术学院"]),
    ("厂校融合共建光电信息产业“厂中校、校中厂”", ["成都职业技术学院", "成都京东方光电科技有限公司"]),
    ("校企共建普惠金融产学研生态平台", ["四川财经职业学院"]),
    ("校企共建“1+1+N”双主体育人平台", ["四川省通信产业服务有限公司"]),
]


def test_twenty_cases_with_units_in_order(parsed):
    assert [(c.title, [name for name, _ in c.units]) for c in parsed.cases] == CASES


def test_wrapped_unit_keeps_both_lines(parsed):
    assert parsed.cases[6].units == [("四川省宜宾市南溪职业技术学校", [494, 496])]


def test_no_category_is_invented(parsed):
    # The seed's table prints units and case names only; the counts per category its article gives do
    # not say which row is which, so no row gets a category.
    assert all(c.category is None for c in parsed.cases)


def test_confidence_recorded_per_row(parsed):
    conf = [c.confidence for c in parsed.cases]
    assert all(0.5 <= c <= 1 for c in conf)
    # the rows the joint submissions could shift between are less certain than the first rows
    assert conf[3] < conf[0]


def test_table_title_and_declared_count(parsed):
    (table,) = parsed.tables
    assert (table.title, table.declared_rows, table.article_seq) == ("四川省产教融合典型案例", 20, 5)
    assert table.headers == ["报送单位", "案例名称", "报送单位", "案例名称"]


def test_cases_in_database(db):
    rows = list(db.query(
        "select c.seq, c.title, group_concat(i.name, '|') as units from cases c "
        "join (select * from case_institutions order by case_id, seq) ci on ci.case_id = c.id "
        "join institutions i on i.id = ci.institution_id group by c.id order by c.seq"))
    assert [(r["title"], r["units"].split("|")) for r in rows] == CASES
    assert db["case_institutions"].count == 22
    assert db.execute("select count(distinct institution_id) from case_institutions").fetchone()[0] == 22


def _pieces(lines, start=1):
    return [Piece(start + i, 0, len(t), t) for i, t in enumerate(lines)]




@pytest.mark.parametrize("units,cases,expected", [
    (
        ["成都工业学院", "四川长虹电器股份有限公司", "绵阳职业技术学院", "四川省乐山市", "沐川县职业高级中学"],
        ["校企共建长虹智能家电产业学院", "绵阳数字工匠人才培养", "山区中职学生职业启蒙"],
        [("校企共建长虹智能家电产业学院", ["成都工业学院", "四川长虹电器股份有限公司"]),
         ("绵阳数字工匠人才培养", ["绵阳职业技术学院"]),
         ("山区中职学生职业启蒙", ["四川省乐山市沐川县职业高级中学"])],
    ),
    (
        ["达州职业技术学院", "四川省达州市", "通川区第一职业中学", "四川水利职业技术学院", "四川省水利厅"],
        ["达州工匠培养", "中职贯通培养", "政校合作共建水利人才培养基地"],
        [("达州工匠培养", ["达州职业技术学院"]),
         ("中职贯通培养", ["四川省达州市通川区第一职业中学"]),
         ("政校合作共建水利人才培养基地", ["四川水利职业技术学院", "四川省水利厅"])],
    ),
    (
        ["四川大学", "西南交通大学", "中铁二局集团有限公司", "电子科技大学"],
        ["医工融合创新平台", "校企共建轨道交通中铁工程学院", "电子信息产教融合"],
        [("医工融合创新平台", ["四川大学"]),
         ("校企共建轨道交通中铁工程学院", ["西南交通大学", "中铁二局集团有限公司"]),
         ("电子信息产教融合", ["电子科技大学"])],
    ),
])
def test_alignment_on_made_tables(know, units, cases, expected):
    rows = align_columns(_pieces(units), _pieces(cases, 100), know)
    assert [(r.title, [n for n, _ in r.units]) for r in rows] == expected


def test_wrapped_case_name_uses_declared_count(know):
    units = ["四川工程职业技术学院", "四川交通职业技术学院", "成都农业科技职业学院"]
    cases = ["产学研一体化装备制造业卓越工匠培养", "“数字交通”技术技能人才培养与", "产教融合实践", "现代农机工匠培养"]
    table = TableLayout(
        columns=[TableColumn(Piece(1, 0, 4, "报送单位"), "unit", _pieces(units, 2)),
                 TableColumn(Piece(9, 0, 4, "案例名称"), "item", _pieces(cases, 10))],
        count=Piece(20, 0, 1, "3"),
    )
    rows, warnings = table_rows(table, know)
    assert [r.title for r in rows] == ["产学研一体化装备制造业卓越工匠培养", "“数字交通”技术技能人才培养与产教融合实践", "现代农机工匠培养"]
    assert warnings == []
