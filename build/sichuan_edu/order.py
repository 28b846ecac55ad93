"""Lines -> reading order: undo an extractor's row-wise interleaving of columns.

On pages set with loose line spacing, reading-order extractors (poppler's pdftotext, pdfminer) stop
seeing a column as one block and write the page row by row: line 1 of column A, line 1 of column B, …,
then line 2 of column A, often with a blank line after each line or each few lines. Within a column the
order survives, so the page is a merge of its columns: each block's text carries on a few blocks further
down, about as many as there are columns side by side (the stride), which changes across the page.

The evidence is the text itself, graded: how much likelier jieba finds the join of two lines than the two
apart (a word broken across them), a closing mark opening the next line (避头尾), a line left on 的. The
structure is the row model: rows of the column grid read left to right, so links never cross, and while the
same columns run the stride is their number; a column ending or starting changes it (_monotone_links, a
Viterbi over the whole stretch, gives each block its row's stride, the text's evidence and the cost of each
column's end, start and stride change weighed together). Each block is then given one successor within a
band ahead and each block one predecessor, best pairs first, where a pair's score is that evidence plus the
log-share of its stride among the confident pairs around it, with the row model's stride favoured; the
chains are then read in the order they start (row by row, so the columns of one row in turn). Only the
stretches of a page whose confident pairs mostly skip blocks are touched; pages in order keep their order.
Bounded: a band of BAND blocks ahead, strides counted within RADIUS blocks, the interleaving within
GATE_RADIUS blocks; near-linear in the page's blocks (the row model: BAND² states per block).
"""
from __future__ import annotations

import math
from math import log
from functools import lru_cache
from itertools import pairwise

from .knowledge import Knowledge
from .lines import Piece, breaks_word, is_terminal, runs_on
from .words import _plain_tokenizer, is_word, route, segment

BAND = 12  # blocks ahead a line's text may carry on to: strides up to 6 columns, with a block of two in each
RADIUS = 12  # blocks each side whose confident pairs give a block its strides
GATE_RADIUS, GATE_MIN, GATE_SHARE = 40, 4, 0.6  # interleaved: ≥ 4 confident skipping pairs, ≥ 0.6 × the adjacent ones
CONFIDENT = 2.0  # continuity of a pair that tells its stride (a word broken across it, about)
STRIDE_SMOOTHING, ADJACENT_PRIOR, PAGE_PRIOR = 0.5, 2.0, 3.0  # pseudo-counts of the stride shares
FAR_BACK, FAR_AHEAD, FAR_MIN = 40, 60, 3.5  # a column's continuation out of the band: blocks back/ahead, evidence
# (150 each way measured alike: wrong links 403/402 vs 407/413, body F1 on fresh pages within ±.01)
ROUNDS = 2  # strides re-counted from the chosen pairs
MIN_PAIR = -4.0  # a pair scoring lower (no evidence, a stride seldom seen here) is never chosen


@lru_cache(maxsize=65536)
def _suffix_scores(text: str) -> tuple[float, ...]:
    """jieba's calc() on the text, route scores only: for each offset k, the log-probability of the best
    segmentation of text[k:] (its dictionary's word frequencies), and 0 past the end."""
    return tuple(_route_scores(text, len(text), [0.0]))


def _route_scores(text: str, m: int, tail: list[float] | tuple[float, ...]) -> list[float]:
    """Route scores of text[:m], given those of text[m:] (tail, ending in the 0 past the end): jieba's calc,
    the same floats (words.route)."""
    tokenizer = _plain_tokenizer()
    tokenizer.check_initialized()
    return route(text, tokenizer.FREQ, log(tokenizer.total), m, tail)[0]


def _spans(end: str, start: str) -> bool:
    """Does a word of jieba's dictionary run from end into start (as get_DAG walks its prefixes)?"""
    freq = _plain_tokenizer().FREQ
    for head in _open_ends(end):
        for i in range(1, len(start) + 1):
            f = freq.get(head + start[:i])
            if f is None:
                break
            if f:
                return True
    return False


