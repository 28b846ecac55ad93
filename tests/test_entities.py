"""Institutions from people's ties, map points, and the policy documents cited."""


def test_documents_cited(db):
    rows = db.query(
        "select a.seq, d.title, d.issuer, d.number from article_documents ad join documents d on d.id = ad.document_id "
        "join articles a on a.id = ad.article_id order by a.seq, d.title")
    assert [tuple(r.values()) for r in rows] == [
        (3, "关于做好2023届全国普通高校毕业生就业创业工作的通知", "教育部", None),
        (3, "国务院办公厅关于进一步做好高校毕业生等青年就业创业工作的通知", "国务院办公厅", "国办发〔2022〕13号"),
        (6, "四川省“十四五”县域普通高中发展提升行动计划实施方案", "四川省教育厅等九部门", None),
    ]


def test_institution_map_points_come_from_county_or_city(db):
    cangxi = next(db.query("select latitude, longitude, city_id, county_id from institutions where name = '四川省苍溪县职业高级中学'"))
    assert (cangxi["city_id"], cangxi["county_id"]) == (510800, 510824)
    assert (round(cangxi["latitude"], 2), round(cangxi["longitude"], 2)) == (31.73, 105.93)
    abbreviated = next(db.query("select city_id, city_source, level from institutions where name = '泸天化（集团）有限责任公司'"))
    assert abbreviated == {"city_id": 510500, "city_source": "abbreviation", "level": "prefecture"}
    unknown = next(db.query("select city_id, latitude, level from institutions where name = '通威农业发展有限公司'"))
    assert unknown == {"city_id": None, "latitude": None, "level": None}


def test_every_institution_is_placed_at_its_level(db):
    """Provincial bodies sit in the provincial capital at level province; central organs are national."""
    rows = {r["name"]: (r["city_id"], r["city_source"], r["place_id"], r["level"]) for r in db.query(
        "select name, city_id, city_source, place_id, level from institutions")}
    assert rows["四川省教育厅"] == (510100, "provincial_capital", 510000, "province")
    assert rows["中共四川省委员会"] == (510100, "provincial_capital", 510000, "province")
    assert rows["中华人民共和国教育部"] == (None, None, None, "national")
    assert rows["四川省苍溪县职业高级中学"][2:] == (510824, "county")
    # a school whose city the page's time does not establish stays without one
    assert rows["四川护理职业学院"][:2] == (None, None)


def test_renamed_school_keeps_printed_name_and_gets_code(db):
    row = next(db.query("select id, type, hei_code from institutions where name = '四川工程职业技术学院'"))
    assert (row["type"], row["hei_code"]) == ("高职院校", "4151012763")
    names = {r["name"]: r["kind"] for r in db.query("select name, kind from institution_names where institution_id = ?", [row["id"]])}
    assert names == {"四川工程职业技术学院": "canonical", "四川工程职业技术大学": "later_name"}


import json
from pathlib import Path

import yaml

ANNOTATION = yaml.safe_load((Path(__file__).parent / "annotations" / "seed_page.yml").read_text(encoding="utf-8"))


def precision_recall(found: set, truth: set) -> tuple[float, float]:
    hits = len(found & truth)
    return (hits / len(found) if found else 1.0, hits / len(truth) if truth else 1.0)


def test_institutions_precision_and_recall_are_one(db):
    truth = {tuple(None if v == "null" else v for v in row) for row in ANNOTATION["institutions"]}
    found = {tuple(r.values()) for r in db.query(
        "select i.name, i.type, c.name as city, k.name as county from institutions i "
        "left join cities c on c.id = i.city_id left join counties k on k.id = i.county_id")}
    assert precision_recall(found, truth) == (1.0, 1.0), (found - truth, truth - found)


def test_people_precision_and_recall_are_one(db):
    truth = {(name, seq, role, tuple(titles)) for name, arts in ANNOTATION["people"].items()
             for seq, roles in arts.items() for role, titles in roles}
    found = {(r["name"], r["seq"], r["role"], tuple(json.loads(r["titles"] or "[]"))) for r in db.query(
        "select p.name, a.seq, ap.role, ap.titles from article_people ap join people p on p.id = ap.person_id "
        "join articles a on a.id = ap.article_id")}
    assert precision_recall(found, truth) == (1.0, 1.0), (found - truth, truth - found)


