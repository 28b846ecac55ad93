"""PDF pages -> lines with their boxes, type size and weight, in reading order, and the page's text.

A text extractor throws away what decides a newspaper's layout; the PDF keeps it. Here each character's
font size, weight and position (PDFium, through pypdfium2) become lines, the lines are put in reading
order by cutting the page at its gutters and the gaps between modules (recursive XY cut; a module
headed by a rule drawn over its columns is read whole), and each line
gets the role its type alone tells: furniture in the margins, display type (headlines, kickers,
subtitles) larger or bolder than the body, subheads (bold body type running on in a body's flow), captions
smaller. Tables are read from their geometry: cells side by side on shared baselines (or one column set
apart by rules), each row written as one line with its wrapped cells joined. The text written from these lines
is the page's text: the later stages (roles, blocks, articles) read it as they read any page, and every
character of it lands in a segment.

Coordinates are PDF points from the page's top-left corner.
"""
from __future__ import annotations

import ctypes
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError

# Layout tolerances, in units of the page's body type size (em), as pdfplumber exposes its own.
SETTINGS = {
    "same_baseline": 0.25,   # characters whose baselines differ by less share a line
    "split_gap": 0.8,        # a gap wider than this between characters on one baseline starts another line (ems of the body, or of display type between display characters)
    "word_gap": 0.2,         # a gap this much wider than the line's usual spacing is a space (of the type's size)
    "latin_gap": 0.25,       # and this much more between Chinese and Latin characters
    "gutter": 1.0,           # an empty vertical strip at least this wide separates columns
    "module_gap": 0.3,       # a horizontal gap this much wider than the body's gap between lines separates blocks
    "margin": 0.05,          # share of the page's height at its top and bottom that holds furniture
    "display": 1.08,         # type this much larger than the body is display type
    "caption": 0.93,         # type this much smaller than the body is a caption
    "caption_photo": 0.98,   # and type smaller than this right under a photo
    "photo_gap": 1.5,        # a line at most this many of its ems under a photo is set right under it
    "caption_step": 1.9,     # and a caption's next line follows at most this many of its ems under it
    "indent": 1.5,           # a body line starting this far right of its column opens a paragraph
    "section_head": 1.03,    # a line centred in its column in type this much larger than the body heads a section
    "subhead_step": 1.15,    # a display line at most this many body line pitches under a body line runs on in it
    "rule_thickness": 2.5,
    "label_height": 2.5,     # a shaded box at most this many times its line's size high may be a column's label
    "label_width": 0.5,      # whose line takes at most this share of its width   # a filled or stroked path thinner than this (points) is a rule
    "cell_gap": 25.0,        # lines on one baseline this close across (ems of their type) may be cells of one row
    "cell_width": 8.0,       # a group whose middle line is longer (ems) is running text
    "cell_sentences": 0.1,   # a grid with more lines than this share holding ，。；！？ is running text
    "cell_leading": 1.5,     # lines of one cell follow each other at most this many ems apart
    "table_title": 1.5,      # a line above or under a table set at most this much larger than the text is its title
    "row_step": 1.2,         # a cell's line this much further under the line before than a wrapped line starts a row
}
SENTENCE_MARKS = "，。；！？"  # running text holds them; a table's cells rarely do
MAX_DEPTH = 64  # the XY cut's recursion is bounded (a page is a few levels of bands and columns)

# The page image the page view shows beside the text, rendered once at build time and stored in the database
# (the site stays one file). WebP: on the corpus pages about a quarter smaller than JPEG at the same
# legibility (120–190 KB against 170–260 KB at 1200 px), and every current browser shows it. A page over the
# budget is encoded again at a lower quality, then narrower, a bounded number of times.
IMAGE = {
    "format": "webp",
    "width": 1200,              # pixels: the headlines and body type stay legible on a wide screen
    "qualities": (60, 45, 30),  # tried in turn until the image is within the budget
    "narrower": (0.75, 0.5),    # then the width scaled by these, at the lowest quality
    "budget": 300_000,          # bytes a page's image may take
    "method": 2,                # libwebp's effort: 4 (its default) costs twice the time for 2–3% fewer bytes
}


@dataclass
class Glyph:
    char: str
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool


@dataclass
class TextLine:
    """One line of type: its text, box, size, and what the type says it is."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    role: str = ""  # furniture | display | subhead | caption | body (by type and position alone)
    starts: bool = False  # body: indented, so the first line of a paragraph
    line_no: int = 0  # in the page's text
    block: int = 0  # the leaf of the XY cut it was read in
    label: bool = False  # furniture set alone in a shaded box over a column (简讯): read where it stands
    why: str = ""  # why the role, where it is not the type's size alone
    table: int = 0  # a row of a table read by its geometry: which table on the page (1, 2, …)
    carries_on: int = 0  # a row of a table's part continued in another column: the table it carries on


@dataclass
class PageImage:
    """A PDF page rendered for the page view: format, size in pixels and the encoded bytes."""

    format: str
    width: int
    height: int
    data: bytes


@dataclass
class PdfPage:
    """One page of a PDF: its lines in reading order and the text written from them."""

    file: str  # the page's name: x.pdf, or x.pdf#page=N in a PDF of several pages
    number: int  # 1-based page in the PDF
    width: float
    height: float
    body_size: float
    lines: list[TextLine] = field(default_factory=list)
    text: str = ""
    sha256: str = ""


def page_name(path: Path | str, number: int, count: int) -> str:
    """x.pdf for a one-page PDF, x.pdf#page=N (the PDF open parameter) for a page of several."""
    name = Path(path).name
    return name if count == 1 else f"{name}#page={number}"