@lru_cache(maxsize=65536)
def _open_ends(end: str) -> tuple[str, ...]:
    """The endings of a line's text that a dictionary word may carry on from: get_DAG's walk from a
    character of end reaches the join only through one of them."""
    tokenizer = _plain_tokenizer()
    tokenizer.check_initialized()
    return tuple(end[k:] for k in range(len(end)) if end[k:] in tokenizer.FREQ)


def _joined_log_prob(end: str, start: str) -> float:
    """_log_prob(end + start), from start's cached route scores: only end's offsets are scored."""
    return _route_scores(end + start, len(end), _suffix_scores(start))[0]


def _log_prob(text: str) -> float:
    """Log-probability of jieba's best segmentation of the text (its dictionary's word frequencies)."""
    return _suffix_scores(text)[0]


@lru_cache(maxsize=65536)
def join_gain(end: str, start: str) -> float:
    """How much likelier the joined text is than its two parts apart: 0 where the best segmentation cuts at
    the join, large where a common word spans it (…社会主 | 义…)."""
    if not end or not start:
        return 0.0
    return _joined_log_prob(end, start) - _log_prob(end) - _log_prob(start)


def continuity(a: Piece, b: Piece, know: Knowledge) -> float:
    """Evidence, in rough log-odds, that line b carries on line a's text (measured on the corpus: a word
    spans 41% of true joins and 2.5% of false ones)."""
    return _continuity(_end_facts(a, know), _start_facts(b, know), know)


def _end_facts(a: Piece, know: Knowledge) -> tuple[str, bool, float]:
    """What continuity() asks of a line it reads on from; computed once per line, not once per pair."""
    ac = a.compact
    return ac, not ac or ac.isdigit() or is_terminal(a.text, know), a.width


def _start_facts(b: Piece, know: Knowledge) -> tuple[str, bool, float, Piece]:
    """What continuity() asks of a line that may carry on another (its own ending, only when needed)."""
    bc = b.compact
    return bc, not bc or bc.isdigit(), b.width, b


def _continuity(end: tuple[str, bool, float], start: tuple[str, bool, float, Piece], know: Knowledge) -> float:
    ac, a_stops, a_width = end
    bc, b_blank, b_width, b = start
    if a_stops or b_blank:
        # A number alone on its line (a table's cell) would read on into any other number; a sentence that
        # ends may be followed by any paragraph.
        return 0.0
    if bc[0] in know.no_line_start:
        return 4.0
    if ac[-1].isdigit() and bc[0] in DATE_UNITS:
        return 3.0  # a number broken from its unit (…记者 王红）27 | 日，…; …增长到2025 | 年底…)
    if ac[-1] in "讯电" and bc[0] == "（" and know.any_source.match(ac):
        return 3.0  # a source line's reporters in brackets on the next line (本报北京1月14日讯 | （记者 …）)
    closer = _open_mark(ac)
    if closer and closer in bc[:CLOSE_WITHIN] and not any(m in bc[: bc.index(closer)] for m in OPENERS):
        return 3.0  # a bracket or quotation left open (本报讯（记者 张 | 明）…) closes a few characters on
    end, begin = ac[-4:], bc[:4]
    # Where no word spans the join, the join's best segmentation is its parts' and the gain 0 (but for
    # rounding, far below the 0.01 that counts): the cheap test spares jieba's scoring of most pairs.
    gain = join_gain(end, begin) if _spans(end, begin) else 0.0
    score = min(gain, 8.0) / 2 if gain > 0.01 else -0.5
    if ac[-1] in know.unfinished_endings or ac[-1] in "“‘（《":
        score += 0.5  # a line left on 的, 和 or an opening mark goes on
    if b_width < a_width - 1.5 and not is_terminal(b.text, know):
        score -= 1.0  # a running line is followed by one as wide, or by a paragraph's last line
    return score


