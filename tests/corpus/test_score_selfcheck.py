"""Self-checks of tests/corpus/score.py (and the hand-set renderer) on made-up gold pages and predictions."""

from __future__ import annotations

import importlib.util
import random
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"corpus_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


score = _load("score")
handset = _load("handset")

# Made-up texts (no real article).
BODY_A = ["甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉"]          # 20 chars
BODY_B = ["春夏秋冬东南西北上下", "金木水火土日月星云风雨"]        # 21 chars


def article(aid, title, paragraphs, kicker=None, subtitle=None, source_line=None):
    return {"id": aid, "kicker": kicker, "title": title, "subtitle": subtitle, "source_line": source_line,
            "source_position": "inline" if source_line else None, "authors": [], "paragraphs": paragraphs,
            "subheads": [], "ending": None, "continued_to": None, "continued_from": None, "captions": []}


def gold_page():
    return {"page": "t001", "kind": "news", "furniture": ["示例报"], "headline_order": {},
            "articles": [article("a", "标题甲", BODY_A, kicker="引题甲", source_line="本报讯（记者 某某）"),
                         article("b", "标题乙", BODY_B, subtitle="副题乙")],
            "photo_captions": [], "tables": []}


def perfect_prediction(gold, residue=0, page_chars=100):
    arts = [{"kicker": a["kicker"], "title": a["title"], "subtitle": a["subtitle"], "source_line": a["source_line"],
             "body": "\n".join(a["paragraphs"]), "captions": list(a["captions"])} for a in gold["articles"]]
    return {"articles": arts, "residue_chars": residue, "page_chars": page_chars}


def test_perfect_prediction_scores_one_everywhere():
    gold = gold_page()
    s = score.score_page(gold, perfect_prediction(gold))
    assert s["gold_articles"] == s["predicted_articles"] == s["found"] == 2
    assert s["body_lcs"] == s["gold_body_chars"] == s["predicted_body_chars"] == 41
    assert s["mismatches"] == []
    agg = score.aggregate([s])
    for key in ("articles_found", "titles_exact", "kickers_exact", "subtitles_exact", "source_lines_exact",
                "bodies_exact", "body_precision", "body_recall", "body_f1"):
        assert agg[key] == 1.0, key
    assert agg["residue_rate"] == 0.0


def test_prediction_order_does_not_matter():
    gold = gold_page()
    pred = perfect_prediction(gold)
    pred["articles"].reverse()
    agg = score.aggregate([score.score_page(gold, pred)])
    assert agg["titles_exact"] == agg["bodies_exact"] == agg["body_f1"] == 1.0


def test_split_article():
    # Gold: one article of 20 chars. Prediction: its first 14 chars, and a second article with its last 6
    # chars plus 4 chars that are not in the gold.
    gold = {"articles": [article("a", "标题甲", BODY_A)]}
    text = "".join(BODY_A)
    pred = {"articles": [{"title": "标题甲", "body": text[:14]},
                         {"title": None, "body": text[14:] + "ＡＢＣＤ"}],
            "residue_chars": 0, "page_chars": 50}
    s = score.score_page(gold, pred)
    assert (s["found"], s["gold_articles"], s["predicted_articles"]) == (1, 1, 2)
    assert s["bodies_exact"] == 0
    assert s["body_lcs"] == 14 and s["gold_body_chars"] == 20 and s["predicted_body_chars"] == 24
    agg = score.aggregate([s])
    assert agg["articles_found"] == 1.0
    assert agg["bodies_exact"] == 0.0
    p, r = 14 / 24, 14 / 20
    assert agg["body_precision"] == pytest.approx(p)
    assert agg["body_recall"] == pytest.approx(0.7)
    assert agg["body_f1"] == pytest.approx(2 * p * r / (p + r))  # = 28/44
    assert agg["body_f1"] == pytest.approx(28 / 44)
    assert agg["titles_exact"] == 1.0
    assert any(m["field"] == "extra" for m in s["mismatches"])


def test_less_than_half_is_not_found():
    gold = {"articles": [article("a", "标题甲", BODY_A)]}
    text = "".join(BODY_A)
    pred = {"articles": [{"title": "标题甲", "body": text[:9]}, {"title": None, "body": text[9:]}],
            "residue_chars": 0, "page_chars": 20}
    s = score.score_page(gold, pred)
    assert s["found"] == 1 and s["body_lcs"] == 11  # the larger piece (11 of 20) wins the match
    pred = {"articles": [{"title": "标题甲", "body": text[:7]}, {"title": None, "body": text[7:14]},
                         {"title": None, "body": text[14:]}], "residue_chars": 0, "page_chars": 20}
    s = score.score_page(gold, pred)
    assert s["found"] == 0 and s["body_lcs"] == 7
    assert score.aggregate([s])["body_recall"] == pytest.approx(7 / 20)


