"""The six articles of the seed page: titles, bylines, authors, first and last words, lines."""
import pytest

from conftest import PAGE_ID

ARTICLES = [
    # seq, title, byline, first words, last words, first line, last line
    (1, "罗强主持召开全省硕士研究生招生考试安全工作视频会 确保实现“健康研考”“平安研考”", "本报讯（沈文）",
     "11月17日下午，2023年全国", "相关负责同志等参加会议。", 1, 75),
    (2, "全省职业教育深化产教融合现场推进会在泸州召开", "本报讯（记者 钟兴茂 陈朝和 摄影报道）",
     "11月17日，全省职业教育深化产教融合", "行业协会、产业园区、企业代表参加会议。", 76, 169),
    (3, None, "据教育部官网消息",
     "日前，教育部印发《关于做好2023届", "营造全社会关心支持毕业生就业的良好氛围。", 169, 293),
    (4, "四川科技职业学院 搭建双选平台促就业", "本报讯（邹凯）",
     "“感觉很不错，与网上投递简历相比", "多措并举为毕业生择业就业搭建更多更好的平台。", 295, 401),
    (5, "四川发布20个产教融合典型案例", "本报讯（记者 钟兴茂 陈朝和）",
     "怎样破解产教融合“校热企冷”", "促进创新成果与核心技术产业化，凸显服务社会功能。", 405, 477),
    (6, None, "本报讯（记者 鲁磊）",
     "四川省教育厅等九部门近日联合印发", "确保县中生均公用经费按时足额拨付到校。", 575, 685),
]


def test_six_articles(parsed):
    assert [a.seq for a in parsed.articles] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("seq,title,byline,first,last,first_line,last_line", ARTICLES)
def test_article(parsed, seq, title, byline, first, last, first_line, last_line):
    a = parsed.articles[seq - 1]
    assert a.title == title
    assert a.byline == byline
    assert a.body.startswith(first)
    assert a.body.endswith(last)
    assert (a.first_line, a.last_line) == (first_line, last_line)


def test_shorter_first_headline_line_is_a_kicker(parsed):
    # 引题 above the main title: the title fills its line, the kicker is set shorter above it.
    assert parsed.articles[1].kicker == "加快培养更多高素质技术技能人才"
    assert [a.kicker for a in parsed.articles if a.seq != 2] == [None] * 5


def test_headline_lines_kept_in_order(parsed):
    # Two lines of about one length with no dash: one title wrapped (the kicker is told by a shorter line).
    assert parsed.articles[3].headline_lines == ["四川科技职业学院", "搭建双选平台促就业"]
    assert parsed.articles[0].headline_line_range == (73, 75)


def test_glued_line_splits_headline_from_next_article(parsed):
    # line 169: "…现场推进会在泸州召开 据教育部官网消息 日前，…"
    second, third = parsed.articles[1], parsed.articles[2]
    assert second.title.endswith("现场推进会在泸州召开")
    assert third.agency == "教育部官网"
    assert third.body.startswith("日前，")


def test_stray_spaces_removed_from_body(parsed):
    body = parsed.articles[0].body
    assert body.startswith("11月17日下午，")
    assert "2023 " not in "".join(a.body for a in parsed.articles)
    assert "我明年6月毕业，其实今年7、8月便开始找工作了" in parsed.articles[3].body
    assert "共征集到案例230个" in parsed.articles[4].body


def test_no_article_body_contains_headline_or_caption(parsed):
    bodies = "".join(a.body for a in parsed.articles)
    assert "搭建双选平台促就业" not in bodies
    assert "加快培养更多高素质技术技能人才" not in bodies
    assert "报送单位" not in bodies