PAIRS = {"（": "）", "“": "”"}  # (a title mark 《 may close far on: 《关于…的意见》)
OPENERS = "".join(PAIRS)
CLOSE_WITHIN = 12  # a name or a few words: a bracket closed further on says little
DATE_UNITS = "年月日号"  # what a number broken at a line's end may wait for


@lru_cache(maxsize=65536)
def _open_mark(text: str) -> str | None:
    """The closing mark a line's last unclosed bracket or quotation waits for, if any."""
    for k in range(len(text) - 1, -1, -1):
        ch = text[k]
        if ch in PAIRS.values():
            return None
        if ch in PAIRS:
            return PAIRS[ch] if len(text) - k <= CLOSE_WITHIN + 4 else None
    return None


def reading_order(pieces: list[Piece], know: Knowledge) -> list[Piece]:
    """The page's lines in reading order: interleaved stretches read column by column."""
    # Extractors that interleave write a blank line after each block; those that write none follow the
    # content stream (PDFium, pdftotext -raw), and there short lines (a table's cells) would only mislead.
    if len(pieces) < 20 or sum(1 for p in pieces[1:] if p.gap_before) <= 0.3 * len(pieces):
        return pieces
    units = _chunks(pieces)
    n = len(units)
    ends = [_end_facts(u[-1], know) for u in units]
    starts = [_start_facts(u[0], know) for u in units]
    out: list[Piece] = []
    for a, b, interleaved in _regions(n, _may_be_confident(ends, starts, know)):
        region = units[a:b]
        if not interleaved:
            out += [p for u in region for p in u]
            continue
        local = {}
        for i in range(a, b):
            for j in range(i + 1, min(b, i + BAND + 1)):  # a line that ends: no evidence
                local[i - a, j - a] = 0.0 if ends[i][1] else _continuity(ends[i], starts[j], know)
        kinds = block_kinds(region, know)
        successor = _assign(region, _allowed(local, kinds), know, kinds)
        out += [p for j in chains(len(region), successor, set(successor.values())) for p in region[j]]
    return out


def _waits(ac: str) -> bool:
    """Does a line's end wait for what _continuity's marked rules look for in the next line?"""
    return ac[-1].isdigit() or ac[-1] in "讯电" or _open_mark(ac) is not None


def _may_be_confident(ends: list[tuple[str, bool, float]], starts: list[tuple[str, bool, float, Piece]],
                      know: Knowledge) -> dict[tuple[int, int], float]:
    """The scores of the pairs in the band that may reach CONFIDENT, which is all _regions asks: a pair scores
    above 0 only where its second line opens with a mark no line starts with, a dictionary word runs from the
    first line's end into it (_spans, whose walk starts with one of the end's open endings and the next
    character), or the first line waits for something (a mark's close, a number's unit, a source's reporters:
    all its pairs are scored). Most pairs of a page in order are none of these, and are not scored."""
    tokenizer = _plain_tokenizer()
    tokenizer.check_initialized()
    freq, scores = tokenizer.FREQ, {}
    firsts = [bc[:1] if not blank else None for bc, blank, _, _ in starts]
    for i, end in enumerate(ends):
        if end[1]:
            continue  # a line that ends: no evidence (0)
        heads = _open_ends(end[0][-4:])
        waits = _waits(end[0])
        for j in range(i + 1, min(len(ends), i + BAND + 1)):
            first = firsts[j]
            if first is None:
                continue
            may = waits or first in know.no_line_start
            for head in heads:  # (a loop, not any(): this runs for every pair of the page)
                if may:
                    break
                may = head + first in freq
            if may:
                scores[i, j] = _continuity(end, starts[j], know)
    return scores


# Kinds of blocks on an interleaved page. A margin's line (paper name, date, page) stays where the extractor
# wrote it: carried into a column's chain it would be read as that column's text, and far from the page's
# edge it is no longer seen as a margin. A source line (本报…讯, 新华社…电) opens an article: no other text
# reads on into it, however well its stride fits (measured: pdfminer sources .676 -> .704).
FURNITURE, SOURCE, TEXT = "furniture", "source", "text"
MARGIN_MARKS = "，。；：、！？"  # margins print names, dates and numbers, never sentences


