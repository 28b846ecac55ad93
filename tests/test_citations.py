"""Citations: GB/T 7714-2015, BibTeX and RIS, with unknown elements left out rather than guessed."""
import pytest

from conftest import PAGE_ID
from sichuan_edu.citations import Source, authors_of, bibtex, bibtex_key, citations, gbt7714, missing, ris, title_of

FULL = Source(id="p1-a5", title="四川发布20个产教融合典型案例", authors=["钟兴茂", "陈朝和"], paper="四川教育报",
              published="2022-11-18", page_no=3, url="https://example.org/sichuan_edu/articles/p1-a5")


def test_the_standards_own_example():
    source = Source(id="x", title="数字革命与竞争国际化", authors=["丁文祥"], paper="中国青年报",
                    published="2000-11-20", page_no=15)
    assert gbt7714(source) == "[1] 丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15)."


def test_full_reference_numbered():
    assert gbt7714(FULL, n=7) == "[7] 钟兴茂, 陈朝和. 四川发布20个产教融合典型案例[N]. 四川教育报, 2022-11-18(3)."
    assert missing(FULL) == []


def test_more_than_three_authors_end_with_deng():
    source = Source(id="x", title="标题", authors=["甲一", "乙二", "丙三", "丁四"])
    assert gbt7714(source) == "[1] 甲一, 乙二, 丙三, 等. 标题[N]."


@pytest.mark.parametrize("known, expected", [
    ({"paper": None}, "[1] 钟兴茂, 陈朝和. 四川发布20个产教融合典型案例[N]. 2022-11-18(3)."),
    ({"page_no": None}, "[1] 钟兴茂, 陈朝和. 四川发布20个产教融合典型案例[N]. 四川教育报, 2022-11-18."),
    ({"published": None, "page_no": None}, "[1] 钟兴茂, 陈朝和. 四川发布20个产教融合典型案例[N]. 四川教育报."),
    ({"paper": None, "published": None, "page_no": None}, "[1] 钟兴茂, 陈朝和. 四川发布20个产教融合典型案例[N]."),
    ({"authors": []}, "[1] 四川发布20个产教融合典型案例[N]. 四川教育报, 2022-11-18(3)."),
])
def test_unknown_elements_are_left_out(known, expected):
    from dataclasses import replace

    assert gbt7714(replace(FULL, **known)) == expected


def test_an_untitled_article_gets_its_first_words_in_brackets():
    source = Source(id="x", title=None, first_words="日前，教育部印发\n《关于做好2023届全国普通高校毕业生就业创业工作的通知》")
    assert title_of(source) == "[无标题：日前，教育部印发 《关于做好2023届全…]"
    assert gbt7714(source) == "[1] [无标题：日前，教育部印发 《关于做好2023届全…][N]."
    assert title_of(Source(id="x", title=None, first_words="短讯")) == "[无标题：短讯]"
    assert title_of(Source(id="x", title=None)) == "[无标题]"
    assert citations(source)["untitled"] and not citations(FULL)["untitled"]


def test_authors_are_the_credited_writers_in_order():
    credits = [("钟兴茂", "author"), ("钟兴茂", "photographer"), ("陈朝和", "author"), ("罗强", "spoke"),
               ("王五", "photographer"), ("李四", "correspondent"), ("赵六", "intern")]
    assert authors_of(credits) == ["钟兴茂", "陈朝和", "李四", "赵六"]


def test_bibtex_entry():
    assert bibtex(FULL) == """@article{sichuan_edu_p1_a5,
  author = {{钟兴茂} and {陈朝和}},
  title = {四川发布20个产教融合典型案例},
  journal = {四川教育报},
  date = {2022-11-18},
  year = {2022},
  month = {11},
  pages = {3},
  url = {https://example.org/sichuan_edu/articles/p1-a5}
}"""


def test_bibtex_escapes_and_says_what_is_unknown():
    source = Source(id=f"{PAGE_ID}-a3", title="100% 达标 & {新} #1_a", authors=[])
    entry = bibtex(source)
    assert entry.startswith("@article{sichuan_edu_000_c7edaf26723f02d6_a3,\n")
    assert r"title = {100\% 达标 \& \{新\} \#1\_a}" in entry
    assert "author" not in entry and "journal" not in entry and "year" not in entry
    assert "note = {未知：报纸名、出版日期、版次}" in entry
    assert bibtex_key("p-1/x") == "sichuan_edu_p_1_x"


def test_ris_record():
    assert ris(FULL).split("\n") == [
        "TY  - NEWS", "AU  - 钟兴茂", "AU  - 陈朝和", "TI  - 四川发布20个产教融合典型案例", "T2  - 四川教育报",
        "PY  - 2022", "DA  - 2022/11/18/", "SP  - 3", "UR  - https://example.org/sichuan_edu/articles/p1-a5", "ER  - "]


def test_ris_leaves_unknowns_out():
    lines = ris(Source(id="x", title=None, first_words="首句")).split("\n")
    assert lines == ["TY  - NEWS", "TI  - [无标题：首句]", "N1  - 版面未印标题；未知：报纸名、出版日期、版次", "ER  - "]


@pytest.mark.asyncio
@pytest.mark.parametrize("n, expected, unknown", [
    (2, "[1] 钟兴茂, 陈朝和. 全省职业教育深化产教融合现场推进会在泸州召开[N].", ["报纸名", "出版日期", "版次"]),
    (3, "[1] [无标题：日前，教育部印发《关于做好2023届全国…][N].", ["责任者", "报纸名", "出版日期", "版次"]),
    (1, "[1] 沈文. 罗强主持召开全省硕士研究生招生考试安全工作视频会 确保实现“健康研考”“平安研考”[N].",
     ["报纸名", "出版日期", "版次"]),
])
async def test_seed_articles_cite_what_the_page_prints(db_path, n, expected, unknown):
    """The seed page's paper, date and page are unknown (its manifest says so): the references stop at [N]."""
    from datasette.app import Datasette

    from sichuan_edu.site import article_context

    ds = Datasette([str(db_path)])
    context = await article_context(ds.get_database("sichuan_edu"), f"{PAGE_ID}-a{n}", "https://x/a")
    assert context["citation"]["gbt7714"] == expected
    assert context["citation"]["missing"] == unknown