def test_aliases_resolve_to_canonical_names(db):
    for printed, canonical in ANNOTATION["aliases"].items():
        row = next(db.query("select i.name from institution_names n join institutions i on i.id = n.institution_id "
                            "where n.name = ?", [printed]))
        assert row["name"] == canonical, printed


def test_articles_name_the_government_bodies_of_the_meeting(db):
    rows = db.query("select i.name from article_institutions ai join institutions i on i.id = ai.institution_id "
                    "where ai.article_id like '%-a2' order by ai.first_line, i.name")
    assert [r["name"] for r in rows][:2] == ["四川省发展和改革委员会", "泸州市人民政府"]
    assert db.execute("select count(*) from article_institutions where article_id like '%-a2'").fetchone()[0] == 14


def test_article_places(db):
    """Provinces count as places (四川 in running text, 四川省 in an expo's name and in a document's title);
    a place inside an institution's name does not (泸州市政府, line 94; tests/corpus/entities/README.md)."""
    rows = db.query("select a.seq, ap.printed_name, ap.place_id, ap.city_id, ap.first_line from article_places ap "
                    "join articles a on a.id = ap.article_id order by a.seq, ap.printed_name")
    assert [tuple(r.values()) for r in rows] == [
        (1, "泸州市", 510500, 510500, 7), (2, "四川省", 510000, None, 84), (2, "泸州", 510500, 510500, 80),
        (5, "四川", 510000, None, 415), (5, "泸州市", 510500, 510500, 413),
        (6, "四川", 510000, None, 597), (6, "四川省", 510000, None, 577),
    ]


def test_city_map_counts(db):
    rows = {r["name"]: (r["institutions"], r["cases"], r["articles"]) for r in db.query("select * from city_map")}
    assert len(rows) == 21
    assert rows["泸州市"] == (4, 2, 3)  # 泸天化 placed by its short form
    assert rows["广元市"] == (1, 1, 0)


def test_person_page_lists_their_articles(db):
    rows = db.query("select distinct a.seq from article_people ap join people p on p.id = ap.person_id "
                    "join articles a on a.id = ap.article_id where p.name = '罗强' order by a.seq")
    assert [r["seq"] for r in rows] == [1, 2]


def test_keywords_per_article(db):
    rows = {r["seq"]: json.loads(r["keywords"]) for r in db.query("select seq, keywords from articles")}
    assert all(len(k) == 5 for k in rows.values())
    assert "产教融合" in rows[2] and "产教融合" in rows[5]
    assert rows[3][0] == "就业"


def test_jieba_keeps_extracted_names_whole(know, parsed):
    from sichuan_edu.pipeline import page_names
    from sichuan_edu.words import Words

    sentence = "省委教育工委书记李建勤主持会议。省政府副秘书长刘全胜出席会议。该校学生吴镓骏感叹道"
    words = Words(know.directory)
    before = words.cut(sentence)
    with words.names(page_names(parsed)):
        during = words.cut(sentence)
    after = words.cut(sentence)
    assert not {"李建勤", "刘全胜", "吴镓骏"} <= set(before)  # what jieba alone gets wrong
    assert {"李建勤", "刘全胜", "吴镓骏", "省委教育工委"} <= set(during)
    assert after == before  # the page's names do not leak into the next page


def test_keywords_are_jiebas_tfidf(know, parsed):
    """Our TF-IDF (which avoids importing jieba.analyse) ranks exactly as jieba.analyse.extract_tags."""
    from jieba.analyse.tfidf import TFIDF

    from sichuan_edu.words import Words

    words = Words(know.directory)

    class NoHMM:
        def cut(self, sentence):
            return words.tokenizer.cut(sentence, HMM=False)

    reference = TFIDF()
    reference.tokenizer = NoHMM()
    reference.stop_words = set(words.stop_words)
    for article in parsed.articles:
        text = (article.title or "") + "\n" + article.body
        expected = [w for w in reference.extract_tags(text, topK=40) if not w.isdigit()][:5]
        assert words.keywords(text)[:5] == expected[:5]


def test_place_names_count_only_as_words():
    """A city's short name inside another word is no mention (推广安全 holds no 广安, 快乐山区 no 乐山,
    道德阳光 no 德阳); standing as a word it is one, with or without 市."""
    from sichuan_edu.places import load_gazetteer
    gaz = load_gazetteer()
    found = lambda text: [printed for _, _, printed in gaz.places_in_text(text)]  # noqa: E731
    assert found("学校推广安全教育，让快乐山区的孩子享受道德阳光") == []
    assert found("会议在泸州召开，德阳、绵阳两地和广安市的学校参加") == ["泸州", "德阳", "绵阳", "广安市"]


