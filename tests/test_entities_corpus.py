"""People, institutions and places on the page corpus, scored against hand-made gold (tests/corpus/entities,
issue 12's measure). Per extractor and entity type, precision and recall stay above their floors; the gold
file is well formed (every text exists, every name it gives is printed in that text).

The floors are the scores measured when they were set, less 0.01 to 0.02; they can only go up. The issue's
targets (people P 0.95 / R 0.90, institutions P and R 0.90, places P 0.98) are met for every type on PDFium,
the hand-set pages and each text alone, and for people and institutions on pdftotext; its layout errors keep
its places below (most of its false places are another article's text):
`python tests/corpus/entity_scores.py --misses` lists every false positive and negative.
"""
import json
import re
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))

from entity_scores import (GOLD, TYPES, Expected, Found, compare, expected, load_gold, load_texts,  # noqa: E402
                           place_key, run)

# extractor -> type -> (precision floor, recall floor)
FLOORS = {
    "pdftotext": {
        # session 7 (entities7 + the session's layout work on main): the people and institutions
        # targets met on pdftotext too; places still below (another article's text joined by the layout)
        "people": (0.945, 0.89),  # measured 0.953 / 0.900 (was 0.915 / 0.841)
        "people, Chinese names": (0.94, 0.90),  # measured 0.948 / 0.912
        "credits (name, role)": (0.935, 0.92),  # measured 0.946 / 0.933
        "institutions": (0.915, 0.90),  # measured 0.926 / 0.909 (was 0.904 / 0.867)
        "places": (0.905, 0.905),  # measured 0.915 / 0.918
    },
    "pdfium": {
        "people": (0.975, 0.93),  # measured 0.985 / 0.942 (was 0.983 / 0.916)
        "people, Chinese names": (0.975, 0.945),  # measured 0.984 / 0.957
        "credits (name, role)": (0.98, 0.98),  # measured 0.989 / 0.989
        "institutions": (0.97, 0.94),  # measured 0.981 / 0.951 (was 0.979 / 0.933)
        "places": (0.98, 0.95),  # measured 0.986 / 0.963: the floor is the target
    },
    "handset": {
        "people": (0.99, 0.955),  # measured 1.000 / 0.965
        "people, Chinese names": (0.99, 0.95),  # measured 1.000 / 0.964
        "credits (name, role)": (0.99, 0.99),  # measured 1.000 / 1.000
        "institutions": (0.98, 0.945),  # measured 0.993 / 0.957
        "places": (0.98, 0.97),  # measured 0.981 / 0.981
    },
    # Each annotated gold article alone on a one-article page in the seed's conventions: the entity stage
    # without (most) layout errors. Every type meets the targets here (P 0.95 / R 0.90; P and R 0.90;
    # P 0.98).
    "oracle": {
        "people": (0.99, 0.945),  # measured 1.000 / 0.956
        "people, Chinese names": (0.99, 0.955),  # measured 1.000 / 0.968
        "credits (name, role)": (0.99, 0.985),  # measured 1.000 / 0.994
        "institutions": (0.99, 0.95),  # measured 0.999 / 0.962
        "places": (0.99, 0.985),  # measured 1.000 / 0.996
    },
}

ROLES = {"mentioned", "author", "correspondent", "intern", "special_correspondent", "photographer"}
LEVELS = {"province", "prefecture", "county"}


@pytest.fixture(scope="module")
def results():
    return run()


@pytest.mark.parametrize("extractor,kind", [(ex, t) for ex in FLOORS for t in TYPES])
def test_entity_floors(results, extractor, kind):
    tally = results[extractor].tallies[kind]
    p_floor, r_floor = FLOORS[extractor][kind]
    assert tally.recall is not None and tally.recall >= r_floor, (extractor, kind, tally)
    # No prediction at all has no precision; the recall floor then fails instead.
    assert tally.precision is None or tally.precision >= p_floor, (extractor, kind, tally)


def test_oracle_layout_is_nearly_exact(results):
    """The oracle's one-article pages are read (title and body) exactly, or it would measure layout too."""
    oracle = results["oracle"]
    assert oracle.layout_exact >= 0.9 * oracle.articles


# --- the gold file ---------------------------------------------------------------------------------------


def _printed_text(text: dict) -> str:
    parts = [text.get("kicker") or "", text["title"], text.get("subtitle") or ""] + list(text["paragraphs"])
    parts += [s for _, s in text.get("subheads") or []] + list(text.get("authors") or [])
    return "\n".join(parts)


