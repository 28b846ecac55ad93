"""Lines -> pieces: the stretches of a page's text the layout stages read, with their measures.

A piece is a line, or part of a line where an extractor glued two things together. Its width is measured
in full-width cells, as a column of Chinese type is; whether it ends a sentence, and whether a word runs
on from it into the next line, are the tests every later stage uses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .knowledge import Knowledge
from .pages import Line
from .words import segment

WHITESPACE = re.compile(r"\s+")
PAIRED_MARKS = ("“”", "‘’", "《》", "（）", "「」", "『』", "【】")  # quotation, title and bracket marks
OPENING_MARKS = "".join(pair[0] for pair in PAIRED_MARKS)


@dataclass
class Piece:
    """A stretch of one line: [start, end) in the line's text, with its role and why."""

    line_no: int
    start: int
    end: int
    text: str
    line_width: float | None = None  # width of the whole column line; None where a line was split
    alone: bool = True  # the piece is its whole line
    gap_before: int = 0  # blank lines before it
    role: str = ""
    starts: bool = False  # body: the first line of a paragraph
    why: str = ""
    grid: int = 0  # a PDF page's table read from its geometry: which one (0: none known, as on a text page)
    match: dict = field(default_factory=dict)  # source: the named groups of its pattern, plus 'text'

    @property
    def compact(self) -> str:
        return _compact(self.text)

    @property
    def width(self) -> float:
        return self.line_width if self.line_width is not None else column_width(self.text)


@lru_cache(maxsize=1 << 14)  # a piece's compact text is asked for again and again by the layout stages
def _compact(text: str) -> str:
    return WHITESPACE.sub("", text)


def width(text: str) -> float:
    """Column width in full-width character cells: CJK and full-width marks 1, ASCII 0.5."""
    chars = len(text) - text.count(" ")
    wide = (len(text.encode("utf-8")) - len(text)) / 2  # a CJK character is 3 bytes in UTF-8, ASCII 1
    return wide + (chars - wide) * 0.5


PUNCT = set("，。、；：？！“”‘’（）《》〈〉「」『』【】…—·")


@lru_cache(maxsize=1 << 14)  # asked of each piece many times over (Piece.width)
def column_width(text: str) -> float:
    """A line's width as typeset: like width(), but two full-width marks in a row share one cell, as
    Chinese typesetting compresses them (标点挤压), so lines of one column measure alike."""
    w = width(text)
    for a, b in zip(text, text[1:]):
        if a in PUNCT and b in PUNCT:
            w -= 0.5
    # A space an extractor writes between Chinese and Latin text (（ 2026 — 2030 ）) is the typesetter's
    # spacing around Latin letters and digits: it takes room on the line.
    w += 0.25 * len(CJK_LATIN_GAP.findall(text.strip()))
    return w


CJK_LATIN_GAP = re.compile(r"(?<=[^\x00-\x7f]) (?=[\x21-\x7e])|(?<=[\x21-\x7e]) (?=[^\x00-\x7f])")


def is_terminal(text: str, know: Knowledge, marks: str | None = None) -> bool:
    """Does the text end a sentence (so a paragraph may end here)?"""
    marks = marks or know.sentence_final
    t = text.rstrip()
    while t and t[-1] in know.closing_marks:
        if len(t) >= 2 and t[-2] in marks:
            return True
        t = t[:-1]
    return bool(t) and t[-1] in marks


def line_pieces(lines: list[Line]) -> list[Piece]:
    """One piece per non-blank line, trimmed, with the number of blank lines before it."""
    out, gap = [], 0
    for line in lines:
        stripped = line.text.strip()
        if not stripped:
            gap += 1
            continue
        start = len(line.text) - len(line.text.lstrip())
        out.append(Piece(line.no, start, start + len(stripped), stripped, column_width(stripped), gap_before=gap))
        gap = 0
    return out


def sub_piece(piece: Piece, a: int, b: int, whole: bool = False) -> Piece | None:
    """The trimmed sub-piece [a, b) of a piece (offsets relative to the piece), or None if blank."""
    seg = piece.text[a:b]
    if not seg.strip():
        return None
    lead = len(seg) - len(seg.lstrip())
    seg = seg.strip()
    start = piece.start + a + lead
    return Piece(piece.line_no, start, start + len(seg), seg, piece.line_width if whole else None, alone=False,
                 gap_before=piece.gap_before if a == 0 else 0)


# ---------------------------------------------------------------------------------------------------
# Source lines, glued or wrapped


def runs_on(first: str, second: str, know: Knowledge) -> bool:
    """Does a word run on from the end of one line into the next (a line broken mid-word or mid-phrase)?"""
    if not first or not second:
        return False
    if second[0] in know.no_line_start or first[-1] in "“‘（《" or first[-1] in know.unfinished_endings:
        return True
    return _runs_on(first[-4:], second[:4])


def breaks_word(first: str, second: str, know: Knowledge) -> bool:
    """Stricter than runs_on: a word broken across the join, or a closing mark opening the second line
    (a line ending in 为 or 的 proves nothing when the next is another headline)."""
    return bool(first and second) and (second[0] in know.no_line_start or _runs_on(first[-4:], second[:4]))


@lru_cache(maxsize=65536)
def _runs_on(first: str, second: str) -> bool:
    """Does jieba read a word across the join of the two (…物质文 | 明建设…)?"""
    at = 0
    for word in segment(first + second):
        if at < len(first) < at + len(word):
            return True
        at += len(word)
    return False


def blank_lines_mean(pieces: list[Piece]) -> bool:
    """Some extractors write a blank line after every line; then blank lines say nothing."""
    if len(pieces) < 4:
        return False
    gaps = sum(1 for p in pieces[1:] if p.gap_before)
    return gaps < 0.5 * (len(pieces) - 1)


