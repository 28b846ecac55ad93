"""Pieces -> pieces with roles: what each stretch of a page's text is, read from general evidence.

Pieces (lines.py) come in reading order (order.py); a line an extractor glued together (a headline and the
next article's source line, a body line and a continuation mark) is split here. Each piece gets one role:

  furniture       the margins: paper name, date and weekday, 第N版 and section, editors
  source          an article's source line (本报讯（…）, 新华社…电（…）, 据…报道), at the start of its body
  source_end      a source printed at the end of a brief: （据新华社电）
  author          a credit line of its own (本报记者 X 通讯员 Y, □ X, 文/图 X)
  body            a line of running text (`starts` marks the first line of a paragraph)
  display         a line set apart from running text: headline, kicker, subtitle or subhead (blocks decides)
  caption         a photo caption; photo_credit a caption's credit on a line of its own (X 摄)
  ending          the author's note that closes a commentary: （作者单位：…）
  continued_to    （下转第N版）; continued_from （上接第N版）
  table           a line of a flattened table

The evidence is general: widths against the width of the column the line is in, sentence punctuation,
the lines around it, the shapes of credits, datelines and furniture (seeds/knowledge/layout.yml).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .knowledge import Knowledge
from .lines import (PAIRED_MARKS, WHITESPACE, Piece, blank_lines_mean, breaks_word, is_terminal, line_pieces,
                    runs_on, sub_piece, width)
from .cells import COUNT_HEADING, MAX_NAME_LINES, column_of_values, is_name, name_lines
from .columns import carry_on_columns
from .order import chain_blocks, reading_order
from .pages import Line
from .words import is_word, segment

# Reasons the code reads back (the rest of `why` is for people looking at a page's roles).
AFTER_SOURCE = "text after a source line"
RECORD = "adoption date or document number"
RECORD_END = "ends a document's record (…通过, …施行)"
SIGNATURE = "issuers signing a document"
ADDRESSEE = "the addressees of a document"
CARRIED_OVER = "ends a sentence: a paragraph's end carried over"
SET_APART = "set apart from running text"
MIN_INDENTED = 10  # an indented line this wide at least: headlines centred by spaces are shorter

# A paragraph's first line is indented two cells (the extractor drops the indent), and punctuation
# compression and half-width digits move a line's width by about one cell more.
INDENT_SLACK = 3.5
SET_APART_SLACK = 3.0  # cells a paragraph's first line set apart by a blank line may fall short of its column
# A paragraph's first line is set two cells in (the extractor drops the indent): this much shorter than the column.
PARAGRAPH_INDENT = (1.8, 2.6)
INSERTED = "a headline set apart inside a sentence"
FULL_SLACK = 1.0
NAME = r"[\u4e00-\u9fff·]{2,4}"
# A name printed with spaces inside it (徐  靖) is one name: two single characters in a row.
SPACED_NAME = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])\s+([\u4e00-\u9fff]{1,2})(?![\u4e00-\u9fff])")


# A line of a document's own record: 2012年3月28日 国务院第…次会议通过 / 高检发释字〔2015〕1号.
DOCUMENT_LINE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日(?![，,、起至到前后以及和])(?![^，。]*[，。])(?!.*星期)|[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号$|第[一二三四五六七八九十百零〇\d]+条|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$)")
# The date a document was signed, standing alone under its issuers (2018年10月26日, 二〇一〇年一月十九日).
DOCUMENT_DATE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,2}月[\d一二三四五六七八九十]{1,3}日$")
# A section head of a long text, set on its own line: 第一章 总则 / 第二节 …
SECTION_HEAD = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[章节编](?:\s*[^\s，。；：、][^，。；：、]{0,15})?$")
NUMBERED_HEAD = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])[^，。；：、！？]{1,18}$")
# A numbered list item opens a paragraph of its own: （一）… / 1. …
LIST_ITEM = re.compile(r"^[“‘]?(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d{1,2}[.、．](?!\d))")


LETTER_SPACED = re.compile(r"(?:(?<=^)|(?<=[ \n]))([\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])|([\u4e00-\u9fff]) +(?=[\u4e00-\u9fff](?: |$))")


def squeeze(text: str) -> tuple[str, tuple[int, ...]]:
    """The text with letter-spacing removed (本 报 珠 海 -> 本报珠海; a justified line's extra spaces),
    and for each of its characters the offset in the original (plus one past the end)."""
    return _squeeze(text)


@lru_cache(maxsize=1 << 14)  # a line is read again with each of the two lines before it (_opener_at)
def _squeeze(text: str) -> tuple[str, tuple[int, ...]]:
    out, idx, last = [], [], 0
    for m in LETTER_SPACED.finditer(text):
        cut = m.end(1) if m.group(1) else m.end(2)
        out.append(text[last:cut])
        idx.extend(range(last, cut))
        last = m.end()
    out.append(text[last:])
    idx.extend(range(last, len(text) + 1))
    return "".join(out), tuple(idx)


def _opener_at(pieces: list[Piece], idx: int, know: Knowledge):
    """First source-line match in piece idx (at its start or after whitespace): (offset, end, groups),
    offsets into the piece's text followed by a newline and the next piece's text."""
    p = pieces[idx]
    # A credit may wrap over the next two lines in a narrow column: （记者 曾梅 通讯员 朱平 / 霞）
    combined = "\n".join(q.text for q in pieces[idx : idx + 3])
    tight, at = squeeze(combined)
    if not know.any_source.search(tight):
        return None
    back = {o: j for j, o in enumerate(at)}
    starts = [0] + [i for i in range(1, len(p.text)) if p.text[i - 1].isspace() and not p.text[i].isspace()]
    for i in starts:
        if i not in back:
            continue
        for pattern in know.source_patterns:
            m = pattern.match(tight, back[i])
            if m and at[m.start()] < len(p.text):
                if m.group(0)[:1] == "据" and not _may_open(pieces, idx, i, know, m.group(0).rstrip()):
                    continue
                m = _agency_start(tight, m, pattern)
                groups = {k: v.replace("\n", "") for k, v in m.groupdict().items() if v}
                groups["text"] = m.group(0).replace("\n", "")
                return at[m.start()], at[m.end()], groups
    return None


AGENCY_ENDS = ("报", "社", "网", "台")


def _agency_start(tight: str, m: re.Match, pattern: re.Pattern) -> re.Match:
    """A source line glued to the end of a headline (…几件小事解放日报上海4月1日电): where the agency's
    words end in a whole agency name of the dictionary (解放日报), the words before it are not its name."""
    agency = m.groupdict().get("agency")
    if not agency or m.start("agency") != m.start():
        return m
    tokens = segment(agency)
    at = m.start()
    for k, token in enumerate(tokens):
        if k and len(token) >= 3 and token.endswith(AGENCY_ENDS) and is_word(token):
            again = pattern.match(tight, at)
            return again if again and again.group("agency") == agency[at - m.start():] else m
        at += len(token)
    return m


def _may_open(pieces, idx, offset, know, matched: str = "") -> bool:
    """据…电 and 据…消息 open an article; 据…报道 only at the start of a text, after a headline or glued to
    one: inside a body (after a sentence or mid-sentence) it is the article quoting a source."""
    if offset > 0 or idx == 0 or not matched.endswith("报道"):
        return True
    prev = pieces[idx - 1]  # roles are not given yet: a short unfinished line before it is a headline
    return prev.role == "furniture" or (not is_terminal(prev.text, know) and prev.width < 12)


def split_sources(pieces: list[Piece], know: Knowledge) -> list[Piece]:
    """Split source lines off the pieces they share a line with; a credit wrapped onto the next line
    becomes two source pieces. Text before a glued source line is left without a role."""
    out: list[Piece] = []
    queue = list(pieces)
    i = 0
    while i < len(queue):
        p = queue[i]
        # The margins (the paper's name set alone: 四川教育导报) are never the start of a source line.
        found = None if p.role == "furniture" else _opener_at(queue, i, know)
        if found and found[0] == 0 and out and re.search(r"[（(]\s*据[^）)]*$", out[-1].text):
            found = None  # the rest of an end-of-brief source wrapped over the break (…。（据 / 新华社电）)
        if not found:
            out.append(p)
            i += 1
            continue
        off, end, groups = found
        before = sub_piece(p, 0, off)
        if before:  # e.g. the end of the previous article's headline, glued on by the extractor
            before.role, before.starts, before.why = p.role, p.starts, p.why
            out.append(before)
        if end <= len(p.text):
            source = [sub_piece(p, off, end)]
            # A line that begins with its source line is still a whole column line, so its width counts.
            rest = sub_piece(p, end, len(p.text), whole=before is None)
            consumed = 1
        else:  # the credit's closing bracket is on one of the next two lines
            source = [sub_piece(p, off, len(p.text))]
            start = len(p.text) + 1
            consumed = 1
            while True:
                q = queue[i + consumed]
                consumed += 1
                if end <= start + len(q.text):
                    cut = end - start
                    source.append(sub_piece(q, 0, cut))
                    rest = sub_piece(q, cut, len(q.text), whole=True)
                    break
                source.append(sub_piece(q, 0, len(q.text)))
                start += len(q.text) + 1
        for s in source:
            if s:
                s.role, s.why, s.match = "source", "source-line pattern", groups
                out.append(s)
        if rest:
            rest.role, rest.starts, rest.why = "body", True, AFTER_SOURCE
        # The rest of the line is body; it is looked at again in case another source line follows.
        queue[i : i + consumed] = [rest] if rest else []
    return out


def _wrapped_end_source(pieces: list[Piece], know: Knowledge) -> list[Piece]:
    """An end-of-brief source wrapped over a line break (…工期。（据新华社 / 电）) becomes two source pieces."""
    out: list[Piece] = []
    k = 0
    while k < len(pieces):
        p = pieces[k]
        m = re.search(r"[（(]\s*据[^）)]*$", p.text)
        q = pieces[k + 1] if k + 1 < len(pieces) else None
        close = re.match(r"^[^（(）)]{0,8}[）)]", q.text) if q is not None and m else None
        if m and close and know.source_at_end.fullmatch(WHITESPACE.sub("", p.text[m.start():] + q.text[: close.end()])):
            head = sub_piece(p, 0, m.start(), whole=True)
            tail, first = sub_piece(p, m.start(), len(p.text)), sub_piece(q, 0, close.end())
            rest = sub_piece(q, close.end(), len(q.text), whole=True)
            groups = {"agency": know.source_at_end.fullmatch(WHITESPACE.sub("", tail.text + first.text)).group("agency"),
                      "text": WHITESPACE.sub("", tail.text + first.text)}
            for piece in (tail, first):
                piece.role, piece.why, piece.match = "source_end", "source printed at the end", groups
            out += [x for x in (head, tail, first, rest) if x]
            k += 2
            continue
        out.append(p)
        k += 1
    return out


def split_marks(pieces: list[Piece], know: Knowledge) -> list[Piece]:
    """Continuation marks and end-of-brief sources printed on the same line as text become pieces of their own."""
    out = []
    for p in _wrapped_end_source(pieces, know):
        m = know.continued_to.search(p.text) or know.source_at_end.search(p.text)
        if m and m.end() == len(p.text) and m.start() > 0 and p.role in ("", "body"):
            head, tail = sub_piece(p, 0, m.start(), whole=True), sub_piece(p, m.start(), len(p.text))
            if head:
                head.role, head.starts = p.role, p.starts
                out.append(head)
            out.append(tail)
            continue
        # An author's note run on after the last sentence: …的。（作者系…
        m = re.search(r"(?<=[。！？”：；])\s*[（(]\s*作(?:者|$)", p.text)
        if m and p.role in ("", "body"):
            head, tail = sub_piece(p, 0, m.start(), whole=True), sub_piece(p, m.start(), len(p.text))
            head.role, head.starts = p.role, p.starts
            out += [head, tail]
            continue
        m = know.continued_from.match(p.text)
        if m and m.end() < len(p.text) and p.role == "":
            out.append(sub_piece(p, 0, m.end()))
            rest = sub_piece(p, m.end(), len(p.text), whole=True)
            rest.starts = True
            out.append(rest)
            continue
        out.append(p)
    return out


# ---------------------------------------------------------------------------------------------------
# Lines recognised by their shape


def join_spaced_names(tokens: list[str], words) -> list[str]:
    """A name printed with spaces inside it (徐  靖, 欧阳 明华) is one token; credit words stay apart."""
    out: list[str] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if prev and tok not in words and prev not in words and (len(prev) == 1 or len(tok) == 1) and len(prev) + len(tok) <= 4:
            out[-1] = prev + tok
        else:
            out.append(tok)
    return out


_CREDIT_WORDS: dict[int, tuple[Knowledge, list[str]]] = {}


def _credit_words(know: Knowledge) -> list[str]:
    """Credit titles and roles, longest first: sorted once per knowledge, not once per line (Knowledge
    holds dicts, so it cannot key an lru_cache; the object is kept so that its id is not reused)."""
    kept = _CREDIT_WORDS.get(id(know))
    if kept is None or kept[0] is not know:
        kept = _CREDIT_WORDS[id(know)] = (know, sorted(set(know.credit_titles) | set(know.credit_roles), key=len,
                                                       reverse=True))
    return kept[1]


def is_credit_line(text: str, know: Knowledge) -> bool:
    """本报记者 X 通讯员 Y / □ X / 文/图 X / □ 某某大学 X: a line of names and credit words only."""
    t = text.strip()
    marked = t[:1] in know.author_marks
    if marked:
        t = t[1:].strip()
    if not t or any(c in t for c in "，。；！？“”《》"):
        return False
    words = _credit_words(know)
    tokens = join_spaced_names([tok for tok in re.split(r"[\s/／:：、]+", t) if tok], words)
    role_words, names, other = 0, 0, []
    for tok in tokens:
        if tok in words:
            role_words += 1
            continue
        # A credit word glued to a name: 记者张三, 张三摄
        glued = next((w for w in words if len(w) > 1 and tok.startswith(w) and know.looks_like_name(tok[len(w):])), None) \
            or next((w for w in ("摄影", "摄") if tok.endswith(w) and know.looks_like_name(tok[: -len(w)])), None)
        if glued:
            role_words += 1
            names += 1
        elif know.looks_like_name(tok, strict=not role_words and not marked):
            names += 1
        else:
            other.append(tok)
    if marked:
        # □ 张三 / □ 四川师范大学 张三: names, at most one unit (an institution's name) before the last name.
        # (the mark vouches for a surname that is also a word: □ 向婷杰)
        return names > 0 and know.looks_like_name(tokens[-1], strict=False) and len(other) <= 1 \
            and all(know.institution_type(tok) for tok in other)
    return role_words > 0 and names > 0 and not other and len(tokens) <= 8


def _joined_match(pieces: list[Piece], k: int, pattern: re.Pattern, lines: int = 3) -> bool:
    """Does piece k, alone or with the next pieces no pattern claimed (a narrow column wraps it), make
    text that `pattern` matches?"""
    text = ""
    for q in pieces[k : k + lines]:
        if q is not pieces[k] and q.role:
            return False
        text += q.compact
        if pattern.match(text):
            return True
    return False


def _document_line(pieces: list[Piece], k: int) -> bool:
    """Does piece k open a document's record or number (2012年8月20日 …会议通过, 沪水务〔2018〕869号), on its
    own or wrapped over the next lines of a narrow column (2012 年 8 月 20 / 日 最高人民法院…)?"""
    return _joined_match(pieces, k, DOCUMENT_LINE)


def _signature(pieces: list[Piece], k: int, know: Knowledge) -> bool:
    """A line of institution names only, followed within two lines by a date standing alone."""
    tokens = pieces[k].text.split()
    if not tokens or not all(len(t) >= 4 and know.institution_type(t) for t in tokens):
        return False
    return any(_joined_match(pieces, j, DOCUMENT_DATE, 2) for j in range(k + 1, min(len(pieces), k + 3)))


def split_paper_name(pieces: list[Piece], paper: str | None) -> list[Piece]:
    """The paper's running head glued onto a line of text (四川教育报本报北京…电) becomes a piece of its own."""
    if not paper:
        return pieces
    out = []
    for p in pieces:
        rest = p.text[len(paper):].lstrip()
        # Only where what follows is margin or a source line: 四川教育报2026年… / 四川教育报本报北京…电
        if p.text.startswith(paper) and rest and (rest[:1].isdigit() or rest.startswith("本报")):
            head, rest = sub_piece(p, 0, len(paper)), sub_piece(p, len(paper), len(p.text), whole=True)
            head.role, head.why = "furniture", "the paper's name, glued to a line"
            out += [head, rest] if rest else [head]
        else:
            out.append(p)
    return out


def split_author_tail(pieces: list[Piece], know: Knowledge) -> list[Piece]:
    """An author line glued by the extractor onto the end of a headline (…的解释 ■ 袁超俊, 标题 本报记者 张三)
    becomes a piece of its own."""
    openers = tuple(know.author_marks) + tuple(w for w in know.credit_titles) + ("文/图", "文／图")
    out: list[Piece] = []
    for p in pieces:
        if not p.role:
            for m in re.finditer(r"\s+", p.text):
                tail = p.text[m.end():]
                if tail.startswith(openers) and is_credit_line(tail, know) and p.text[: m.start()].strip():
                    head, credit = sub_piece(p, 0, m.start()), sub_piece(p, m.end(), len(p.text))
                    credit.role, credit.why = "author", "credit line glued to the line before"
                    out += [head, credit]
                    break
            else:
                out.append(p)
            continue
        out.append(p)
    return out


def furniture_role(pieces: list[Piece], know: Knowledge, paper: str | None) -> None:
    """Mark the margins: furniture patterns anywhere in a short line; the paper's name near the page's top or end."""
    n = len(pieces)
    for k, p in enumerate(pieces):
        # Margins print names, dates and numbers, never sentences.
        if p.role or p.width > 40 or any(m in p.text for m in "，。；！？"):
            continue
        c = p.compact
        near_edge = k < know.furniture_reach or k >= n - know.furniture_reach
        if any(f.search(p.text) for f in know.furniture):
            p.role, p.why = "furniture", "furniture pattern"
        elif (paper and c == paper) or (near_edge and ((paper and c.startswith(paper)) or know.paper_name.match(c))):
            p.role, p.why = "furniture", "paper name at the page's edge"


def shape_roles(pieces: list[Piece], know: Knowledge) -> None:
    """Credits, captions, endings and continuation marks, recognised by their form."""
    k = 0
    while k < len(pieces):
        p = pieces[k]
        if p.role:
            k += 1
            continue
        t = p.text
        if know.continued_to.fullmatch(p.compact) or know.continued_to.fullmatch(t):
            p.role, p.why = "continued_to", "continuation mark"
        elif know.continued_from.fullmatch(p.compact) or know.continued_from.fullmatch(t):
            p.role, p.why = "continued_from", "continuation mark"
        elif know.source_at_end.fullmatch(p.compact):
            p.role, p.why = "source_end", "source printed at the end"
            m = know.source_at_end.fullmatch(p.compact)
            p.match = {"agency": m.group("agency"), "text": p.compact}
        elif know.ending.match(t):
            # The note may wrap: it runs to the line that closes its bracket (at most four lines).
            j = k
            while j < len(pieces) - 1 and j - k < 3 and not pieces[j].text.rstrip().endswith(("）", ")")):
                j += 1
            if pieces[j].text.rstrip().endswith(("）", ")")):
                for q in pieces[k : j + 1]:
                    q.role, q.why = "ending", "author's note"
                k = j + 1
                continue
        elif SECTION_HEAD.match(t.strip()):
            p.role, p.why = "display", "section head"
        elif t[:1] in know.bullets and not is_credit_line(t, know):
            p.role, p.why = "display", "bulleted headline"
        elif _signature(pieces, k, know):
            # The issuers signing a notice, over its date: the end of its text, not a headline.
            p.role, p.starts, p.why = "body", True, SIGNATURE
        elif _joined_match(pieces, k, know.document_addressee, 6):
            p.role, p.starts, p.why = "body", True, ADDRESSEE
        elif _document_line(pieces, k):
            # The dates a law was adopted or issued and a document's number open its text as printed.
            p.role, p.starts, p.why = "body", True, RECORD
        elif know.photo_credit_line.match(t.strip()) and width(t) <= 16:
            p.role, p.why = "photo_credit", "photo credit line"
        elif is_credit_line(t, know):
            p.role, p.why = "author", "credit line"
            q = pieces[k + 1] if k + 1 < len(pieces) else None
            if q is not None and not q.role and len(q.compact) <= 4 and t.split()[-1] in (*know.credit_titles, *know.credit_roles) \
                    and know.looks_like_name(q.compact, strict=False):
                # The name after the line's last credit word went to the next line: 本报记者 X 通讯员 / Y
                q.role, q.why = "author", "credit line (wrapped)"
                k += 2
                continue
        elif k + 1 < len(pieces) and len(pieces[k + 1].compact) <= 3 and not pieces[k + 1].role \
                and is_credit_line(t + pieces[k + 1].text.strip(), know):
            # A credit line wrapped in a narrow column: 本报记者 邓亮洋 通讯员 卢 / 芳
            for q in pieces[k : k + 2]:
                q.role, q.why = "author", "credit line (wrapped)"
            k += 2
            continue
        k += 1


# ---------------------------------------------------------------------------------------------------
# Running text against display lines


def _free_runs(pieces: list[Piece]):
    """Runs of consecutive pieces that no pattern claimed (or that are body already)."""
    run: list[int] = []
    for k, p in enumerate(pieces):
        if p.role in ("", "body"):
            run.append(k)
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


PAIR_PENALTY, PAIR_REACH = 6, 60


def _column_at(pieces: list[Piece], run: list[int], know: Knowledge) -> list[float | None]:
    """The width of the column each piece of a run is printed in: the width shared by neighbouring lines
    inside a sentence (two such lines in a row fill the column), nearest first."""
    ws = [pieces[k].width for k in run]
    terms = [is_terminal(pieces[k].text, know) for k in run]
    # Three lines in a row inside a sentence, of one width (a digit or a compressed mark moves a line by
    # half a cell), fill the column; two such lines only where nothing better exists (short articles).
    trios = []  # (position, width)
    for j in range(len(run) - 2):
        trio = ws[j : j + 3]
        if not any(terms[j : j + 3]) and max(trio) - min(trio) <= 1.0 and min(trio) >= 5:
            trios.append((j + 1, max(trio)))
    pairs = []  # a pair counts as PAIR_PENALTY lines farther away than a trio
    for j in range(len(run) - 1):
        if not terms[j] and not terms[j + 1] and abs(ws[j] - ws[j + 1]) <= 0.5 and min(ws[j], ws[j + 1]) >= 5:
            pairs.append((j, max(ws[j], ws[j + 1])))
    trio_at, pair_at = [a for a, _ in trios], [a for a, _ in pairs]

    def distance(at: int, j: int) -> float:
        # ties go to the anchor after: the column a paragraph start is in
        return at - j if at >= j else j - at - 1 + 0.5

    out: list[float | None] = []
    for j in range(len(run)):
        # Only anchors near j can be nearest: bisect the sorted positions (linear in the run, not square).
        best, best_d = None, float("inf")
        i = bisect.bisect_left(trio_at, j)
        for at, w in trios[max(0, i - 1) : i + 1]:
            if distance(at, j) < best_d:
                best, best_d = w, distance(at, j)
        reach = min(best_d - PAIR_PENALTY, PAIR_REACH)
        if reach > 0:
            lo, hi = bisect.bisect_left(pair_at, j - reach - 1), bisect.bisect_right(pair_at, j + reach)
            for at, w in pairs[lo:hi]:
                if distance(at, j) + PAIR_PENALTY < best_d:
                    best, best_d = w, distance(at, j) + PAIR_PENALTY
        out.append(best)
    return out


def _record_so_far(pieces: list[Piece], run: list[int], j: int) -> bool:
    """Whether the paragraph run[j] ends could be a document's record: a few lines without a comma or a stop
    (…公布修订 / 后的… breaking inside a sentence is no record's end)."""
    for back in range(j, max(-1, j - 6), -1):
        q = pieces[run[back]]
        if any(m in q.text for m in "，。；"):
            return False
        if q.starts:
            return True
    return False


def _record_ahead(pieces: list[Piece], run: list[int], j: int, know: Knowledge) -> bool:
    """Do the next lines after run[j] finish a record (第…会议 / 通过) before any sentence mark? Then a date
    standing on its own line opens that record, rather than closing a document as the day it was signed."""
    for k in run[j + 1 : j + 4]:
        q = pieces[k]
        if know.record_end.search(q.text):
            return True
        if any(m in q.text for m in "，。；！？："):
            return False
    return False


def body_roles(pieces: list[Piece], know: Knowledge) -> None:
    """Give each piece no pattern claimed the role body or display, reading each run of them in order.

    Inside a sentence, any line that fits the column is body (a headline only follows a finished
    sentence). After a sentence ends, a line starts a paragraph if it fits the column (two cells short
    for the lost indent) and the next line carries on; a lone sentence that fits is a one-line paragraph;
    anything else (shorter without ending a sentence, or wider than the column) is display.
    """
    blanks = blank_lines_mean(pieces)
    last_col, last_end = None, -9
    for run in _free_runs(pieces):
        cols = _column_at(pieces, run, know)
        inside = record = False
        # A short run (a brief between two headlines) measures no column of its own: the text just before
        # it, past a headline line or two, was set in the same column.
        col = last_col if run[0] - last_end <= 3 and pieces[run[0]].why != AFTER_SOURCE else None
        skip_until = 0
        for j, k in enumerate(run):
            p = pieces[k]
            if j < skip_until:
                continue
            # (a photo credit closes its caption: …光。（李宝洋 摄）ends a text as a full stop does)
            w, t = p.width, is_terminal(p.text, know) or bool(know.photo_credit_end.search(p.text))
            strong = is_terminal(p.text, know, know.strong_final)
            c = cols[j] or col
            nxt = pieces[run[j + 1]] if j + 1 < len(run) else None
            if c is None and nxt is not None:
                # No column measured nearby (short paragraphs, list items): the next lines' width; one
                # line inside a sentence fills its column by itself.
                ahead = [pieces[q].width for q in run[j + 1 : j + 4]]
                if len(ahead) >= 2 and abs(ahead[0] - ahead[1]) <= 2:
                    c = max(ahead[:2])
                elif not is_terminal(nxt.text, know) and nxt.width >= 5 and any(m in p.text for m in "，、；："):
                    c = nxt.width  # (only for a line punctuated like running text: a headline rarely is)
            record = record and inside
            if p.role == "body":  # text after a source line
                # (a date standing alone under a document is its last line: what follows is another text)
                inside, col = not t and not (DOCUMENT_DATE.match(p.compact) and not _record_ahead(pieces, run, j, know)), c
                # A document's record runs on to its …通过 / …施行 whatever the widths of its lines.
                record = p.why == RECORD and not know.record_end.search(p.text)
                continue
            if blanks and p.gap_before and p.text.startswith("——") and (nxt is None or nxt.gap_before) \
                    and not t:
                # A dash line set apart in a block of its own is a subtitle, even after a headline that ends no sentence.
                p.role, p.why = "display", "a subtitle set apart"
                inside = False
                continue
            tail = run[j:]
            if inside and blanks and p.gap_before and len(tail) <= 3 and run[-1] + 1 < len(pieces) \
                    and pieces[run[-1] + 1].role == "source" and not pieces[run[-1] + 1].gap_before \
                    and not any(pieces[q].gap_before for q in tail[1:]) \
                    and not any(m in pieces[q].text for q in tail for m in SENTENCE_MARKS) \
                    and not is_terminal(pieces[tail[-1]].text, know):
                # Lines set apart over a source line are that article's headline, even where a reading-order
                # extractor printed them inside another article's sentence.
                for q in tail:
                    pieces[q].role, pieces[q].why = "display", "a headline over a source line"
                break
            insert = _inserted_block(pieces, run, j, c, know) if inside and blanks and p.gap_before else 0
            if insert:
                # A reading-order extractor printed another article's headline inside this sentence.
                for q in run[j : j + insert]:
                    pieces[q].role, pieces[q].why = "display", INSERTED
                skip_until = j + insert
                continue
            if not inside and p.text[:1] in know.no_line_start and j and pieces[run[j - 1]].role == "display" \
                    and len(p.compact) <= 2:
                # A closing mark pushed onto a line of its own (避头尾) belongs with the headline before it
                # (a headline set vertically ends on ” under its last character).
                p.role, p.why = "display", "a closing mark ending a headline"
                continue
            if inside or (p.text[:1] in know.no_line_start):
                fits = c is None or w <= c + FULL_SLACK + 1.5 or record
                # The sentence may run on into a wider column: the next line confirms the new width.
                wider = not fits and nxt is not None and (abs(nxt.width - w) <= 1.5 or (is_terminal(nxt.text, know) and nxt.width < w))
                if fits or wider:
                    p.role, p.why = "body", "continues a sentence" if fits else "continues a sentence in a wider column"
                    inside = not t
                    record = record and not know.record_end.search(p.text)
                    col = c if fits else w
                    if fits and know.record_end.search(p.text) and _record_so_far(pieces, run, j):
                        inside, p.why = False, RECORD_END
                    elif fits and not t and c is not None and w < c - 3 and (nxt is None or nxt.width > w + 3):
                        # Justified type fills every line of a paragraph but its last: a short line ends
                        # the paragraph, even without a stop (…如下： / a wrapped title before a body).
                        inside, p.why = False, "ends a paragraph without a stop"
                    continue
            title = _document_title(pieces, run, j, know)
            if title:
                # An official document's title over its text (中华人民共和国教师法 / 关于…的通知), set like a line of
                # running text and wrapped over lines of one width: a headline all the same.
                for q in run[j : j + title]:
                    pieces[q].role, pieces[q].why = "display", "the title of a document"
                skip_until = j + title
                inside = False
                continue
            # After a finished sentence (or at a run's start): a paragraph start, a one-line paragraph, or display.
            after = pieces[run[j + 2]] if j + 2 < len(run) else None
            if nxt is not None and c is not None and not t and after is not None and not is_terminal(nxt.text, know) \
                    and not any(ch.isascii() for ch in nxt.text.strip() + after.text.strip()) \
                    and PARAGRAPH_INDENT[0] <= c - nxt.width <= PARAGRAPH_INDENT[1] and abs(after.width - c) <= 1 \
                    and w <= c + FULL_SLACK and not 1.5 <= c - w <= INDENT_SLACK + 0.5 \
                    and not runs_on(p.compact, nxt.compact, know):
                # The next line opens a paragraph (two cells short, the lines after it full): this line, between a
                # finished sentence and that paragraph, is no part of it (a headline glued to its text).
                p.role, p.why = "display", "before a line that opens a paragraph"
                inside = False
            # (a line set apart by a blank line may be a brief's headline a few cells short of the measure:
            # there only an indent's shortfall makes it a paragraph's first line; measured, corpus and fresh
            # pages, titles +5 and bodies +5 of ~650 articles, none lost)
            elif nxt is not None and c is not None and not t \
                    and c - (SET_APART_SLACK if blanks and p.gap_before else INDENT_SLACK + 0.5) <= w <= c + FULL_SLACK \
                    and (nxt.width >= c - FULL_SLACK - 1 or is_terminal(nxt.text, know)) and nxt.width <= c + FULL_SLACK + 1 \
                    and not (blanks and nxt.gap_before and not any(m in p.text for m in "，、；：")) \
                    and not (_caption_like(nxt, know) and not any(m in p.text for m in "，、；：。")):
                # (a line without a comma in a block of its own is not a paragraph's start)
                p.role, p.starts, p.why = "body", True, "starts a paragraph that fills the column"
                inside, col = True, c
            elif nxt is not None and c is not None and not t and w <= c + FULL_SLACK and abs(nxt.width - c) <= 1.5 \
                    and runs_on(p.compact, nxt.compact, know):
                # A short first line whose last word runs on into a full line (…四川省教育厅等 / 九部门…): a
                # paragraph that lost its source line, not a headline.
                p.role, p.starts, p.why = "body", True, "a word runs on into the next line"
                inside, col = True, c
            elif strong and c is not None and w <= c + FULL_SLACK and _prose(p.text):
                p.role, p.starts, p.why = "body", True, "a sentence that fits the column"
                inside, col = False, c
            elif NUMBERED_HEAD.match(p.compact) and (c is None or w < c - 3.5 or nxt is None):
                # 一、总体要求 set short on its own line; a numbered item that fills the line runs on below.
                p.role, p.why = "display", "numbered section head"
                inside = False
            elif LIST_ITEM.match(p.compact) and nxt is not None and (t or p.text.rstrip()[-1:] in "；：" or runs_on(p.compact, nxt.compact, know)
                                                                    or nxt.text.rstrip()[-1:] in "；：" or is_terminal(nxt.text, know)):
                p.role, p.starts, p.why = "body", True, "a numbered item of a list"
                inside, col = not t and p.text.rstrip()[-1:] not in "；：", c
            elif strong or p.text.rstrip()[-1:] in "：；":
                # Headlines do not end with a full stop, a colon or a semicolon: this is a paragraph's
                # end carried over a headline, a caption or a column break, or a line of its own (各有关单位：).
                p.role, p.why = "body", CARRIED_OVER
                inside, col = False, c
            elif len(p.compact) >= 15 and sum(p.text.count(m) for m in "，、；：") + _unclosed(p.text) >= 2:
                # Running text by its punctuation: headlines do not carry two commas (nor a comma and a
                # quotation or title mark left open for the next line).
                p.role, p.starts, p.why = "body", True, "punctuated like running text"
                inside, col = not t, c
            elif len(p.compact) >= 12 and nxt is not None and any(m in p.text + nxt.text for m in "，、；：") \
                    and runs_on(p.compact, nxt.compact, know):
                # A long punctuated line whose last word runs on into the next (…田间地 / 头。): typesetters
                # break a headline between words, so this is running text in a column not measured here.
                p.role, p.starts, p.why = "body", True, "a punctuated line whose word runs on"
                inside, col = True, c
            elif p.start > 0 and p.alone and nxt is not None and not t and w >= MIN_INDENTED and abs(nxt.width - w) <= 3:
                # Set in from the line's start (an extractor that keeps a paragraph's indent) and followed by a
                # line as wide: a paragraph opening in a column not measured here, not a headline.
                p.role, p.starts, p.why = "body", True, "an indented line opens a paragraph"
                inside, col = True, max(w, nxt.width)
            elif j and pieces[run[j - 1]].why == RECORD_END and know.record_end.search(p.text) \
                    and not any(m in p.text for m in SENTENCE_MARKS):
                # The record's next entry, with no date of its own (…公布 / 自公布之日施行).
                p.role, p.starts, p.why = "body", True, RECORD_END
                inside = False
            else:
                p.role, p.why = "display", SET_APART
                inside = False
        last_col, last_end = (cols[-1] or col) if cols else col, run[-1]


def _inserted_block(pieces: list[Piece], run: list[int], j: int, c: float | None, know: Knowledge) -> int:
    """How many lines from run[j] on (one to three, blank lines before and after, each well short of the
    column and without a sentence mark) interrupt a sentence that the full line after them carries on; 0 if none."""
    if c is None:
        return 0
    n = 0
    while j + n < len(run) and n < 4 and (n == 0 or not pieces[run[j + n]].gap_before):
        n += 1
    if n > 3 or j + n >= len(run):
        return 0
    block = [pieces[q] for q in run[j : j + n]]
    after = pieces[run[j + n]]
    if not after.gap_before or abs(after.width - c) > 1.5 or after.text[:1] in know.no_line_start:
        return 0
    # Shorter than the column (a headline's last line well short), no sentence mark.
    if any(p.width > c - 1.5 or any(m in p.text for m in SENTENCE_MARKS) for p in block) or block[-1].width > c - 3:
        return 0
    # The sentence resumes: running text (with a sentence mark) up to the next blank line.
    resumed = []
    for q in run[j + n : j + n + 12]:
        if pieces[q].gap_before and q != run[j + n]:
            break
        resumed.append(pieces[q].text)
    return n if len(resumed) >= 2 and any(m in "".join(resumed) for m in SENTENCE_MARKS) else 0


SENTENCE_MARKS = "，。、；：！？"


def unfinished_runs(pieces: list[Piece], know: Knowledge) -> None:
    """Text read as a paragraph that never ends a sentence and holds no sentence mark inside (a long
    headline wrapped over lines of one width, as all of a page's headlines printed at its end) is display."""
    k = 0
    n = len(pieces)
    while k < n:
        p = pieces[k]
        if p.role != "body" or not p.starts or p.why == AFTER_SOURCE:
            k += 1
            continue
        j = k
        while j + 1 < n and pieces[j + 1].role == "body" and not pieces[j + 1].starts:
            j += 1
        run = pieces[k : j + 1]
        text = "".join(q.compact for q in run)
        # (what a colon announces is text of its own: 附件： / 1.…通知 / 2.…方案 is a list, not a headline)
        announced = k > 0 and pieces[k - 1].role == "body" and pieces[k - 1].text.rstrip().endswith("：")
        document = run[0].why in (RECORD, RECORD_END, SIGNATURE, ADDRESSEE) or announced
        if not document and not is_terminal(run[-1].text, know) and not any(m in text for m in "，。；！？") and len(run) <= 12 \
                and not text.endswith("："):  # no headline ends on a colon (…的主要职责是：)
            for q in run:
                q.role, q.starts, q.why = "display", False, "lines of one width that never make a sentence"
        k = j + 1


def _document_title(pieces: list[Piece], run: list[int], j: int, know: Knowledge) -> int:
    """How many lines from run[j] on (one to three, none ending a sentence) make a document's title; 0 if none."""
    text = ""
    for n, k in enumerate(run[j : j + 3], start=1):
        line = pieces[k]
        if is_terminal(line.text, know) or line.role == "body" and line.why == AFTER_SOURCE:
            return 0
        text += line.compact
        if know.document_title.match(text):
            nxt = run[j + n] if j + n < len(run) else None
            # what follows must not carry the title's words on: the title ends where its line ends
            if nxt is None or not pieces[nxt].text[:1] in know.no_line_start:
                return n
    return 0


def _caption_like(p: Piece, know: Knowledge) -> bool:
    """A lone dated sentence or one that opens like a caption (图为…): what follows a headline over a photo."""
    return (bool(know.caption_start.match(p.compact)) and is_terminal(p.text, know)) or bool(know.caption_opening.match(p.compact))


def _prose(text: str) -> bool:
    """Running text, not a headline: it has a comma or another mark inside, or is long."""
    return any(m in text[:-1] for m in "，、；：") or len(text) >= 12


# A caption in a narrow column wraps over many lines (a 14-character column: ten lines for 140 characters).
CAPTION_LINES = 10


def caption_roles(pieces: list[Piece], know: Knowledge) -> None:
    """Captions: from a line opening like one (图为…) to the line that closes it with a photo credit;
    lines that close with a credit (…。（张三 摄）) back to the sentence's start; lines before a credit
    standing alone (张三 摄)."""
    n = len(pieces)
    free = ("display", "body", "")
    blanks = blank_lines_mean(pieces)

    def closes(text: str) -> bool:
        return bool(know.photo_credit_end.search(text))

    def credited_within(k: int, lines: int = 6) -> bool:
        """Does a credit close the text that starts at line k (not the next caption's)?"""
        text = ""
        for j in range(k, min(n, k + lines)):
            text += pieces[j].compact
            if closes(text):
                return True
            if is_terminal(pieces[j].text, know) and not (j + 1 < n and (pieces[j + 1].role == "photo_credit" or closes(
                    text + pieces[j + 1].compact) or _credit_ahead(pieces, j + 1, know))):
                return False  # a sentence ended with no credit: what follows is another text
        return False

    k = 0
    while k < n:
        p = pieces[k]
        prev = pieces[k - 1] if k else None
        after_sentence = prev is None or prev.role not in ("body",) or is_terminal(prev.text, know)
        # A caption may interrupt a paragraph where the photo sits in the column, when its credit closes it.
        opens = know.caption_opening.match(p.compact) and (after_sentence or credited_within(k))
        dated = (after_sentence and _dated_caption(pieces, k, know)) or (know.caption_start.match(p.compact) and credited_within(k))
        if p.role in free and (opens or dated):
            group, text = [k], p.compact
            j = k
            while not closes(text) and j + 1 < n and j - k < CAPTION_LINES and pieces[j + 1].role in free + ("photo_credit",):
                if is_terminal(pieces[j].text, know) and pieces[j + 1].role != "photo_credit" \
                        and not closes(text + pieces[j + 1].compact) and not _credit_ahead(pieces, j + 1, know):
                    break
                j += 1
                group.append(j)
                text += pieces[j].compact
            for i in group:
                pieces[i].role, pieces[i].why = "caption", "photo caption"
            k = j + 1
            continue
        if p.role in free and closes(p.text) or p.role == "photo_credit":
            if p.role != "photo_credit":
                p.role, p.why = "caption", "photo caption closed by its credit"
            j = k - 1
            # Before a credit on its own line the caption's last line may end a sentence; before a line
            # that holds text and credit, only the caption's unfinished first lines belong to it.
            own_line = p.role == "photo_credit"
            while j >= 0 and k - j <= 5 and pieces[j].role in free \
                    and not ((j < k - 1 or not own_line) and is_terminal(pieces[j].text, know)):
                if blanks and pieces[j + 1].gap_before:
                    break  # a blank line: the caption's block starts after it
                if not any(m in pieces[j].text for m in "，。；、：") and pieces[j].width < pieces[j + 1].width - 2:
                    break  # a headline line over the caption, not its text
                pieces[j].role, pieces[j].why = "caption", "photo caption before its credit"
                if pieces[j].starts or (j and pieces[j - 1].role not in free):
                    break
                j -= 1
        k += 1


def _credit_ahead(pieces: list[Piece], j: int, know: Knowledge) -> bool:
    """A caption's credit wrapped onto the next lines: （孙秀宇 / 摄）."""
    text = "".join(p.compact for p in pieces[j : j + 2])
    return bool(re.match(r"^[（(]?[\u4e00-\u9fff·\s]{0,8}摄", text)) and len(pieces[j].compact) <= 8


def _dated_caption(pieces: list[Piece], k: int, know: Knowledge) -> bool:
    """A lone dated sentence (11月17日，…召开。) printed apart from any paragraph."""
    p = pieces[k]
    if not know.caption_start.match(p.compact) or not is_terminal(p.text, know) or not p.alone:
        return False
    if p.role == "display":
        return True
    # Read as a paragraph: a caption only where it stands apart from running text on one side.
    apart = (k == 0 or pieces[k - 1].role != "body") or k + 1 == len(pieces) or pieces[k + 1].role != "body"
    return apart and (p.why == CARRIED_OVER or (p.starts and (k + 1 == len(pieces) or pieces[k + 1].starts)))


MAX_TABLE_LINES = 4000  # lines one table may span on the page (tables.MAX_TABLE_LINES caps the lines a case list aligns)


WRAPPED_TAIL = "the last line of a wrapped cell"


def header_cells(p: Piece, know: Knowledge) -> list[str] | None:
    """The column heads a line prints: one head alone on its line, or several separated by spaces."""
    if p.compact in know.table_headers and p.alone:
        return [p.compact] if p.why != WRAPPED_TAIL else None
    tokens = p.text.split()
    # Several heads on one line: most of them known list heads, the rest as short as heads are (人数).
    known = sum(t in know.table_headers for t in tokens)
    if len(tokens) >= 2 and known >= 2 and known >= 0.6 * len(tokens) and all(len(t) <= 6 for t in tokens) \
            and not any(t.isdigit() for t in tokens):
        return tokens
    return None


def table_title(p: Piece, know: Knowledge) -> bool:
    """A table's own title: a short line naming a list (…名单, …一览表) with no sentence punctuation."""
    c = p.compact
    return p.alone and c.endswith(know.table_title_endings) and not any(m in c for m in "，。、；：“”") \
        and c not in know.table_headers


NUMBER_CELL = re.compile(r"^\d{1,5}$")
MAX_ROW_LINES = 10  # a row without heads: its number and cells, wrapped, fill at most this many lines


def _cell_like(p: Piece, know: Knowledge) -> bool:
    """A line a table cell could fill: short, ending no sentence and holding none."""
    return p.role == "" and len(p.compact) <= 40 and not is_terminal(p.text, know) and "。" not in p.text \
        and "，" not in p.text


def numbered_rows(pieces: list[Piece], know: Knowledge) -> None:
    """A table printed without heads: at least three rows numbered n, n+1, n+2 …, each number opening a
    line (alone, or before the row's cells), with only cell-like lines between the numbers."""
    k = 0
    while k < len(pieces):
        run = [k] if row_number(pieces[k]) is not None and _cell_like(pieces[k], know) else []
        j = k
        while run and run[-1] - run[0] < MAX_TABLE_LINES:
            # Halves set side by side may come out interleaved (2612, 2620, 2613, 2621 …): where the
            # second row opens the other half (numbered higher; the third carries on the first), each row
            # carries on the numbering of the row before the one before it.
            apart = len(run) >= 2 and row_number(pieces[run[1]]) != row_number(pieces[run[0]]) + 1
            value = row_number(pieces[run[-2] if apart else run[-1]])
            nxt = next((i for i in range(run[-1] + 1, min(len(pieces), run[-1] + MAX_ROW_LINES + 1))
                        if not _cell_like(pieces[i], know) or row_number(pieces[i]) == value + 1), None)
            if len(run) == 1:
                other = next((i for i in range(run[-1] + 1, min(len(pieces), run[-1] + MAX_ROW_LINES + 1))
                              if not _cell_like(pieces[i], know) or row_number(pieces[i]) is not None), None)
                third = next((i for i in range(other + 1, min(len(pieces), other + MAX_ROW_LINES + 1))
                              if not _cell_like(pieces[i], know) or row_number(pieces[i]) is not None), None) \
                    if other is not None and _cell_like(pieces[other], know) \
                    and row_number(pieces[other]) > value + 1 else None
                if third is not None and _cell_like(pieces[third], know) and row_number(pieces[third]) == value + 1:
                    run.append(other)
                    continue
            if nxt is None or not _cell_like(pieces[nxt], know) or row_number(pieces[nxt]) != value + 1:
                break
            run.append(nxt)
        if len(run) >= 3:
            # The last row runs on as far as the rows before it did.
            span = max(b - a for a, b in zip(run, run[1:]))
            end = run[-1]
            while end + 1 < len(pieces) and end + 1 - run[-1] < span and _cell_like(pieces[end + 1], know) \
                    and row_number(pieces[end + 1]) is None:
                end += 1
            start = run[0]
            if start and pieces[start - 1].role == "" and title_like(pieces[start - 1], know) \
                    and not know.source_at_end.search(pieces[start - 1].compact):
                start -= 1
            for q in pieces[start : end + 1]:
                q.role, q.why = "table", "numbered rows"
            k = end + 1
            continue
        k = j + 1


MIN_LIST_LINES = 4


def name_lists(pieces: list[Piece], know: Knowledge) -> None:
    """A list printed without heads or numbers (名单 of schools or units): cell-like lines in which an
    organisation's name comes back every P lines (P = 1 for a bare list of names, 3 for name, place,
    level written a cell per line), at least MIN_LIST_LINES times, or names wrapped in a narrow column
    with their rows' other cells after each or after them all; its title just before or after."""
    # (A line that is only a name's ending, 学院, is the end of a wrapped name, not a name.)
    names = [p.role == "" and _cell_like(p, know) and " " not in p.text.strip() and is_name(p.compact, know)
             for p in pieces]
    k, scanned_to = 0, 0
    while k < len(pieces):
        # A stretch scanned for wrapped names and found none has none from any later start within it
        # either: each line is scanned once (linear).
        wrapped_end, count = _wrapped_names(pieces, k, know) if k >= scanned_to else (k, 0)
        scanned_to = max(scanned_to, wrapped_end)
        if not names[k] and count < MIN_LIST_LINES:
            k += 1
            continue
        best_end, period = k, 0
        for P in range(1, 7):
            end, count_p = k, 0
            while end + P <= len(pieces) and end - k < MAX_TABLE_LINES and names[end] \
                    and all(_cell_like(q, know) for q in pieces[end : end + P]):
                end += P
                count_p += 1
            if count_p >= MIN_LIST_LINES and end > best_end:
                best_end, period = min(end, len(pieces)), P
                break
        if period == 1:
            # Written column by column: the names, then as many places, levels … (cell-like lines).
            rows = best_end - k
            while best_end + rows <= len(pieces) and all(_cell_like(q, know) for q in pieces[best_end : best_end + rows]) \
                    and sum(names[best_end : best_end + rows]) <= 0.3 * rows \
                    and column_of_values([q.compact for q in pieces[best_end : best_end + rows]]):
                best_end += rows
        if count >= MIN_LIST_LINES and wrapped_end > best_end:
            start, end = k, wrapped_end
            if start and pieces[start - 1].role == "" and title_like(pieces[start - 1], know):
                start -= 1
            for q in pieces[start:end]:
                q.role, q.why = "table", "list of names wrapped in a narrow column"
            k = end
            continue
        if not period:
            k += 1
            continue
        start, end = k, best_end
        if start and pieces[start - 1].role == "" and title_like(pieces[start - 1], know):
            start -= 1
        elif end < len(pieces) and pieces[end].role == "" and title_like(pieces[end], know):
            end += 1
        for q in pieces[start:end]:
            q.role, q.why = "table", f"list of names, {period} lines a row"
        k = end
    name_rows(pieces, know)


def _wrapped_names(pieces: list[Piece], k: int, know: Knowledge) -> tuple[int, int]:
    """From piece k, a list whose names may wrap (昆明理工大 / 学): each name followed by its row's other
    cells (a cell per line), or all the names and then each other column's cells (column by column), as
    far as lines are cell-like: (end, how many names); a list with no wrapped name counts none."""
    end, count, wraps, since = k, 0, 0, 0
    texts: list[str] = []
    gaps: list[int] = []  # lines between one name and the next

    def usable(i: int) -> bool:
        q = pieces[i]
        return q.role == "" and _cell_like(q, know) and not list_heading(q, know)

    while end < len(pieces) and end - k < MAX_TABLE_LINES and usable(end):
        # The name test looks at most MAX_NAME_LINES lines ahead: only those are collected.
        while len(texts) < end - k + MAX_NAME_LINES and k + len(texts) < len(pieces) and usable(k + len(texts)):
            # (A row set on one line, 阜康职业技术学院 新疆维吾尔自治区 专科, opens with its name.)
            texts.append((pieces[k + len(texts)].text.split() or [""])[0])
        n = name_lines(texts, end - k, know)
        if n:
            if count >= MIN_LIST_LINES and since > max(MAX_ROW_LINES, count):
                break  # the columns after the names are done: another list begins
            if count:
                gaps.append(since)
            count, wraps, since, end = count + 1, wraps + (n > 1), 0, end + n
        elif count == 0 or since >= max(MAX_ROW_LINES, 3 * count):
            break
        else:
            since, end = since + 1, end + 1
    # Lines after the last name are its row's cells as far as the last rows had cells after their names,
    # or the other columns where the names came one after another (column by column).
    recent = max(gaps[-3:], default=MAX_ROW_LINES)
    # (Lines quoting a title or a clause, 《…》, are running text after the list, not its columns.)
    quoting = any(m in q.text for q in pieces[end - since : end] for m in "《》〈〉“”：；")
    if not (since >= 0.8 * count and sum(g == 0 for g in gaps) >= 0.8 * len(gaps)) or quoting:
        end -= since - min(since, recent)
    return end, (count if wraps else 0)


def name_rows(pieces: list[Piece], know: Knowledge) -> None:
    """A list without heads or numbers written a row per line (天津天狮学院 天津市): lines whose first cell
    is an organisation's name and whose other cells are short, at least MIN_LIST_LINES of them, with the
    lines of a wrapped name between them."""
    def row_line(p: Piece) -> bool:
        tokens = p.text.split()
        return p.role == "" and 2 <= len(tokens) <= 6 and bool(know.institution_type(tokens[0])) \
            and all(len(t) <= 20 for t in tokens) and not is_terminal(p.text, know) and "，" not in p.text

    def wrapped_start(i: int) -> bool:
        """A row whose name wrapped: a line that only with the next line's first word makes a name."""
        p = pieces[i]
        nxt = pieces[i + 1].text.split() if i + 1 < len(pieces) else []
        return p.role == "" and len(p.text.split()) == 1 and not know.institution_type(p.compact) \
            and bool(nxt) and bool(know.institution_type(p.compact + nxt[0])) and len(p.compact) >= 4

    k = 0
    while k < len(pieces):
        if not row_line(pieces[k]):
            k += 1
            continue
        end, rows, last_row = k, 0, k
        while end < len(pieces) and end - k < MAX_TABLE_LINES and end - last_row <= 6 \
                and (row_line(pieces[end]) or _cell_like(pieces[end], know)):
            if row_line(pieces[end]) or wrapped_start(end):
                rows, last_row = rows + 1, end
            end += 1
        # The last row runs on over its wrapped lines as far as a row does.
        while end < len(pieces) and end - last_row < 4 and _cell_like(pieces[end], know) \
                and not row_line(pieces[end]) and not wrapped_start(end):
            end += 1
        last_row = end - 1
        end = last_row + 1
        if rows >= MIN_LIST_LINES:
            for q in pieces[k:end]:
                q.role, q.why = "table", "list of names, a row per line"
        k = end


def row_number(p: Piece) -> int | None:
    """The number a line opens with, where it opens with one alone (2350 四川大学 …): a row's 序号."""
    tokens = p.text.split()
    return int(tokens[0]) if tokens and NUMBER_CELL.match(tokens[0]) else None


def title_like(p: Piece, know: Knowledge) -> bool:
    """A line over a table that names it: a list's title (…名单), or a short heading such as 四川省（141所）
    that holds no sentence."""
    c = p.compact
    return p.alone and c not in know.table_headers and not any(m in c for m in "，。、；：“”") \
        and " " not in p.text.strip() \
        and not is_terminal(p.text, know) and row_number(p) is None and not header_cells(p, know) \
        and (c.endswith(know.table_title_endings) or (len(c) <= 16 and not know.institution_type(c)))


def list_heading(p: Piece, know: Knowledge) -> bool:
    """A list's heading, unlike a cell: it names a list (…名单) or counts its entries (青海省（13所））."""
    return title_like(p, know) and (p.compact.endswith(know.table_title_endings) or bool(COUNT_HEADING.search(p.compact)))


def table_roles(pieces: list[Piece], know: Knowledge) -> None:
    """A table: from its column heads (each alone on its line, or several on one line) over cells, lines
    that end no sentence, to its title printed after it, running text or the next source line; a title
    printed just before the heads belongs to it too."""
    def running_text(i: int) -> bool:
        """Does a paragraph of running text start at line i: three lines of twelve characters or more
        with no blank line between them, two holding a clause mark (，。)? Asked only in a table whose
        cells are set apart by blank lines (a cell per block): there, lines set together are a wrapped
        cell at most, and a cell seldom holds clauses line after line."""
        run = pieces[i : i + 3]
        return len(run) == 3 and all(len(q.compact) >= 12 and " " not in q.text.strip() for q in run) \
            and not any(q.gap_before for q in run[1:]) and sum(("，" in q.text or "。" in q.text) for q in run) >= 2

    k = 0
    while k < len(pieces):
        p = pieces[k]
        heads = header_cells(p, know) if p.role == "" else None
        following = pieces[k + 1 : k + 3]
        if heads and len(following) == 2 and not any(is_terminal(q.text, know) for q in following):
            # Cells are short and end no sentence: the table stops before running text (a line that ends
            # a sentence or holds one), a line that is something else already (a source line,
            # furniture), and after at most MAX_TABLE_LINES.
            end, apart = k, 0
            while end + 1 < len(pieces) and end - k < MAX_TABLE_LINES and not pieces[end + 1].role \
                    and not is_terminal(pieces[end + 1].text, know) and "。" not in pieces[end + 1].text \
                    and not know.any_source.match(pieces[end + 1].compact) and not is_credit_line(pieces[end + 1].text, know) \
                    and not (apart >= 0.6 * (end - k) and running_text(end + 1)):
                end += 1
                apart += bool(pieces[end].gap_before)
            last_header = max(i for i in range(k, end + 1) if header_cells(pieces[i], know))
            titled = False
            for i in range(last_header + 1, end + 1):
                # A list's title ends it (…名单), and so does a heading such as 青海省（13所） with another
                # table right after it (a number opening a row, or heads).
                following = pieces[i + 1] if i + 1 < len(pieces) else None
                if table_title(pieces[i], know) or (title_like(pieces[i], know) and COUNT_HEADING.search(pieces[i].compact)
                                                    and following is not None and (
                        row_number(following) is not None or header_cells(following, know))):
                    end, titled = i, True
                    break
            # A title printed after the table is its title; otherwise the line just above the heads may
            # be (with a title below, that line is the article's headline).
            start = k - 1 if not titled and k and pieces[k - 1].role == "" and title_like(pieces[k - 1], know) else k
            for q in pieces[start : end + 1]:
                q.role, q.why = "table", "table"
            k = end + 1
            continue
        k += 1
    numbered_rows(pieces, know)
    name_lists(pieces, know)
    wrapped_tails(pieces, know)


def wrapped_tails(pieces: list[Piece], know: Knowledge) -> None:
    """A head's word alone on a table line (学校) that ends the name the line before it began
    (黔南民族医学高等专科 / 学校) is that cell's last line, not a head: marked so that header_cells says no."""
    for k in range(1, len(pieces)):
        p, prev = pieces[k], pieces[k - 1]
        if p.role != "table" or prev.role != "table" or p.compact not in know.table_headers or not p.alone:
            continue
        last = (prev.text.split() or [""])[-1]
        if last and not header_cells(prev, know) and not know.institution_type(last) \
                and not NUMBER_CELL.match(last) and know.institution_type(last + p.compact):
            p.why = WRAPPED_TAIL


def titles_over_subtitles(pieces: list[Piece], know: Knowledge) -> None:
    """A subtitle (——…, set apart) always follows its title: a short run read as a paragraph just above it
    (after a sentence's end, ending none itself: 茶农老冯家，住了五十多名采 / 茶工) is that title."""
    for k, p in enumerate(pieces):
        if p.role != "display" or not p.text.startswith("——"):
            continue
        j = k
        while j > 0 and k - j < 3 and pieces[j - 1].role == "body" and not pieces[j].starts:
            j -= 1
        run = pieces[j:k]
        if run and run[0].role == "body" and (run[0].starts or (j and is_terminal(pieces[j - 1].text, know))) \
                and not any(is_terminal(q.text, know) for q in run) \
                and (j == 0 or is_terminal(pieces[j - 1].text, know) or pieces[j - 1].role == "display"):
            for q in run:
                q.role, q.why = "display", "title over its subtitle"


def _unclosed(text: str) -> bool:
    """Does the line open a quotation, title or bracket mark that it does not close?"""
    return any(text.rfind(a) > text.rfind(b) for a, b in PAIRED_MARKS)


def carried_paragraphs(pieces: list[Piece], know: Knowledge) -> None:
    """A paragraph's end read as carried over (…调查。) may instead close the lines just above it, where a
    column measured on a headline's narrow lines set them apart: lines of that paragraph's measure, the last
    one full (justified type fills every line but a paragraph's last), one at least punctuated like running
    text, are that paragraph (…公告，决定自2026年 / …二氯二氢硅 / 进行反倾销立案调查。)."""
    for k, p in enumerate(pieces):
        if p.why != CARRIED_OVER or k == 0 or p.gap_before:
            continue
        j = k
        while j > 0 and k - j < 8 and pieces[j - 1].why == SET_APART and not pieces[j].gap_before \
                and pieces[j - 1].width >= p.width - INDENT_SLACK:
            j -= 1
        run = pieces[j:k]
        if not run:
            continue
        # Each line breaks a word the next completes (…人力资 / 源流动…了解 / 读。): one text, whatever the widths.
        chained = all(breaks_word(a.compact, b.compact, know) for a, b in zip(run, run[1:] + [p]))
        if not chained and (run[-1].width < p.width - 0.5 or max(q.width for q in run) > p.width + FULL_SLACK
                            or not any(m in q.text for q in run for m in "，、；：")):
            continue
        for q in run:
            q.role, q.why = "body", "a paragraph's lines over its carried end"
        run[0].starts = True
        p.why = "ends the paragraph above it"


def headlines_between_articles(pieces: list[Piece], know: Knowledge) -> None:
    """Lines between one article's end (a finished sentence, or a source printed at its end) and the next one's source line, set
    well short of the column the article ran in and finishing no sentence, are a headline (the first
    article's, printed after it, or the next one's), however they are punctuated (落实健康第一，/ …)."""
    for k, p in enumerate(pieces):
        ended = p.role == "source_end" or (p.role == "body" and is_terminal(p.text, know))
        if not ended or (k + 1 < len(pieces) and pieces[k + 1].role == "source_end"):
            continue
        j = k + 1
        while j < len(pieces) and j - k <= 4 and pieces[j].role == "body" and not pieces[j].gap_before:
            j += 1
        run = pieces[k + 1 : j]
        if not run or j >= len(pieces) or pieces[j].role != "source" or j - k > 4:
            continue
        before = sorted(q.width for q in pieces[max(0, k - 12) : k] if q.role == "body")
        column = before[len(before) // 2] if len(before) >= 4 else None
        if column is None or max(q.width for q in run) > column - 3 \
                or any(m in q.text for q in run for m in "。；：") or is_terminal(run[-1].text, know) \
                or any(q.why in (SIGNATURE, RECORD, RECORD_END, ADDRESSEE) for q in run):
            continue  # (a notice's issuers and date end its text: no headline)
        for q in run:
            q.role, q.starts, q.why = "display", False, "a headline between two articles"


def assign_roles(lines: list[Line], know: Knowledge, paper: str | None = None) -> list[Piece]:
    """Every non-blank stretch of the page as a piece with its role."""
    pieces = split_paper_name(carry_on_columns(chain_blocks(reading_order(line_pieces(lines), know), know), know), paper)
    furniture_role(pieces, know, paper)
    pieces = split_sources([p for p in pieces], know)
    pieces = split_marks(pieces, know)
    table_roles(pieces, know)
    pieces = split_author_tail(pieces, know)
    shape_roles(pieces, know)
    body_roles(pieces, know)
    carried_paragraphs(pieces, know)
    headlines_between_articles(pieces, know)
    unfinished_runs(pieces, know)
    caption_roles(pieces, know)
    titles_over_subtitles(pieces, know)
    return pieces