def test_short_forms_count_only_as_words(know):
    """A curated short form inside a longer word or name is no mention of its institution: 教育部门 is no
    教育部, 团省委 no 省委, 浙江省教育厅 no (四川)省教育厅 (it is 浙江省教育厅); standing alone it is one."""
    from sichuan_edu.mentions import find_institutions
    found = lambda text: [n.printed for n in find_institutions(text, know)]  # noqa: E731
    assert found("教育部门要加强管理，团省委召开会议，浙江省教育厅发布通知") == ["浙江省教育厅"]
    assert found("省教育厅发布通知，省委教育工委部署工作") == ["省教育厅", "省委教育工委"]


def test_people_quoted_without_a_title(know):
    """王腾说，…; 张积森介绍，…: a name opening a clause before a speech verb is a person quoted; the verb is
    not part of the name (彭铁说 is 彭铁); ordinary words before a verb (同学们说) are no one."""
    from sichuan_edu.mentions import find_people
    found = lambda text: [(m.name, m.roles) for m in find_people(text, know.people)]  # noqa: E731
    assert found("王腾说，这是好事。张积森介绍，今年招生增加。记者彭铁说，学校将继续努力。") == [
        ("王腾", ("quoted",)), ("张积森", ("quoted",)), ("彭铁", ("quoted",))]
    assert found("同学们说，很开心。部分家长表示，很满意。学校介绍，将加快推进。") == []


def test_institutions_named_with_their_place_anywhere_in_china(know):
    """Government bodies with their place (成都市教育局, 宜宾市人民政府), institutions outside Sichuan
    (广西大学, 马鞍山学院, 浙江省教育厅) and companies run to their legal ending (…局集团有限公司)."""
    from sichuan_edu.mentions import find_institutions
    from sichuan_edu.places import load_gazetteer
    gaz = load_gazetteer()
    found = lambda text: [n.printed for n in find_institutions(text, know, gaz.name_prefixes)]  # noqa: E731
    assert found("成都市教育局与宜宾市人民政府、广西大学、马鞍山学院签约，浙江省教育厅出席") == [
        "成都市教育局", "宜宾市人民政府", "广西大学", "马鞍山学院", "浙江省教育厅"]
    assert found("中国铁路北京局集团有限公司开通新线，泸天化（集团）有限责任公司参与") == [
        "中国铁路北京局集团有限公司", "泸天化（集团）有限责任公司"]


def test_short_forms_resolve_in_context_not_by_bare_substring(know):
    """外交部 after another country is that country's (越南外交部); a Sichuan body's short form (省科技厅) in a
    text about another province is not Sichuan's; a body's unit right after it stays one name; the sentence's
    words before a company are not part of its name."""
    from sichuan_edu.mentions import find_institutions
    from sichuan_edu.places import load_gazetteer
    gaz = load_gazetteer()

    def named(text):
        return [(n.printed, n.name) for n in find_institutions(text, know, gaz.name_prefixes, home=not gaz.about_elsewhere(text))]

    def found(text):
        return [printed for printed, _ in named(text)]

    assert found("越南外交部发言人表示，外交部将继续关注。") == ["越南外交部", "外交部"]
    assert found("辽宁省日前出台办法，省科技厅负责组织实施。") == ["省科技厅"]
    assert named("辽宁省日前出台办法，省科技厅负责组织实施。") == [("省科技厅", "辽宁省科技厅")]
    assert named("四川省日前出台办法，省科技厅负责组织实施。") == [("省科技厅", None)]  # 四川省科学技术厅 by its alias
    assert found("来自中国科学院广州地球化学研究所的团队") == ["中国科学院广州地球化学研究所"]
    assert found("记者从中国铁路成都局集团有限公司获悉") == ["中国铁路成都局集团有限公司"]


