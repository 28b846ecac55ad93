"""Widths of lines as typeset: what role decisions compare with the column."""
from sichuan_edu.lines import column_width


def test_full_width_marks_in_a_row_share_a_cell():
    assert column_width("规划（草案）》") == column_width("规划草案") + 2.5


def test_spacing_around_latin_text_takes_room():
    # pdftotext writes the typesetter's spacing around digits as spaces: the line is wider than its letters.
    assert column_width("第三个五年规划（ 2026 — 2030 ）") == column_width("第三个五年规划（2026—2030）") + 1.0
    # Spaces between Chinese characters (letter-spaced headlines) and at the ends add nothing.
    assert column_width(" 新 春 ") == column_width("新春")
