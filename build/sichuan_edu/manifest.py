"""The manifest beside the pages: file, paper, publication date, page number, source."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import BuildError

FIELDS = ["file", "paper", "published", "page_no", "source", "content_year", "note"]
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
            if file in entries:
                raise BuildError(path, line, f"duplicate entry for {file}")
            entries[file] = Entry(
                file=file,
                paper=_text(row.get("paper")),
                published=_date(row.get("published"), path, line),
                page_no=_int(row.get("page_no"), path, line, "page_no"),
                source=_text(row.get("source")),
                content_year=_int(row.get("content_year"), path, line, "content_year"),
                note=_text(row.get("note")),
            )
    return entries


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