def _furniture(p: Piece, know: Knowledge) -> bool:
    return not any(m in p.text for m in MARGIN_MARKS) and margin_form(p, know)


def margin_form(p: Piece, know: Knowledge) -> bool:
    """A line in one of the margins' forms (paper name, date, page, editors), punctuated or not."""
    return any(f.search(p.text) for f in know.furniture) or bool(know.paper_name.match(p.compact))


def block_kinds(units: list[list[Piece]], know: Knowledge) -> list[str]:
    """Each block's kind: furniture (a margin's line, or a scrap too short to read on), source (opens with a
    source line) or text."""
    return [FURNITURE if len(u) == 1 and (_furniture(u[0], know) or _scrap(u[0], know))
            else SOURCE if know.any_source.match(u[0].compact) else TEXT for u in units]


# A line of a few characters that ends no sentence (a table cell's wrap: 学院, 专科; a headline's last
# characters) carries too little text to tell where it reads on: only the row model's stride would place it,
# and a table's cells are read in the extractor's order (measured: table rows exact, pdftotext .940 -> .948).
SCRAP_WIDTH = 4  # full-width cells


def _scrap(p: Piece, know: Knowledge) -> bool:
    return p.width < SCRAP_WIDTH and not is_terminal(p.text, know) and not know.any_source.match(p.compact)


def _allowed(scores: dict[tuple[int, int], float], kinds: list[str]) -> dict[tuple[int, int], float]:
    """The pairs a chain may use: none out of or into the margins, none into a source line."""
    return {(i, j): s for (i, j), s in scores.items()
            if FURNITURE not in (kinds[i], kinds[j]) and kinds[j] != SOURCE}


def _confident(n: int, scores: dict[tuple[int, int], float]) -> dict[int, int]:
    """Each block's best successor in the band, where the text says so clearly."""
    links = {}
    for i in range(n):
        # Ties (evidence at its cap) go to the farther block: measured, pdfminer .893 -> .897.
        best = max(((scores[i, j], j) for j in range(i + 1, min(n, i + BAND + 1)) if (i, j) in scores), default=None)
        if best and best[0] >= CONFIDENT:
            links[i] = best[1]
    return links


def _regions(n: int, scores: dict[tuple[int, int], float]) -> list[tuple[int, int, bool]]:
    """Stretches [a, b) of the page, and whether each is interleaved: around its blocks, confident pairs that
    skip blocks are many and not outnumbered by adjacent ones."""
    links = _confident(n, scores)
    skip = [0] * (n + 1)
    near = [0] * (n + 1)
    for i in range(n):
        j = links.get(i)
        skip[i + 1] = skip[i] + (j is not None and j > i + 1)
        near[i + 1] = near[i] + (j == i + 1)
    flags = []
    for i in range(n):
        lo, hi = max(0, i - GATE_RADIUS), min(n, i + GATE_RADIUS + 1)
        far, adjacent = skip[hi] - skip[lo], near[hi] - near[lo]
        flags.append(far >= GATE_MIN and far >= GATE_SHARE * adjacent)
    out: list[tuple[int, int, bool]] = []
    for i, flag in enumerate(flags):
        if out and out[-1][2] == flag:
            out[-1] = (out[-1][0], i + 1, flag)
        else:
            out.append((i, i + 1, flag))
    return out


