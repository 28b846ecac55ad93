"""The manifest beside the pages: file, paper, publication date, page number, source.

A PDF's pages are listed one row each, with `pdf_page` (1 = the PDF's first page), or by one row for the
whole file without it: then every page shares the row, and `page_no`, if given, is the first page's
number, the others counting up (an issue's 版 1–8 in one file)."""
from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .errors import BuildError

FIELDS = ["file", "paper", "published", "page_no", "source", "content_year", "note", "pdf_page"]
UNKNOWN = {"", "unknown", "未知"}


@dataclass(frozen=True)
class Entry:
    file: str
    paper: str | None
    published: date | None
    page_no: int | None
    source: str | None
    content_year: int | None
    note: str | None
    listed: bool = True
    pdf_page: int | None = None  # the page in a PDF file (1 = first); None for a text page or a whole PDF


def read_manifest(path: Path) -> dict[str, Entry]:
    """Entries by file name. Errors name the manifest line and the field."""
    if not path.exists():
        return {}
    entries: dict[str, Entry] = {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in ("file", "published") if c not in (reader.fieldnames or [])]
        if missing:
            raise BuildError(path, 1, f"manifest lacks column(s) {', '.join(missing)}; expected {','.join(FIELDS)}")
        for row in reader:
            line = reader.line_num
            file = (row.get("file") or "").strip()
            if not file:
                raise BuildError(path, line, "field 'file' is empty")
            pdf_page = _int(row.get("pdf_page"), path, line, "pdf_page")
            if pdf_page is not None and (not file.lower().endswith(".pdf") or pdf_page < 1):
                raise BuildError(path, line, f"field 'pdf_page' is for a page (1, 2, …) of a PDF file: {file}, {pdf_page}")
            key = file if pdf_page is None else pdf_key(file, pdf_page)
            if key in entries:
                raise BuildError(path, line, f"duplicate entry for {key}")
            entries[key] = Entry(
                file=key,
                paper=_text(row.get("paper")),
                published=_date(row.get("published"), path, line),
                page_no=_int(row.get("page_no"), path, line, "page_no"),
                source=_text(row.get("source")),
                content_year=_int(row.get("content_year"), path, line, "content_year"),
                note=_text(row.get("note")),
                pdf_page=pdf_page,
            )
    return entries


def pdf_key(file: str, number: int) -> str:
    """A PDF page's name: x.pdf#page=N, the PDF open parameter every viewer understands."""
    return f"{file}#page={number}"


def pdf_entry(entries: dict[str, Entry], file: str, number: int, count: int) -> Entry:
    """The entry of page `number` of a PDF of `count` pages: its own row, else the whole file's row
    (page_no counting up from the file's first page), else unlisted."""
    name = file if count == 1 else pdf_key(file, number)
    own = entries.get(pdf_key(file, number))
    if own is not None:
        return replace(own, file=name)
    whole = entries.get(file)
    if whole is not None:
        page_no = whole.page_no + number - 1 if whole.page_no is not None else None
        return replace(whole, file=name, page_no=page_no, pdf_page=number)
    return replace(unlisted(name), pdf_page=number)


def _text(value):
    value = (value or "").strip()
    return None if value.lower() in UNKNOWN else value


def _date(value, path, line):
    value = (value or "").strip()
    if value.lower() in UNKNOWN:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BuildError(path, line, f"field 'published' is not a date (YYYY-MM-DD) or 'unknown': {value!r}") from None


def _int(value, path, line, field):
    value = (value or "").strip()
    if value.lower() in UNKNOWN:
        return None
    if not value.isdigit():
        raise BuildError(path, line, f"field '{field}' is not a whole number: {value!r}")
    return int(value)


def unlisted(file: str) -> Entry:
    return Entry(file, None, None, None, None, None, "not in the manifest", listed=False)