def test_short_forms_by_level_and_in_lists_are_named_by_their_place(know):
    """A body's short form is that of the place the text names (市政府 in a text about 上海, 特区政府 in one about
    香港); a body listed after one named with its place shares the place (江苏省数据局、财政厅); a body's unit printed
    right after it is one name (…市委社会工作部), but not a post (党组书记), a rank (厅级) or a headquarters (总部)."""
    from sichuan_edu.mentions import find_institutions
    from sichuan_edu.places import load_gazetteer
    gaz = load_gazetteer()

    def named(text):
        return [(n.printed, n.name) for n in find_institutions(text, know, gaz.name_prefixes, home=not gaz.about_elsewhere(text))]

    assert named("上海市人民政府：贯彻市委市政府决策部署。") == [
        ("上海市人民政府", None), ("市委", "上海市委"), ("市政府", "上海市政府")]
    assert named("香港特别行政区行政长官表示，特区政府将全速编制规划。") == [("特区政府", "香港特区政府")]
    assert named("江苏省数据局、发展改革委、财政厅等4部门联合出台措施。") == [
        ("江苏省数据局", None), ("发展改革委", "江苏省发展改革委"), ("财政厅", "江苏省财政厅")]
    assert named("广东省卫生健康委联合中医药局印发通知。") == [("广东省卫生健康委", None), ("中医药局", "广东省中医药局")]
    assert named("陕西咸阳市委社会工作部联合咸阳市市场监督管理局研发平台。") == [
        ("陕西咸阳市委社会工作部", None), ("咸阳市市场监督管理局", None)]
    assert named("浙江省教育厅党组书记出席。") == [("浙江省教育厅", None)]
    assert named("非洲联盟总部位于亚的斯亚贝巴。") == [("非洲联盟", None)]
    assert named("宜宾市教育局局长表示，市、区两级政府将联动。") == [("宜宾市教育局", None)]


def test_a_reporter_printed_with_spaces_in_the_name(know):
    """本报记者 徐  靖 通讯员 欧阳明 under a headline: a credit line (not 本报…讯 read into it), the name
    printed with spaces kept whole."""
    from sichuan_edu.parse import parse_page
    text = "山区学校用上智慧课堂\n本报记者 徐  靖 通讯员 欧阳明\n新学期开学第一天，全县二十所乡村学校都接入了同步课堂。\n"
    article = parse_page("p.txt", text.encode(), know).articles[0]
    assert [(c.name, c.role) for c in article.credits] == [("徐靖", "author"), ("欧阳明", "correspondent")]
    assert article.body.startswith("新学期")


def test_people_are_identified_by_name_and_institution(tmp_path):
    """Two 张伟 tied to different schools are two people; a bare 李华 joins the one 李华 tied to a school;
    a bare 张伟 stays apart (two could be meant)."""
    import sqlite3

    from conftest import run_build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    pages = {
        "a.txt": "示范中学开展读书活动\n本报讯 成都示范中学的教师张伟说，学校开展读书活动。成都示范中学的学生李华说，活动很有意思。\n",
        "b.txt": "示范中学举行运动会\n本报讯 绵阳示范中学的教师张伟说，学生踊跃参加运动会。\n",
        "c.txt": "读书活动受到好评\n本报讯 张伟说，读书活动受到好评。李华表示，还要继续参加。\n",
    }
    for name, text in pages.items():
        (seeds / name).write_text(text, encoding="utf-8")
    (seeds / "manifest.csv").write_text("file,paper,published,page_no,source,content_year,note\n"
                                        + "".join(f"{n},示范报,2026-01-0{i},1,test,,\n" for i, n in enumerate(pages, 1)),
                                        encoding="utf-8")
    result = run_build(seeds, tmp_path / "t.db")
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(tmp_path / "t.db")
    people = conn.execute("select p.name, p.identity, i.name, count(ap.article_id) from people p "
                          "left join institutions i on i.id = p.institution_id "
                          "left join article_people ap on ap.person_id = p.id group by p.id order by 1, 3").fetchall()
    assert people == [("张伟", "name", None, 1), ("张伟", "name+institution", "成都示范中学", 1),
                      ("张伟", "name+institution", "绵阳示范中学", 1), ("李华", "name+institution", "成都示范中学", 2)]