def _stride_priors(n: int, links: dict[int, int]) -> list[list[float]]:
    """For each block, the log-share of each stride 1..BAND among the chosen pairs within RADIUS blocks,
    smoothed towards the page's shares and towards reading on (stride 1)."""
    page = [0.0] * (BAND + 1)
    for i, j in links.items():
        page[j - i] += 1
    total = sum(page) or 1.0
    out = []
    for i in range(n):
        counts = [PAGE_PRIOR * c / total for c in page]
        counts[1] += ADJACENT_PRIOR
        for k in range(max(0, i - RADIUS), min(n, i + RADIUS + 1)):
            j = links.get(k)
            if j is not None and k != i:
                counts[j - k] += 1
        norm = sum(counts[1:]) + STRIDE_SMOOTHING * BAND
        out.append([0.0] + [math.log((c + STRIDE_SMOOTHING) / norm) for c in counts[1:]])
    return out


def _assign(units: list[list[Piece]], scores: dict[tuple[int, int], float], know: Knowledge,
            kinds: list[str]) -> dict[int, int]:
    """One successor per block and one predecessor, best pairs first (continuity plus stride prior); the
    strides re-counted from the chosen pairs; then a column's continuation out of the band (_far_columns)."""
    n = len(units)
    links = _confident(n, scores)
    strides = _row_strides(n, _monotone_links(units, scores, know, kinds))
    successor: dict[int, int] = {}
    for _ in range(ROUNDS):
        prior = _path_priors(n, strides, _stride_priors(n, links))
        pairs = sorted(((s + prior[i][j - i], i, j) for (i, j), s in scores.items()), reverse=True)
        successor, heads = {}, _Heads(n)
        for score, i, j in pairs:
            if score < MIN_PAIR:
                break
            if i not in successor and heads.free(j) and heads.join(i, j):
                successor[i] = j
        links = {i: j for i, j in successor.items() if scores[i, j] >= 0}
    _far_columns(units, scores, successor, know, kinds)
    return successor


PATH_WEIGHT = 1.0  # a pair at its row's stride, over the counted shares (measured: 0 .. 3 alike, 1 best)
END_TERMINAL, END_OPEN = 0.5, 2.0  # a column ending on a sentence's end, or mid-sentence (a far continuation)
START_COST = 1.5  # a block no link reaches: a column's top (measured: 1 .. 2.5 alike)
STRIDE_CHANGE = 1.0  # a link off the stride of the link before (measured: .25 .. 2 alike, 0 worse)


def _monotone_links(units: list[list[Piece]], scores: dict[tuple[int, int], float], know: Knowledge,
                    kinds: list[str]) -> dict[int, int]:
    """Successors as a row-by-row extractor leaves them: in rows of the column grid read left to right, a
    later block's successor comes later (the links never cross). Each block links ahead (its continuity) or
    ends its column (END_*), each block no link reaches starts one (START_COST); Viterbi over the distance
    from a block to the last target taken, which is the stride while the columns stay the same."""
    n = len(units)
    neg = -1e18
    end_cost = [0.0 if kinds[i] == FURNITURE else -(END_TERMINAL if is_terminal(units[i][-1].text, know) else END_OPEN)
                for i in range(n)]
    start_cost = [0.0 if kinds[j] != TEXT else -START_COST for j in range(n)]
    cum = [0.0]
    for c in start_cost:
        cum.append(cum[-1] + c)
    # State (d, s): the last target taken minus the previous block (0 where it is not ahead of the current
    # one), and the stride of the last link (0: none yet).
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: list[dict[tuple[int, int], tuple[tuple[int, int], int]]] = []
    for i in range(n):
        new: dict[tuple[int, int], float] = {}
        row: dict[tuple[int, int], tuple[tuple[int, int], int]] = {}
        for state, v in best.items():
            d0, s0 = state
            last = i - 1 + d0  # the last target (d0 0: none at or after i)
            if d0 == 0:
                v += start_cost[i]  # nothing reached block i, and nothing later can: it starts a column
            ended = (max(d0 - 1, 0), s0)
            score = v + end_cost[i]
            if score > new.get(ended, neg):
                new[ended], row[ended] = score, (state, 0)
            lo = max(last, i) + 1
            for j in range(lo, min(n, i + BAND + 1)):
                e = scores.get((i, j))
                if e is None:
                    continue
                # blocks skipped between the last target and j have no predecessor: each starts a column
                score = v + e + cum[j] - cum[lo] - (STRIDE_CHANGE if s0 and j - i != s0 else 0.0)
                linked = (j - i, j - i)
                if score > new.get(linked, neg):
                    new[linked], row[linked] = score, (state, j)
        back.append(row)
        best = new
    state = max(best, key=best.get)
    successor = {}
    for i in range(n - 1, -1, -1):
        state, j = back[i][state]
        if j:
            successor[i] = j
    return successor


