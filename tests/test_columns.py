"""A column left hanging mid-sentence by a reading-order extractor picks up at the block that carries it on."""
from sichuan_edu.columns import carry_on_columns
from sichuan_edu.lines import line_pieces
from sichuan_edu.pages import split_lines

# A page written here, 12-cell columns: the first article's column ends inside a sentence (…走进图 | 书馆…), the
# extractor then writes another article's headline and text, and only after them the block that goes on.
HANGING = [
    "县中学开展读书月活动",
    "",
    "本月以来，县中学组织全校",
    "师生开展读书月活动，图书",
    "馆延长开放时间，各班设立",
    "读书角，老师带学生走进图",
    "",
    "乡村小学新建塑胶操场",
    "",
    "日前，镇中心小学新建的塑",
    "胶操场正式投入使用，全校",
    "三百多名孩子有了运动场地。",
    "",
    "书馆，阅读经典名著，在读",
    "书角交流读书心得，本月",
    "全校师生共读书一万多册。",
]


def texts(pieces):
    return [p.text for p in pieces]


def page(lines):
    return line_pieces(split_lines("\n".join(lines)))


def test_hanging_column_followed_by_its_continuation(know):
    out = texts(carry_on_columns(page(HANGING), know))
    at = out.index("读书角，老师带学生走进图")
    assert out[at + 1] == "书馆，阅读经典名著，在读"
    # The other article keeps its headline before its text, and nothing is lost or doubled.
    assert out.index("乡村小学新建塑胶操场") + 1 == out.index("日前，镇中心小学新建的塑")
    assert sorted(out) == sorted(t for t in HANGING if t)


def test_column_that_ends_a_sentence_stays(know):
    lines = list(HANGING)
    lines[5] = "读书角，供学生课间阅读。"  # the column ends its sentence: nothing hangs
    assert texts(carry_on_columns(page(lines), know)) == [t for t in lines if t]


def test_continuation_must_be_running_text_of_the_measure(know):
    # A later block that opens with a headline (a short line that ends no sentence under its first line)
    # never carries a column on, however many words it shares.
    lines = HANGING[:13] + ["县中学图书馆开展读书月活", "动", "书馆，阅读经典名著，在读", "书角交流读书心得。"]
    assert texts(carry_on_columns(page(lines), know)) == [t for t in lines if t]


def test_page_written_row_by_row_is_left_to_reading_order(know):
    # A blank line after every line: the extractor wrote rows across columns, which reading_order undoes.
    lines = [x for t in HANGING if t for x in (t, "")]
    assert texts(carry_on_columns(page(lines), know)) == [t for t in HANGING if t]