def test_swapped_titles():
    gold = gold_page()
    pred = perfect_prediction(gold)
    a, b = pred["articles"]
    a["title"], b["title"] = b["title"], a["title"]
    s = score.score_page(gold, pred)
    assert s["titles_exact"] == 0 and s["bodies_exact"] == 2 and s["found"] == 2
    agg = score.aggregate([s])
    assert agg["titles_exact"] == 0.0 and agg["body_f1"] == 1.0
    assert sorted(m["field"] for m in s["mismatches"]) == ["title", "title"]


def test_merged_articles_match_one_gold():
    gold = gold_page()
    merged = "".join(BODY_A) + "".join(BODY_B)
    pred = {"articles": [{"title": "标题乙", "body": merged}], "residue_chars": 0, "page_chars": 50}
    s = score.score_page(gold, pred)
    # one-to-one: the merged prediction goes to the gold article it overlaps most (B, 21 chars)
    assert s["found"] == 1 and s["body_lcs"] == 21 and s["titles_exact"] == 1
    agg = score.aggregate([s])
    assert agg["body_precision"] == pytest.approx(21 / 41) and agg["body_recall"] == pytest.approx(21 / 41)
    assert agg["articles_found"] == 0.5


def test_whitespace_does_not_matter():
    gold = gold_page()
    pred = perfect_prediction(gold)
    a, b = pred["articles"]
    a["body"] = " \n".join(" ".join(p) for p in BODY_A) + "\u3000\n"
    a["title"] = " 标题 甲 "
    a["kicker"] = "引题\u3000甲"
    a["source_line"] = "本报讯（记者某某）"       # gold has a space inside
    b["subtitle"] = "副题\n乙"
    b["kicker"] = "   "                          # blank == null
    s = score.score_page(gold, pred)
    assert s["mismatches"] == []
    agg = score.aggregate([s])
    assert agg["titles_exact"] == agg["kickers_exact"] == agg["subtitles_exact"] == 1.0
    assert agg["source_lines_exact"] == agg["bodies_exact"] == agg["body_f1"] == 1.0


def test_null_fields_and_missing_fields():
    gold = gold_page()
    pred = perfect_prediction(gold)
    del pred["articles"][1]["kicker"]               # missing == null == gold null
    pred["articles"][0]["subtitle"] = ""            # empty == null == gold null
    pred["articles"][1]["subtitle"] = None          # gold has one: not exact
    s = score.score_page(gold, pred)
    assert s["kickers_exact"] == 2 and s["subtitles_exact"] == 1


def test_unmatched_gold_counts_against_exact_rates():
    gold = gold_page()
    pred = perfect_prediction(gold)
    del pred["articles"][1]
    agg = score.aggregate([score.score_page(gold, pred)])
    assert agg["articles_found"] == 0.5 and agg["titles_exact"] == 0.5 and agg["kickers_exact"] == 0.5
    assert agg["body_precision"] == 1.0 and agg["body_recall"] == pytest.approx(20 / 41)


def test_empty_body_gold_matched_by_title():
    gold = {"articles": [article("a", "标题甲", BODY_A), article("p", "图片新闻", [])]}
    pred = {"articles": [{"title": "标题甲", "body": "\n".join(BODY_A)}, {"title": "图片 新闻", "body": ""}],
            "residue_chars": 0, "page_chars": 30}
    s = score.score_page(gold, pred)
    assert s["found"] == 2 and s["titles_exact"] == 2 and s["bodies_exact"] == 2


def test_residue_rate():
    gold = gold_page()
    s1 = score.score_page(gold, perfect_prediction(gold, residue=10, page_chars=200))
    s2 = score.score_page(gold, perfect_prediction(gold, residue=30, page_chars=300))
    assert score.aggregate([s1])["residue_rate"] == pytest.approx(0.05)
    agg = score.aggregate([s1, s2])
    assert agg["residue_rate"] == pytest.approx(40 / 500)
    assert agg["pages"] == 2 and agg["gold_articles"] == 4


