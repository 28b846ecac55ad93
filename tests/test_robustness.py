"""Any page in: the same articles from other encodings, line endings and spacing; odd layouts parsed
or kept as residue with a warning; manifest errors named; builds atomic and deterministic."""
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SEED_PAGE, run_build
from sichuan_edu.parse import parse_page

SEED = SEED_PAGE.read_text(encoding="utf-8")


def summary(page):
    return ([(a.title, a.byline, a.body) for a in page.articles],
            [(c.title, [u for u, _ in c.units]) for c in page.cases])


@pytest.fixture(scope="module")
def reference(know):
    return summary(parse_page("seed.txt", SEED.encode("utf-8"), know, None, 2022))


@pytest.mark.parametrize("name,data", [
    ("utf-8 with BOM", b"\xef\xbb\xbf" + SEED.encode("utf-8")),
    ("gb18030", SEED.encode("gb18030")),
    ("gbk", SEED.encode("gbk")),
    ("CRLF", SEED.replace("\n", "\r\n").encode("utf-8")),
    ("CR", SEED.replace("\n", "\r").encode("utf-8")),
    ("no blank lines", SEED.replace("\n\n", "\n").encode("utf-8")),
    ("tabs and no-break spaces", SEED.replace(" ", "\t").replace("11 月", "11\u00a0月").encode("utf-8")),
])
def test_same_page_other_bytes(know, reference, name, data):
    assert summary(parse_page("p.txt", data, know, None, 2022)) == reference


def test_full_width_digits_become_ascii(know):
    page = parse_page("p.txt", SEED.replace("2023年全国", "２０２３年全国").encode(), know, None, 2022)
    assert "2023年全国硕士研究生" in page.articles[0].body


