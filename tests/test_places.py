"""The gazetteer (seeds/reference/divisions_cn.csv, from the 民政部 2025 division codes) and the places a text
names: all of China, on word boundaries, never inside another word or an institution's name."""
import csv
import json
import sqlite3
import subprocess
import sys

import pytest

from conftest import ROOT
from sichuan_edu.places import load_gazetteer

REFERENCE = ROOT / "seeds" / "reference"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def found(gaz, text):
    return [(p.name if p else None, printed) for p, _, printed in gaz.places_in_text(text)]


def division(gaz, name):
    [place] = [p for p in gaz.divisions if p.name == name]
    return place


@pytest.mark.parametrize("name, code, old", [("射洪市", 510981, "射洪县"), ("隆昌市", 511083, "隆昌县"),
                                             ("会理市", 513402, "会理县")])
def test_counties_that_became_cities_2017_to_2021(gaz, name, code, old):
    place = division(gaz, name)
    assert (place.id, place.level) == (code, "county")
    assert place.latitude and place.longitude  # the point of the county it was
    assert place in gaz.counties and not [p for p in gaz.divisions if p.name == old]


def test_every_level_of_china_and_sichuan_on_the_map(gaz):
    levels = [p.level for p in gaz.divisions]
    assert (levels.count("province"), levels.count("prefecture")) == (34, 333)
    assert len(gaz.cities) == 21 and {"成都市", "凉山彝族自治州", "攀枝花市"} <= {c.name for c in gaz.cities}
    assert all(p.latitude and p.longitude for p in gaz.cities + gaz.counties)
    assert division(gaz, "郫都区").latitude  # renamed from 郫县 (2016): its point carried over


def test_a_county_under_its_province_or_municipality(gaz):
    assert (division(gaz, "济源市").city_id, division(gaz, "济源市").province_id) == (None, 410000)
    assert gaz.full_name(division(gaz, "马边彝族自治县")) == "四川省乐山市马边彝族自治县"


def test_places_outside_sichuan_full_and_short(gaz):
    assert found(gaz, "马鞍山市的学生到广西壮族自治区、浙江和内蒙古参观，又去了马鞍山") == [
        ("马鞍山市", "马鞍山市"), ("广西壮族自治区", "广西壮族自治区"), ("浙江省", "浙江"),
        ("内蒙古自治区", "内蒙古"), ("马鞍山市", "马鞍山")]
    assert found(gaz, "凉山州和甘肃敦煌市") == [("凉山彝族自治州", "凉山州"), ("甘肃省", "甘肃"), ("敦煌市", "敦煌市")]


def test_a_place_inside_another_word_is_none(gaz):
    assert found(gaz, "学校推广安全教育，让快乐山区的孩子享受道德阳光，提高县中办学水平") == []
    assert found(gaz, "省、市和县三级联动") == []  # 和县 is a county of 安徽, not here


def test_a_place_inside_an_institutions_name_is_none(gaz):
    assert found(gaz, "成都市教育局、广西大学和马鞍山学院签约") == []
    assert found(gaz, "桂林村的农户") == []  # a village named after a city
    # a province before the body of one of its cities says where the body is
    assert found(gaz, "陕西咸阳市委社会工作部发布通知") == [("陕西省", "陕西")]


def test_short_and_two_character_counties_count_in_context_only(gaz):
    assert found(gaz, "昭觉的孩子") == []
    assert found(gaz, "凉山州昭觉县的孩子，昭觉的学校") == [
        ("凉山彝族自治州", "凉山州"), ("昭觉县", "昭觉县"), ("昭觉县", "昭觉")]
    assert found(gaz, "高县的学校") == []
    assert found(gaz, "宜宾市高县的学校") == [("宜宾市", "宜宾市"), ("高县", "高县")]


def test_a_name_two_divisions_share(gaz):
    assert found(gaz, "北京市朝阳区和长春市朝阳区") == [
        ("北京市", "北京市"), ("朝阳区", "朝阳区"), ("长春市", "长春市"), ("朝阳区", "朝阳区")]
    [(place, _, _)] = gaz.places_in_text("朝阳区的学校")
    assert place is None and {gaz.full_name(p) for p in gaz.candidates("朝阳区")} == {
        "北京市朝阳区", "吉林省长春市朝阳区"}
    mentions = gaz.places_in_text("北京市朝阳区")
    assert mentions[1].place.province_id == 110000


def test_the_table_is_what_the_script_makes_of_the_ministrys_list(tmp_path):
    out = tmp_path / "divisions_cn.csv"
    subprocess.run([sys.executable, str(REFERENCE / "make_divisions.py"), "--out", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == (REFERENCE / "divisions_cn.csv").read_bytes()
    with (REFERENCE / "mca_divisions_2025.txt").open(encoding="utf-8") as f:
        listed = [line.split() for line in f if line.strip()]
    with (REFERENCE / "divisions_cn.csv").open(encoding="utf-8") as f:
        assert [[r["code"], r["name"]] for r in csv.DictReader(f)] == listed


def test_no_pandas_in_the_install():
    """cpca (and with it pandas and numpy) is gone: the gazetteer is a vendored CSV."""
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert not [d for d in deps if d.split("=")[0].split("<")[0].split(">")[0].strip() in {"cpca", "pandas", "numpy"}]


def test_the_database_holds_places_of_all_china_and_the_map_stays_on_sichuan(tmp_path):
    from sichuan_edu.pipeline import build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "p1.txt").write_text(
        "马鞍山学院的学生来川交流\n"
        "本报讯 来自安徽马鞍山市和广西的学生近日到泸州市、宜宾市高县和北京市朝阳区参观交流，"
        "朝阳区的老师也一同前来，鼓楼区的学生没有来。\n", encoding="utf-8")
    db_path = tmp_path / "t.db"
    build(seeds, db_path)
    conn = sqlite3.connect(db_path)
    places = dict(conn.execute("select name, province from places"))
    assert places == {"安徽省": None, "马鞍山市": "安徽省", "广西壮族自治区": None, "泸州市": "四川省",
                      "宜宾市": "四川省", "高县": "四川省", "北京市": None, "朝阳区": "北京市"}
    rows = dict(conn.execute("select printed_name, city_id from article_places"))
    assert rows["泸州市"] == 510500 and rows["高县"] == 511500 and rows["马鞍山市"] is None
    # 鼓楼区: four cities have one, and the article names none of them
    place_id, candidates = conn.execute(
        "select place_id, candidates from article_places where printed_name = '鼓楼区'").fetchone()
    assert place_id is None and len(json.loads(candidates)) == 4 and "江苏省南京市鼓楼区" in json.loads(candidates)
    assert conn.execute("select count(*) from city_map").fetchone()[0] == 21
    assert conn.execute("select count(*) from counties").fetchone()[0] == 1  # 高县: Sichuan's counties only