def test_aggregate_sums_before_dividing():
    gold = gold_page()
    s1 = score.score_page(gold, perfect_prediction(gold))
    g2 = {"articles": [article("a", "标题甲", BODY_A)]}
    s2 = score.score_page(g2, {"articles": [], "residue_chars": 0, "page_chars": 20})
    agg = score.aggregate([s1, s2])
    assert agg["articles_found"] == pytest.approx(2 / 3)
    assert agg["body_recall"] == pytest.approx(41 / 61) and agg["body_precision"] == 1.0
    assert score.aggregate([])["body_f1"] is None


def test_format_table():
    gold = gold_page()
    agg = score.aggregate([score.score_page(gold, perfect_prediction(gold))])
    table = score.format_table({"pdftotext": agg, "empty": score.aggregate([])})
    lines = table.strip().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("| group |") and "body F1" in lines[0]
    assert lines[2].startswith("| pdftotext | 1 | 2 | 2 | 1.000 |")
    assert "—" in lines[3]
    assert all(line.count("|") == lines[0].count("|") for line in lines)


def test_greedy_matching_is_by_overlap():
    # Gold X and Y; prediction P1 overlaps X by 10 and Y by 12, P2 overlaps X by 8 only.
    # Greedy: (P1, Y) = 12 first, then (P2, X) = 8.
    x = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未"       # 18
    y = "春夏秋冬东南西北上下金木"                   # 12
    gold = {"articles": [article("x", "X", [x]), article("y", "Y", [y])]}
    pred = {"articles": [{"title": "Y", "body": x[:10] + y}, {"title": "X", "body": x[10:]}],
            "residue_chars": 0, "page_chars": 40}
    s = score.score_page(gold, pred)
    assert s["body_lcs"] == 12 + 8 and s["titles_exact"] == 2 and s["found"] == 1


def test_speed_250_articles():
    rng = random.Random(7)
    pool = [chr(0x4E00 + i) for i in range(2500)]
    weights = [1 / (i + 10) for i in range(2500)]

    def text(n):
        return "".join(rng.choices(pool, weights, k=n))

    pages = []
    for p in range(25):
        arts, preds = [], []
        for k in range(10):
            paras = [text(rng.randint(100, 700)) for _ in range(rng.randint(2, 7))]
            arts.append(article(f"{p}-{k}", f"T{k}", paras))
            body = "\n".join(paras)
            if k % 3 == 0:
                cut = len(body) // 2
                preds += [{"title": f"T{k}", "body": body[:cut]}, {"title": None, "body": body[cut:]}]
            elif k % 3 == 1:
                chars = list(body)
                for _ in range(20):
                    del chars[rng.randrange(len(chars))]
                    chars.insert(rng.randrange(len(chars)), rng.choice(pool))
                preds.append({"title": f"T{k}", "body": "".join(chars)})
            else:
                preds.append({"title": f"T{k}", "body": body})
        pages.append(({"articles": arts}, {"articles": preds, "residue_chars": 0, "page_chars": 1}))
    start = time.perf_counter()
    agg = score.aggregate([score.score_page(g, p) for g, p in pages])
    elapsed = time.perf_counter() - start
    assert agg["gold_articles"] == 250 and agg["articles_found"] == 1.0
    assert elapsed < 10, elapsed


# ---- the hand-set renderer -------------------------------------------------------------------------------

def handset_page():
    paras = ["2023年3月1日，示例市举行“开学第一课”活动，约1.5万名学生（含新生）参加。" * 3,
             "活动分为《安全》《健康》两部分，由老师讲解、学生讨论，气氛热烈！“我学到了很多。”一名学生说。" * 2]
    b_paras = ["这是一段用于检查的文字，其中有ABC和123等ASCII内容。", "小标题一", "第二段文字，又有20个字符左右的内容。"]
    g = {"page": "h001", "kind": "news", "furniture": ["示例报", "第2版"], "headline_order": {},
         "articles": [article("a", "这是一条很长很长很长的示例标题用来检查标题的折行处理", paras, kicker="引题",
                              source_line="本报讯（记者 某某）"),
                      article("b", "短标题", b_paras, subtitle="——副题")],
         "photo_captions": ["一张图片的说明文字。"], "tables": []}
    g["articles"][1]["subheads"] = ["小标题一"]
    g["articles"][1]["source_line"] = "□ 某某"
    g["articles"][1]["source_position"] = "standalone"
    g["articles"][1]["ending"] = "（作者单位：示例学校）"
    g["articles"][1]["captions"] = ["文章配图说明。"]
    return g