def conservation_holds(page, text):
    """Every non-blank character of the page is in one segment."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    covered = set()
    for s in page.segments:
        for no in range(s.line_no, s.last_line + 1):
            a = s.col_start if no == s.line_no else 0
            b = s.col_end if no == s.last_line else len(lines[no - 1])
            covered |= {(no, c) for c in range(a, b)}
    return all((no, c) in covered for no, line in enumerate(lines, 1) for c, ch in enumerate(line) if not ch.isspace())


def test_article_without_source_line_after_a_table(know):
    text = SEED.replace("本报讯（记者 鲁磊）", "")
    page = parse_page("p.txt", text.encode(), know)
    assert len(page.articles) == 6 and page.articles[5].byline is None
    assert page.articles[5].body.startswith("四川省教育厅等九部门近日联合印发")
    assert len(page.cases) == 20
    assert conservation_holds(page, text)


def test_page_without_table(know):
    start, end = SEED.index(" 报送单位"), SEED.index("四川省产教融合典型案例") + len("四川省产教融合典型案例")
    text = SEED[:start] + SEED[end:]
    page = parse_page("p.txt", text.encode(), know)
    assert len(page.articles) == 6 and page.cases == [] and page.tables == []
    assert conservation_holds(page, text)


def test_page_ending_inside_an_article(know):
    text = SEED[: SEED.index("机制也提出了明确要求。全省各县中在")] + "机制也提出了明确要求。全省各县中在\n"
    page = parse_page("p.txt", text.encode(), know)
    last = page.articles[-1]
    assert last.truncated and last.body.endswith("全省各县中在") and last.title is None
    assert any("page ends inside an article" in m for _, m in page.warnings)
    assert conservation_holds(page, text)


def test_articles_in_another_order(know, reference):
    parts = SEED.split(" 本报讯（记者 钟兴茂 陈朝和 摄影")
    text = " 本报讯（记者 钟兴茂 陈朝和 摄影" + parts[1].rstrip("\n") + "\n\n" + parts[0]
    page = parse_page("p.txt", text.encode(), know)
    assert conservation_holds(page, text)
    assert {a.byline for a in page.articles} == {b for _, b, _ in reference[0]}


def test_text_before_first_source_line_is_kept(know):
    text = "四川教育 第3版\n\n" + SEED
    page = parse_page("p.txt", text.encode(), know)
    # A running head is page furniture: on the page row, in no article.
    assert page.furniture.printed == ["四川教育 第3版"] and page.furniture.page_no == 3
    assert all("第3版" not in (a.title or "") + a.body for a in page.articles)
    assert conservation_holds(page, text)


def test_paper_name_set_alone_mid_page_is_furniture_not_a_source(know):
    """A reading-order extractor may print the paper's name between two articles: it stays furniture and the
    next source line (another agency's, wrapped) does not take it in."""
    text = ("本报讯（记者 王明）全市中小学\n今天开学，各校秩序井然。\n\n四川教育导报\n\n"
            "西部日报成都3月2日电\n（记者 张华）新学期首日，各地\n学校组织开学典礼。\n")
    page = parse_page("p.txt", text.encode(), know, paper="四川教育导报")
    assert [a.byline for a in page.articles] == ["本报讯（记者 王明）", "西部日报成都3月2日电（记者 张华）"]
    assert "四川教育导报" in page.furniture.printed
    assert conservation_holds(page, text)


def test_words_of_a_record_inside_a_sentence_do_not_end_its_paragraph(know):
    """…通过 / …修订 / …施行 end a law's record, which has no commas; a wrapped sentence that breaks after
    one of them, or a line that begins with a date the sentence goes on from, runs on."""
    text = ("本报讯 省政府日前发布通知，\n决定于近日向社会公布修订\n后的《示范办法》（以下简\n称《办法》）。《办法》自\n"
            "2026年3月30日起施行，全文\n共五章三十条。\n")
    page = parse_page("p.txt", text.encode(), know)
    assert len(page.articles) == 1
    assert page.articles[0].body == "省政府日前发布通知，决定于近日向社会公布修订后的《示范办法》（以下简称《办法》）。《办法》自2026年3月30日起施行，全文共五章三十条。"
    assert conservation_holds(page, text)


def test_a_bulleted_headline_never_joins_the_headline_before_it(know):
    """Two bulleted headlines printed together (■ A / ■ B): B is not the second line of A's title; when its
    own text shares no words with it, the order of the page gives it to the next article without one."""
    text = ("■东城区举办校园读书节\n■西山中学开设书法课程\n\n"
            "本报讯（记者 王明）东城区日前举办校园读书节，\n二十所学校的学生参加读书节活动，分享阅读心得。\n\n"
            "本报讯（记者 李华）本学期起，学生们每周上两节课，\n由美术老师和校外专家共同授课。\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [a.title for a in page.articles] == ["东城区举办校园读书节", "西山中学开设书法课程"]
    assert page.residue == [] and page.warnings == []
    assert conservation_holds(page, text)


def test_a_name_wrapped_after_a_credit_word_stays_in_the_credit(know):
    """本报记者 X 通讯员 / Y: the name pushed onto the next line of a narrow column is still the credit's."""
    text = ("山区学校用上智慧课堂\n本报记者 王明 通讯员\n李华\n新学期开学第一天，全县二十\n所乡村学校都接入了同步课\n"
            "堂，城里名师的课实时送到村\n里，家长们也很满意。\n")
    page = parse_page("p.txt", text.encode(), know)
    assert len(page.articles) == 1 and page.articles[0].byline == "本报记者 王明 通讯员 李华"
    assert page.articles[0].body.startswith("新学期")
    assert conservation_holds(page, text)


def test_an_end_source_wrapped_over_a_break_closes_its_brief(know):
    """…分享心得。（据 / 新华社电）: the agency's name pushed onto the next line ends the brief before it; it
    does not open a new article (新华社电 alone reads like a dateline)."""
    text = ("东城区举办校园读书节\n本报讯（记者 王明）东城区日前举办校园读书节，\n二十所学校的学生参加，分享心得。（据\n"
            "新华社电）\n西山中学开设书法课程\n本报讯（记者 李华）本学期起，学生们每周上两节课，\n由美术老师授课。\n")
    page = parse_page("p.txt", text.encode(), know)
    assert len(page.articles) == 2
    assert page.articles[0].body.endswith("分享心得。") and "新华社" not in page.articles[1].body
    assert conservation_holds(page, text)


def test_a_title_with_a_comma_over_its_subtitle_is_a_title(know):
    """茶农老冯家，住了五十多名采 / 茶工 / ——每天…: a title may hold a comma and wrap like a short paragraph;
    the subtitle under it says it is a title, not the end of the article before."""
    text = ("东城区举办校园读书节\n本报讯（记者 王明）东城区日前举办校园读书节，\n二十所学校的学生参加。\n"
            "茶农老冯家，住了五十多名采\n茶工\n——每天有上万名采茶工人活跃在茶山上\n"
            "本报记者 李华\n4月3日，天刚蒙蒙亮，茶农冯英家的院\n子已热闹起来，采茶工人陆续起床。\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [a.title.replace(" ", "") for a in page.articles] == ["东城区举办校园读书节", "茶农老冯家，住了五十多名采茶工"]
    assert page.articles[0].body.endswith("学生参加。")
    assert conservation_holds(page, text)


def test_unplaceable_text_before_the_first_article_is_residue_with_a_warning(know):
    text = "《》——\n\n" + SEED
    page = parse_page("p.txt", text.encode(), know)
    assert [t for _, t, _ in page.residue] == ["《》——"]
    assert any(line == 1 for line, _ in page.warnings)
    assert conservation_holds(page, text)


def test_script_in_text_is_kept_as_text(know):
    text = SEED.replace("会议强调，各地", "会议强调<script>alert(1)</script>，各地")
    page = parse_page("p.txt", text.encode(), know)
    stored = "".join((a.title or "") + a.body for a in page.articles) + "".join(t for _, t, _ in page.residue)
    assert "<script>alert(1)</script>" in stored
    assert conservation_holds(page, text)


# --- the build as a whole -------------------------------------------------------------------------

def test_duplicate_manifest_entry(seeds, tmp_path):
    manifest = seeds / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    result = run_build(seeds, tmp_path / "x.db")
    assert result.returncode == 2
    assert result.stderr.strip().endswith(f"manifest.csv:3: duplicate entry for {SEED_PAGE.name}")


def test_identical_pages(seeds, tmp_path):
    shutil.copy(SEED_PAGE, seeds / "copy.txt")
    result = run_build(seeds, tmp_path / "x.db")
    assert result.returncode == 2
    assert "identical to" in result.stderr and "copy.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_two_builds_are_identical(seeds, tmp_path):
    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    assert run_build(seeds, a).returncode == 0
    assert run_build(seeds, b, "--full").returncode == 0
    assert run_build(seeds, c, "--full", "--workers", "2").returncode == 0
    assert a.read_bytes() == b.read_bytes() == c.read_bytes()


def test_build_checks_its_database(seeds, tmp_path):
    db = tmp_path / "x.db"
    assert run_build(seeds, db).returncode == 0
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    conn.execute("insert into articles_fts(articles_fts) values('integrity-check')")


def test_killed_build_leaves_previous_database(tmp_path):
    seeds = tmp_path / "many"
    subprocess.run([sys.executable, str(ROOT / "bench" / "seedlike.py"), "--pages", "150", "--out", str(seeds)],
                   check=True, cwd=ROOT, capture_output=True)
    db = tmp_path / "out.db"
    shutil.copy(SEED_PAGE, tmp_path / "seed_only.txt")
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(SEED_PAGE, first / SEED_PAGE.name)
    assert run_build(first, db).returncode == 0
    before = db.read_bytes()
    proc = subprocess.Popen([sys.executable, "-m", "sichuan_edu", "build", "--seeds", str(seeds), "--db", str(db), "--full"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # kill it once it is writing the new database
    for _ in range(200):
        if list(tmp_path.glob(".out.db.*.tmp")):
            break
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert db.read_bytes() == before
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("select count(*) from articles").fetchone()[0] == 6


def table_rows(db):
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' and name not like '%_fts%' "
                                        "and name not like 'sqlite_%' order by name")]
    return {n: conn.execute(f"select rowid, * from [{n}] order by rowid").fetchall() for n in names}


def test_append_build_adds_new_pages_and_notices_manifest_edits(seeds, tmp_path):
    db = tmp_path / "x.db"
    assert run_build(seeds, db).returncode == 0
    text = SEED_PAGE.read_text(encoding="utf-8").replace("本报讯（沈文）", "本报讯（王明）")
    (seeds / "zz_next_day.txt").write_text(text, encoding="utf-8")
    result = run_build(seeds, db)
    assert "(append, 1 parsed)" in result.stdout
    assert run_build(seeds, tmp_path / "full.db", "--full").returncode == 0
    assert table_rows(db) == table_rows(tmp_path / "full.db")  # the same rows, in the same order, as a full build
    query = "select rowid from articles_fts where articles_fts match '\"王明\"' or articles_fts match '\"就业\"'"
    assert [r[0] for r in sqlite3.connect(db).execute(query)] == [r[0] for r in sqlite3.connect(tmp_path / "full.db").execute(query)]
    manifest = seeds / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(",unknown,", ",2022-11-18,"), encoding="utf-8")
    result = run_build(seeds, db)
    assert "(full, 2 parsed)" in result.stdout
    assert sqlite3.connect(db).execute("select published from pages where id = '000_c7edaf26723f02d6'").fetchone() == ("2022-11-18",)


def test_a_page_of_thousands_of_headline_like_lines_is_bounded(know):
    """No input may stall a build: headline placement compares at most a bounded number of line pairs,
    and what it cannot place is kept (residue with warnings), not lost."""
    import random

    rng = random.Random(3)
    words = ["教育", "学校", "发展", "会议", "推进", "改革", "学生", "教师", "创新", "质量"]
    lines = []
    for i in range(3000):
        lines.append("".join(rng.choice(words) for _ in range(rng.randint(2, 6))))
        if i % 7 == 6:
            lines.append("本报讯（记者 王明）" + "".join(rng.choice(words) for _ in range(12)) + "。")
    text = "\n".join(lines) + "\n"
    page = parse_page("big.txt", text.encode(), know)
    assert conservation_holds(page, text)
    assert len(page.articles) > 100


def test_explain_lists_where_every_line_went(know):
    """The developer's view of one page: each line with text, its role and row; no line 'nowhere'."""
    from sichuan_edu.explain import explain

    page = parse_page("p.txt", SEED.encode(), know, None, 2022)
    listing = explain(page)
    assert "6 articles, headlines after their bodies" in listing
    rows = [line for line in listing.splitlines() if line[:5].strip().isdigit()]
    assert len(rows) == sum(1 for line in SEED.splitlines() if line.strip())
    assert "(nowhere)" not in listing
    assert any("headline a2" in row and "全省职业教育深化产教融合现场推进会在泸州召开" in row for row in rows)
    assert any("kicker a2" in row for row in rows)


def test_a_notice_in_a_narrow_column_keeps_its_number_addressees_and_signature(know):
    """An official notice (GB/T 9704 parts) set in a column of ten cells: its number, its addressees and
    the date it was signed wrap over lines, yet each is a paragraph of its text, and the issuer over the
    date is its signature, not a headline."""
    text = ("示范市教育局关于做好\n春季学期开学工作的通\n知\n"
            "示教发〔2026〕\n12号\n各区县教育局、市直\n属各学校、各有关单\n位：\n"
            "现就春季学期开学工\n作通知如下：各校要\n认真做好开学准备。\n"
            "示范市教育局\n2026年2月\n10日\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [a.title for a in page.articles] == ["示范市教育局关于做好春季学期开学工作的通知"]
    assert page.articles[0].paragraphs == ["示教发〔2026〕12号", "各区县教育局、市直属各学校、各有关单位：",
                                                "现就春季学期开学工作通知如下：各校要认真做好开学准备。",
                                                "示范市教育局", "2026年2月10日"]
    assert not page.residue
    assert conservation_holds(page, text)


def test_a_record_runs_on_to_its_end_whatever_its_line_widths(know):
    """A law's record (…日 第…会议通过) has no commas: its lines belong together up to …通过, even where the
    first is narrowed by the spaces an extractor puts around digits; a date in Chinese numerals under a
    notice is a paragraph of its text."""
    text = ("示范条例\n"
            "2002 年 12 月 28 日 第九届示范人\n民代表大会常务委员会第三十一次会议通\n过\n"
            "第一条 为了规范示范工作，制定本条例。本条例自公布之日起施行。\n"
            "二○一○年一月十九日\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [a.paragraphs for a in page.articles] == [[
        "2002年12月28日第九届示范人民代表大会常务委员会第三十一次会议通过",
        "第一条为了规范示范工作，制定本条例。本条例自公布之日起施行。", "二○一○年一月十九日"]]
    assert conservation_holds(page, text)


def test_a_justified_source_line_with_spaced_digits_is_read(know):
    """A justified line spaces every character, the digits of a date too (本 报 北 京 1 月 2 1 日 讯)."""
    text = ("示范学校开展读书活动\n本 报 北 京 1 月 2 1 日 讯\n（记者 王明 通讯员 李\n华）近日，示范学校开展读书活\n动，学生踊跃参加。\n")
    page = parse_page("p.txt", text.encode(), know)
    assert [(a.title, a.byline) for a in page.articles] == [("示范学校开展读书活动", "本报北京1月21日讯（记者 王明 通讯员 李华）")]
    assert page.articles[0].paragraphs == ["近日，示范学校开展读书活动，学生踊跃参加。"]
    assert {(c.name, c.role) for c in page.articles[0].credits} >= {("王明", "author"), ("李华", "correspondent")}
    assert conservation_holds(page, text)
