"""Widths of lines as typeset: what role decisions compare with the column."""
from sichuan_edu.lines import column_width


def test_full_width_marks_in_a_row_share_a_cell():
    assert column_width("规划（草案）》") == column_width("规划草案") + 2.5


def test_spacing_around_latin_text_takes_room():
    # pdftotext writes the typesetter's spacing around digits as spaces: the line is wider than its letters.
    assert column_width("第三个五年规划（ 2026 — 2030 ）") == column_width("第三个五年规划（2026—2030）") + 1.0
    # Spaces between Chinese characters (letter-spaced headlines) and at the ends add nothing.
    assert column_width(" 新 春 ") == column_width("新春")


def test_an_author_mark_vouches_for_a_surname_that_is_also_a_word(know):
    from sichuan_edu.roles import is_credit_line
    assert is_credit_line("□ 向明远", know) and is_credit_line("■ 于小红", know)
    assert not is_credit_line("□ 向前进发展", know)  # not a name: a bulleted headline
