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
from .lines import Piece, is_terminal, runs_on

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
    out: list[Piece] = []
    for i in range(n):
        if i in has_pred:
            continue
        j: int | None = i
        while j is not None:
            out.append(region[j])
            j = successor.get(j)
    return out