def test_an_appended_page_that_identifies_a_person_keeps_the_search_index_whole(tmp_path):
    """Page 1 names 李华 bare; page 2, appended, ties 李华 to a school: the bare person joins that one, and the
    search index forgets the row it held for them."""
    import sqlite3

    from conftest import run_build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    manifest = "file,paper,published,page_no,source,content_year,note\n"
    (seeds / "a.txt").write_text("读书活动受到好评\n本报讯 李华表示，读书活动受到好评。\n", encoding="utf-8")
    (seeds / "manifest.csv").write_text(manifest + "a.txt,示范报,2026-01-01,1,test,,\n", encoding="utf-8")
    assert run_build(seeds, tmp_path / "t.db").returncode == 0
    (seeds / "b.txt").write_text("示范中学开展读书活动\n本报讯 成都示范中学的学生李华说，活动很有意思。\n", encoding="utf-8")
    (seeds / "manifest.csv").write_text(manifest + "a.txt,示范报,2026-01-01,1,test,,\nb.txt,示范报,2026-01-02,1,test,,\n",
                                        encoding="utf-8")
    result = run_build(seeds, tmp_path / "t.db")
    assert "(append, 1 parsed)" in result.stdout, result.stdout + result.stderr
    conn = sqlite3.connect(tmp_path / "t.db")
    assert conn.execute("select name, identity from people").fetchall() == [("李华", "name+institution")]
    assert conn.execute("select count(*) from article_people").fetchone() == (2,)
    from sichuan_edu.search import match_expression
    # one person, one entry in the index (a stale entry would point at the merged row's old rowid)
    assert conn.execute("select count(*) from people_fts where people_fts match ?", [match_expression("李华")]).fetchone() == (1,)


def test_foreign_officials_are_found_after_a_title_naming_their_country(know):
    """No surname to go by: after a title whose phrase names a country, the name runs to a mark, a verb of
    news, the day or an ordinary word; a title inside another word (大使馆, 主席国) opens no name."""
    from sichuan_edu.mentions import find_people
    found = lambda text: [m.name for m in find_people(text, know.people)]  # noqa: E731
    assert "奥南加" in found("副委员长王东明在京会见加蓬国民议会议长奥南加。")
    assert "姆维尼" in found("坦桑尼亚桑给巴尔总统姆维尼表示，项目助力当地发展。")
    assert "塔耶" in found("埃塞俄比亚总统塔耶先后致辞。")
    assert found("中国驻俄罗斯大使馆外交官出席。") == []


def test_names_jieba_reads_as_a_person_where_the_sentence_has_a_person(know):
    """Without a title or a speech verb: a name jieba's tagger reads as a person's (nr, unknown to its
    dictionary), after 的, a title, a verb or preposition and before a verb; not in a list of things."""
    from sichuan_edu.mentions import find_people
    found = lambda text: [m.name for m in find_people(text, know.people)]  # noqa: E731
    assert found("果农魏一鸣笑着把苹果递给记者。") == ["魏一鸣"]
    assert found("依靠孔德宇拿下关键一分。") == ["孔德宇"]
    assert found("教育、卫健、民政等部门参加。") == []


def test_names_right_after_a_title_before_an_act(know):
    """After a title, a name followed by a verb, adverb or preposition (not one its last character begins);
    家 after a name is the person's family; a manner of speaking or a pronoun's phrase is no one."""
    from sichuan_edu.mentions import find_people
    found = lambda text: [m.name for m in find_people(text, know.people)]  # noqa: E731
    assert found("负责人韦丽娟向记者展示了账本。") == ["韦丽娟"]
    assert found("秘书长周海平一同出席。") == ["周海平"]
    assert found("村民杨春兰家的果园挂满了果子。") == ["杨春兰"]
    assert found("外长王毅将于下周访问。") == ["王毅"]
    for text in ("院长高兴地说，成绩来之不易。", "主任向大家介绍情况。", "医生查阅并反馈结果。", "村民种菜，增收不少。"):
        assert found(text) == [], text


def test_names_without_a_surname_after_a_title(know):
    """Foreign names in the characters of transliteration after any title (the longest that ends as a name,
    before 等); a minority name of four characters, or one whose surname is not listed, between a title and a
    verb of speech."""
    from sichuan_edu.mentions import find_people
    found = lambda text: [m.name for m in find_people(text, know.people)]  # noqa: E731
    assert found("世界卫生组织总干事谭德塞表示，将加强合作。") == ["谭德塞"]
    assert found("国际足联主席因凡蒂诺等出席。") == ["因凡蒂诺"]
    assert found("联合国秘书长古特雷斯通过视频致辞。") == ["古特雷斯"]
    assert found("乡村医生阿苦拉铁说，村里看病方便多了。") == ["阿苦拉铁"]
    assert found("副院长禚志伟介绍，全年受理案件增加。") == ["禚志伟"]  # (禚: a surname outside the list)