def _nows(s):
    return "".join(s.split())


@pytest.mark.parametrize("seed", range(40))
def test_handset_render(seed):
    gold = handset.handset_gold(handset_page(), random.Random(seed))
    assert gold["kind"] == "handset" and gold["headline_order"]["handset"] in ("after", "end")
    text = handset.render_handset(gold, random.Random(seed))
    assert text == handset.render_handset(gold, random.Random(seed))  # deterministic
    flat = _nows(text)
    for art in gold["articles"]:
        body = _nows("".join(art["paragraphs"]))
        if art["source_position"] == "inline":
            body = _nows(art["source_line"]) + body
        assert body in flat or all(_nows(p) in flat for p in art["paragraphs"])
        for field in ("kicker", "subtitle", "ending"):
            if art.get(field):
                assert _nows(art[field]) in flat
        for cap in art["captions"]:
            assert cap in text
    units = [_nows(u) for a in gold["articles"] for u in
             a["paragraphs"] + [a.get("kicker") or "", a.get("title") or "", a.get("subtitle") or ""] if u]
    widest = max(len(_nows(u)) for u in units)
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        # a line starts with a closing mark only where a gold string itself starts with one ("——副题")
        if stripped[0] in handset.CLOSING:
            assert any(u.startswith(_nows(stripped)[:3]) for u in units), line
        assert stripped[-1] not in handset.OPENING, line
        assert len(_nows(stripped)) <= widest + len(gold["articles"][0]["title"]) + 2


def test_handset_wrap_rules():
    assert handset.wrap("一二三四五六七八九十", 6, 2) == ["一二三四", "五六七八九十"]   # first line 2 short
    assert handset.wrap("一二三四，。五六七“八九", 4) == ["一二三四，。", "五六七", "“八九"]
    assert handset.wrap("一二三 2023 四五", 5) == ["一二三", "2023 四五"]        # numbers are not split
    assert handset.cells("ab一") == 2.0


def _one_column_page(n_articles=3):
    # made-up, non-repeating CJK text without ASCII or punctuation: every full body line has the same width
    para = "".join(chr(0x4E00 + (i * 7919) % 5000) for i in range(150))
    arts = [article(f"x{i}", f"第{'一二三四'[i]}条标题", [para, para], source_line="本报讯（记者 某某）")
            for i in range(n_articles)]
    return {"page": "h002", "kind": "news", "furniture": [], "headline_order": {}, "articles": arts,
            "photo_captions": [], "tables": []}


@pytest.mark.parametrize("seed", range(20))
def test_handset_column_width(seed):
    gold = handset.handset_gold(_one_column_page(), random.Random(seed))
    text = handset.render_handset(gold, random.Random(seed))
    para = gold["articles"][0]["paragraphs"][0]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    # the second paragraph of each article: its lines are the ones whose concatenation is the paragraph
    found = 0
    for start in range(len(lines)):
        if not para.startswith(lines[start]) or lines[start - 1].startswith("本报讯"):
            continue
        acc, k = "", start
        while k < len(lines) and para.startswith(acc + lines[k]) and len(acc) < len(para):
            acc += lines[k]
            k += 1
        if acc != para:
            continue
        widths = [len(ln) for ln in lines[start:k]]
        full = widths[1:-1]
        assert full and len(set(full)) == 1, widths
        assert 10 <= full[0] <= 30
        assert widths[0] == full[0] - 2                   # first line two cells short
        found += 1
    assert found == 3


def test_handset_variety_over_seeds():
    texts = []
    orders = set()
    for seed in range(60):
        gold = handset.handset_gold(_one_column_page(), random.Random(seed))
        orders.add(gold["headline_order"]["handset"])
        texts.append(handset.render_handset(gold, random.Random(seed)))
    assert orders == {"after", "end"}
    assert any("标题 本报讯" in t for t in texts)                   # glued headline + source line
    assert any("\n 本报讯" in t for t in texts)                     # leading space after a headline
    assert any("\n\n" in t for t in texts) and any("\n\n" not in t for t in texts)   # blank lines or none
    end_pages = [t for t, s in zip(texts, range(60))
                 if handset.handset_gold(_one_column_page(), random.Random(s))["headline_order"]["handset"] == "end"]
    for t in end_pages:  # all headlines after the last body line
        assert t.rstrip().splitlines()[-1].strip() == "第三条标题"
