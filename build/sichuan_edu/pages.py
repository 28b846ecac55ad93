"""Page files: bytes -> decoded text -> numbered lines."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import BuildError


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the page file
    text: str  # the line as decoded, without its line ending


ENCODINGS = ("utf-8-sig", "gb18030")
# Tabs, no-break, ideographic and zero-width spaces are spaces to the layout, not text (one for one,
# so that column numbers still point into the file's own lines).
_SPACES = str.maketrans({"\t": " ", "\u00a0": " ", "\u3000": " ", "\u2002": " ", "\u2003": " ", "\u200b": " "})
_NEWLINE = re.compile(r"\r\n|\r|\n")


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Decode a page, trying UTF-8 (with or without BOM) then GB18030; return (text, encoding)."""
    if not data.strip():
        raise BuildError(file, None, "page file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BuildError(file, 1, "UTF-16 text is not supported: save the page as UTF-8 or GB18030")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise BuildError(file, line, "not a text file (NUL byte)")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    # Name the first line that fails as UTF-8, since that is what users usually meant to write.
    bad = _first_bad_line(data)
    raise BuildError(file, bad, "not UTF-8 or GB18030 text")


def _first_bad_line(data: bytes) -> int:
    for no, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return no
    return 1


def split_lines(text: str) -> list[Line]:
    """Number every line of the page (CRLF, CR and LF all end a line)."""
    return [Line(no, part) for no, part in enumerate(_NEWLINE.split(text.translate(_SPACES)), start=1)]
