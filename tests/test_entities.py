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
    unknown = next(db.query("select city_id, latitude from institutions where name = '泸天化（集团）有限责任公司'"))
    assert unknown == {"city_id": None, "latitude": None}


def test_renamed_school_keeps_printed_name_and_gets_code(db):
    row = next(db.query("select id, type, hei_code from institutions where name = '四川工程职业技术学院'"))
    assert (row["type"], row["hei_code"]) == ("高职院校", "4151012763")
    names = {r["name"]: r["kind"] for r in db.query("select name, kind from institution_names where institution_id = ?", [row["id"]])}
    assert names == {"四川工程职业技术学院": "printed", "四川工程职业技术大学": "later_name"}