def test_credits_split_across_a_line_or_spaced_slashes(know):
    """文 / 图 with spaces is 文/图 (author and photographer); a credit title glued to the name before it
    (a line break fell between them) still starts a credit of its own."""
    from sichuan_edu.people import parse_credit
    credits = lambda text: [(c.name, c.role) for c in parse_credit(text, know)[0]]  # noqa: E731
    assert credits("文 / 图 张晓东") == [("张晓东", "author"), ("张晓东", "photographer")]
    assert credits("记者 刘小丽通讯员 陈刚") == [("刘小丽", "author"), ("陈刚", "correspondent")]


def _printed(know, text):
    from sichuan_edu.mentions import find_institutions
    from sichuan_edu.places import load_gazetteer
    gaz = load_gazetteer()
    return [n.printed for n in find_institutions(text, know, gaz.name_prefixes, home=not gaz.about_elsewhere(text))]


def test_members_of_a_list_closed_by_a_kind_of_organisation(know):
    """A list closed by 等 or a count of organisations and their kind (N家…企业, 等…单位) names organisations;
    not a list of trades or places, nor a count after a number (92个县110家企业)."""
    assert _printed(know, "目前，华能、华电2家能源央企落户新区。") == ["华能", "华电"]
    assert _printed(know, "联盟由紫金山实验室、中兴通讯等8家单位发起。") == ["紫金山实验室", "中兴通讯"]
    assert _printed(know, "钢铁、煤炭、建材等行业企业参加。") == []
    assert _printed(know, "北京、上海等地企业参加，网信、卫健等部门到场。") == []
    assert _printed(know, "帮扶了92个县110家企业的产品。") == []
    assert _printed(know, "由幼儿园等学前教育机构实施。") == []


def test_bodies_named_after_a_town_a_village_or_a_new_area(know):
    """A body named after its town, village or new area is a name (X镇农技中心, X村党总支, X新区…局), but not
    after a phrase that holds 乡 or 村 (城乡, 各村, 全镇)."""
    assert _printed(know, "石桥镇农技中心主任介绍。") == ["石桥镇农技中心"]
    assert _printed(know, "“好得很。”和平村党总支书记说。") == ["和平村党总支"]
    assert _printed(know, "雄安新区商务和投资促进局有关负责人表示。") == ["雄安新区商务和投资促进局"]
    assert _printed(know, "将服务纳入城乡公共服务体系和政府购买服务目录。") == []
    assert _printed(know, "全镇党支部和各村党支部书记参加。") == []


def test_a_name_runs_over_a_second_suffix_and_a_body_is_read_before_a_title(know):
    """绵阳市中心 + 医院 is one hospital (not the middle of a city); 县委 + 书记 is read as one word but names the
    county committee; 党委 + 书记 after a ministry is a post, not a unit."""
    assert _printed(know, "建议前往绵阳市中心医院就诊。") == ["绵阳市中心医院"]
    assert _printed(know, "州人大常委会副主任、昭觉县委书记说。") == ["昭觉县委"]
    assert _printed(know, "越南外交部党委书记出席。") == ["越南外交部"]


def test_units_missions_and_international_bodies(know):
    """Permanent missions, an international organisation's organ (…组织 + 大会), international societies, a
    research unit after 该院, a section of four characters or more (…婚姻登记处) but not an abbreviated one
    (职教处), and no 联合国 in …研究所联合国内高校."""
    assert _printed(know, "中国常驻联合国教科文组织代表团举办活动。") == ["中国常驻联合国教科文组织代表团"]
    assert _printed(know, "联合国教科文组织大会主席出席。") == ["联合国教科文组织大会"]
    assert _printed(know, "新矿物获国际矿物学会批准命名。") == ["国际矿物学会"]
    assert _printed(know, "记者从中国农业科学院获悉：该院作物科学研究所联合国内高校发现新基因。") == [
        "中国农业科学院", "作物科学研究所"]
    assert _printed(know, "肥西县民政局幸福坝婚姻登记处迎来新人。") == ["肥西县民政局幸福坝婚姻登记处"]
    assert _printed(know, "四川省教育厅职教处相关负责人介绍。") == ["四川省教育厅"]
    assert _printed(know, "中国社会科学院科技考古与文化遗产保护重点实验室发布成果。") == [
        "中国社会科学院科技考古与文化遗产保护重点实验室"]
    assert _printed(know, "博物馆加入全球水博物馆联盟，成为继黄河博物馆、长江文明馆等之后又一家成员。") == [
        "全球水博物馆联盟", "黄河博物馆", "长江文明馆"]


