"""The faster no-HMM cut gives jieba's own words, on every page of the corpus; the tagger mentions keeps
its readings of unknown runs and still tags as jieba does."""
import json
from pathlib import Path

import jieba
import pytest

from sichuan_edu.words import Words, cut_no_hmm

CORPUS = Path(__file__).parent / "corpus"
TEXTS = CORPUS / "texts"
PAGES = sorted((CORPUS / "pages").glob("*/*.txt")) + sorted((CORPUS / "independent" / "pages").glob("*/*.txt"))


@pytest.fixture(scope="module")
def taught():
    """A tokenizer taught names, as the build teaches it a page's (Words.names)."""
    words = Words(Path(__file__).parents[1] / "seeds" / "knowledge")
    return words


@pytest.mark.parametrize("path", PAGES[::7], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cut_no_hmm_is_jiebas_cut(path, taught):
    text = path.read_text(encoding="utf-8")
    assert cut_no_hmm(jieba.dt, text) == jieba.dt.lcut(text, HMM=False)
    with taught.names(["王小明", "东方职业技术学院", "欧阳明月"]):
        assert cut_no_hmm(taught.tokenizer, text) == taught.tokenizer.lcut(text, HMM=False)


def test_cut_no_hmm_edge_cases():
    for text in ["", " ", "\r\n", "ABC123 四川", "a", "（）", "2023年11月", "Windows 10系统", "++##", "..."]:
        assert cut_no_hmm(jieba.dt, text) == jieba.dt.lcut(text, HMM=False), text


def test_tagger_tags_as_jieba():
    """words.tagged (the faster route, each unknown run's reading kept) gives jieba's tagger's words and tags."""
    import jieba.posseg

    from sichuan_edu.words import tagged

    plain = jieba.posseg.POSTokenizer(jieba.dt)  # a second tagger on the same dictionary, nothing kept
    texts = ["".join(json.loads(line)["paragraphs"]) for f in sorted(TEXTS.glob("*.jsonl"))
             for line in f.read_text(encoding="utf-8").splitlines()[:20]]
    texts += [p.read_text(encoding="utf-8") for p in PAGES[::7]]
    for text in texts + texts + ["", " ", "\r\n", "ABC123 四川", "2023年11月", "Windows 10系统", "++##", "3.5％"]:
        assert tagged(text) == [(p.word, p.flag) for p in plain.cut(text)]


def test_name_run_search_is_the_regex():
    """mentions' search for names ending in a suffix finds what know.name_run finds, from every offset."""
    from sichuan_edu.knowledge import load_knowledge
    from sichuan_edu.mentions import _name_run_search

    know = load_knowledge()
    texts = [p.read_text(encoding="utf-8") for p in PAGES[::5]] + ["", "中心", "（四川）教育厅", "a大学b", "某某" * 20 + "学校"]
    for text in texts:
        search = _name_run_search(text, know)
        for at in range(0, len(text) + 2, 3):
            m, r = know.name_run.search(text, at), search(at)
            assert (m and (m.start(), m.end())) == (r and (r.start(), r.end())), (text[at : at + 30], at)
