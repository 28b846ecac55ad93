"""Blocks in reading order -> columns carried on far down the page.

A reading-order extractor (pdftotext, pdfminer) writes a page block by block. Where a column ends inside a
sentence, the block that carries it on is often written much later, after other articles' blocks (the
next column of the same article sits beside another article's headline). Left in place, the hanging
column reads on into whatever block follows it: a headline, a caption, another article's text.

A column hangs when its block of several lines ends on a full line that ends no sentence and the next block
reads on poorly. Its continuation is a later block that opens with a full line of the same measure, where
the block before it has ended (a sentence, a narrower line), chosen by the evidence of the join (jieba's
broken words, 避头尾 marks, order.continuity) plus the words the two blocks share (an article's column and
its continuation speak of the same things; two articles seldom do), and only when it clearly beats reading
on in place. The chosen block is moved to follow the hanging one; everything else keeps its order.
Bounded: hanging blocks × later blocks, a few dozen of each on a page.
"""
from __future__ import annotations

from .knowledge import Knowledge
from .lines import Piece, is_terminal
from .order import MIN_RUNNING, _chunks, continuity, margin_form
from .text import char_pairs

MIN_LINES = 3  # a block that shows its column's measure (two of its lines full)
FULL, FULL_SHARE = 1.0, 0.08  # a full line is within a cell, or 8%, of its column's measure
NEAR = 3.0  # the lines near a block's widest, whose median is its measure
SHARED_WEIGHT = 6.0  # evidence per share of the continuation's word pairs found in the hanging column
AHEAD, BEHIND = 120, 400  # characters of a continuation and of the column before it that are compared
MARGIN = 1.5  # how much better than reading on in place a continuation elsewhere must be
MIN_SCORE = 1.0  # and how good in itself
LOOSE = 0.5  # a blank line after most lines: the page is written row by row (order.reading_order's case)


def carry_on_columns(pieces: list[Piece], know: Knowledge) -> list[Piece]:
    """The pieces with each hanging column followed by the block that carries it on."""
    if sum(1 for p in pieces[1:] if p.gap_before) > LOOSE * max(1, len(pieces) - 1):
        return pieces
    chunks = _chunks(pieces)
    n = len(chunks)
    if n < 3:
        return pieces
    link = hanging_links(chunks, know)
    if not link:
        return pieces
    moved = set(link.values())
    out: list[Piece] = []
    for k in range(n):
        if k in moved:
            continue
        while k is not None:
            out += chunks[k]
            k = link.get(k)
    return out


def hanging_links(chunks: list[list[Piece]], know: Knowledge) -> dict[int, int]:
    """Hanging block -> the later block that carries it on."""
    link: dict[int, int] = {}
    for i in range(len(chunks) - 1):
        measure = _measure(chunks[i])
        if measure is None or not _hangs(chunks[i][-1], measure, know):
            continue
        column, last = char_pairs(_column_text(chunks, i)), chunks[i][-1]
        stay = _score(column, last, chunks[i + 1], know) + MARGIN
        taken = set(link.values())
        best = max(((_score(column, last, chunks[j], know), j) for j in range(i + 2, len(chunks))
                    if j not in taken and _opens_mid_column(chunks, j, measure, know)), default=None)
        if best and best[0] >= max(stay, MIN_SCORE):
            link[i] = best[1]
    return link


def _measure(chunk: list[Piece]) -> float | None:
    """The width of a block's full lines (the median of those near its widest), or None for a block too short
    to tell or not running text."""
    if len(chunk) < MIN_LINES:
        return None
    widest = max(p.width for p in chunk)
    full = sorted(p.width for p in chunk if p.width >= widest - NEAR)
    return full[len(full) // 2] if len(full) >= 2 and widest >= MIN_RUNNING else None


def _full(p: Piece, measure: float) -> bool:
    """A line of the column's measure: justified lines differ by a cell or two where they hold Latin text."""
    return abs(p.width - measure) <= max(FULL, FULL_SHARE * measure)


def _hangs(last: Piece, measure: float, know: Knowledge) -> bool:
    """A full line that ends no sentence (nor a clause that a list follows)."""
    return _full(last, measure) and not is_terminal(last.text, know) and last.text.rstrip()[-1:] not in "：:" \
        and not last.text.startswith("—")


def _opens_mid_column(chunks: list[list[Piece]], j: int, measure: float, know: Knowledge) -> bool:
    """Block j is running text of the measure and follows a block that has ended."""
    first, before = chunks[j][0], chunks[j - 1][-1]
    if len(chunks[j]) < MIN_LINES or not _full(first, measure) or know.any_source.match(first.compact) \
            or margin_form(first, know):
        return False
    # Running text of the same measure: its first lines full or ending a paragraph (a headline opening a
    # block has a short line that ends no sentence).
    if any(not _full(p, measure) and not is_terminal(p.text, know) for p in chunks[j][1:MIN_LINES]):
        return False
    return is_terminal(before.text, know) or before.width < first.width - 2 or margin_form(before, know)


def _score(column: set[str], last: Piece, nxt: list[Piece], know: Knowledge) -> float:
    """Evidence that block nxt carries on the column (the pairs of its text so far, ending on line last): the
    join's, and the share of nxt's pairs the column has."""
    pairs = char_pairs("".join(p.compact for p in nxt)[:AHEAD])
    shared = len(pairs & column) / len(pairs) if pairs else 0.0
    return continuity(last, nxt[0], know) + SHARED_WEIGHT * shared


def _column_text(chunks: list[list[Piece]], i: int) -> str:
    """The text of block i and the blocks of running text before it, back to BEHIND characters."""
    parts: list[str] = []
    size = 0
    k = i
    while k >= 0 and size < BEHIND and (k == i or _measure(chunks[k]) is not None):
        text = "".join(p.compact for p in chunks[k])
        parts.append(text)
        size += len(text)
        k -= 1
    return "".join(reversed(parts))[-BEHIND:]