def _open(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        reason = str(e)
        if "password" in reason.lower():
            raise BuildError(path, None, "the PDF is encrypted (a password is needed to open it): "
                                         "give the decrypted file") from None
        raise BuildError(path, None, f"not a readable PDF ({reason})") from None


def page_count(path: Path) -> int:
    """How many pages a PDF has; a file PDFium cannot open stops the build, naming it."""
    doc = _open(path)
    try:
        n = len(doc)
    finally:
        doc.close()
    if n == 0:
        raise BuildError(path, None, "the PDF has no pages")
    return n


def read_pdf_page(path: Path, number: int, settings: dict | None = None) -> PdfPage:
    """Page `number` (1-based) of a PDF: lines in reading order with roles by type, and its text."""
    s = {**SETTINGS, **(settings or {})}
    data = Path(path).read_bytes()
    doc = _open(path)
    try:
        count = len(doc)
        if not 1 <= number <= count:
            raise BuildError(path, None, f"page {number}: the PDF has {count} page(s)")
        page = doc[number - 1]
        width, height = page.get_size()
        glyphs = _glyphs(page, height)
        rects = _rects(page, height)
        images = _image_count(page)
    except BuildError:
        raise
    except Exception as e:  # a damaged page object: say which page, not a traceback
        raise BuildError(path, None, f"page {number}: cannot read the page ({e})") from None
    finally:
        doc.close()
    name = page_name(path, number, count)
    if not any(g.char.strip() for g in glyphs):
        what = "only images (scanned?): run OCR first" if images else "no text"
        raise BuildError(path, None, f"page {number}: the page has {what}")
    body = _body_size(glyphs)
    # Rules drawn down the page (a ruled table's column borders): (x, top, bottom).
    walls = [((x0 + x1) / 2, top, bottom) for x0, top, x1, bottom, thin, _ in rects if thin and bottom - top > x1 - x0]
    lines = _lines(glyphs, body, s, walls)
    running = _running_size(lines, rects, s)
    if running is not None and running != body:  # a page where cells or captions outnumber the running text
        body = running
        lines = _lines(glyphs, body, s, walls)
    out = PdfPage(name, number, width, height, body)
    _type_roles(lines, rects, body, height, s)
    lines = _table_rows(lines, rects, body, s)
    out.lines = _continued_after(_reading_order(lines, rects, body, s))
    _subheads(out.lines, body, s)
    out.text = _write_text(out.lines, body, s)
    # A page's identity: its PDF's bytes and its place in it (the same file given twice is caught).
    out.sha256 = hashlib.sha256(data + (f"#page={number}".encode() if count > 1 else b"")).hexdigest()
    return out


def render_page(path: Path, number: int, settings: dict | None = None) -> PageImage:
    """Page `number` (1-based) of a PDF as an image about IMAGE["width"] pixels wide, within the budget."""
    import io

    s = {**IMAGE, **(settings or {})}
    doc = _open(path)
    try:
        page = doc[number - 1]
        width, _ = page.get_size()
        bitmap = page.render(scale=s["width"] / width, may_draw_forms=False)
        image = bitmap.to_pil().convert("RGB")
    except Exception as e:  # a page PDFium cannot draw: say which, not a traceback
        raise BuildError(path, None, f"page {number}: cannot render the page image ({e})") from None
    finally:
        doc.close()
    tries = [(q, 1.0) for q in s["qualities"]] + [(s["qualities"][-1], f) for f in s["narrower"]]
    for quality, factor in tries:
        shown = image if factor == 1.0 else image.resize((round(image.width * factor), round(image.height * factor)))
        buf = io.BytesIO()
        shown.save(buf, s["format"].upper(), quality=quality, method=s["method"])
        if buf.tell() <= s["budget"]:
            break
    # The last try is kept even over the budget (the build warns): a page image is shown, never dropped.
    return PageImage(s["format"], shown.width, shown.height, buf.getvalue())


# --- characters ---------------------------------------------------------------------------------------

def _glyphs(page, height: float) -> list[Glyph]:
    """The characters PDFium reads on the page (not the spaces and line breaks it makes up)."""
    import pypdfium2.raw as pdfium_c

    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        out: list[Glyph] = []
        buf = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        fonts: dict[bytes, bool] = {}
        for i in range(n):
            code = pdfium_c.FPDFText_GetUnicode(tp.raw, i)
            if code in (0, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF or chr(code) in "\r\n":
                continue
            if pdfium_c.FPDFText_IsGenerated(tp.raw, i):
                continue  # spaces and line breaks PDFium makes up: lines and word gaps are found here
            size = pdfium_c.FPDFText_GetFontSize(tp.raw, i)
            pdfium_c.FPDFText_GetFontInfo(tp.raw, i, buf, len(buf), ctypes.byref(flags))
            font = buf.value
            if font not in fonts:
                weight = pdfium_c.FPDFText_GetFontWeight(tp.raw, i)
                fonts[font] = weight >= 600 or b"bold" in font.lower() or b"heavy" in font.lower()
            pdfium_c.FPDFText_GetCharOrigin(tp.raw, i, ctypes.byref(ox), ctypes.byref(oy))
            left, _, right, _ = tp.get_charbox(i, loose=True)
            ch = chr(code)
            if ch.isspace():
                right = max(right, left + 0.25 * size)
            out.append(Glyph(ch, min(left, ox.value), right, height - oy.value, size, fonts[font]))
        return out
    finally:
        tp.close()


def _rects(page, height: float) -> list[tuple[float, float, float, float, bool, bool]]:
    """Paths and images on the page as (x0, top, x1, bottom, is_rule, is_filled): photos (images, or
    frames and fills drawn as paths), shaded boxes, and rules."""
    import pypdfium2.raw as pdfium_c

    out = []
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        if not pdfium_c.FPDFPageObj_GetBounds(obj.raw, ctypes.byref(l), ctypes.byref(b), ctypes.byref(r), ctypes.byref(t)):
            continue
        x0, x1, top, bottom = l.value, r.value, height - t.value, height - b.value
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            # An image over half the page is its background (or a scan under its text), not a photo.
            if (x1 - x0) * (bottom - top) < 0.5 * page.get_width() * height:
                out.append((x0, top, x1, bottom, False, False))
            continue
        thin = min(x1 - x0, bottom - top) < SETTINGS["rule_thickness"]
        filled = bool(pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
                      and fill.value != pdfium_c.FPDF_FILLMODE_NONE)
        out.append((x0, top, x1, bottom, thin, filled))
    return out


def _image_count(page) -> int:
    import pypdfium2.raw as pdfium_c

    return sum(1 for obj in page.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE)


def _body_size(glyphs: list[Glyph]) -> float:
    """The running text's type size: the size most characters are set in."""
    sizes = Counter(round(g.size, 1) for g in glyphs if not g.char.isspace())
    return sizes.most_common(1)[0][0]


def _running_size(lines: list[TextLine], rects, s: dict) -> float | None:
    """The type size of running text: the size most characters of lines with a sentence's punctuation are
    set in (a table's cells, which may outnumber it on a page, rarely hold a comma or a full stop), not
    counting the captions right under photos (which may outnumber it on a page of photos)."""
    captions = {id(ln) for caption in _under_photos(lines, rects, s) for ln in caption}
    sizes = Counter()
    for ln in lines:
        if id(ln) not in captions and any(m in ln.text for m in "，。；"):
            sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else None


# --- lines --------------------------------------------------------------------------------------------

def _lines(glyphs: list[Glyph], body: float, s: dict, walls=()) -> list[TextLine]:
    """Characters on one baseline, one after another without a gutter between them, in one type size, and
    no rule drawn down between them (a ruled table's cells: 2787 | 兰州工商学院 set close)."""
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.baseline, g.x0)):
        if rows and abs(g.baseline - rows[-1][0].baseline) <= s["same_baseline"] * min(body, g.size):
            rows[-1].append(g)
        else:
            rows.append([g])
    out: list[TextLine] = []
    for row in rows:
        run: list[Glyph] = []
        base = row[0].baseline
        across = [x for x, top, bottom in walls if top <= base - 0.5 * row[0].size and base <= bottom]
        for g in sorted(row, key=lambda g: g.x0):
            # A headline's words may stand apart by a wide space of its own type (甲乙  丙丁): the gap
            # that parts lines is measured in the larger of the body's size and the display type's.
            size = min(g.size, run[-1].size) if run else body
            em = size if size >= s["display"] * body else body
            if run and (g.x0 - run[-1].x1 > s["split_gap"] * em
                        or not _same_size(g.size, run[-1].size) and not (g.char.isspace() or run[-1].char.isspace())
                        or any(run[-1].x1 - 0.5 <= x <= g.x0 + 0.5 for x in across)):
                out.append(_line(run))
                run = []
            run.append(g)
        if run:
            out.append(_line(run))
    return [ln for ln in out if ln.text.strip()]


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= 0.08 * max(a, b)


def _line(run: list[Glyph]) -> TextLine:
    # Spaces at a line's ends are no part of it (a justified line may end in one).
    while run and run[-1].char.isspace():
        run = run[:-1]
    while run and run[0].char.isspace():
        run = run[1:]
    if not run:
        return TextLine("", 0, 0, 0, 0, 0, False)
    chars = [g for g in run if not g.char.isspace()]
    size = Counter(round(g.size, 1) for g in chars).most_common(1)[0][0]
    base = Counter(round(g.baseline, 1) for g in chars).most_common(1)[0][0]
    text = _spaced(run)
    bold = sum(g.bold for g in chars) * 2 > len(chars)
    # The em box of the line's type: ascent 0.88, descent 0.12 (CJK fonts' ideographic box).
    return TextLine(text, run[0].x0, base - 0.88 * size, run[-1].x1, base + 0.12 * size, size, bold)


