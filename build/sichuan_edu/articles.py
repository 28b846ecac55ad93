"""Article layouts -> article records: headline, byline, paragraphs, dates, credits."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .blocks import ArticleLayout, Piece
from .knowledge import Knowledge
from .lines import breaks_word, column_width
from .people import Credit, parse_credit
from .text import clean_body, clean_phrase, join_lines

DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
# "8 个育人模式案例…6 个发展路径案例…": how a table's rows divide into categories.


@dataclass
class DateMention:
    printed: str
    iso: str | None
    year_source: str | None  # text | published | content_year (inferred) | None
    line_no: int


@dataclass
class Article:
    seq: int
    title: str | None
    headline_lines: list[str]
    kicker: str | None
    subtitle: str | None
    byline: str | None
    agency: str | None
    paragraphs: list[str]
    first_line: int
    last_line: int
    body_lines: tuple[int, int] | None
    headline_line_range: tuple[int, int] | None
    credits: list[Credit]
    dates: list[DateMention]
    truncated: bool
    subheads: list[str] = field(default_factory=list)
    ending: str | None = None
    continued_to: str | None = None
    continued_from: str | None = None
    line_index: list[tuple[int, int]] = field(default_factory=list)  # (offset in body, line number)
    keywords: list[str] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    def line_of(self, offset: int) -> int | None:
        """The page line that a character of the body was printed on."""
        return _line_at(self.line_index, offset) if self.line_index else None


def _paragraph(pieces: list[Piece]) -> tuple[str, list[tuple[int, int]]]:
    """A paragraph's text and where each line starts in it: [(offset, line_no)]."""
    parts, starts, offset = [], [], 0
    for p in pieces:
        text = clean_body(p.text)
        starts.append((offset, p.line_no))
        parts.append(text)
        offset += len(text)
    joined = join_lines(parts)
    return joined, starts


def _line_at(starts: list[tuple[int, int]], offset: int) -> int:
    line = starts[0][1]
    for start, no in starts:
        if start <= offset:
            line = no
    return line


def resolve_year(month: int, day: int, published: date | None, content_year: int | None):
    """The year of a printed month-day, from the issue date (a date after it is last year's) or the
    manifest's content year (inferred)."""
    if published:
        year = published.year
        try:
            if date(year, month, day) > published:
                year -= 1
        except ValueError:
            return None, None
        return year, "published"
    if content_year:
        return content_year, "content_year (inferred)"
    return None, None


def find_dates(paragraphs, published, content_year) -> list[DateMention]:
    out = []
    for text, starts in paragraphs:
        for m in DATE.finditer(text):
            year_text, month, day = m.group(1), int(m.group(2)), int(m.group(3))
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            if year_text:
                year, source = int(year_text), "text"
            else:
                year, source = resolve_year(month, day, published, content_year)
            iso = None
            if year:
                try:
                    iso = date(year, month, day).isoformat()
                except ValueError:
                    iso = None
            out.append(DateMention(m.group(0), iso, source if iso else None, _line_at(starts, m.start())))
    return out


def join_display(lines: list[str], know: Knowledge) -> str:
    """Display lines as one phrase. A line wrapped inside a word, before a closing mark or after an
    opening one, or leaving a character or two for the next line, joins it directly (…开学工作的通 / 知), as
    does a line filling the measure that two or more lines of the headline share; otherwise a space keeps
    the parts of a headline apart (…视频会 确保实现…)."""
    widths = [column_width(line) for line in lines]
    full = max(widths, default=0)
    wrapped = sum(1 for w in widths if w >= full - 0.5) >= 2 and len(lines) >= 3
    out = ""
    for i, line in enumerate(lines):
        if out and not (breaks_word(out, line, know) or len(line) <= 2 or out[-1] in "“‘（《〈「『【"
                        or line[0] in know.no_line_start or (wrapped and widths[i - 1] >= full - 0.5)):
            out += " "
        out += line
    return out


def _phrase(pieces: list[Piece], know: Knowledge) -> str | None:
    """Display lines as one phrase (join_display); NULL when none."""
    return join_display([clean_phrase(p.text) for p in pieces], know) or None


def assemble(seq: int, layout: ArticleLayout, know: Knowledge, published, content_year) -> Article:
    paragraphs = [_paragraph(pieces) for pieces in layout.paragraphs]
    # A bullet before a brief's headline (■ 标题) is typography, not part of the title.
    headline_lines = [clean_phrase(p.text.lstrip(know.author_marks) if i == 0 else p.text) for i, p in enumerate(layout.headline)]
    credits, unknown = parse_credit(layout.source_match.get("credit", ""), know)
    # Captions are rows of their own (their article is inferred), so they do not widen the article's lines.
    # Captions and tables are rows of their own, so they do not widen the article's lines (unless the
    # article is only a table).
    apart = {id(p) for p in layout.captions + layout.table_pieces()}
    all_pieces = [p for p in layout.pieces() if id(p) not in apart] or layout.pieces()
    body_pieces = layout.body_pieces
    article = Article(
        seq=seq,
        # No headline printed means NULL, never a made-up title.
        title=join_display(headline_lines, know) or None,
        headline_lines=headline_lines,
        kicker=_phrase(layout.kicker, know),
        subtitle=_phrase(layout.subtitle, know),
        subheads=[clean_phrase(p.text) for p in layout.subheads],
        ending=clean_body("".join(p.text for p in layout.ending)) or None,
        continued_to=clean_body("".join(p.text for p in layout.continued_to)) or None,
        continued_from=clean_body("".join(p.text for p in layout.continued_from)) or None,
        byline=clean_phrase(" ".join(layout.byline_texts)) or None,
        agency=layout.source_match.get("agency"),
        paragraphs=[text for text, _ in paragraphs],
        first_line=min(p.line_no for p in all_pieces),
        last_line=max(p.line_no for p in all_pieces),
        body_lines=(body_pieces[0].line_no, body_pieces[-1].line_no) if body_pieces else None,
        headline_line_range=_line_range(layout.kicker + layout.headline + layout.subtitle),
        credits=credits,
        dates=find_dates(paragraphs, published, content_year),
        truncated=layout.truncated,
    )
    offset = 0
    for text, starts in paragraphs:
        article.line_index += [(offset + start, no) for start, no in starts]
        offset += len(text) + 1
    for token in unknown:
        if len(token) > 4 and know.institution_type(token):
            continue  # the author's unit printed on an author line (□ 某某大学 张三)
        article.warnings.append((layout.byline[0].line_no, f"credit word not understood: {token!r}"))
    return article


def _line_range(pieces: list[Piece]) -> tuple[int, int] | None:
    lines = [p.line_no for p in pieces]
    return (min(lines), max(lines)) if lines else None