@pytest.mark.parametrize("seq,expected", [
    (1, [("沈文", "author", ()),
         ("罗强", "presided", ("副省长", "省招考委主任")),
         ("刘全胜", "attended", ("省政府副秘书长",)),
         ("李建勤", "attended", ("省委教育工委书记",)),
         ("余孝其", "attended", ("省委教育工委副书记", "教育厅党组书记", "厅长"))]),
    (2, [("钟兴茂", "author", ("记者",)), ("钟兴茂", "photographer", ("记者",)),
         ("陈朝和", "author", ("记者",)), ("陈朝和", "photographer", ("记者",)),
         ("罗强", "attended", ("副省长",)), ("罗强", "spoke", ("副省长",)),
         ("刘全胜", "attended", ("省政府副秘书长",)),
         ("李建勤", "presided", ("省委教育工委书记",))]),
    (3, []),
    (4, [("邹凯", "author", ()),
         ("吴镓骏", "quoted", ("学生",)),
         ("路之巍", "quoted", ("2023届毕业生",)),
         ("白丽芬", "quoted", ("相关负责人",))]),
    (5, [("钟兴茂", "author", ("记者",)), ("陈朝和", "author", ("记者",))]),
    (6, [("鲁磊", "author", ("记者",))]),
])
def test_people_roles_and_titles(parsed, seq, expected):
    assert [(c.name, c.role, c.titles) for c in parsed.articles[seq - 1].credits] == expected


def test_people_tied_to_institutions(parsed):
    assert [(t.name, t.institution, t.relation) for t in parsed.ties] == [
        ("吴镓骏", "四川科技职业学院", "学生"),
        ("白丽芬", "通威农业发展有限公司", "相关负责人"),
    ]


def test_people_on_the_page_are_exactly_these(db):
    assert {r["name"] for r in db["people"].rows} == {
        "沈文", "钟兴茂", "陈朝和", "邹凯", "鲁磊",  # reporters
        "罗强", "刘全胜", "李建勤", "余孝其", "吴镓骏", "路之巍", "白丽芬",  # people in the stories
    }


def test_caption_stands_alone_and_links_to_photo_article(parsed):
    assert [(c.text, c.line_no, c.article_seq) for c in parsed.captions] == [
        ("11月17日，全省职业教育深化产教融合现场推进会在泸州召开。", 403, 2)
    ]


def test_dates_printed_and_inferred_iso(parsed):
    dates = [(a.seq, d.printed, d.iso, d.year_source, d.line_no) for a in parsed.articles for d in a.dates]
    assert dates == [
        (1, "11月17日", "2022-11-17", "content_year (inferred)", 1),
        (2, "11月17日", "2022-11-17", "content_year (inferred)", 78),
        (5, "11月17日", "2022-11-17", "content_year (inferred)", 411),
    ]


def test_dates_without_a_year_stay_printed_only(know):
    from sichuan_edu.parse import parse_page
    from conftest import SEED_PAGE

    page = parse_page(SEED_PAGE.name, SEED_PAGE.read_bytes(), know, None, None)
    assert {(d.printed, d.iso) for a in page.articles for d in a.dates} == {("11月17日", None)}


def test_published_date_resolves_year(know):
    from datetime import date

    from sichuan_edu.parse import parse_page
    from conftest import SEED_PAGE

    page = parse_page(SEED_PAGE.name, SEED_PAGE.read_bytes(), know, date(2023, 1, 5), 2022)
    d = page.articles[0].dates[0]
    assert (d.iso, d.year_source) == ("2022-11-17", "published")


def test_articles_in_database(db):
    rows = list(db.query("select id, title, page_id from articles order by seq"))
    assert [r["id"] for r in rows] == [f"{PAGE_ID}-a{i}" for i in range(1, 7)]
    assert [r["title"] is None for r in rows] == [False, False, True, False, False, True]


def test_authors_in_database(db):
    rows = db.query(
        "select a.seq, p.name, ap.role from article_people ap join people p on p.id = ap.person_id "
        "join articles a on a.id = ap.article_id where ap.role in ('author', 'photographer') "
        "order by a.seq, p.name, ap.role"
    )
    assert [(r["seq"], r["name"], r["role"]) for r in rows] == [
        (1, "沈文", "author"),
        (2, "钟兴茂", "author"), (2, "钟兴茂", "photographer"),
        (2, "陈朝和", "author"), (2, "陈朝和", "photographer"),
        (4, "邹凯", "author"),
        (5, "钟兴茂", "author"), (5, "陈朝和", "author"),
        (6, "鲁磊", "author"),
    ]