def test_gold_well_formed():
    texts = load_texts()
    ids = []
    with GOLD.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    problems = []
    for row in rows:
        ids.append(row["id"])
        assert set(row) >= {"id", "people", "institutions", "places"}, row["id"]
        if row["id"] not in texts:
            problems.append((row["id"], "no such text"))
            continue
        text = texts[row["id"]]
        printed = _printed_text(text)
        names = [p["name"] for p in row["people"]]
        for kind in ("people", "institutions", "places"):
            key = [x["name"] for x in row[kind]]
            if len(key) != len(set(key)):
                problems.append((row["id"], f"{kind} listed twice"))
        for p in row["people"]:
            if p["role"] not in ROLES:
                problems.append((row["id"], p["name"], "role", p["role"]))
            if "".join(p["printed"].split()) != p["name"] or re.search(r"\s", p["name"]):
                problems.append((row["id"], p["name"], "printed form is not the name with spaces"))
            if p["printed"] not in printed:
                problems.append((row["id"], p["printed"], "person not printed"))
            for title in p.get("titles") or []:
                if title not in printed:
                    problems.append((row["id"], p["name"], "title not printed", title))
        for i in row["institutions"]:
            if i["name"] not in i["printed"]:
                problems.append((row["id"], i["name"], "name not among the printed forms"))
            for form in i["printed"]:
                if form not in printed:
                    problems.append((row["id"], form, "institution not printed"))
        for pl in row["places"]:
            if pl["level"] not in LEVELS:
                problems.append((row["id"], pl["name"], "level", pl["level"]))
            for form in [pl["name"]] + list(pl.get("printed") or []):
                if form not in printed:
                    problems.append((row["id"], form, "place not printed"))
        # Every credited author of the text is annotated with a credit role.
        for credit in text.get("authors") or []:
            if credit.startswith("摄影"):
                continue
            credit = re.sub(r"^(?:本报记者|特约记者|记者|通讯员|实习生|作者)\s*", "", credit)
            for name in re.split(r"[、，,\s]+", credit):
                if name and name not in names:
                    problems.append((row["id"], name, "author not annotated"))
    assert not problems, problems
    assert len(ids) == len(set(ids)), "a text annotated twice"
    # Coverage: every news text, at least 10 official notices, at least 70 texts.
    news = {i for i, t in texts.items() if t["kind"] == "news"}
    assert news <= set(ids), sorted(news - set(ids))
    assert sum(texts[i]["kind"] == "notice" for i in ids if i in texts) >= 10
    assert len(ids) >= 70


def test_gold_loads_as_the_scorer_reads_it():
    gold = load_gold()
    assert len(gold) >= 70 and all(isinstance(v["people"], list) for v in gold.values())


# --- the scoring rules -----------------------------------------------------------------------------------


def test_place_names_compare_without_their_ending():
    assert place_key("成都市") == place_key("成都") == "成都"
    assert place_key("凉山彝族自治州") == place_key("凉山州") == "凉山"
    assert place_key("务川仡佬族苗族自治县") == "务川"
    assert place_key("新疆维吾尔自治区") == "新疆"
    assert place_key("澳门特别行政区") == place_key("澳门特区") == "澳门"
    assert place_key("阿勒泰地区") == "阿勒泰"
    assert place_key("义县") == "义县"  # one character left: the name stays whole


def test_compare_counts_forms_once_and_foreign_people_apart():
    e = Expected(people={"王腾": False, "纳克维": True}, credits={("李四", "author")},
                 institutions=[("中国石油化工集团有限公司", {"中国石油化工集团有限公司", "中国石化"})],
                 places=[("成都市", {"成都"})])
    f = Found(people={"王腾", "纳克维", "彭铁说"}, credits={("李四", "correspondent")},
              institutions={"中国石化", "中国石油化工集团有限公司", "省委"}, places={"成都", "广安"})
    rows = compare(e, f)
    assert (rows["people"][0].tp, rows["people"][0].fp, rows["people"][0].fn) == (2, 1, 0)
    assert (rows["people, Chinese names"][0].tp, rows["people, Chinese names"][0].fp) == (1, 1)
    assert (rows["credits (name, role)"][0].tp, rows["credits (name, role)"][0].fn) == (0, 1)
    inst = rows["institutions"][0]
    assert (inst.tp, inst.fp, inst.fn) == (1, 1, 0)
    places = rows["places"][0]
    assert (places.tp, places.fp, places.fn) == (1, 1, 0)


def test_a_name_inside_a_longer_institution_is_not_expected():
    """entities/README.md: a name inside a longer institution's name is no mention of its own; a place printed
    before an institution's own name is one."""
    ann = {"people": [], "institutions": [
        {"name": "全国人民代表大会", "printed": ["全国人民代表大会"]},
        {"name": "全国人民代表大会常务委员会", "printed": ["全国人民代表大会常务委员会"]},
        {"name": "合肥市公安局", "printed": ["合肥市公安局", "合肥公安", "安徽合肥公安"]}],
        "places": [{"name": "安徽", "level": "province"}, {"name": "合肥", "level": "prefecture"}]}
    inside = expected({"title": "安徽合肥公安推出新举措", "paragraphs": ["全国人民代表大会常务委员会通过。"]}, ann)
    assert [n for n, _ in inside.institutions] == ["全国人民代表大会常务委员会", "合肥市公安局"]
    assert [n for n, _ in inside.places] == ["安徽"]
    alone = expected({"title": "合肥", "paragraphs": ["全国人民代表大会开幕。"]}, ann)
    assert [n for n, _ in alone.institutions] == ["全国人民代表大会"]
    assert [n for n, _ in alone.places] == ["合肥"]