def test_a_port_named_after_its_cities_is_an_institution(know):
    """天津港, 宁波舟山港 (the port group that runs it); not 港澳 or 港口 after a place, nor a city named …港."""
    assert _printed(know, "宁波舟山港发布数据，天津港同比增长。") == ["宁波舟山港", "天津港"]
    assert _printed(know, "天津港口岸通关顺畅，北京港澳台办表示欢迎。") == []
    assert _printed(know, "连云港市教育局发布通知。") == ["连云港市教育局"]


def test_a_name_after_someone_s_family_keeps_its_offset(know):
    # 冯英家 (冯英's family) is read as the name 冯英: the words the tagger reads after it keep their offsets.
    from sichuan_edu.mentions import _tagged_names
    text = "村民冯英家今年种了十亩金耳，来自河北的庞语涵说，收成不错。"
    found = _tagged_names(text, know.people, set(), set())
    assert "庞语涵" in [m.name for m in found]
    assert all(text[m.offset : m.offset + len(m.name)] == m.name for m in found)


def test_foreign_names_end_where_a_name_ends(know):
    """A transliterated name does not take the first character of the word after it (…萨法迪 + 通电话); a whole
    run of such characters may end before a one-character preposition (…加西亚 + 以); a title jieba reads
    inside a longer word (日本首相) is a title; nothing past the run that holds an ordinary word (特使 + 来访)."""
    from sichuan_edu.mentions import find_people
    found = lambda text: [m.name for m in find_people(text, know.people)]  # noqa: E731
    assert found("王毅同约旦外长萨法迪通电话。") == ["萨法迪"]
    assert found("法国球员加西亚以2∶0获胜。") == ["加西亚"]
    assert found("据报道，日本首相岸田文雄日前表示将访问。") == ["岸田文雄"]
    assert found("老挝总书记马山特使来访。") == ["马山"]  # (马山: a place to jieba, a name between two titles)


def test_a_photo_credit_in_a_paragraph_credits_the_photographer(know):
    from sichuan_edu.mentions import find_people
    roles = lambda text: [(m.name, m.roles) for m in find_people(text, know.people)]  # noqa: E731
    assert roles("开幕式在湖畔举行（见图，王小明摄）。") == [("王小明", ("photographer",))]
    assert roles("游客在湖边拍照。（记者 李大伟 摄）") == [("李大伟", ("photographer",))]
    assert roles("运动会开赛（见图，阿依古丽·吐尔逊摄）。") == [("阿依古丽·吐尔逊", ("photographer",))]


def test_foreign_ministries_latin_led_names_and_units_of_a_body(know):
    """Another country's ministry named after it (country + field + 部); a society led by Latin letters; a
    school before its head (小学 + 校长); a section read with its head's title (…科 + 科长); a unit opening
    with a verb used as a noun (宣传和…办公室)."""
    assert _printed(know, "会见沙特内政与安全部部长。") == ["沙特内政与安全部"]
    assert _printed(know, "XR产业联盟在蓉成立。") == ["XR产业联盟"]
    assert _printed(know, "成都市实验小学校长介绍。") == ["成都市实验小学"]
    assert _printed(know, "德阳市教育局财务与审计科科长介绍。") == ["德阳市教育局财务与审计科"]
    assert _printed(know, "德阳市文化局宣传和旅游办公室主任说。") == ["德阳市文化局宣传和旅游办公室"]


def test_no_body_where_the_text_names_none(know):
    """A country's unnamed company (一家), a known body's name run on over a person's posts, a kind of place
    jieba tags as an organisation (商业中心), a rank in a list (副省级城市党委)."""
    assert _printed(know, "已与日本一家汽车公司签约。") == []
    assert "空军后勤部副部长兼办公室" not in _printed(know, "历任空军后勤部副部长兼办公室主任。")
    assert _printed(know, "加强商业中心和车站的安全检查。") == []
    assert "副省级城市党委" not in _printed(know, "各省党委、新疆生产建设兵团党委、副省级城市党委负责同志参加。")