def _row_strides(n: int, links: dict[int, int]) -> list[int]:
    """Each block's stride in the row model: its link's, or where it ends a column, its neighbours'."""
    strides = [links[i] - i if i in links else 0 for i in range(n)]
    for i in range(n):
        if not strides[i] and i:
            strides[i] = strides[i - 1]
    for i in range(n - 2, -1, -1):
        if not strides[i]:
            strides[i] = strides[i + 1]
    return [s or 1 for s in strides]


def _path_priors(n: int, strides: list[int], counted: list[list[float]]) -> list[list[float]]:
    """Stride priors: the counted shares, with the row model's stride favoured by PATH_WEIGHT."""
    out = []
    for i in range(n):
        row = [c - PATH_WEIGHT for c in counted[i]]
        row[strides[i]] += PATH_WEIGHT
        out.append(row)
    return out


class _Heads:
    """Paths being linked: whether a block still has no predecessor, and whether linking i to j would close
    a path on itself (union-find, near-linear)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.taken: set[int] = set()

    def _root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def free(self, j: int) -> bool:
        return j not in self.taken

    def join(self, i: int, j: int) -> bool:
        """Link the end of i's path to the head of j's path, unless they are one path."""
        a, b = self._root(i), self._root(j)
        if a == b:
            return False
        self.parent[a] = b
        self.taken.add(j)
        return True


def _far_columns(units: list[list[Piece]], scores: dict[tuple[int, int], float], successor: dict[int, int],
                 know: Knowledge, kinds: list[str]) -> None:
    """A column that goes on out of the band: its next column's top came earlier in the extractor's order
    (same rows, further right), or far below (past other articles). A block with no successor or a weak one
    (no evidence) is linked to a block out of the band with no predecessor or a weak one, where the text
    says so strongly (FAR_MIN); strongest first. Bounded: FAR_BACK blocks back, FAR_AHEAD ahead."""
    n = len(units)
    pred = {j: i for i, j in successor.items()}

    def weak(i: int, j: int | None) -> bool:
        return j is None or scores.get((i, j), 0.0) <= 0

    ends = [i for i in range(n) if weak(i, successor.get(i)) and not is_terminal(units[i][-1].text, know)
            and kinds[i] == TEXT]
    pairs = []
    for i in ends:
        for j in [*range(max(0, i - FAR_BACK), i), *range(i + BAND + 1, min(n, i + FAR_AHEAD + 1))]:
            if j in pred and not weak(pred[j], j) or kinds[j] != TEXT:
                continue
            score = continuity(units[i][-1], units[j][0], know)
            if score >= FAR_MIN:
                pairs.append((-score, abs(j - i), i, j))
    done: set[int] = set()
    for _, _, i, j in sorted(pairs):
        if i in done or j in pred and pred[j] in done:
            continue
        before, before_pred = successor.pop(i, None), pred.get(j)
        if before_pred is not None:
            del successor[before_pred]
        if _closes_loop(successor, i, j):
            if before is not None:
                successor[i] = before
            if before_pred is not None:
                successor[before_pred] = j
            continue
        if before is not None:
            del pred[before]
        successor[i], pred[j] = j, i
        done.add(i)


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
    if any((a.line_no, a.start) > (b.line_no, b.start) for a, b in pairwise(pieces)):
        return pieces  # reading_order has read interleaved columns already; its chains are better (measured)
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
