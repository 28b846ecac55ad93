"""Lines -> reading order: undo an extractor's row-wise interleaving of columns.

On pages set with loose line spacing, reading-order extractors (poppler's pdftotext, pdfminer) stop
seeing a column as one block and write the page row by row: line 1 of column A, line 1 of column B, …,
then line 2 of column A. Text then continues k lines further down instead of on the next line. The
evidence is the text itself: where a line breaks inside a word, or the next line opens with punctuation
that never starts a line (避头尾), the two lines belong together. A stretch of the page whose lines
continue k lines on (and not on the next line) is read column by column again; everything else keeps
its order. Bounded: windows of 30 lines, strides up to 8, candidates within two strides.
"""
from __future__ import annotations

import bisect

from .knowledge import Knowledge
from .lines import Piece, breaks_word, is_terminal, runs_on
from .words import is_word, segment

WINDOW, STEP, MAX_STRIDE = 30, 10, 8


def _continues(a: Piece, b: Piece, know: Knowledge) -> bool:
    """Does line b carry on line a's text (a word broken across them, or b opening with a closing mark)?"""
    return runs_on(a.compact, b.compact, know)


def strides(pieces: list[Piece], know: Knowledge) -> list[int]:
    """For each line, how many lines on its text continues (1 where the page is in order)."""
    n = len(pieces)
    out = [1] * n
    votes: list[dict[int, int]] = [{} for _ in range(n)]
    # Lines of running text only: a number alone on its line (a table's 序号 cell) would read as running
    # on into any other number (2405 | 2406 segments as one numeral).
    open_lines = [i for i in range(n) if not is_terminal(pieces[i].text, know) and not pieces[i].compact.isdigit()]
    for start in range(0, max(1, n - WINDOW // 2), STEP):
        window = open_lines[bisect.bisect_left(open_lines, start) : bisect.bisect_left(open_lines, start + WINDOW)]
        if len(window) < 10:
            continue
        rate = {1: sum(_continues(pieces[i], pieces[i + 1], know) for i in window if i + 1 < n) / len(window)}
        if rate[1] >= 0.2:
            continue  # text goes on on the next line: in order
        for k in range(2, MAX_STRIDE + 1):
            pairs = [i for i in window if i + k < n]
            rate[k] = sum(_continues(pieces[i], pieces[i + k], know) for i in pairs) / max(1, len(pairs))
        best = max(rate, key=lambda k: (rate[k], -k))
        # Interleaved: text carries on k lines down, clearly more often than on the next line.
        if best > 1 and rate[best] >= 0.3 and rate[best] - rate[1] >= 0.2:
            for i in range(start, min(n, start + WINDOW)):
                votes[i][best] = votes[i].get(best, 0) + 1
    for i, v in enumerate(votes):
        if v:
            out[i] = max(v, key=lambda k: (v[k], -k))
    return out


def reading_order(pieces: list[Piece], know: Knowledge) -> list[Piece]:
    """The page's lines in reading order: interleaved stretches read column by column."""
    if len(pieces) < 20:
        return pieces
    stride = strides(pieces, know)
    if all(k == 1 for k in stride):
        return pieces
    out: list[Piece] = []
    i = 0
    while i < len(pieces):
        if stride[i] == 1:
            out.append(pieces[i])
            i += 1
            continue
        k = stride[i]
        end = i
        while end < len(pieces) and stride[end] == k:
            end += 1
        out += _columns(pieces[i:end], k, know)
        i = end
    return out


def _columns(region: list[Piece], k: int, know: Knowledge) -> list[Piece]:
    """Link each line to the line its text continues on (about k lines down), then read chain by chain."""
    n = len(region)
    successor: dict[int, int] = {}
    has_pred: set[int] = set()
    for i in range(n):
        best, best_score = None, 0.0
        for j in range(i + 1, min(n, i + 2 * k + 1)):
            if j in has_pred:
                continue
            # Rows are regular where columns run side by side: the line k on is the first choice; a line
            # that carries the text on, one row off, wins only where that row is short (a headline's row).
            score = (1.0 if _continues(region[i], region[j], know) else 0.0) + (2.0 if j - i == k else 0.0) \
                - 0.5 * abs(j - i - k)
            if score > best_score:
                best, best_score = j, score
        if best is not None and best_score >= 0.8:
            successor[i] = best
            has_pred.add(best)
    return [region[j] for j in chains(n, successor, has_pred)]


# Blocks: pdftotext and pdfminer write each block they see followed by a blank line. On loose pages a block
# is a line or a few lines of one column, and blocks of two or three columns alternate. Within a block the
# lines are in order; the blocks are chained again by where their text carries on.
BLOCK_WINDOW = 8
FAR_BLOCK_LINES = 3
MIN_RUNNING = 10  # full-width cells: the narrowest column of running text a newspaper sets


def _chunks(pieces: list[Piece]) -> list[list[Piece]]:
    out: list[list[Piece]] = []
    for p in pieces:
        if not out or p.gap_before:
            out.append([p])
        else:
            out[-1].append(p)
    return out


def _carry(a: Piece, b: Piece, know: Knowledge) -> int:
    """How strongly b carries on a's text: 2 a word broken across them (or b opening with a closing
    mark), 1 a line left unfinished (…的 | …), 0 no evidence."""
    if is_terminal(a.text, know) or a.width < MIN_RUNNING or a.compact.isdigit() or b.compact.isdigit():
        return 0  # a line that ends a sentence, or too short to be running text (a table's cell)
    if breaks_word(a.compact, b.compact, know):
        return 2
    return 1 if runs_on(a.compact, b.compact, know) else 0


def chain_blocks(pieces: list[Piece], know: Knowledge) -> list[Piece]:
    """Blocks in reading order: a block whose last line breaks a word that a block a few blocks on
    completes (and the next block does not) is followed by that block; chains are read in the order
    they start. Nearest links first, each block one successor and one predecessor; bounded: a block
    looks BLOCK_WINDOW blocks ahead."""
    if sum(1 for p in pieces[1:] if p.gap_before) > 0.9 * (len(pieces) - 1):
        return pieces  # a blank line after every line: blocks say nothing
    chunks = _chunks(pieces)
    n = len(chunks)
    if n < 6:
        return pieces
    links = sorted((j - i, i, j) for i in range(n) for j in range(i + 1, min(n, i + BLOCK_WINDOW + 1))
                   if _carry(chunks[i][-1], chunks[j][0], know) == 2)
    successor: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in links:
        if i not in successor and j not in taken and not _closes_loop(successor, i, j):
            successor[i] = j
            taken.add(j)
    _far_links(chunks, successor, taken, know)
    if all(j == i + 1 for i, j in successor.items()):
        return pieces
    return [p for j in chains(n, successor, taken) for p in chunks[j]]


def chains(n: int, successor: dict[int, int], taken: set[int]) -> list[int]:
    """Items 0..n-1 read chain by chain: each chain from an item nothing leads to, in the order chains start."""
    out: list[int] = []
    for i in range(n):
        if i in taken:
            continue
        j: int | None = i
        while j is not None:
            out.append(j)
            j = successor.get(j)
    return out


def _fragment_join(a: Piece, b: Piece, know: Knowledge) -> bool:
    """Stronger than a broken word: a lone character ends a and a lone character opens b, and together
    they make a word (…国防教 | 育领导体制。), or b opens with a mark no line starts with."""
    if _carry(a, b, know) < 2:
        return False
    if b.compact[:1] in know.no_line_start:
        return True
    end, start = segment(a.compact[-4:]), segment(b.compact[:4])
    return len(end[-1]) == 1 and len(start[0]) == 1 and is_word(end[-1] + start[0])


def _far_links(chunks: list[list[Piece]], successor: dict[int, int], taken: set[int], know: Knowledge) -> None:
    """A column continued far down the extractor's order (past other articles' blocks): a block left
    hanging inside a word is followed by the nearest later block that completes the word and does not
    carry on the block before it. Quadratic in the hanging blocks only (a few per page)."""
    # Blocks of a column, several lines long (on loose pages a block is a line or two, and hangs anyway).
    hanging = [i for i in range(len(chunks) - 1) if i not in successor and _carry(chunks[i][-1], chunks[i + 1][0], know) < 2
               and not is_terminal(chunks[i][-1].text, know) and chunks[i][-1].width >= MIN_RUNNING
               and len(chunks[i]) >= FAR_BLOCK_LINES]
    for i in hanging:
        for j in range(i + BLOCK_WINDOW + 1, len(chunks)):
            if j in taken or len(chunks[j]) < FAR_BLOCK_LINES or _carry(chunks[j - 1][-1], chunks[j][0], know) \
                    or _closes_loop(successor, i, j):
                continue
            if _fragment_join(chunks[i][-1], chunks[j][0], know):
                successor[i] = j
                taken.add(j)
                break


def _closes_loop(successor: dict[int, int], i: int, j: int) -> bool:
    """Would linking i to j close a chain on itself?"""
    while j in successor:
        j = successor[j]
    return j == i