def _spaced(run: list[Glyph]) -> str:
    """The line's characters, with a space where the gap between two is wider than the line's usual gap
    by a space's width (文/图 易舒冉 may be drawn as two runs without a space character; a justified line
    spreads all its characters evenly, so only a gap beyond that spacing is a word's break)."""
    # The usual gap between characters of one script: a quarter em set around Latin (文/图) is no spacing.
    gaps = sorted(b.x0 - a.x1 for a, b in zip(run, run[1:])
                  if not (a.char.isspace() or b.char.isspace()) and a.char.isascii() == b.char.isascii())
    usual = gaps[len(gaps) // 4] if gaps else 0.0
    out = [run[0].char]
    for a, b in zip(run, run[1:]):
        # Typesetters set a quarter em between Chinese and Latin (中西文间距): no word break by itself.
        mixed = a.char.isascii() != b.char.isascii()
        wide = SETTINGS["word_gap"] + (SETTINGS["latin_gap"] if mixed else 0)
        if not (a.char.isspace() or b.char.isspace()) and b.x0 - a.x1 > usual + wide * a.size:
            out.append(" ")
        out.append(b.char)
    return "".join(out)


# --- what the type says -------------------------------------------------------------------------------

def _type_roles(lines: list[TextLine], rects, body: float, height: float, s: dict) -> None:
    """Furniture in the margins (above the first full-width rule near the top, or in the top and bottom
    bands); display type larger or bolder than the body; captions smaller."""
    width = max((ln.x1 for ln in lines), default=0) - min((ln.x0 for ln in lines), default=0)
    top_rule = min((t for x0, t, x1, b, thin, _ in rects if thin and x1 - x0 >= 0.8 * width and t < 0.15 * height),
                   default=None)
    band = s["margin"] * height
    for ln in lines:
        middle = (ln.top + ln.bottom) / 2
        if (top_rule is not None and middle <= top_rule) or middle <= band or middle >= height - band:
            ln.role = "furniture"
        elif ln.size >= s["display"] * body or (ln.bold and ln.size >= body * s["caption"]):
            ln.role = "display"
        elif ln.size <= s["caption"] * body:
            ln.role = "caption"
        else:
            ln.role = "body"
    _labels(lines, rects, s)
    _photo_captions(lines, rects, body, s)


def _photo_captions(lines: list[TextLine], rects, body: float, s: dict) -> None:
    """The lines right under a photo, in type smaller than the body (if only a little), are its caption:
    the photo, not the size alone, says so."""
    for caption in _under_photos(lines, rects, s):
        if caption[0].role == "body" and caption[0].size < s["caption_photo"] * body:
            for ln in caption:
                if ln.role == "body":
                    ln.role, ln.why = "caption", "right under a photo, in type smaller than the body"


def _under_photos(lines: list[TextLine], rects, s: dict) -> list[list[TextLine]]:
    """For each photo (a box with no text in it), the lines set right under it: the nearest line starting
    within a line and a half under its foot, inside its width, and the lines of that type following it
    at its leading, inside the width."""
    out = []
    for x0, top, x1, bottom, thin, _ in rects:
        if thin or any(x0 <= (ln.x0 + ln.x1) / 2 <= x1 and top <= (ln.top + ln.bottom) / 2 <= bottom for ln in lines):
            continue
        inside = sorted((ln for ln in lines if x0 - 1 <= ln.x0 and ln.x1 <= x1 + 1 and ln.top >= bottom),
                        key=lambda ln: ln.top)
        if not inside or inside[0].top - bottom > s["photo_gap"] * inside[0].size:
            continue
        caption = [inside[0]]
        for ln in inside[1:]:
            step = ln.top - caption[-1].top
            if step > s["caption_step"] * ln.size:
                break
            if ln.size == caption[0].size and step > 0:
                caption.append(ln)
        out.append(caption)
    return out


def _labels(lines: list[TextLine], rects, s: dict) -> None:
    """A column's label (简讯 over a column of briefs): display type alone in a shaded box that holds
    no more than its line, the line short of the box's width. It names the column, not an article."""
    for x0, top, x1, bottom, thin, filled in rects:
        if thin or not filled:
            continue
        inside = [ln for ln in lines if x0 <= (ln.x0 + ln.x1) / 2 <= x1 and top <= (ln.top + ln.bottom) / 2 <= bottom]
        if len(inside) != 1 or inside[0].role != "display":
            continue
        ln = inside[0]
        if bottom - top <= s["label_height"] * ln.size and ln.x1 - ln.x0 <= s["label_width"] * (x1 - x0):
            ln.role, ln.label = "furniture", True


# --- tables -------------------------------------------------------------------------------------------

def _table_rows(lines: list[TextLine], rects, body: float, s: dict) -> list[TextLine]:
    """Tables by their geometry: lines standing side by side on shared baselines, in columns that are not
    justified running text, are a grid; each of its rows becomes one line, its cells left to right, a
    wrapped cell's lines joined (a cell wraps at one line's leading; a new row starts further down, or
    under a rule). The table stage then reads rows whose cells the geometry already put together."""
    # Cells are set no larger than the running text and hold no sentence: lines that do stay out of a
    # grid beside them.
    text_size = [ln for ln in lines if (ln.role in ("body", "caption")
                                        or ln.role == "display" and ln.size <= s["display"] * body)
                 and not any(m in ln.text for m in SENTENCE_MARKS)]
    rules = [(x0, (t + b) / 2, x1) for x0, t, x1, b, thin, _ in rects if thin and x1 - x0 > b - t]
    taken: set[int] = set()
    grids: list[tuple[int, list[list[TextLine]], list[TextLine], list[list[TextLine]]]] = []  # (group, cols, cells, halves)
    for g, group in enumerate(_grids(text_size, s, rules)):
        sides = _side_tables(_columns(group), rules)
        for n, cols in enumerate(sides):
            cells = [ln for col in cols for ln in col]
            # (A cell's wrapped lines stand alone on their baselines: they count as their row's.)
            baselines = len({round(ln.top) for ln in cells}) - _wrapped_baselines(cols, s)
            # (One ruled column is told by its rules below, whatever the length of its lines.)
            if len(cols) > 1 and (_running_text(cells, s) or _side_by_side(cells) < max(3, baselines / 2)):
                continue
            halves = [_rows(half, rules, s) for half in _halves(cols, rules)]
            if sum(len(h) for h in halves) < 3:
                continue  # lines at one even leading (running text): no row ends before another starts
            if len(cols) == 1 and _ruled_gaps(halves[0], rules) < len(halves[0]) - 1 \
                    and not _list_halves(cols[0], [c for k in (n - 1, n + 1) if 0 <= k < len(sides)
                                                   for c in sides[k] if len(sides[k]) == 1], s):
                # One column is a table only where rules set each row apart (a ruled list), or where a
                # column like it stands beside it from the same top (a list printed in halves).
                continue
            taken.update(id(ln) for ln in cells)
            grids.append((g, cols, cells, halves))
    titles = _titles(grids, [ln for ln in lines if id(ln) not in taken], body, s)
    rows: list[TextLine] = []
    parts: dict[int, dict] = {}  # table -> its columns, first row (heads), title, rows of its first and last half, box
    last = None  # (group, columns, top, table, rows of its last half) of the grid last read
    for k, (g, cols, cells, halves) in enumerate(grids):
        title = titles.get(k)
        where = 0
        if title is not None:
            taken.add(id(title))
            title.role = "table"
            where = 0 if title.top < min(ln.top for ln in cells) else -1
            halves[where].insert(len(halves[where]) if where else 0, title)
        # Halves of one table: side by side, each with the same columns from the same top (each half a
        # table of its own when the rules part them), the first no shorter than the next (a list split in
        # halves fills the first); one table, read half after half.
        top = min(ln.top for ln in cells)
        counts = [len(h) - (title is not None and h is halves[where]) for h in halves]
        same = last is not None and last[0] == g and last[1] == len(cols) and abs(last[2] - top) < 0.25 * cells[0].size \
            and last[4] >= counts[0]
        table = last[3] if same else len({r.table for r in rows}) + 1
        last = (g, len(cols), top, table, counts[-1])
        for half in halves:
            for row in half:
                row.table = table
                rows.append(row)
        part = parts.setdefault(table, {"columns": len(cols), "head": halves[0][1 if title is not None and where == 0 else 0].text,
                                        "title": None, "first": counts[0], "x0": min(ln.x0 for ln in cells),
                                        "headed": all(ln.bold for ln in cells if abs(ln.top - top) < 0.25 * ln.size),
                                        "top": top, "x1": 0.0, "bottom": 0.0})
        part["last"] = counts[-1]
        part["x1"] = max(part["x1"], max(ln.x1 for ln in cells))
        part["bottom"] = max(part["bottom"], max(ln.bottom for ln in cells))
        if title is not None:
            part["title"] = "before" if where == 0 else "after"
    _mark_continued(rows, parts)
    return [ln for ln in lines if id(ln) not in taken] + rows


def _titles(grids, lines: list[TextLine], body: float, s: dict) -> dict[int, TextLine]:
    """Each grid's title (by its index in grids): a line may title one grid only, the nearest, and the
    pairs nearest together are settled first (a heading between two tables titles the one it is closer
    to, whichever was read first)."""
    pairs = []
    for k, (_, _, cells, _) in enumerate(grids):
        for key, title in _title_candidates(cells, lines, body, s):
            pairs.append((key, k, id(title), title))
    out: dict[int, TextLine] = {}
    used: set[int] = set()
    for _, k, t, title in sorted(pairs, key=lambda p: (p[0], p[1])):
        if k not in out and t not in used:
            out[k] = title
            used.add(t)
    return out


def _list_halves(col: list[TextLine], beside: list[list[TextLine]], s: dict) -> bool:
    """Is one column of short lines a half of a list printed side by side: another column of at least
    three lines beside it, from the same top, at the same leading, neither holding running text?"""
    def ragged(lines):
        # Running text holds sentences and is justified: most of its lines fill the measure; a list's
        # entries end where their names do.
        if any(m in ln.text for ln in lines for m in SENTENCE_MARKS):
            return False
        widest = max(ln.x1 - ln.x0 for ln in lines)
        return sum(widest - (ln.x1 - ln.x0) < 0.5 * ln.size for ln in lines) <= len(lines) / 2

    if len(col) < 3 or not ragged(col):
        return False
    top = min(ln.top for ln in col)
    steps = sorted(b.top - a.top for a, b in zip(sorted(col, key=lambda ln: ln.top), sorted(col, key=lambda ln: ln.top)[1:]))
    for other in beside:
        if len(other) < 3 or other is col or not ragged(other):
            continue
        o = sorted(other, key=lambda ln: ln.top)
        o_steps = sorted(b.top - a.top for a, b in zip(o, o[1:]))
        if abs(o[0].top - top) < 0.25 * col[0].size and abs(o_steps[0] - steps[0]) < 0.1 * col[0].size:
            return True
    return False


def _mark_continued(rows: list[TextLine], parts: dict[int, dict]) -> None:
    """A table's part continued at the head of a later column: no title over it, the same columns and the
    same first row (its heads, printed again), standing right of the part before it and starting above
    that part's end, with no more rows than that part's last (a table fills its first column before it
    goes on; a title under it is the whole table's). Its rows are marked with the table whose first part
    it carries on (a part may carry on a part that carries on another)."""
    before: dict[int, int] = {}
    for t, p in parts.items():
        if p["title"] == "before":
            continue
        # (Halves without heads, each drawn in its own rules, stand side by side from the same top.)
        left = [(u_p["x1"], u) for u, u_p in parts.items()
                if u != t and u_p["columns"] == p["columns"] and u_p["x1"] <= p["x0"]
                and p["top"] < u_p["bottom"] and u_p["last"] >= p["first"]
                and (u_p["head"] == p["head"] or not u_p["headed"] and not p["headed"] and not u_p["title"] == "after"
                     and abs(u_p["top"] - p["top"]) < 2)]
        if left:
            before[t] = max(left)[1]  # the nearest part to its left
    for row in rows:
        t, seen = row.table, 0
        while t in before and seen < len(parts):  # (bounded: parts lie left of each other, no cycle)
            t, seen = before[t], seen + 1
        if t != row.table:
            row.carries_on = t


def _continued_after(lines: list[TextLine]) -> list[TextLine]:
    """Lines in reading order with each continued part's rows moved after the rows of the table it
    carries on, part after part from left to right (the reading order put other modules between them);
    they are that table's rows from then on."""
    parts: dict[int, list[TextLine]] = {}
    for ln in lines:
        if ln.carries_on:
            parts.setdefault(ln.table, []).append(ln)
    if not parts:
        return lines
    out = [ln for ln in lines if not ln.carries_on]
    for part in sorted(parts.values(), key=lambda rows: min(ln.x0 for ln in rows)):
        root = part[0].carries_on
        at = max((i for i, ln in enumerate(out) if ln.table == root), default=len(out) - 1)
        for ln in part:
            ln.table = root
        out[at + 1 : at + 1] = part
    return out


def _title_candidates(cells: list[TextLine], lines: list[TextLine], body: float, s: dict) -> list[tuple]:
    """Lines that may title a grid, with a sort key: set a little larger or bolder than the text, right
    above or right under the grid, across it (a headline is set larger). A line set larger than the cells
    comes first, then the nearest: a bold line in the cells' own size is a column's head (学校名称 over a
    ruled list)."""
    x0, x1 = min(ln.x0 for ln in cells), max(ln.x1 for ln in cells)
    top, bottom = min(ln.top for ln in cells), max(ln.bottom for ln in cells)
    cell_size = max(ln.size for ln in cells)
    return [((not ln.size > cell_size + 0.1, min(abs(top - ln.bottom), abs(ln.top - bottom))), ln) for ln in lines
            if ln.role == "display" and ln.size <= s["table_title"] * body and ln.x0 < x1 and x0 < ln.x1
            and (0 <= top - ln.bottom <= 2 * ln.size or 0 <= ln.top - bottom <= 2 * ln.size)]


def _ruled_gaps(rows: list[TextLine], rules) -> int:
    """How many of the gaps between rows a rule across them crosses."""
    return sum(1 for a, b in zip(rows, rows[1:])
               if any(rx0 <= min(a.x0, b.x0) + a.size and rx1 >= max(a.x1, b.x1) - a.size and a.bottom <= y <= b.top
                      for rx0, y, rx1 in rules))


class _Sets:
    """Disjoint sets of 0..n-1 (union-find with path halving): which lines or boxes hang together."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        """Put i's set under j's."""
        self.parent[self.find(i)] = self.find(j)


def _grids(lines: list[TextLine], s: dict, rules=()) -> list[list[TextLine]]:
    """Lines in groups: one line joins a group when it is near one of its lines, under it within a line
    and a half or beside it on its baseline within a few ems, in the same type size (a row's cells are
    set alike) and not parted by rules (bounded: each pair compared once)."""
    sets = _Sets(len(lines))

    for i, a in enumerate(lines):
        for j in range(i + 1, len(lines)):
            b = lines[j]
            size = max(a.size, b.size)
            across = max(a.x0, b.x0) - min(a.x1, b.x1)  # the gap between them across (negative: overlap)
            down = max(a.top, b.top) - min(a.bottom, b.bottom)
            if (across < 0 and down < 1.5 * size) or (_head_over(a, b, down, across, size)) or (
                    abs(a.top - b.top) < 0.25 * size and across < s["cell_gap"] * size
                    and abs(a.size - b.size) <= 0.2 and not _ruled_between(a, b, rules)):
                sets.union(i, j)
    groups: dict[int, list[TextLine]] = {}
    for i, ln in enumerate(lines):
        groups.setdefault(sets.find(i), []).append(ln)
    return list(groups.values())


def _head_over(a: TextLine, b: TextLine, down: float, across: float, size: float) -> bool:
    """A bold head right over a cell of its column, centred over the column's short cells so that it
    overlaps none of them (学校名称 over 兰州大学): within a line's leading down and an em across."""
    upper, lower = (a, b) if a.top < b.top else (b, a)
    return upper.bold and not lower.bold and 0 <= down < 1.5 * size and across < size


def _ruled_between(a: TextLine, b: TextLine, rules) -> bool:
    """Do rules part two lines on one baseline: a rule right above or under them (within two of their
    ems) that ends in the gap between them and is not carried on across it (two tables, or a table's
    part continued in the next column, each drawn in its own rules)?"""
    left, right = (a, b) if a.x0 <= b.x0 else (b, a)
    lo, hi = min(a.top, b.top) - 2 * a.size, max(a.bottom, b.bottom) + 2 * a.size
    near = [(x0, y, x1) for x0, y, x1 in rules if lo <= y <= hi]
    for x0, y, x1 in near:
        for end in (x1, x0):
            if left.x1 <= end <= right.x0 and not any(
                    abs(y2 - y) < 1 and u0 - 1 <= end <= u1 + 1 and u0 < left.x1 and u1 > right.x0
                    for u0, y2, u1 in near):
                return True
    return False


def _running_text(group: list[TextLine], s: dict) -> bool:
    """Running text, not cells: lines that hold a sentence's punctuation, or lines mostly as long as a
    column's measure."""
    if sum(1 for ln in group if any(m in ln.text for m in SENTENCE_MARKS)) > s["cell_sentences"] * len(group):
        return True
    widths = sorted((ln.x1 - ln.x0) / ln.size for ln in group)
    return widths[len(widths) // 2] > s["cell_width"]


def _wrapped_baselines(cols: list[list[TextLine]], s: dict) -> int:
    """How many baselines hold one line only, set right under a line of its column at a cell's leading
    (a name wrapped over several lines in a narrow column)."""
    tops = Counter(round(ln.top) for col in cols for ln in col)
    n = 0
    for col in cols:
        col = sorted(col, key=lambda ln: ln.top)
        for a, b in zip(col, col[1:]):
            if tops[round(b.top)] == 1 and 0 < b.top - a.top <= s["cell_leading"] * b.size:
                n += 1
    return n


def _side_by_side(group: list[TextLine]) -> int:
    """How many baselines of a group hold two or more lines side by side."""
    tops = Counter(round(ln.top) for ln in group)
    return sum(1 for n in tops.values() if n >= 2)


def _columns(group: list[TextLine]) -> list[list[TextLine]]:
    """A grid's lines in columns, left to right: the cells of rows side by side whose spans across overlap;
    a line alone on its baseline joins the one column it lies in (one across several, a table's title,
    is no cell)."""
    tops = Counter(round(ln.top) for ln in group)
    if all(n == 1 for n in tops.values()):
        tops = Counter({t: 2 for t in tops})  # one column: each line a cell
    cols: list[list[TextLine]] = []
    span: list[list[float]] = []
    for ln in sorted((ln for ln in group if tops[round(ln.top)] >= 2), key=lambda ln: ln.x0):
        if span and ln.x0 < span[-1][1]:
            cols[-1].append(ln)
            span[-1][1] = max(span[-1][1], ln.x1)
        else:
            cols.append([ln])
            span.append([ln.x0, ln.x1])
    # A head centred over a column of short cells may overlap none of them: alone in its column, on a
    # baseline the column to its left has no line on, it heads that column.
    for k in range(len(cols) - 1, 0, -1):
        if len(cols[k]) == 1 and round(cols[k][0].top) not in {round(ln.top) for ln in cols[k - 1]}:
            cols[k - 1] += cols.pop(k)
            span[k - 1][1] = max(span[k - 1][1], span.pop(k)[1])
    for ln in group:
        if tops[round(ln.top)] < 2:
            inside = [k for k, (a, b) in enumerate(span) if ln.x0 < b and a < ln.x1]
            if len(inside) == 1:
                cols[inside[0]].append(ln)
    return cols


def _side_tables(cols: list[list[TextLine]], rules) -> list[list[list[TextLine]]]:
    """Columns in tables: a column whose baselines mostly differ from the column before it starts another
    table set beside the first (the cells of one row share their first baseline), and so does one beyond
    the end of the rules drawn across the column before it."""
    if not cols:
        return []
    out = [[cols[0]]]
    for prev, col in zip(cols, cols[1:]):
        a, b = {round(ln.top) for ln in prev}, {round(ln.top) for ln in col}
        right, left = max(ln.x1 for ln in prev), min(ln.x0 for ln in col)
        top, bottom = min(ln.top for ln in prev), max(ln.bottom for ln in prev)
        # A rule ending in the gap, not carried on by another (a ruled table draws each cell's border).
        ruled_apart = any(right <= rx1 <= left and top - 2 * prev[0].size <= y <= bottom + 2 * prev[0].size
                          and not any(abs(y2 - y) < 1 and x0 - 1 <= rx1 < x1 for x0, y2, x1 in rules)
                          for rx0, y, rx1 in rules)
        if ruled_apart or len(a & b) < 0.5 * min(len(a), len(b)):
            out.append([col])
        else:
            out[-1].append(col)
    return out


def _halves(cols: list[list[TextLine]], rules=()) -> list[list[TextLine]]:
    """A grid printed in halves side by side (the rows carried on in a second block of the same columns):
    a column whose head repeats the first column's head, or whose numbers carry on the first column's
    numbering (its first number follows the first column's last), opens another half, unless a rule
    drawn across the grid runs on over the gap before it (one table whose heads repeat: 排名 市州 … 排名)."""
    key = lambda col: sorted(col, key=lambda ln: ln.top)  # noqa: E731
    first = key(cols[0])
    top = min(ln.top for col in cols for ln in col)
    bottom = max(ln.bottom for col in cols for ln in col)
    size = first[0].size

    def spanned(k):
        left, right = max(ln.x1 for ln in cols[k - 1]), min(ln.x0 for ln in cols[k])
        return any(x0 < left and x1 > right and top - 2 * size <= y <= bottom + 2 * size for x0, y, x1 in rules)

    def numbers(col):
        cells = [ln.text.strip() for ln in key(col)]
        return [int(c) for c in cells if c.isdigit()] if all(c.isdigit() for c in cells[1:]) else []

    def carries_on(col):
        a, b = numbers(cols[0]), numbers(col)
        return bool(a and b) and b[0] == a[-1] + 1

    cuts = [k for k in range(1, len(cols)) if (key(cols[k])[0].text == first[0].text and len(cols[k]) > 1
                                               or carries_on(cols[k])) and not spanned(k)]
    bounds = [0, *cuts, len(cols)]
    return [cols[a:b] for a, b in zip(bounds, bounds[1:])]


def _rows(columns: list[list[TextLine]], rules, s: dict) -> list[TextLine]:
    """A grid's rows as lines: a row starts at a baseline where a cell's line lies further under the line
    above it in its column than a wrapped line does, or under a rule across the grid."""
    cols = [sorted(col, key=lambda ln: ln.top) for col in columns]
    group = [ln for col in cols for ln in col]
    steps = [b.top - a.top for col in cols for a, b in zip(col, col[1:])]
    # A cell's wrapped line follows at the type's leading; steps all wider are rows (no cell wraps).
    wrap = min(steps) if steps and min(steps) < s["cell_leading"] * max(ln.size for ln in group) else 0.0
    col_of = {id(ln): k for k, col in enumerate(cols) for ln in col}
    prev_in_col: dict[int, TextLine] = {}
    x0, x1 = min(ln.x0 for ln in group), max(ln.x1 for ln in group)
    rows: list[list[TextLine]] = []
    last_top = None
    for ln in sorted(group, key=lambda ln: (ln.top, ln.x0)):
        k = col_of[id(ln)]
        above = prev_in_col.get(k)
        if last_top is not None and abs(ln.top - last_top) < 0.25 * ln.size:
            new = False  # on the baseline of the line before: the same row
        else:
            ruled = last_top is not None and any(
                rx0 <= x0 + ln.size and rx1 >= x1 - ln.size and last_top < y < ln.top for rx0, y, rx1 in rules)
            new = not rows or ruled or above is None or ln.top - above.top > s["row_step"] * wrap
        if new:
            rows.append([ln])
        else:
            rows[-1].append(ln)
        prev_in_col[k] = ln
        last_top = ln.top
    return [_row_line(row, col_of) for row in rows]


def _row_line(row: list[TextLine], col_of: dict) -> TextLine:
    """One table row as one line: each cell's lines joined, the cells left to right with a space between."""
    cells: dict[int, list[TextLine]] = {}
    for ln in row:
        cells.setdefault(col_of[id(ln)], []).append(ln)
    text = " ".join("".join(ln.text for ln in sorted(cells[k], key=lambda ln: ln.top)) for k in sorted(cells))
    return TextLine(text, min(ln.x0 for ln in row), min(ln.top for ln in row), max(ln.x1 for ln in row),
                    max(ln.bottom for ln in row), min(ln.size for ln in row), False, "table")


# --- reading order ------------------------------------------------------------------------------------

def _reading_order(lines: list[TextLine], rects, body: float, s: dict) -> list[TextLine]:
    """Furniture first, then the page cut at its gutters (left to right) and the gaps between its bands
    and modules (top to bottom), recursively; lines of one leaf top to bottom."""
    pitch = _body_pitch(lines, body)
    gap_h = (pitch - body) + s["module_gap"] * body
    gap_v = s["gutter"] * body
    boxes = [(ln.x0, ln.top, ln.x1, ln.bottom, ln) for ln in lines
             if (ln.role != "furniture" or ln.label) and not ln.table]
    # A table's rows are read together, as one box (the gaps between rows may be as wide as between bands).
    tables: dict[int, list[TextLine]] = {}
    for ln in lines:
        if ln.table:
            tables.setdefault(ln.table, []).append(ln)
    boxes += [(min(r.x0 for r in rows), min(r.top for r in rows), max(r.x1 for r in rows),
               max(r.bottom for r in rows), rows) for rows in tables.values()]
    # Photos take room on the page: a caption stays with the module it sits in.
    boxes += [(x0, t, x1, b, None) for x0, t, x1, b, thin, _ in rects if not thin]
    rules = [(x0, (t + b) / 2, x1) for x0, t, x1, b, thin, _ in rects if thin and x1 - x0 > b - t]
    ordered: list[TextLine] = []
    leaves = [0]

    def cut(items, depth):
        if depth > MAX_DEPTH or len(items) <= 1:
            leaf(items, depth)
            return
        groups = _ruled_bands(items, rules, gap_v)
        if len(groups) == 1:
            items = _modules_under_rules(items, rules, gap_v)
            groups = _ruled_modules(_headline_first(_split(items, 0, gap_v)), rules, gap_h, pitch)
        if len(groups) == 1:
            groups = _bands(items, gap_h, gap_v, pitch)
        if len(groups) == 1:
            groups = _modules_in_order(items, gap_h, gap_v, body)
        if len(groups) > 1:
            for g in groups:
                cut(g, depth + 1)
            return
        leaf(items, depth)

    def leaf(items, depth):
        leaves[0] += 1
        for *_, ln in sorted(items, key=lambda b: (b[1], b[0])):
            if isinstance(ln, _Module):  # a module set apart by its rule: read whole, in its own order
                cut(ln.items, depth + 1)
                leaves[0] += 1
                continue
            for one in (ln if isinstance(ln, list) else [ln] if ln is not None else []):
                one.block = leaves[0]
                ordered.append(one)

    furniture = sorted((ln for ln in lines if ln.role == "furniture" and not ln.label), key=lambda ln: (ln.top, ln.x0))
    cut(boxes, 0)
    top_f = [ln for ln in furniture if not ordered or ln.top < min(o.top for o in ordered)]
    bottom_f = [ln for ln in furniture if ln not in top_f]
    for ln in furniture:
        ln.block = -1
    return top_f + ordered + bottom_f


@dataclass
class _Module:
    """The boxes of one module, set apart by the rule over its head: one box in the reading order."""

    items: list


def _modules_under_rules(items, rules, gap_v: float):
    """A rule drawn over columns heads a module standing in the columns under it (its headline set over
    one or all of them, its text running on from one to the next): the items under each such rule, within
    its width, down to the next rule over them, are put in one box, read as a whole, so the cut neither
    parts the module at a gutter nor reads a column of it after another module. A rule where an item
    stands half inside that room is no module's head; a rule inside a module's box is left to the cut of
    that module (bounded: each rule is looked at once)."""
    top, bottom = min(b[1] for b in items), max(b[3] for b in items)
    out = list(items)

    def free(y, x0, x1):  # a rule inside the items' room, through no item's box
        return top < y < bottom and not any(b[1] < y < b[3] and b[0] < x1 and x0 < b[2] for b in out)

    tol = gap_v / 2
    # (Rules through an item, as a table's, are never free again: they are set aside once.)
    loose = sorted((r for r in rules if free(r[1], r[0], r[2])), key=lambda r: (r[1], r[0]))
    for rx0, y, rx1 in loose:
        if rx1 - rx0 < 2 * gap_v or not free(y, rx0, rx1):
            continue
        end = next((y2 for x0, y2, x1 in loose if y2 > y and min(x1, rx1) - max(x0, rx0) > gap_v
                    and free(y2, x0, x1)), float("inf"))
        inside = [b for b in out if b[0] >= rx0 - tol and b[2] <= rx1 + tol and b[1] >= y and b[3] <= end]
        straddle = any(b[0] < rx1 and rx0 < b[2] and b[1] < end and y < b[3] and b not in inside for b in out)
        if straddle or len(inside) < 2 or len(inside) == len(out):
            continue
        box = (min(b[0] for b in inside), min(b[1] for b in inside), max(b[2] for b in inside),
               max(b[3] for b in inside), _Module(inside))
        out = [b for b in out if b not in inside] + [box]
    return out


def _headline_first(columns):
    """Columns side by side, where a column of text without a headline starts below a headline that stands
    over the next column only: that headline is the module's, read before the column (its text begins
    left of the headline, as a module's body may)."""
    out = list(columns)
    for k in range(len(out) - 1):
        left, right = out[k], out[k + 1]
        if not left or any(not isinstance(b[4], TextLine) or b[4].role == "display" for b in left):
            continue
        top = min(b[1] for b in left)
        over = [b for b in right if b[1] < top]
        if over and all(isinstance(b[4], TextLine) and b[4].role == "display" for b in over) \
                and max(b[3] for b in over) <= top:
            out[k + 1] = [b for b in right if b[1] >= top]
            return out[:k] + [over] + out[k:]
    return out


def _ruled_modules(columns, rules, gap_h: float, slack: float):
    """A column whose text starts level with the column to its left but without a headline, under a
    rule drawn over both their heads, carries on the module standing in the left column (its headline
    set over one column): where the two share a gap down the page they are read band by band, each
    band's columns side by side, so the module's second column comes before the module under its first."""
    def joined(a, b):
        heads = _split(a, 1, gap_h)[0], _split(b, 1, gap_h)[0]
        top_a, top_b = (min(x[1] for x in h) for h in heads)
        right, left = max(x[2] for x in a), min(x[0] for x in b)
        headless = not any(isinstance(x[4], TextLine) and x[4].role == "display" for x in heads[1])
        return (headless and abs(top_a - top_b) <= slack
                and any(rx0 < right and rx1 > left and min(top_a, top_b) - slack <= y <= min(top_a, top_b)
                        for rx0, y, rx1 in rules))

    out, k = [], 0
    while k < len(columns):
        bands = []
        if k + 1 < len(columns) and joined(columns[k], columns[k + 1]):
            bands = _split(columns[k] + columns[k + 1], 1, gap_h)
        if len(bands) > 1:
            out += bands
            k += 2
        else:
            out.append(columns[k])
            k += 1
    return out


def _modules_in_order(items, gap_h: float, gap_v: float, body: float):
    """Where no gutter runs through the whole and no gap across it (modules set like bricks: one spans
    the columns two others stand in), the pieces each set together, in reading order: a piece comes
    before another under it that it overlaps across, and before one to its right unless a third piece,
    starting between their heads, reaches over both (then the right one is read first, as its column
    is above). Pieces starting level side by side under one piece (a module's columns under its photo
    or caption) are one piece. The pieces are cut again in turn."""
    n = len(items)
    # A leaf of one column holds nothing side by side: it is read top to bottom as it is (a short last
    # line beside the next paragraph's indent is no column of its own).
    if not any(max(a[1], b[1]) < min(a[3], b[3]) and max(a[0], b[0]) - min(a[2], b[2]) >= gap_v
               for i, a in enumerate(items) for b in items[i + 1 :]):
        return [items]
    sets = _Sets(n)

    def across(a, b):
        return a[0] < b[2] and b[0] < a[2]

    for i in range(n):
        a = items[i]
        for j in range(i + 1, n):
            b = items[j]
            down = max(a[1], b[1]) - min(a[3], b[3])
            side = max(a[0], b[0]) - min(a[2], b[2])
            # As _split: no gutter between them across, and down the page a gap narrower than between
            # modules (text and a box holding no text are one piece only where they overlap).
            # A paragraph's short last line (号) beside the next one's indent, both starting within the
            # indent of each other, is of one column even where the indent leaves a gutter's width between them.
            indented = isinstance(a[4], TextLine) and isinstance(b[4], TextLine) and abs(a[0] - b[0]) <= 2.5 * body
            if (side < gap_v or indented) and down < (gap_h if (a[4] is None) == (b[4] is None) else 0.0):
                sets.union(i, j)
    spans: dict[int, list[float]] = {}
    for i in range(n):
        x0, top, x1, bottom = items[i][:4]
        box = spans.setdefault(sets.find(i), [x0, top, x1, bottom])
        box[:] = [min(box[0], x0), min(box[1], top), max(box[2], x1), max(box[3], bottom)]

    def under(r):
        """The piece right above piece r, overlapping it across."""
        x0, top, x1, _ = spans[r]
        above = [(top - b[3], q) for q, b in spans.items() if q != r and b[0] < x1 and x0 < b[2] and b[3] <= top]
        return min(above)[1] if above else None

    heads = {r: under(r) for r in spans}
    # What a piece hangs under: the piece above it and the one above that (a column under a caption
    # narrower than its photo, beside one under the photo itself).
    above = {r: {heads[r], heads.get(heads[r])} - {None} for r in spans}
    for a in spans:
        for b in spans:
            # (Side by side: a gutter apart, and gutters run up to three ems wide.)
            if (above[a] & above[b] and abs(spans[a][1] - spans[b][1]) < 0.5 * body
                    and 0 <= spans[b][0] - spans[a][2] < 4 * gap_v):
                sets.union(b, a)
    # A headline centred over a module's columns may overlap only the middle one: a column with nothing
    # over it, level with a column under a headline and beside it, toward which the headline reaches out
    # past that column's edge, is under that headline too.
    display = set(spans)
    for i, b in enumerate(items):
        if not (isinstance(b[4], TextLine) and b[4].role == "display"):
            display.discard(sets.find(i))
    for a in spans:
        for b in spans:
            h = heads[b]
            if heads[a] is not None or h not in display or abs(spans[a][1] - spans[b][1]) >= 0.5 * body:
                continue
            left = 0 <= spans[b][0] - spans[a][2] < 4 * gap_v and spans[h][0] < spans[b][0] - 0.5 * body
            right = 0 <= spans[a][0] - spans[b][2] < 4 * gap_v and spans[h][2] > spans[b][2] + 0.5 * body
            if left or right:
                sets.union(a, b)
    pieces: dict[int, list] = {}
    for i in range(n):
        pieces.setdefault(sets.find(i), []).append(items[i])
    if len(pieces) == 1:
        return [items]
    boxes = [(min(b[0] for b in p), min(b[1] for b in p), max(b[2] for b in p), max(b[3] for b in p), p)
             for p in pieces.values()]

    def before(a, b):
        if across(a, b):
            return a[1] < b[1]
        if a[2] > b[0]:
            return False  # a is right of b
        lo, hi = sorted((a[1], b[1]))
        return not any(lo < c[1] < hi and across(c, a) and across(c, b) for c in boxes if c is not a and c is not b)

    order, left = [], sorted(boxes, key=lambda b: (b[1], b[0]))
    while left:  # n pieces, each pass takes one: bounded
        free = [b for b in left if not any(before(o, b) for o in left if o is not b)]
        take = free[0] if free else left[0]  # a cycle (pieces overlapping oddly): the highest first
        order.append(take[4])
        left.remove(take)
    return order


def _ruled_bands(items, rules, slack: float):
    """Bands cut at rules drawn across the whole of the items' width: a rule closes a module (a column of
    one module above it and of another below it are not one column, even where the gutters line up)."""
    x0, x1 = min(b[0] for b in items), max(b[2] for b in items)
    cuts = sorted({y for rx0, y, rx1 in rules if rx0 <= x0 + slack and rx1 >= x1 - slack
                   and any(b[3] <= y for b in items) and any(b[1] >= y for b in items)
                   and not any(b[1] < y < b[3] for b in items)})
    if not cuts:
        return [items]
    bands = [[b for b in items if lo <= b[1] < hi] for lo, hi in zip([float("-inf"), *cuts], [*cuts, float("inf")])]
    return [band for band in bands if band]


def _bands(items, gap_h: float, gap_v: float, pitch: float):
    """Horizontal bands; but a band of headlines only is no band of its own when it and the band under it
    stand in columns: two modules side by side whose headlines end at one height are cut at their gutter
    (each headline over its body), not across both. Nor is a gap between a caption and the body text
    right under it, inside its width: that is inside a module (a photo's caption over its text)."""
    out = []
    for band in _split(items, 1, gap_h):
        if out and _caption_over_text(out[-1], band, 2 * pitch):
            out[-1] = out[-1] + band
            continue
        # Modules side by side (photo stories: headline, photo, caption, text): one module's text under its
        # caption may start lower than the gap under the module beside it; it goes up with its caption.
        if out:
            moved = _text_under_captions(out[-1], band, gap_h, gap_v, 2 * pitch)
            if moved:
                out[-1] = out[-1] + moved
                band = [b for b in band if not any(b is m for m in moved)]
                if not band:
                    continue
        # A headline standing alone in its column of the band above (beside another module) also stays
        # over its body: the bands are read as one where one gutter runs through both.
        parts = _split(out[-1], 0, gap_v) if out else []
        headlines = any(all(isinstance(b[4], TextLine) and b[4].role == "display" for b in part) for part in parts)
        # Headlines side by side over different columns are never read as one band either: each stays
        # with what is under it, even where no gutter runs through both bands (modules set like bricks).
        side_by_side = len(parts) > 1 and all(isinstance(b[4], TextLine) and b[4].role == "display" for b in out[-1])
        if headlines and (side_by_side or len(_split(out[-1] + band, 0, gap_v)) > 1):
            out[-1] = out[-1] + band
        else:
            out.append(band)
    return out


def _text_under_captions(upper, lower, gap_h: float, gap_v: float, near: float) -> list:
    """Where the upper band stands in columns (modules side by side) and one of them ends in a caption,
    the body text right under that caption in the lower band, within that column's width (as far down as
    it runs without a gap between modules), is that module's: the items to move up. Nothing where that
    text has anything beside it in the column's width or is not all body text."""
    parts = _split(upper, 0, gap_v)
    if len(parts) < 2:
        return []
    moved = []
    for part in parts:
        x0, x1, bottom = min(b[0] for b in part), max(b[2] for b in part), max(b[3] for b in part)
        last = [b for b in part if b[3] == bottom]
        if not all(isinstance(b[4], TextLine) and b[4].role == "caption" for b in last):
            continue
        inside = [b for b in lower if b[0] < x1 and x0 < b[2]]
        if not inside:
            continue
        top = _split(inside, 1, gap_h)[0]
        if (top[0][1] - bottom >= near
                or not all(isinstance(b[4], TextLine) and b[4].role == "body" for b in top)
                or not all(x0 - 1 <= b[0] and b[2] <= x1 + 1 for b in top)):
            continue
        moved += top
    return moved


def _caption_over_text(upper, lower, near: float) -> bool:
    """Whether a caption line is the last of the upper band in its width and body text the first of the
    lower band there, within `near` of it."""
    def text(b, role):
        return isinstance(b[4], TextLine) and b[4].role == role

    for c in upper:
        if not text(c, "caption") or any(o[1] > c[1] and o[0] < c[2] and c[0] < o[2] for o in upper):
            continue
        under = [o for o in lower if o[0] < c[2] and c[0] < o[2]]
        if under:
            first = min(under, key=lambda o: o[1])
            if text(first, "body") and first[1] - c[3] < near and c[0] - 1 <= first[0] and first[2] <= c[2] + 1:
                return True
    return False


def _split(items, axis: int, gap: float):
    """Items in groups separated by empty strips at least `gap` wide along one axis (0: x, 1: y). Down the
    page, a photo or box with no text in it starting under all the text before it parts them by any
    strip where the text after it starts that gap lower (a box set close under a column's last line
    closes it as a wider gap would, not where another column's lines run on beside it); and text
    starting under a box parts from it."""
    lo, hi = (0, 2) if axis == 0 else (1, 3)
    items = sorted(items, key=lambda b: b[lo])
    # The top of the first text at or after each item (a box holds none).
    next_text = [float("inf")] * (len(items) + 1)
    for k in range(len(items) - 1, -1, -1):
        next_text[k] = items[k][lo] if items[k][4] is not None else next_text[k + 1]
    groups, end = [], None
    for k, b in enumerate(items):
        cut = end is not None and b[lo] - end >= gap
        if not cut and end is not None and axis == 1 and b[lo] > end:
            boxes = all(o[4] is None for o in groups[-1])
            if b[4] is None and not boxes:
                cut = next_text[k] - end >= gap
            elif b[4] is not None and boxes:
                cut = True
        if cut or not groups:
            groups.append([b])
        else:
            groups[-1].append(b)
        end = b[hi] if end is None or len(groups[-1]) == 1 else max(end, b[hi])
    return groups


def _body_pitch(lines: list[TextLine], body: float) -> float:
    """The distance from one body line's baseline to the next in a column: the page's leading. The next
    line is the nearest body line below that overlaps it across (not the next of the same indent: where
    paragraphs are short, lines of one indent are often two apart)."""
    body_lines = sorted((ln for ln in lines if ln.role == "body"), key=lambda ln: ln.top)
    steps = Counter()
    for i, a in enumerate(body_lines):
        for b in body_lines[i + 1 :]:
            d = b.top - a.top
            if d >= 3 * body:
                break
            if d > 0.5 * body and b.x0 < a.x1 and a.x0 < b.x1:
                steps[round(d, 1)] += 1
                break
    return steps.most_common(1)[0][0] if steps else 1.45 * body


def _subheads(lines: list[TextLine], body: float, s: dict) -> None:
    """Display lines in the body's type size that run on in a body's flow (the leaf of the body line before
    them, one line's pitch under it, within its column) are subheads of that body, not the next headline:
    a headline is set apart from the text before it by more than the leading, a subhead is not."""
    pitch = _body_pitch(lines, body)
    columns: dict[int, tuple[float, float]] = {}  # each leaf's body column: left and right edge
    for ln in lines:
        if ln.role == "body":
            x0, x1 = columns.get(ln.block, (ln.x0, ln.x1))
            columns[ln.block] = (min(x0, ln.x0), max(x1, ln.x1))
    for prev, ln in zip(lines, lines[1:]):
        if ln.role != "display" or not _same_size(ln.size, body):
            continue
        left, right = columns.get(ln.block, (ln.x1, ln.x0))
        in_flow = (prev.role in ("body", "subhead") and prev.block == ln.block
                   and 0 < ln.top - prev.top <= s["subhead_step"] * pitch
                   and left - 0.5 <= ln.x0 and ln.x1 <= right + 0.5)
        # A subhead wrapped from the foot of one column to the head of the next.
        wrapped = prev.role == "subhead" and prev.block != ln.block and ln.bold == prev.bold
        if in_flow or wrapped:
            ln.role = "subhead"
    for prev, ln, nxt in zip([None, *lines], lines, [*lines[1:], None]):
        # A section head (第一章 总则) in the text: a line alone in its type (not the wrapped end of a longer
        # one), a little larger than the body's, centred in its column, after text (not under a headline).
        left, right = columns.get(ln.block, (ln.x1, ln.x0))
        alone = not any(o is not None and o.size == ln.size for o in (prev, nxt))
        if ln.role == "body" and alone and prev is not None and prev.role == "body" \
                and ln.size >= s["section_head"] * body and ln.x0 - left >= ln.size \
                and abs((ln.x0 - left) - (right - ln.x1)) <= 0.5 * ln.size:
            ln.role, ln.why = "subhead", "centred in its column, in type a little larger than the body"


# --- the page's text ----------------------------------------------------------------------------------

def _write_text(lines: list[TextLine], body: float, s: dict) -> str:
    """One line of text per line of type, a blank line where a block ends (another leaf of the cut,
    another kind of type, or a gap): as a reading-order extractor writes a page. Numbers each line."""
    out: list[str] = []
    prev = None
    for ln in lines:
        if prev is not None and _new_block(prev, ln, body):
            out.append("")
        out.append(ln.text)
        ln.line_no = len(out)
        prev = ln
    return "\n".join(out) + "\n"


def _new_block(a: TextLine, b: TextLine, body: float) -> bool:
    if (a.role == b.role == "display" and a.size == b.size and a.bold == b.bold and a.x0 < b.x1 and b.x0 < a.x1
            and 0 < b.top - a.top <= 1.6 * a.size):
        return False  # a headline's next line at the headline's leading (the cut may part it at a body's gap)
    if a.block != b.block or a.role != b.role or not _same_size(a.size, b.size) or a.bold != b.bold:
        return True
    return b.top - a.bottom > 1.0 * body or b.top < a.top
